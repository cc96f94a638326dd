#pragma once
// Where each statement of a program comes from. Most statements are plain facts, and a
// knowledge base of a million facts should load as its file's bytes and an offset a
// statement, not as millions of records and strings.

#include "support/span.hpp"

#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sinew::ir {

using OriginId = std::uint32_t;

struct Citation {
  std::uint32_t source = 0xffffffffu;  // index into Program::sources; none: a quote on its own
  std::string quote;
  friend bool operator==(const Citation&, const Citation&) = default;
};

// What an author wrote about a statement besides the statement itself. A plain fact has
// none of it, so it lives apart from the position.
struct Remarks {
  std::string rule_name;  // empty when the rule is not named
  std::vector<Citation> citations;
  std::vector<std::string> notes;
  std::vector<std::string> assumptions;  // non-empty: the author's reading, not the source's words

  bool empty() const {
    return rule_name.empty() && citations.empty() && notes.empty() && assumptions.empty();
  }
  friend bool operator==(const Remarks&, const Remarks&) = default;
};

// A statement of the source text (a rule, a fact, an edge, a declaration), as the front
// end describes it to `Origins::add`.
struct Origin {
  std::string file;  // as given on the command line
  std::uint32_t line = 0, column = 0;
  Span span;         // valid only in the session that parsed the file
  std::string text;  // the statement as written, for explanations
  Remarks remarks;
};

// An origin as `Origins` holds it. The views point into the table, so they are valid
// while the table lives and is not added to.
struct OriginView {
  std::string_view rule_name;
  std::string_view file;
  std::uint32_t line = 0, column = 0;
  Span span;
  std::span<const Citation> citations;
  std::span<const std::string> notes;
  std::span<const std::string> assumptions;
  std::string_view text;
};

// Every statement's origin, kept in the encoding of the compiled file's source map
// (src/format/README.md): a name, a file index, line, column, citations, notes,
// assumptions and text, as LEB128 numbers and length-prefixed strings, back to back. A
// loaded program keeps the bytes of the file it was read from and an offset for each
// statement, so a million statements are not a million records and strings to build.
// Remarks are also kept decoded, apart, for the few statements that have them.
class Origins {
 public:
  OriginId add(const Origin& origin);

  // The loader's way in. `store` holds each statement's encoding at its offset, already
  // checked; `files` are the file names the encodings index; `remarks` are the decoded
  // remarks of the statements in `with_remarks` (increasing).
  static Origins adopt(std::string store, std::vector<std::uint64_t> offsets,
                       std::vector<std::string> files, std::vector<OriginId> with_remarks,
                       std::vector<Remarks> remarks);

  OriginView operator[](OriginId id) const;
  std::size_t size() const { return offsets_.size(); }
  bool empty() const { return offsets_.empty(); }

  // The file names that the statements' file indexes refer to.
  const std::vector<std::string>& files() const { return files_; }
  // A statement as it is encoded, for the writer to copy.
  std::string_view encoded(OriginId id) const;
  // The remarks of every statement that has some, in statement order.
  const std::vector<Remarks>& remarks() const { return remarks_; }
  // A saved query is parsed again in a later session: its span becomes that parse's.
  void set_span(OriginId id, Span span);

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = OriginView;
    using difference_type = std::ptrdiff_t;
    iterator(const Origins* table, OriginId id) : table_(table), id_(id) {}
    OriginView operator*() const { return (*table_)[id_]; }
    iterator& operator++() {
      ++id_;
      return *this;
    }
    bool operator==(const iterator& other) const { return id_ == other.id_; }

   private:
    const Origins* table_;
    OriginId id_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, static_cast<OriginId>(offsets_.size())}; }

 private:
  std::uint32_t add_file(std::string_view name);

  std::string store_;                   // the encodings, at offsets_ (a loaded file's bytes)
  std::vector<std::uint64_t> offsets_;  // by OriginId
  std::vector<std::string> files_;
  std::vector<Span> spans_;             // by OriginId; shorter when the last have none
  std::vector<OriginId> with_remarks_;  // increasing: the statements that have remarks
  std::vector<Remarks> remarks_;        // theirs, in the same order
};

}  // namespace sinew::ir
