// Proofs as text (for a clinician), JSON (for tools) and Graphviz (for a picture).

#include "explain/explain.hpp"

#include "engine/value.hpp"
#include "support/quoting.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <set>

namespace sinew::explain {

namespace {

using Json = nlohmann::ordered_json;

std::string_view how(ProofStep::Kind kind) {
  switch (kind) {
    case ProofStep::Kind::derived: return "derived";
    case ProofStep::Kind::fact: return "fact";
    case ProofStep::Kind::input: return "input";
    case ProofStep::Kind::loaded: return "loaded";
    case ProofStep::Kind::absent: return "absent";
    case ProofStep::Kind::condition: return "condition";
    case ProofStep::Kind::aggregate: return "aggregate";
    case ProofStep::Kind::note: return "note";
  }
  return "fact";
}

// The sources a proof cites, in the order of the program's sources.
void add_cited_sources(const ir::Program& program, const ProofStep& step, std::size_t depth,
                       std::set<std::uint32_t>& sources) {
  if (depth > max_rendered_depth) return;
  if (step.origin != ir::none) {
    for (const ir::Citation& citation : program.origins[step.origin].citations) {
      sources.insert(citation.source);
    }
  }
  for (const ProofStep& premise : step.premises)
    add_cited_sources(program, premise, depth + 1, sources);
}

std::set<std::uint32_t> cited_sources(const ir::Program& program, const ProofStep& step) {
  std::set<std::uint32_t> sources;
  add_cited_sources(program, step, 0, sources);
  return sources;
}

void text_origin(std::string& out, const ir::Program& program, ir::OriginId id,
                 const std::string& indent) {
  ir::OriginView origin = program.origins[id];
  for (const ir::Citation& citation : origin.citations) {
    out += fmt::format("{}source {}: \"{}\"\n", indent, program.sources[citation.source].id,
                       citation.quote);
  }
  for (const std::string& note : origin.notes) out += fmt::format("{}note: {}\n", indent, note);
  for (const std::string& assumption : origin.assumptions) {
    out += fmt::format("{}assumption (the author's reading, not the source's words): {}\n", indent,
                       assumption);
  }
}

std::string location(const ir::OriginView& origin) {
  return fmt::format("{}:{}:{}", origin.file, origin.line, origin.column);
}

void text_step(std::string& out, const ir::Program& program, const ProofStep& step,
               std::size_t depth) {
  if (depth > max_rendered_depth) return;
  std::string indent(depth * 2, ' ');
  std::string bullet = depth == 0 ? "" : "- ";
  std::string inner = indent + std::string(bullet.size(), ' ') + "  ";
  switch (step.kind) {
    case ProofStep::Kind::derived: {
      ir::OriginView origin = program.origins[step.origin];
      out += fmt::format("{}{}{}\n", indent, bullet, step.text);
      std::string rule = origin.rule_name.empty() ? "a rule"
                                                  : "rule " + std::string(origin.rule_name);
      out += fmt::format("{}by {}, {}\n", inner, rule, location(origin));
      text_origin(out, program, step.origin, inner + "  ");
      if (!step.bindings.empty()) {
        std::vector<std::string> parts;
        for (const auto& [name, value] : step.bindings) parts.push_back(name + " = " + value);
        out += fmt::format("{}  with {}\n", inner, fmt::join(parts, ", "));
      }
      break;
    }
    case ProofStep::Kind::fact:
      if (step.origin != ir::none) {
        out += fmt::format("{}{}{}: stated at {}\n", indent, bullet, step.text,
                           location(program.origins[step.origin]));
        text_origin(out, program, step.origin, inner);
      } else {
        out += fmt::format("{}{}{}: stated in the knowledge base\n", indent, bullet, step.text);
      }
      break;
    case ProofStep::Kind::input:
      out += fmt::format("{}{}{}: given by the case\n", indent, bullet, step.text);
      break;
    case ProofStep::Kind::loaded:
      out += fmt::format("{}{}{}: read from the facts file `{}`\n", indent, bullet, step.text,
                         program.relations[step.relation].facts_file);
      break;
    case ProofStep::Kind::absent:
      out += fmt::format("{}{}no {}: not given and not derived\n", indent, bullet, step.text);
      break;
    case ProofStep::Kind::condition:
      out += fmt::format("{}{}{}: holds\n", indent, bullet, step.text);
      break;
    case ProofStep::Kind::aggregate:
    case ProofStep::Kind::note: out += fmt::format("{}{}{}\n", indent, bullet, step.text); break;
  }
  for (const ProofStep& premise : step.premises) text_step(out, program, premise, depth + 1);
}

Json json_origin(const ir::Program& program, ir::OriginId id) {
  ir::OriginView origin = program.origins[id];
  Json json = Json::object();
  if (!origin.rule_name.empty()) json["rule"] = origin.rule_name;
  json["file"] = origin.file;
  json["line"] = origin.line;
  json["column"] = origin.column;
  Json citations = Json::array();
  for (const ir::Citation& citation : origin.citations) {
    citations.push_back(
        {{"source", program.sources[citation.source].id}, {"quote", citation.quote}});
  }
  json["citations"] = citations;
  json["notes"] = std::vector<std::string>(origin.notes.begin(), origin.notes.end());
  json["assumptions"] = std::vector<std::string>(origin.assumptions.begin(),
                                                 origin.assumptions.end());
  json["is_assumption"] = !origin.assumptions.empty();
  return json;
}

Json json_value(const ir::ColumnType& type, const SymbolTable& symbols, ir::Value value) {
  switch (type.base) {
    case ir::BaseType::number: return static_cast<std::int64_t>(value);
    case ir::BaseType::unsigned_number: return value;
    case ir::BaseType::floating: return std::bit_cast<double>(value);
    case ir::BaseType::symbol: return engine::format_value(symbols, type, value);
  }
  return nullptr;
}

Json json_step(const ir::Program& program, const SymbolTable& symbols, const ProofStep& step,
               std::size_t depth) {
  Json json = Json::object();
  json["fact"] = step.text;
  json["how"] = how(step.kind);
  if (step.relation != ir::none && !step.tuple.empty()) {
    const ir::Relation& relation = program.relations[step.relation];
    json["relation"] = relation.name;
    Json values = Json::array();
    for (std::size_t i = 0; i < step.tuple.size(); ++i) {
      values.push_back(json_value(relation.columns[i].type, symbols, step.tuple[i]));
    }
    json["values"] = values;
  } else if (step.relation != ir::none) {
    json["relation"] = program.relations[step.relation].name;
  }
  if (step.origin != ir::none) json["origin"] = json_origin(program, step.origin);
  if (step.kind == ProofStep::Kind::derived) {
    Json bindings = Json::object();
    for (const auto& [name, value] : step.bindings) bindings[name] = value;
    json["bindings"] = bindings;
    json["height"] = step.height;
  }
  Json premises = Json::array();
  if (depth < max_rendered_depth) {
    for (const ProofStep& premise : step.premises) {
      premises.push_back(json_step(program, symbols, premise, depth + 1));
    }
  }
  json["premises"] = premises;
  return json;
}

void dot_step(std::string& out, const ir::Program& program, const ProofStep& step,
              std::size_t& next_id, std::size_t id, std::size_t depth) {
  const char* fill = step.kind == ProofStep::Kind::input     ? "#b2df8a"
                     : step.kind == ProofStep::Kind::derived ? "#a6cee3"
                     : step.kind == ProofStep::Kind::fact    ? "#fdbf6f"
                                                             : "#eeeeee";
  std::string label = step.kind == ProofStep::Kind::absent ? "no " + step.text : step.text;
  out += fmt::format("  s{} [label=\"{}\", fillcolor=\"{}\"];\n", id, dot_escaped(label), fill);
  std::string rule;
  if (step.kind == ProofStep::Kind::derived) rule = program.origins[step.origin].rule_name;
  if (depth >= max_rendered_depth) return;
  for (const ProofStep& premise : step.premises) {
    std::size_t child = next_id++;
    dot_step(out, program, premise, next_id, child, depth + 1);
    out += fmt::format("  s{} -> s{} [label=\"{}\"];\n", child, id, dot_escaped(rule));
  }
}

}  // namespace

std::string render_text(const ir::Program& program, const ProofStep& proof) {
  std::string out;
  text_step(out, program, proof, 0);
  auto sources = cited_sources(program, proof);
  if (!sources.empty()) out += "\nsources\n";
  for (std::uint32_t s : sources) {
    const ir::Source& source = program.sources[s];
    out += fmt::format("  {}: \"{}\"{}\n", source.id, source.title,
                       source.publisher.empty() ? "" : ", " + source.publisher);
    if (!source.disclaimer.empty()) out += fmt::format("    disclaimer: {}\n", source.disclaimer);
  }
  return out;
}

std::string render_json(const ir::Program& program, const SymbolTable& symbols,
                        const ProofStep& proof) {
  Json json = Json::object();
  json["explanation"] = json_step(program, symbols, proof, 0);
  Json sources = Json::array();
  for (std::uint32_t s : cited_sources(program, proof)) {
    const ir::Source& source = program.sources[s];
    sources.push_back({{"id", source.id},
                       {"title", source.title},
                       {"publisher", source.publisher},
                       {"disclaimer", source.disclaimer}});
  }
  json["sources"] = sources;
  return json.dump(2) + "\n";
}

std::string render_dot(const ir::Program& program, const ProofStep& proof) {
  std::string out =
      "digraph proof {\n  rankdir=BT;\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  std::size_t next_id = 1;
  dot_step(out, program, proof, next_id, 0, 0);
  return out + "}\n";
}

// ---- ways to make a fact hold (shared by why-not and what it would take) --------------

namespace {

// `a`, `a and b`, `a, b and c`
std::string and_list(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fmt::format("{} and {}", fmt::join(head, ", "), items.back());
}

std::vector<std::string> requirement_parts(const Explainer& explainer,
                                           const Requirement& requirement) {
  std::vector<std::string> parts;
  for (const auto& [relation, values] : requirement.facts)
    parts.push_back(explainer.atom_text(relation, values));
  for (const std::string& condition : requirement.conditions) parts.push_back(condition);
  for (const std::string& absent : requirement.must_be_absent) parts.push_back("no " + absent);
  return parts;
}

// `has(muscle_soreness), has(not_easing) and duration_days >= 3, without has(injury_during_activity)`
std::string way_text(const Explainer& explainer, const Requirement& requirement) {
  std::vector<std::string> needs;
  for (const auto& [relation, values] : requirement.facts)
    needs.push_back(explainer.atom_text(relation, values));
  needs.insert(needs.end(), requirement.conditions.begin(), requirement.conditions.end());
  std::string text = and_list(needs);
  if (!requirement.must_be_absent.empty()) {
    std::vector<std::string> absent = requirement.must_be_absent;
    std::string list = absent.size() == 1
                           ? absent.front()
                           : fmt::format("{} or {}",
                                         fmt::join(absent.begin(), absent.end() - 1, ", "),
                                         absent.back());
    text += fmt::format("{}without {}", text.empty() ? "" : ", ", list);
  }
  return text;
}

// The ways, numbered, after `lead` ("To conclude X, the case needs"); `nothing` when
// there is none.
std::string ways_text(const Explainer& explainer, const std::vector<Requirement>& ways,
                      const std::string& lead, const std::string& nothing, std::string_view base) {
  if (ways.empty()) return nothing + "\n";
  std::string out = ways.size() == 1 ? fmt::format("{}:\n", lead)
                                     : fmt::format("{} one of these:\n", lead);
  for (std::size_t i = 0; i < ways.size(); ++i) {
    out += fmt::format("  {}. {}\n", i + 1, way_text(explainer, ways[i]));
  }
  out += fmt::format(
      "{} checked on a case with {} alone; more findings can change "
      "the conclusion.\n",
      ways.size() == 1 ? "It was" : "Each was", base);
  return out;
}

Json ways_json(const Explainer& explainer, const std::vector<Requirement>& ways) {
  Json out = Json::array();
  for (const Requirement& requirement : ways) {
    Json facts = Json::array();
    for (const auto& [relation, values] : requirement.facts)
      facts.push_back(explainer.atom_text(relation, values));
    out.push_back({{"add", facts},
                   {"conditions", requirement.conditions},
                   {"must_be_absent", requirement.must_be_absent}});
  }
  return out;
}

}  // namespace

// ---- why not ----------------------------------------------------------------------------

namespace {

std::string rule_heading(const ir::Program& program, const RuleAttempt& attempt) {
  ir::OriginView origin = program.origins[attempt.origin];
  std::string name = origin.rule_name.empty() ? "a rule" : "rule " + std::string(origin.rule_name);
  return fmt::format("{} ({})", name, location(origin));
}

void text_attempts(std::string& out, const ir::Program& program,
                   const std::vector<RuleAttempt>& attempts, std::size_t depth) {
  std::string indent(depth * 4, ' ');
  for (const RuleAttempt& attempt : attempts) {
    out += fmt::format("{}{}", indent, rule_heading(program, attempt));
    out += attempt.satisfied == 0 ? ":\n"
                                  : fmt::format(": {} condition{} held, then\n", attempt.satisfied,
                                                attempt.satisfied == 1 ? "" : "s");
    if (attempt.failures.empty()) {
      out += fmt::format("{}  its conditions hold, but it concludes other values\n", indent);
    }
    for (const FailedCondition& failure : attempt.failures) {
      switch (failure.kind) {
        case ir::Literal::Kind::positive:
          if (failure.missing_input) {
            out += fmt::format("{}  {}: not given by the case\n", indent, failure.text);
          } else if (!failure.because.empty()) {
            out += fmt::format("{}  {}: does not hold:\n", indent, failure.text);
            text_attempts(out, program, failure.because, depth + 1);
          } else {
            out += fmt::format("{}  {}: no such fact\n", indent, failure.text);
          }
          break;
        case ir::Literal::Kind::negative:
          out += fmt::format("{}  {}: holds, but the rule needs it absent\n", indent, failure.text);
          break;
        case ir::Literal::Kind::comparison:
        case ir::Literal::Kind::aggregate:
          out += fmt::format("{}  {}: does not hold\n", indent, failure.text);
          if (!failure.because.empty()) {
            out += fmt::format("{}  because {} does not hold:\n", indent, failure.missing);
            text_attempts(out, program, failure.because, depth + 1);
          }
          break;
      }
    }
  }
}

std::string_view kind_name(ir::Literal::Kind kind) {
  switch (kind) {
    case ir::Literal::Kind::positive: return "atom";
    case ir::Literal::Kind::negative: return "negation";
    case ir::Literal::Kind::comparison: return "comparison";
    case ir::Literal::Kind::aggregate: return "aggregate";
  }
  return "atom";
}

Json json_attempts(const ir::Program& program, const Explainer& explainer,
                   const std::vector<RuleAttempt>& attempts) {
  Json out = Json::array();
  for (const RuleAttempt& attempt : attempts) {
    Json failures = Json::array();
    for (const FailedCondition& failure : attempt.failures) {
      Json bindings = Json::object();
      for (const auto& [name, value] : failure.bindings) bindings[name] = value;
      Json item = {
          {"condition", failure.text}, {"kind", kind_name(failure.kind)}, {"bindings", bindings}};
      item["missing_input"] = failure.missing_input
                                  ? Json(explainer.atom_text(failure.missing_input->first,
                                                             failure.missing_input->second))
                                  : Json(nullptr);
      item["missing"] = failure.missing.empty() ? Json(nullptr) : Json(failure.missing);
      item["because"] = json_attempts(program, explainer, failure.because);
      failures.push_back(std::move(item));
    }
    out.push_back({{"rule", json_origin(program, attempt.origin)},
                   {"conditions_met", attempt.satisfied},
                   {"failures", failures}});
  }
  return out;
}

}  // namespace

std::string render_text(const ir::Program& program, const Explainer& explainer,
                        const std::string& goal, const WhyNot& why_not) {
  if (why_not.holds) return fmt::format("{} holds: ask why, not why not\n", goal);
  std::string out = fmt::format("{} does not hold.\n", goal);
  if (why_not.is_input) out += "It is a case input, and the case does not give it.\n";
  if (!why_not.has_rules && !why_not.is_input) {
    out += "No rule concludes it, and no fact states it.\n";
  }
  if (!why_not.attempts.empty()) out += "\n";
  text_attempts(out, program, why_not.attempts, 0);
  if (why_not.has_case_inputs) {
    out += "\n" + ways_text(explainer, why_not.ways, "To make it hold, the case would need",
                            "Nothing the case could add would make it hold.",
                            "the facts of this case and these");
  } else if (!why_not.missing_inputs.empty()) {
    std::vector<std::string> missing;
    for (const auto& [relation, values] : why_not.missing_inputs) {
      missing.push_back(explainer.atom_text(relation, values));
    }
    out += fmt::format("\nFacts these rules look for, not given: {}.\n", fmt::join(missing, ", "));
  }
  return out;
}

std::string render_json(const ir::Program& program, const Explainer& explainer,
                        const std::string& goal, const WhyNot& why_not) {
  Json missing = Json::array();
  for (const auto& [relation, values] : why_not.missing_inputs) {
    missing.push_back(explainer.atom_text(relation, values));
  }
  Json json = {{"fact", goal},
               {"holds", why_not.holds},
               {"is_input", why_not.is_input},
               {"attempts", json_attempts(program, explainer, why_not.attempts)},
               {"missing_inputs", missing},
               {"ways", ways_json(explainer, why_not.ways)}};
  return json.dump(2) + "\n";
}

// ---- what it would take ---------------------------------------------------------------

std::string render_text(const Explainer& explainer, const std::string& goal,
                        const std::vector<std::string>& given,
                        const std::vector<Requirement>& requirements) {
  std::string context = given.empty() ? "" : fmt::format(", given {}", and_list(given));
  if (requirements.size() == 1 && requirement_parts(explainer, requirements.front()).empty()) {
    return fmt::format("{} already holds{}.\n", goal, context);
  }
  std::string nothing =
      given.empty()
          ? fmt::format("No case concludes {}: nothing a case could give makes it hold.", goal)
          : fmt::format("Nothing the case could add would conclude {}{}.", goal, context);
  return ways_text(explainer, requirements,
                   fmt::format("To conclude {}{}, the case needs", goal, context), nothing,
                   given.empty() ? "these facts" : "the given facts and these");
}

std::string render_json(const Explainer& explainer, const std::string& goal,
                        const std::vector<std::string>& given,
                        const std::vector<Requirement>& requirements) {
  bool holds = requirements.size() == 1 &&
               requirement_parts(explainer, requirements.front()).empty();
  Json json = {{"goal", goal},
               {"given", given},
               {"already_holds", holds},
               {"ways", holds ? Json::array() : ways_json(explainer, requirements)}};
  return json.dump(2) + "\n";
}

}  // namespace sinew::explain
