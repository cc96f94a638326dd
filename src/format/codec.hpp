#pragma once
// The sections of a compiled file, each to and from bytes. Decoding checks the shape
// of what it reads (counts against the bytes left, enumerations, nesting, the indexes
// it needs to go on reading); src/format/validate.cpp then checks that the pieces fit
// together.

#include "format/binary.hpp"
#include "format/container.hpp"

#include "format/compiled.hpp"
#include "ir/program.hpp"

#include <string>
#include <vector>

namespace sinew::format {

// Expressions and aggregates may nest this deep (the parser stops at 200).
inline constexpr std::size_t max_nesting = 512;

// ---- rules and the pieces of queries (rule_codec.cpp) ------------------------------

void write_expr(Writer& out, const ir::Expr& expr);
void write_literals(Writer& out, const std::vector<ir::Literal>& literals);
void write_column_type(Writer& out, const ir::ColumnType& type);
void write_rule(Writer& out, const ir::Rule& rule);

class RuleReader {
 public:
  // `arities` by RelationId: atoms are read with as many arguments as their relation has.
  RuleReader(Reader& in, const std::vector<std::size_t>& arities) : in_(in), arities_(arities) {}

  ir::Expr expr(std::size_t depth = 0);
  std::vector<ir::Literal> literals(std::size_t depth = 0);
  ir::ColumnType column_type();
  ir::Rule rule();

 private:
  ir::Literal literal(std::size_t depth);
  ir::AtomRef atom();
  ir::Ordering ordering();

  Reader& in_;
  const std::vector<std::size_t>& arities_;
};

// ---- the sections (sections_write.cpp, sections_read.cpp) --------------------------

// Whether a column of `relation` declares a range (flag 64 in the relations section).
inline bool has_column_ranges(const ir::Relation& relation) {
  for (const ir::Column& column : relation.columns) {
    if (!column.range.empty()) return true;
  }
  return false;
}

std::vector<std::pair<SectionId, std::string>> write_sections(const ir::Program& program,
                                                              const Metadata& metadata,
                                                              const Derived* derived);

// Fills `out` from the sections of `container`; an error names the section. `file`, when
// given, holds the bytes the container views, and the program may take them over.
Result<void> read_sections(const Container& container, Compiled& out, std::string* file = nullptr);

}  // namespace sinew::format
