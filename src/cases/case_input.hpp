#pragma once
// Cases as JSON: one object whose keys are the knowledge base's `input` relations.
//
//   {"has": ["muscle_spasm", "chest_pain"], "duration_days": 4,
//    "absent": {"has": ["numbness"]}}
//
// A unary relation takes a list of values (or one value); a relation of several columns
// takes a list of arrays. A finding is present (listed), documented absent (listed under
// "absent"), or unknown (not mentioned). Unknown keys, unknown entities, entities of the
// wrong kind, values of the wrong type or of the wrong shape (a list where an object
// goes, an object where a list goes), numbers out of range and duplicate keys are
// refused with a message that names the key and the value; nothing is guessed. So are
// a fact listed both as present and as absent, and a number outside its column's range
// (`input duration_days(n: number in 0..)`).
//
// A case given by a program as facts (`GivenCase`) is read the same way, with the same
// checks and messages, without being written as JSON first.

#include "cases/case_refusal.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"
#include <sinew/support/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sinew::cases {

// The facts of one case, flat so that a reader reused across cases does not allocate.
struct CaseFacts {
  struct Entry {
    ir::RelationId relation = ir::none;  // an input relation
    bool absent = false;                 // documented absent, not present
    std::uint32_t first = 0;             // its values: values[first, first + arity)
  };
  std::vector<Entry> entries;
  std::vector<ir::Value> values;

  void clear() {
    entries.clear();
    values.clear();
  }
  std::span<const ir::Value> tuple(const ir::Program& program, const Entry& entry) const {
    return {values.data() + entry.first, program.relations[entry.relation].arity()};
  }
};

// A value of a fact given by a program: a name, a whole number, a whole number too large
// for a signed one, or a number (the same type as the API's `sinew::Value`).
using GivenValue = std::variant<std::string, std::int64_t, std::uint64_t, double>;

// A fact given by a program: the input's name and its values. Views: the caller keeps
// what they point to while the case is read.
struct GivenFact {
  std::string_view relation;
  std::span<const GivenValue> values;
};

struct GivenCase {
  std::vector<GivenFact> present;
  std::vector<GivenFact> absent;
};

// Reads cases for one program. What each column accepts is worked out once, here.
class CaseReader {
 public:
  explicit CaseReader(const ir::Program& program);

  // Reads one case into `facts` (cleared first; left empty when the case is refused).
  // Symbols of plain `symbol` columns that the program does not know are interned into
  // `symbols`. nullopt when the case is read, otherwise why it is refused.
  std::optional<CaseRefusal> read(std::string_view json, SymbolTable& symbols,
                                  CaseFacts& facts) const;
  // The same for a case given as facts. Its facts are read as the case file that lists
  // each input once would be: by input, in the order the inputs first appear, present
  // before absent. A fact with the wrong number of values is refused before any value
  // is read.
  std::optional<CaseRefusal> read(const GivenCase& given, SymbolTable& symbols,
                                  CaseFacts& facts) const;

  const ir::Program& program() const { return program_; }

 private:
  friend class CaseHandler;
  // The input named `key`, or none.
  ir::RelationId input_named(std::string_view key) const;
  // Why `key` is refused: not an input of the knowledge base (and the nearest that is).
  CaseRefusal not_an_input(const std::string& key) const;
  std::optional<CaseRefusal> read_given(std::span<const GivenFact> facts, bool absent,
                                        SymbolTable& symbols, CaseFacts& out) const;
  std::optional<CaseRefusal> contradiction(const CaseFacts& facts,
                                           const SymbolTable& symbols) const;

  const ir::Program& program_;
  std::vector<ir::RelationId> inputs_;  // sorted by name
  // By relation and column: the symbols a kind- or scale-typed column accepts (empty
  // when any symbol will do).
  std::vector<std::vector<std::vector<bool>>> accepted_;
  std::vector<std::vector<std::vector<std::string>>> names_;  // for "did you mean"
  std::string example_;  // a small case of this knowledge base, for messages
};

// One case's present facts (convenience for explanations and tests).
Result<std::vector<ir::Fact>> read_case(const ir::Program& program, SymbolTable& symbols,
                                        std::string_view json);

}  // namespace sinew::cases
