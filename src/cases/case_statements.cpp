#include "case_statements.hpp"

#include "json_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sinew::cases {

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// The number of an item, numbering it when it is new.
template <typename Key>
std::uint32_t number(std::map<Key, std::uint32_t>& numbers, const Key& key,
                     std::vector<std::string>& json, std::string rendered) {
  auto [it, inserted] = numbers.emplace(key, static_cast<std::uint32_t>(json.size()));
  if (inserted) json.push_back(std::move(rendered));
  return it->second;
}

}  // namespace

CaseStatements::CaseStatements(const ir::Program& program) {
  for (const ir::Rule& rule : program.rules) {
    ir::OriginView origin = program.origins[rule.origin];
    rules_.push_back(fmt::format("{{\"rule\":{},\"file\":{},\"line\":{}}}",
                                 json_string(origin.rule_name), json_string(origin.file),
                                 origin.line));
  }
  std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> citation_numbers;
  std::map<std::string, std::uint32_t> note_numbers, assumption_numbers;
  for (ir::OriginView origin : program.origins) {
    OriginItems items;
    for (const ir::Citation& citation : origin.citations) {
      items.citations.push_back(number(citation_numbers, std::pair{citation.source, citation.quote},
                                       citations_,
                                       fmt::format("{{\"source\":{},\"quote\":{}}}",
                                                   json_string(program.sources[citation.source].id),
                                                   json_string(citation.quote))));
      items.sources.push_back(citation.source);
    }
    for (const std::string& note : origin.notes) {
      items.notes.push_back(number(note_numbers, note, notes_, json_string(note)));
    }
    for (const std::string& assumption : origin.assumptions) {
      items.assumptions.push_back(
          number(assumption_numbers, assumption, assumptions_, json_string(assumption)));
    }
    origins_.push_back(std::move(items));
  }
  for (const ir::Source& source : program.sources) {
    disclaimers_.push_back(source.disclaimer.empty() ? std::string()
                                                     : json_string(source.disclaimer));
  }
}

CaseStatements::Marks CaseStatements::marks() const {
  Marks marks;
  marks.citations.assign(citations_.size(), 0);
  marks.notes.assign(notes_.size(), 0);
  marks.assumptions.assign(assumptions_.size(), 0);
  return marks;
}

void CaseStatements::append_items(std::string& out, const char* field,
                                  const std::vector<std::string>& json, Items items,
                                  const CaseBasis& basis, std::vector<std::uint32_t>& marks,
                                  std::uint32_t answer) const {
  fmt::format_to(std::back_inserter(out), ",\"{}\":[", field);
  bool first = true;
  for (ir::OriginId origin : basis.origins) {
    for (std::uint32_t item : origins_[origin].*items) {
      if (marks[item] == answer) continue;
      marks[item] = answer;
      if (!first) out += ',';
      first = false;
      out += json[item];
    }
  }
  out += ']';
}

void CaseStatements::append(std::string& out, const CaseBasis& basis, std::string_view case_facts,
                            Marks& marks) const {
  std::uint32_t answer = ++marks.answer;
  out += ",\"rules\":[";
  for (std::size_t i = 0; i < basis.rules.size(); ++i) {
    if (i) out += ',';
    out += rules_[basis.rules[i]];
  }
  out += "],\"case_facts\":";
  out += case_facts;
  append_items(out, "citations", citations_, &OriginItems::citations, basis, marks.citations,
               answer);
  append_items(out, "notes", notes_, &OriginItems::notes, basis, marks.notes, answer);
  append_items(out, "assumptions", assumptions_, &OriginItems::assumptions, basis,
               marks.assumptions, answer);
  // The disclaimers of the sources cited, in the order the sources are declared.
  out += ",\"disclaimers\":[";
  bool first = true;
  for (std::uint32_t source = 0; source < disclaimers_.size(); ++source) {
    if (disclaimers_[source].empty()) continue;
    bool cited = false;
    for (ir::OriginId origin : basis.origins) {
      const auto& sources = origins_[origin].sources;
      cited = cited || std::find(sources.begin(), sources.end(), source) != sources.end();
    }
    if (!cited) continue;
    if (!first) out += ',';
    first = false;
    out += disclaimers_[source];
  }
  out += ']';
}

}  // namespace sinew::cases
