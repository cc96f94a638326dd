#pragma once
// The statements an answer cites, rendered as JSON once per knowledge base: each rule's
// `{"rule", "file", "line"}`, each distinct citation, note and assumption, each
// source's disclaimer. An answer then copies bytes instead of escaping the same long
// quotes case after case.

#include "case_basis.hpp"

#include "ir/program.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sinew::cases {

class CaseStatements {
 public:
  explicit CaseStatements(const ir::Program& program);

  // Which items an answer has written; one per session (the statements are shared).
  struct Marks {
    std::vector<std::uint32_t> citations, notes, assumptions;
    std::uint32_t answer = 0;
  };
  Marks marks() const;

  // Appends the "rules", "case_facts" (rendered by the caller), "citations", "notes",
  // "assumptions" and "disclaimers" fields of one explanation, each preceded by a
  // comma: what `basis` met, in the order it met them, each item once.
  void append(std::string& out, const CaseBasis& basis, std::string_view case_facts,
              Marks& marks) const;

 private:
  struct OriginItems {
    std::vector<std::uint32_t> citations, notes, assumptions;
    std::vector<std::uint32_t> sources;  // of its citations
  };
  using Items = std::vector<std::uint32_t> OriginItems::*;
  void append_items(std::string& out, const char* field, const std::vector<std::string>& json,
                    Items items, const CaseBasis& basis, std::vector<std::uint32_t>& marks,
                    std::uint32_t answer) const;

  std::vector<std::string> rules_;    // by rule id
  std::vector<OriginItems> origins_;  // by origin id
  // Rendered once each, numbered in the order the origins list them.
  std::vector<std::string> citations_, notes_, assumptions_;
  std::vector<std::string> disclaimers_;  // by source id; empty when it has none
};

}  // namespace sinew::cases
