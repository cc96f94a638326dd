#pragma once
// The values of a case: one JSON number or string turned into the value of an input's
// column, or the message that refuses it (a name where a number goes, a finding the
// knowledge base does not know, a number out of range), and the words for what a column
// takes. Apart from the reading of the document's shape (case_shape.cpp): these know
// types and kinds, not where a value stands.

#include "cases/case_input.hpp"
#include "ir/program.hpp"
#include "support/symbol_table.hpp"
#include <sinew/support/result.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sinew::cases {

// One column of a case input, as a value for it is read.
struct CaseColumn {
  const ir::Program& program;
  const ir::Column& declared;
  const std::vector<bool>& accepted;      // by symbol, what it accepts; empty: any symbol
  const std::vector<std::string>& names;  // what it accepts, for "did you mean"
  const std::string& key;                 // the input's key in the case
  bool absent = false;                    // under "absent"
};

// `"chest_pain"`, escaped as in JSON, for messages.
std::string json_quoted(const std::string& text);

// Where a value stands, to begin a message: `` `has` ``, `` `has` (under "absent")``.
std::string where_in_case(const std::string& key, bool absent);

// What one value of the column is, in words: `a whole number of 0 or more`, `the name
// of a finding in quotes`.
std::string accepted_in_words(const CaseColumn& column);

// The column's value for a JSON string (`shown` as written), a whole number, a whole
// number too large for a signed one, and a number JSON reads as floating point (with a
// fraction or an exponent, or too large for any whole number; `text` as written).
Result<ir::Value> text_value(const CaseColumn& column, const std::string& text,
                             const std::string& shown, SymbolTable& symbols);
Result<ir::Value> integer_value(const CaseColumn& column, std::int64_t n);
Result<ir::Value> large_integer_value(const CaseColumn& column, std::uint64_t n);
Result<ir::Value> float_value(const CaseColumn& column, double n, const std::string& text);

// The value itself, refused when it falls outside the column's declared range.
Result<ir::Value> within_range(const CaseColumn& column, ir::Value value, const std::string& shown);

// A value given by a program, as a case file would write it: `"chest_pain"`, `4`, `2.5`
// (a number JSON cannot hold as `nan` or `inf`).
std::string shown_as_json(const GivenValue& value);
// The column's value for a value given by a program, checked as the same value in a case
// file is (range included), with the same messages; `shown` as shown_as_json writes it.
Result<ir::Value> given_value(const CaseColumn& column, const GivenValue& value,
                              const std::string& shown, SymbolTable& symbols);

}  // namespace sinew::cases
