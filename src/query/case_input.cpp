#include <sinew/query/case_input.hpp>

#include <sinew/support/similar.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <limits>

namespace sinew::query {

namespace {

using Json = nlohmann::json;

constexpr const char* object_expected =
    "a case is a JSON object whose keys are the knowledge base's inputs, such as "
    "{\"has\": [\"muscle_spasm\"]}";

bool kind_is_a(const ir::Program& program, std::uint32_t kind, std::uint32_t ancestor) {
  if (kind == ancestor) return true;
  for (std::uint32_t parent : program.kinds[kind].parents) {
    if (kind_is_a(program, parent, ancestor)) return true;
  }
  return false;
}

// `"chest_pain"` or `4`, for messages.
std::string shown(const std::string& text) { return fmt::format("\"{}\"", text); }

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
}

// Builds the facts of a case from the parser's events, checking as it goes.
class CaseHandler : public nlohmann::json_sax<Json> {
 public:
  CaseHandler(const CaseReader& reader, SymbolTable& symbols, CaseFacts& facts)
      : reader_(reader), program_(reader.program_), symbols_(symbols), facts_(facts) {}

  std::string error;

  bool start_object(std::size_t) override {
    if (place_ == Place::start) {
      place_ = Place::root;
      return true;
    }
    if (place_ == Place::value && key_ == "absent" && !absent_) {
      place_ = Place::absent;
      absent_ = true;
      seen_absent_.clear();
      return true;
    }
    return fail(fmt::format("{}: a value here cannot be an object", where()));
  }

  bool end_object() override {
    if (place_ == Place::absent) {
      place_ = Place::root;
      absent_ = false;
      return true;
    }
    place_ = Place::done;
    return true;
  }

  bool key(std::string& key) override {
    std::vector<std::string>& seen = place_ == Place::absent ? seen_absent_ : seen_root_;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return fail(fmt::format("`{}` appears twice{}; give each input once", key,
                              place_ == Place::absent ? " under \"absent\"" : ""));
    }
    seen.push_back(key);
    key_ = key;
    if (place_ == Place::root && key == "absent") {
      place_ = Place::value;
      return true;
    }
    relation_ = ir::none;
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
    return_to_ = place_;
    place_ = Place::value;
    return true;
  }

  bool start_array(std::size_t) override {
    if (place_ == Place::start) return fail(object_expected);
    if (place_ == Place::value && relation_ != ir::none) {
      place_ = Place::list;
      return true;
    }
    if (place_ == Place::list && arity() > 1) {
      place_ = Place::tuple;
      column_ = 0;
      first_ = static_cast<std::uint32_t>(facts_.values.size());
      return true;
    }
    return fail(fmt::format("{}: a list here holds {}", where(),
                            arity() > 1 ? fmt::format("arrays of {} values", arity())
                                        : std::string("plain values, not lists")));
  }

  bool end_array() override {
    if (place_ == Place::tuple) {
      if (column_ != arity()) {
        return fail(fmt::format("{}: each item is an array of {} values, this one has {}", where(),
                                arity(), column_));
      }
      facts_.entries.push_back({relation_, absent_, first_});
      place_ = Place::list;
      return true;
    }
    place_ = return_to_;
    return true;
  }

  bool string(std::string& text) override {
    return value([&](const ir::ColumnType& type, std::size_t column) -> std::optional<ir::Value> {
      if (type.base != ir::BaseType::symbol) {
        fail(fmt::format("{} takes {}, not the text {}", where(), number_word(type), shown(text)));
        return std::nullopt;
      }
      return symbol(text, column);
    });
  }
  bool number_integer(std::int64_t n) override { return integer(static_cast<std::int64_t>(n), true); }
  bool number_unsigned(std::uint64_t n) override {
    if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return integer(static_cast<std::int64_t>(n), true);
    }
    return value([&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
      if (type.base == ir::BaseType::unsigned_number) return n;
      if (type.base == ir::BaseType::floating) return std::bit_cast<ir::Value>(static_cast<double>(n));
      fail(fmt::format("{}: {} is out of range (the largest number is {})", where(), n,
                       std::numeric_limits<std::int64_t>::max()));
      return std::nullopt;
    });
  }
  bool number_float(double n, const std::string& text) override {
    return value([&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
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
  bool boolean(bool b) override {
    return fail(fmt::format("{} cannot be {}", where(), b ? "true" : "false"));
  }
  bool null() override { return fail(fmt::format("{} cannot be null", where())); }
  bool binary(binary_t&) override { return fail("the case holds binary data"); }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& e) override {
    std::string detail = e.what();
    // "[json.exception.parse_error.101] parse error at ...: syntax error while parsing
    // value - invalid literal; last read: 'x'": keep what comes after the dash.
    if (auto dash = detail.find(" - "); dash != std::string::npos) detail = detail.substr(dash + 3);
    if (auto last = detail.find("; last read"); last != std::string::npos) detail.resize(last);
    // Name the input being read, when there is one, so the writer of the case can find it.
    bool in_value = place_ == Place::value || place_ == Place::list || place_ == Place::tuple;
    std::string in_key = in_value ? fmt::format(", in `{}`", key_) : std::string();
    if (detail.find("number overflow") != std::string::npos) {
      fail(fmt::format("{}: {} is out of range (too large for any number)", where(), last_token));
    } else if (detail.find("UTF-8") != std::string::npos) {
      fail(fmt::format("the case is not valid UTF-8 text (byte {}{}); save it as UTF-8", position,
                       in_key));
    } else {
      fail(fmt::format("the case is not valid JSON (at character {}{}): {}", position, in_key,
                       detail));
    }
    return false;
  }

  bool finished() const { return place_ == Place::done; }

 private:
  enum class Place { start, root, absent, value, list, tuple, done };

  std::size_t arity() const {
    return relation_ == ir::none ? 0 : program_.relations[relation_].arity();
  }

  std::string where() const {
    if (relation_ == ir::none) {
      return place_ == Place::start ? std::string("the case") : fmt::format("`{}`", key_);
    }
    return fmt::format("`{}`{}", key_, absent_ ? " (under \"absent\")" : "");
  }

  static std::string number_word(const ir::ColumnType& type) {
    return type.base == ir::BaseType::floating ? "a number" : "a whole number";
  }

  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  bool integer(std::int64_t n, bool) {
    return value([&](const ir::ColumnType& type, std::size_t) -> std::optional<ir::Value> {
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

  // Places one value in the current column, and the fact when it is complete.
  template <typename Convert>
  bool value(Convert convert) {
    if (place_ == Place::start || place_ == Place::root) return fail(object_expected);
    if (relation_ == ir::none) return fail(fmt::format("{} takes an object of inputs", where()));
    bool single = place_ == Place::value || (place_ == Place::list && arity() == 1);
    if (place_ == Place::list && arity() > 1) {
      return fail(fmt::format("{}: each item is an array of {} values", where(), arity()));
    }
    if (place_ == Place::value && arity() > 1) {
      return fail(fmt::format("{} takes a list of arrays of {} values", where(), arity()));
    }
    std::size_t column = single ? 0 : column_;
    if (!single && column >= arity()) {
      return fail(fmt::format("{}: each item is an array of {} values", where(), arity()));
    }
    if (single) first_ = static_cast<std::uint32_t>(facts_.values.size());
    auto converted = convert(program_.relations[relation_].columns[column].type, column);
    if (!converted) return false;
    facts_.values.push_back(*converted);
    if (single) {
      facts_.entries.push_back({relation_, absent_, first_});
      if (place_ == Place::value) place_ = return_to_;
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
      message = fmt::format("{}: {} is a {}, not a {}", where(), shown(text),
                            program_.kinds[entity->kinds.front()].name, what);
    } else {
      message = fmt::format("{}: {} is not a known {}", where(), shown(text), what);
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
  Place place_ = Place::start;
  Place return_to_ = Place::root;
  bool absent_ = false;
  std::string key_;
  ir::RelationId relation_ = ir::none;
  std::size_t column_ = 0;
  std::uint32_t first_ = 0;
  std::vector<std::string> seen_root_, seen_absent_;
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
  if (!handler.finished()) return Error{object_expected};
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
