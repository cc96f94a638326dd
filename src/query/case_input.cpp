#include <sinew/query/case_input.hpp>

#include <sinew/ir/printer.hpp>
#include <sinew/support/similar.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace sinew::query {

namespace {

using Json = nlohmann::json;

// The longest part of a refused value a message shows; a longer one ends in "...".
constexpr std::size_t shown_limit = 60;

bool kind_is_a(const ir::Program& program, std::uint32_t kind, std::uint32_t ancestor) {
  if (kind == ancestor) return true;
  for (std::uint32_t parent : program.kinds[kind].parents) {
    if (kind_is_a(program, parent, ancestor)) return true;
  }
  return false;
}

// `"chest_pain"`, escaped as in JSON, for messages.
std::string json_quoted(const std::string& text) {
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

CaseReader::CaseReader(const ir::Program& program) : program_(program) {
  accepted_.resize(program.relations.size());
  names_.resize(program.relations.size());
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (!relation.case_input) continue;
    inputs_.push_back(r);
    accepted_[r].resize(relation.arity());
    names_[r].resize(relation.arity());
    for (std::size_t c = 0; c < relation.arity(); ++c) {
      const ir::ColumnType& type = relation.columns[c].type;
      std::vector<bool>& accepted = accepted_[r][c];
      auto accept = [&](SymbolId symbol) {
        if (accepted.size() <= symbol) accepted.resize(program.symbols.size(), false);
        accepted[symbol] = true;
        names_[r][c].emplace_back(program.symbols.text(symbol));
      };
      if (type.scale != ir::none) {
        for (SymbolId level : program.scales[type.scale].levels) accept(level);
        continue;
      }
      std::uint32_t kind = ir::none;
      for (std::uint32_t k = 0; k < program.kinds.size(); ++k) {
        if (program.kinds[k].name == type.name) kind = k;
      }
      if (kind == ir::none) continue;
      for (const ir::Entity& entity : program.entities) {
        if (std::any_of(entity.kinds.begin(), entity.kinds.end(),
                        [&](std::uint32_t k) { return kind_is_a(program, k, kind); })) {
          accept(entity.id);
        }
      }
      if (accepted.empty()) accepted.resize(1, false);  // a kind without entities accepts nothing
    }
  }
  std::sort(inputs_.begin(), inputs_.end(), [&](ir::RelationId a, ir::RelationId b) {
    return program.relations[a].name < program.relations[b].name;
  });
  // An example for messages, from this knowledge base: its first input of one column
  // that names things (`{"has": ["..."]}`).
  example_ = "{}";
  for (ir::RelationId r : inputs_) {
    if (program.relations[r].arity() == 1 && !names_[r][0].empty()) {
      example_ = fmt::format("{{{}: [\"...\"]}}", json_quoted(program.relations[r].name));
      break;
    }
  }
}

// Builds the facts of a case from the parser's events, checking as it goes.
//
// The shape of a case, checked by the kind of value each event begins:
//   case      = { input: value, ..., "absent": { input: value, ... } }
//   value     = item | [item, ...]                  (an input of one column)
//             | [[v1, ..., vn], ...]                (an input of n columns)
// What a value is for is worked out from the frames open around it, never from the key
// before it, so a value of the wrong shape is refused the same way wherever it stands.
// A refused value is read to its end (up to `shown_limit` characters) to be shown.
class CaseHandler : public nlohmann::json_sax<Json> {
 public:
  CaseHandler(const CaseReader& reader, SymbolTable& symbols, CaseFacts& facts)
      : reader_(reader), program_(reader.program_), symbols_(symbols), facts_(facts) {}

  std::string error;

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
                              under_absent ? " under \"absent\"" : ""));
    }
    seen.push_back(key);
    key_ = key;
    relation_ = ir::none;
    awaiting_ = true;
    if (key == "absent") {
      if (!under_absent) return true;
      return fail(
          "`absent` cannot stand under \"absent\"; list the inputs found absent directly, "
          "such as \"absent\": " + reader_.example_);
    }
    for (ir::RelationId r : reader_.inputs_) {
      if (program_.relations[r].name == key) relation_ = r;
    }
    if (relation_ == ir::none) {
      std::vector<std::string> names;
      for (ir::RelationId r : reader_.inputs_) names.push_back(program_.relations[r].name);
      std::string message = fmt::format("`{}` is not an input of this knowledge base", key);
      std::string hint = did_you_mean(key, names);
      if (!hint.empty()) {
        message += "; " + hint;
      } else if (!names.empty()) {
        message += fmt::format("; its inputs are {}", fmt::join(names, ", "));
      }
      return fail(message);
    }
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
                                arity(), column_));
      }
      facts_.entries.push_back({relation_, absent_, first_});
    }
    return true;
  }

  bool string(std::string& text) override {
    std::string shown = json_quoted(text);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const ir::ColumnType& type, std::size_t column) -> std::optional<ir::Value> {
      if (type.base != ir::BaseType::symbol) {
        fail(fmt::format("{} takes {}, not the text {}", where(), number_word(type), shown));
        return std::nullopt;
      }
      return symbol(text, column);
    });
  }
  bool number_integer(std::int64_t n) override { return integer(n); }
  bool number_unsigned(std::uint64_t n) override {
    if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return integer(static_cast<std::int64_t>(n));
    }
    std::string shown = std::to_string(n);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
      if (type.base == ir::BaseType::unsigned_number) return n;
      if (type.base == ir::BaseType::floating) return std::bit_cast<ir::Value>(static_cast<double>(n));
      if (type.base == ir::BaseType::symbol) {
        fail(fmt::format("{} takes names in quotes, not the number {}", where(), n));
      } else {
        fail(fmt::format("{}: {} is out of range (the largest number is {})", where(), n,
                         std::numeric_limits<std::int64_t>::max()));
      }
      return std::nullopt;
    });
  }
  bool number_float(double n, const std::string& text) override {
    if (capturing_) return capture_scalar(text);
    return value(text, [&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
      if (type.base == ir::BaseType::floating) return std::bit_cast<ir::Value>(n);
      bool whole = text.find_first_of(".eE") == std::string::npos;
      if (type.base == ir::BaseType::symbol) {
        fail(fmt::format("{} takes names in quotes, not the number {}", where(), text));
      } else if (whole) {
        fail(fmt::format("{}: {} is out of range (the largest number is {})", where(), text,
                         std::numeric_limits<std::int64_t>::max()));
      } else {
        fail(fmt::format("{} takes a whole number, not {}", where(), text));
      }
      return std::nullopt;
    });
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
      truncated_ = true;
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
                       awaiting_ ? where() : std::string("the case"), last_token));
    } else if (detail.find("UTF-8") != std::string::npos) {
      fail(fmt::format("the case is not valid UTF-8 text (byte {}{}); save it as UTF-8", position,
                       in_key));
    } else {
      fail(fmt::format("the case is not valid JSON (at character {}{}): {}", position, in_key,
                       detail));
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

  std::string where() const {
    return fmt::format("`{}`{}", key_, absent_ ? " (under \"absent\")" : "");
  }

  static std::string number_word(const ir::ColumnType& type) {
    return type.base == ir::BaseType::floating ? "a number" : "a whole number";
  }

  // What one value of `column` of the current input is, in words.
  std::string item_word(std::size_t column) const {
    const ir::Column& declared = program_.relations[relation_].columns[column];
    const ir::ColumnType& type = declared.type;
    std::string range = declared.range.empty()
                            ? std::string()
                            : " " + ir::range_in_words(program_, declared);
    switch (type.base) {
      case ir::BaseType::number: return "a whole number" + range;
      case ir::BaseType::unsigned_number:
        return range.empty() ? "a whole number of zero or more" : "a whole number" + range;
      case ir::BaseType::floating: return "a number" + range;
      case ir::BaseType::symbol: break;
    }
    if (type.scale != ir::none) return fmt::format("a level of `{}` in quotes", type.name);
    if (reader_.accepted_[relation_][column].empty()) return "a name in quotes";
    return fmt::format("the name of {} {} in quotes", article(type.name), type.name);
  }

  static const char* article(const std::string& noun) {
    return !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos
               ? "an"
               : "a";
  }

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

  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  // ---- a value of the wrong shape: read it to its end to show it -------------------

  bool refuse_shape(const std::string& text, bool opens) {
    shape_message_ = expectation();
    capturing_ = true;
    append(text);
    if (!opens) return finish_capture();
    capture_firsts_.assign(1, true);
    return true;
  }
  bool capture_open(const char* bracket) {
    separate();
    append(bracket);
    capture_firsts_.push_back(true);
    return true;
  }
  bool capture_close(const char* bracket) {
    append(bracket);
    capture_firsts_.pop_back();
    return capture_firsts_.empty() ? finish_capture() : true;
  }
  bool capture_key(const std::string& key) {
    separate();
    append(json_quoted(key));
    append(": ");
    after_key_ = true;
    return true;
  }
  bool capture_scalar(const std::string& text) {
    separate();
    append(text);
    return true;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!capture_firsts_.empty()) {
      if (!capture_firsts_.back()) append(", ");
      capture_firsts_.back() = false;
    }
  }
  void append(std::string_view text) {
    if (truncated_) return;
    if (captured_.size() + text.size() <= shown_limit) {
      captured_ += text;
      return;
    }
    std::size_t cut = shown_limit - captured_.size();
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8
    captured_ += text.substr(0, cut);
    truncated_ = true;
  }
  bool finish_capture() {
    return fail(fmt::format("{}, not {}{}", shape_message_, captured_, truncated_ ? "..." : ""));
  }

  // ---- values ----------------------------------------------------------------------

  bool integer(std::int64_t n) {
    std::string shown = std::to_string(n);
    if (capturing_) return capture_scalar(shown);
    return value(shown, [&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
      switch (type.base) {
        case ir::BaseType::number: return static_cast<ir::Value>(n);
        case ir::BaseType::unsigned_number:
          if (n < 0) {
            fail(fmt::format("{} takes a whole number of zero or more, not {}", where(), n));
            return std::nullopt;
          }
          return static_cast<ir::Value>(n);
        case ir::BaseType::floating: return std::bit_cast<ir::Value>(static_cast<double>(n));
        case ir::BaseType::symbol: break;
      }
      fail(fmt::format("{} takes names in quotes, not the number {}", where(), n));
      return std::nullopt;
    });
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
    const ir::Column& declared = program_.relations[relation_].columns[column];
    auto converted = convert(declared.type, column);
    if (!converted) return false;
    if (!declared.range.contains(declared.type.base, *converted)) {
      return fail(fmt::format("{} takes {}, not {} (its declared range is {})", where(),
                              item_word(column), shown, ir::print_range(program_, declared)));
    }
    facts_.values.push_back(*converted);
    if (single) {
      facts_.entries.push_back({relation_, absent_, first_});
      if (now == Target::input) awaiting_ = false;
    } else {
      ++column_;
    }
    return true;
  }

  std::optional<ir::Value> symbol(const std::string& text, std::size_t column) {
    const std::vector<bool>& accepted = reader_.accepted_[relation_][column];
    const ir::ColumnType& type = program_.relations[relation_].columns[column].type;
    if (accepted.empty()) return symbols_.intern(text);  // any symbol will do
    auto found = symbols_.find(text);
    if (found && *found < accepted.size() && accepted[*found]) return *found;
    std::string what = type.scale != ir::none ? fmt::format("level of `{}`", type.name)
                                              : fmt::format("{}", type.name);
    std::string message;
    const ir::Entity* entity = nullptr;
    if (found) {
      for (const ir::Entity& e : program_.entities) {
        if (e.id == *found) entity = &e;
      }
    }
    if (entity && !entity->kinds.empty()) {
      message = fmt::format("{}: {} is a {}, not a {}", where(), json_quoted(text),
                            program_.kinds[entity->kinds.front()].name, what);
    } else {
      message = fmt::format("{}: {} is not a known {}", where(), json_quoted(text), what);
      std::string hint = did_you_mean(text, reader_.names_[relation_][column]);
      if (!hint.empty()) message += "; " + hint;
    }
    fail(message);
    return std::nullopt;
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
  bool truncated_ = false;
  bool after_key_ = false;
  std::string shape_message_, captured_;
  std::vector<bool> capture_firsts_;  // by open container: nothing written in it yet
};

Result<void> CaseReader::read(std::string_view json, SymbolTable& symbols, CaseFacts& facts) const {
  facts.clear();
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error{"the case is empty; a case is a JSON object such as {\"has\": [\"muscle_spasm\"]}"};
  }
  CaseHandler handler(*this, symbols, facts);
  bool ok = Json::sax_parse(json.begin(), json.end(), &handler, nlohmann::json::input_format_t::json,
                            true);
  if (!ok || !handler.error.empty()) {
    facts.clear();
    return Error{handler.error.empty() ? "the case is not valid JSON" : handler.error};
  }
  if (!handler.finished()) return Error{"the case is not a complete JSON object"};
  if (auto clash = contradiction(facts, symbols); !clash.empty()) {
    facts.clear();
    return Error{std::move(clash)};
  }
  return {};
}

// A fact both present and documented absent: the first such present fact, in the
// order the case lists them (so the message does not depend on where "absent" stands).
std::string CaseReader::contradiction(const CaseFacts& facts, const SymbolTable& symbols) const {
  std::vector<std::size_t> absent;  // entries, sorted by relation and values
  for (std::size_t e = 0; e < facts.entries.size(); ++e) {
    if (facts.entries[e].absent) absent.push_back(e);
  }
  if (absent.empty()) return {};
  auto key = [&](std::size_t e) {
    return std::pair(facts.entries[e].relation, facts.tuple(program_, facts.entries[e]));
  };
  auto less = [&](std::size_t a, std::size_t b) {
    auto [ra, ta] = key(a);
    auto [rb, tb] = key(b);
    if (ra != rb) return ra < rb;
    return std::lexicographical_compare(ta.begin(), ta.end(), tb.begin(), tb.end());
  };
  std::sort(absent.begin(), absent.end(), less);
  for (std::size_t e = 0; e < facts.entries.size(); ++e) {
    if (facts.entries[e].absent) continue;
    auto found = std::lower_bound(absent.begin(), absent.end(), e, less);
    if (found == absent.end() || less(e, *found)) continue;
    const ir::Relation& relation = program_.relations[facts.entries[e].relation];
    auto tuple = facts.tuple(program_, facts.entries[e]);
    std::vector<std::string> values;
    for (std::size_t c = 0; c < tuple.size(); ++c) {
      bool name = relation.columns[c].type.base == ir::BaseType::symbol;
      values.push_back(name ? json_quoted(std::string(symbols.text(static_cast<SymbolId>(tuple[c]))))
                            : ir::print_value(program_, relation.columns[c].type, tuple[c]));
    }
    std::string shown = values.size() == 1 ? values[0]
                                           : fmt::format("[{}]", fmt::join(values, ", "));
    return fmt::format(
        "`{}` lists {} as present, and \"absent\" lists it as absent; it cannot be both: "
        "keep it in the one that is true",
        relation.name, shown);
  }
  return {};
}

Result<std::vector<ir::Fact>> read_case(const ir::Program& program, SymbolTable& symbols,
                                        std::string_view json) {
  CaseReader reader(program);
  CaseFacts facts;
  if (auto read = reader.read(json, symbols, facts); !read) return read.error();
  std::vector<ir::Fact> out;
  for (const CaseFacts::Entry& entry : facts.entries) {
    if (entry.absent) continue;
    auto tuple = facts.tuple(program, entry);
    out.push_back(ir::Fact{entry.relation, {tuple.begin(), tuple.end()}, ir::none});
  }
  return out;
}

}  // namespace sinew::query
