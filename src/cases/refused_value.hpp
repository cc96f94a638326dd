#pragma once
// A value of the wrong shape in a case, written back as JSON while the parser reads it
// to its end, so that the message refusing it can show it: `not {"a": [1, 2]}`. Only
// the first `shown_limit` characters are kept (whole UTF-8 characters), then "...".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::cases {

class RefusedValue {
 public:
  // The longest part of a refused value a message shows.
  static constexpr std::size_t shown_limit = 60;

  // Its first event: a scalar as written, or the bracket that opens it. True when the
  // value has ended with it (a scalar).
  bool begin(std::string_view text, bool opens);
  // The events inside it, as written (a key already quoted). `close` is true when the
  // bracket closes the value itself.
  void open(std::string_view bracket);
  bool close(std::string_view bracket);
  void key(std::string_view quoted);
  void scalar(std::string_view text);
  // The parser stopped inside it: what there is is shown, as cut short.
  void cut_short() { truncated_ = true; }

  // As shown: `[1, 2]`, or `{"a": [1, 2, 3, ...` when cut short.
  std::string text() const { return truncated_ ? captured_ + "..." : captured_; }

 private:
  void separate();
  void append(std::string_view text);

  std::string captured_;
  bool truncated_ = false;
  bool after_key_ = false;
  std::vector<bool> firsts_;  // by open container: nothing written in it yet
};

}  // namespace sinew::cases
