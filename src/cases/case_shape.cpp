// Reading a case's JSON document (case_input.hpp): the parser's events followed through
// the shape of a case (objects, lists, arrays, keys), each value placed in the fact it
// belongs to. Apart from case_values.cpp, which turns one value into a column's value,
// and from case_input.cpp, which works out what each column accepts.

#include "cases/case_input.hpp"

#include "case_values.hpp"
#include "refused_value.hpp"

#include "ir/printer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace sinew::cases {

namespace {

using Json = nlohmann::json;

}  // namespace

// Builds the facts of a case from the parser's events, checking as it goes.
//
// The shape of a case, checked by the kind of value each event begins:
//   case      = { input: value, ..., "absent": { input: value, ... } }
//   value     = item | [item, ...]                  (an input of one column)
//             | [[v1, ..., vn], ...]                (an input of n columns)
// What a value is for is worked out from the frames open around it, never from the key
// before it, so a value of the wrong shape is refused the same way wherever it stands.
// A refused value is read to its end (refused_value.hpp) to be shown.
class CaseHandler : public nlohmann::json_sax<Json> {
 public:
  CaseHandler(const CaseReader& reader, SymbolTable& symbols, CaseFacts& facts)
      : reader_(reader), program_(reader.program_), symbols_(symbols), facts_(facts) {}

  std::optional<CaseRefusal> refusal;  // the first mistake found

  bool start_object(std::size_t) override {
    if (capturing_) return capture_open("{");
    switch (target()) {
      case Target::case_root: push(Frame::root); return true;
      case Target::absent_object:
        push(Frame::absent);
        absent_ = true;
        return true;
      default: return refuse_shape("{", true);
    }
  }

  bool end_object() override {
    if (capturing_) return capture_close("}");
    if (pop() == Frame::absent) {
      absent_ = false;
      awaiting_ = false;
    }
    if (depth_ == 0) finished_ = true;
    return true;
  }

  bool key(std::string& key) override {
    if (capturing_) return capture_key(key);
    bool under_absent = frames_[depth_ - 1] == Frame::absent;
    std::vector<std::string>& seen = under_absent ? seen_absent_ : seen_root_;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return fail(fmt::format("`{}` appears twice{}; give each input once", key,
                              under_absent ? " under \"absent\"" : ""),
                  key);
    }
    seen.push_back(key);
    key_ = key;
    relation_ = ir::none;
    awaiting_ = true;
    if (key == "absent") {
      if (!under_absent) return true;
      return fail(
          "`absent` cannot stand under \"absent\"; list the inputs found absent directly, "
          "such as \"absent\": " +
              reader_.example_,
          key);
    }
    relation_ = reader_.input_named(key);
    if (relation_ == ir::none) return fail(reader_.not_an_input(key));
    return true;
  }

  bool start_array(std::size_t) override {
    if (capturing_) return capture_open("[");
    Target now = target();
    if (now == Target::input) {
      push(Frame::list);
      return true;
    }
    if (now == Target::list_item && arity() > 1) {
      push(Frame::tuple);
      column_ = 0;
      first_ = static_cast<std::uint32_t>(facts_.values.size());
      return true;
    }
    return refuse_shape("[", true);
  }

  bool end_array() override {
    if (capturing_) return capture_close("]");
    Frame closed = pop();
    if (closed == Frame::list) awaiting_ = false;
    if (closed == Frame::tuple) {
      if (column_ != arity()) {
        return fail(fmt::format("{}: each item is an array of {} values, this one has {}", where(),
                                arity(), column_),
                    key_);
      }
      facts_.entries.push_back({relation_, absent_, first_});
    }
    return true;
  }

  bool string(std::string& text) override {
    std::string shown = json_quoted(text);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const CaseColumn& column) {
      return text_value(column, text, shown, symbols_);
    });
  }
  bool number_integer(std::int64_t n) override { return integer(n); }
  bool number_unsigned(std::uint64_t n) override {
    if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return integer(static_cast<std::int64_t>(n));
    }
    std::string shown = std::to_string(n);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const CaseColumn& column) { return large_integer_value(column, n); });
  }
  bool number_float(double n, const std::string& text) override {
    if (capturing_) return capture_scalar(text);
    return value(text, [&](const CaseColumn& column) { return float_value(column, n, text); });
  }
  // Never the value of an input: refused as a value of the wrong shape.
  bool boolean(bool b) override {
    std::string shown = b ? "true" : "false";
    return capturing_ ? capture_scalar(shown) : refuse_shape(shown, false);
  }
  bool null() override { return capturing_ ? capture_scalar("null") : refuse_shape("null", false); }
  bool binary(binary_t&) override { return fail("the case holds binary data"); }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& e) override {
    if (capturing_) {  // the refused value is cut short by the error; show what there is
      refused_.cut_short();
      return finish_capture();
    }
    std::string detail = e.what();
    // "[json.exception.parse_error.101] parse error at ...: syntax error while parsing
    // value - invalid literal; last read: 'x'": keep what comes after the dash.
    if (auto dash = detail.find(" - "); dash != std::string::npos) detail = detail.substr(dash + 3);
    if (auto last = detail.find("; last read"); last != std::string::npos) detail.resize(last);
    // Name the input being read, when there is one, so the writer of the case can find it.
    std::string in_key = awaiting_ ? fmt::format(", in `{}`", key_) : std::string();
    if (detail.find("number overflow") != std::string::npos) {
      fail(fmt::format("{}: {} is out of range (too large for any number)",
                       awaiting_ ? where() : std::string("the case"), last_token),
           awaiting_ ? key_ : std::string(), last_token);
    } else if (detail.find("UTF-8") != std::string::npos) {
      fail(fmt::format("the case is not valid UTF-8 text (byte {}{}); save it as UTF-8", position,
                       in_key),
           awaiting_ ? key_ : std::string());
    } else {
      fail(fmt::format("the case is not valid JSON (at character {}{}): {}", position, in_key,
                       detail),
           awaiting_ ? key_ : std::string());
    }
    return false;
  }

  bool finished() const { return finished_; }

 private:
  // The containers open around the event being read, outermost first.
  enum class Frame : std::uint8_t { root, absent, list, tuple };
  // What the value that begins at an event is for.
  enum class Target { case_root, absent_object, input, list_item, tuple_item };

  Target target() const {
    if (depth_ == 0) return Target::case_root;
    switch (frames_[depth_ - 1]) {
      case Frame::list: return Target::list_item;
      case Frame::tuple: return Target::tuple_item;
      case Frame::root:
      case Frame::absent: break;
    }
    // The value of a key: `absent` is the only key without a relation (an unknown key
    // has been refused already).
    return relation_ == ir::none ? Target::absent_object : Target::input;
  }

  void push(Frame frame) { frames_[depth_++] = frame; }  // the shape allows 4 deep
  Frame pop() { return frames_[--depth_]; }

  std::size_t arity() const {
    return relation_ == ir::none ? 0 : program_.relations[relation_].arity();
  }

  std::string where() const { return where_in_case(key_, absent_); }

  // `column` of the current input, for case_values.hpp.
  CaseColumn column_at(std::size_t column) const {
    return CaseColumn{program_,
                      program_.relations[relation_].columns[column],
                      reader_.accepted_[relation_][column],
                      reader_.names_[relation_][column],
                      key_,
                      absent_};
  }

  // What one value of `column` of the current input is, in words.
  std::string item_word(std::size_t column) const { return accepted_in_words(column_at(column)); }

  // What the value that begins now must be, as the start of a message.
  std::string expectation() const {
    switch (target()) {
      case Target::case_root:
        return fmt::format(
            "the case must be a JSON object whose keys are the knowledge base's inputs (such "
            "as {})",
            reader_.example_);
      case Target::absent_object:
        return fmt::format(
            "`absent` must be an object of the inputs found absent, written like the case "
            "itself (such as \"absent\": {})",
            reader_.example_);
      case Target::input:
        if (arity() == 1) {
          return fmt::format("{} must be {}, or a list of them", where(), item_word(0));
        }
        return fmt::format("{} must be a list of arrays of {} values", where(), arity());
      case Target::list_item:
        if (arity() == 1) return fmt::format("each item of {} must be {}", where(), item_word(0));
        return fmt::format("each item of {} must be an array of {} values", where(), arity());
      case Target::tuple_item:
        if (column_ >= arity()) {
          return fmt::format("each item of {} must be an array of {} values", where(), arity());
        }
        return fmt::format("value {} of each item of {} must be {}", column_ + 1, where(),
                           item_word(column_));
    }
    return {};
  }

  // Keeps the first mistake: `key` and `value` as CaseRefusal names them.
  bool fail(std::string message, std::string key = {}, std::string value = {}) {
    return fail(CaseRefusal{
        .message = std::move(message), .key = std::move(key), .value = std::move(value)});
  }
  bool fail(CaseRefusal mistake) {
    if (!refusal) refusal = std::move(mistake);
    return false;
  }

  // ---- a value of the wrong shape: read it to its end to show it -------------------

  bool refuse_shape(const std::string& text, bool opens) {
    shape_message_ = expectation();
    capturing_ = true;
    return refused_.begin(text, opens) ? finish_capture() : true;
  }
  bool capture_open(const char* bracket) {
    refused_.open(bracket);
    return true;
  }
  bool capture_close(const char* bracket) {
    return refused_.close(bracket) ? finish_capture() : true;
  }
  bool capture_key(const std::string& key) {
    refused_.key(json_quoted(key));
    return true;
  }
  bool capture_scalar(const std::string& text) {
    refused_.scalar(text);
    return true;
  }
  bool finish_capture() {
    // The value of a key, or the case itself (no key).
    return fail(fmt::format("{}, not {}", shape_message_, refused_.text()),
                depth_ == 0 ? std::string() : key_, refused_.text());
  }

  // ---- values ----------------------------------------------------------------------

  bool integer(std::int64_t n) {
    std::string shown = std::to_string(n);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const CaseColumn& column) { return integer_value(column, n); });
  }

  // Places one plain value (`shown` as written) in the current column, and the fact
  // when it is complete; a value where none belongs is refused as the wrong shape.
  template <typename Convert>
  bool value(const std::string& shown, Convert convert) {
    Target now = target();
    bool single = false;
    std::size_t column = 0;
    if ((now == Target::input || now == Target::list_item) && arity() == 1) {
      single = true;
    } else if (now == Target::tuple_item && column_ < arity()) {
      column = column_;
    } else {
      return refuse_shape(shown, false);
    }
    if (single) first_ = static_cast<std::uint32_t>(facts_.values.size());
    auto converted = convert(column_at(column));
    if (converted) converted = within_range(column_at(column), *converted, shown);
    if (!converted) return fail(converted.error().message, key_, shown);
    facts_.values.push_back(*converted);
    if (single) {
      facts_.entries.push_back({relation_, absent_, first_});
      if (now == Target::input) awaiting_ = false;
    } else {
      ++column_;
    }
    return true;
  }

  const CaseReader& reader_;
  const ir::Program& program_;
  SymbolTable& symbols_;
  CaseFacts& facts_;
  std::array<Frame, 4> frames_{};
  std::size_t depth_ = 0;
  bool finished_ = false;
  bool absent_ = false;    // inside the "absent" object
  bool awaiting_ = false;  // a key has been read and its value is not complete
  std::string key_;
  ir::RelationId relation_ = ir::none;  // the input of `key_`; none for "absent"
  std::size_t column_ = 0;
  std::uint32_t first_ = 0;
  std::vector<std::string> seen_root_, seen_absent_;
  // A value of the wrong shape being read to be shown.
  bool capturing_ = false;
  std::string shape_message_;
  RefusedValue refused_;
};

std::optional<CaseRefusal> CaseReader::read(std::string_view json, SymbolTable& symbols,
                                            CaseFacts& facts) const {
  facts.clear();
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return CaseRefusal{
        .message =
            "the case is empty; a case is a JSON object such as {\"has\": [\"muscle_spasm\"]}"};
  }
  CaseHandler handler(*this, symbols, facts);
  bool ok = Json::sax_parse(json.begin(), json.end(), &handler,
                            nlohmann::json::input_format_t::json, true);
  if (!ok || handler.refusal) {
    facts.clear();
    if (handler.refusal) return std::move(handler.refusal);
    return CaseRefusal{.message = "the case is not valid JSON"};
  }
  if (!handler.finished()) return CaseRefusal{.message = "the case is not a complete JSON object"};
  if (auto clash = contradiction(facts, symbols)) {
    facts.clear();
    return clash;
  }
  return std::nullopt;
}

}  // namespace sinew::cases
