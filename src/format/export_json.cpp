// `sinew export --format json`: a compiled knowledge base as JSON, for tools that do
// not link C++. The shape is documented by src/format/export.schema.json; its
// `format_version` changes when a field changes meaning or goes away.
#include "format/export.hpp"

#include "engine/value.hpp"
#include "ir/printer.hpp"

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>

namespace sinew::format {

namespace {

using Json = nlohmann::ordered_json;

const char* base_name(ir::BaseType base) {
  switch (base) {
    case ir::BaseType::number: return "number";
    case ir::BaseType::unsigned_number: return "unsigned";
    case ir::BaseType::floating: return "float";
    case ir::BaseType::symbol: return "symbol";
  }
  return "symbol";
}

// JSON has no NaN or infinity: those floats are the strings "NaN", "Infinity" and
// "-Infinity", as in the JSON mapping of Protocol Buffers, so no value is lost.
Json float_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

Json index_or_null(std::uint32_t index) { return index == ir::none ? Json(nullptr) : Json(index); }

Json strings(std::span<const std::string> items) {
  Json out = Json::array();
  for (const std::string& item : items) out.push_back(item);
  return out;
}

class Exporter {
 public:
  explicit Exporter(const Compiled& compiled) : c_(compiled), p_(compiled.program) {}

  Json run() {
    Json out;
    out["format"] = "sinew-knowledge-base";
    out["format_version"] = export_version;
    out["module"] = {{"name", p_.module_name}, {"version", p_.module_version}};
    out["compiler"] = c_.metadata.compiler;
    out["source_hash"] = "sha256:" + hex(c_.metadata.source_hash);
    out["files"] = c_.metadata.files;
    out["names"] = c_.metadata.souffle_names ? "souffle" : "sinew";
    out["sources"] = sources();
    out["kinds"] = kinds();
    out["scales"] = scales();
    out["entities"] = entities();
    out["relations"] = relations();
    out["facts"] = Json::array();
    for (ir::FactRef fact : p_.facts) out["facts"].push_back(this->fact(fact));
    out["rules"] = rules();
    out["strata"] = strata();
    out["queries"] = queries();
    out["tests"] = tests();
    out["origins"] = origins();
    if (c_.derived) out["derived"] = derived(*c_.derived);
    return out;
  }

 private:
  Json value(const ir::ColumnType& type, ir::Value v) const {
    switch (type.base) {
      case ir::BaseType::number: return static_cast<std::int64_t>(v);
      case ir::BaseType::unsigned_number: return v;
      case ir::BaseType::floating: return float_value(std::bit_cast<double>(v));
      case ir::BaseType::symbol: return std::string(p_.symbols.text(static_cast<SymbolId>(v)));
    }
    return nullptr;
  }

  Json values(ir::RelationId relation, std::span<const ir::Value> tuple) const {
    Json out = Json::array();
    const auto& columns = p_.relations[relation].columns;
    for (std::size_t i = 0; i < tuple.size(); ++i) out.push_back(value(columns[i].type, tuple[i]));
    return out;
  }

  Json fact(ir::FactRef fact) const {
    return {{"relation", p_.relations[fact.relation].name},
            {"values", values(fact.relation, fact.values)},
            {"origin", index_or_null(fact.origin)}};
  }

  Json type(const ir::ColumnType& type) const {
    Json out = {{"name", type.name}, {"base", base_name(type.base)}};
    if (type.scale != ir::none) out["scale"] = p_.scales[type.scale].name;
    return out;
  }

  Json relation_name(ir::RelationId id) const {
    return id == ir::none ? Json(nullptr) : Json(p_.relations[id].name);
  }

  Json sources() const {
    Json out = Json::array();
    for (const ir::Source& s : p_.sources) {
      Json source = {{"id", s.id},
                     {"title", s.title},
                     {"publisher", s.publisher},
                     {"author", s.author},
                     {"url", s.url},
                     {"date", s.date},
                     {"license", s.license},
                     {"disclaimer", s.disclaimer},
                     {"file", s.file}};
      source["text"] = s.text ? Json(*s.text) : Json(nullptr);
      out.push_back(std::move(source));
    }
    return out;
  }

  Json kinds() const {
    Json out = Json::array();
    for (const ir::Kind& kind : p_.kinds) {
      Json parents = Json::array();
      for (std::uint32_t parent : kind.parents) parents.push_back(p_.kinds[parent].name);
      out.push_back({{"name", kind.name},
                     {"label", kind.label},
                     {"parents", parents},
                     {"relation", relation_name(kind.members)}});
    }
    return out;
  }

  Json scales() const {
    Json out = Json::array();
    for (const ir::Scale& scale : p_.scales) {
      Json levels = Json::array();
      for (SymbolId level : scale.levels) levels.push_back(std::string(p_.symbols.text(level)));
      out.push_back(
          {{"name", scale.name}, {"levels", levels}, {"relation", relation_name(scale.members)}});
    }
    return out;
  }

  Json entities() const {
    Json out = Json::array();
    for (const ir::Entity& e : p_.entities) {
      Json kinds = Json::array(), codes = Json::array(), parents = Json::array();
      for (std::uint32_t k : e.kinds) kinds.push_back(p_.kinds[k].name);
      for (const ir::EntityCode& code : e.codes) {
        codes.push_back({{"system", code.system}, {"value", code.value}});
      }
      for (SymbolId parent : e.parents) parents.push_back(std::string(p_.symbols.text(parent)));
      out.push_back({{"id", std::string(p_.symbols.text(e.id))},
                     {"label", e.label},
                     {"definition", e.definition},
                     {"kinds", kinds},
                     {"codes", codes},
                     {"synonyms", e.synonyms},
                     {"parents", parents},
                     {"origin", index_or_null(e.origin)}});
    }
    return out;
  }

  Json relations() const {
    Json out = Json::array();
    for (const ir::Relation& r : p_.relations) {
      Json columns = Json::array();
      for (const ir::Column& column : r.columns) {
        Json entry = {{"name", column.name}, {"type", type(column.type)}};
        if (!column.range.empty()) {
          Json range = Json::object();
          if (column.range.low) range["low"] = value(column.type, *column.range.low);
          if (column.range.high) range["high"] = value(column.type, *column.range.high);
          entry["range"] = std::move(range);
        }
        columns.push_back(std::move(entry));
      }
      Json relation = {{"name", r.name},
                       {"columns", columns},
                       {"input", r.case_input},
                       {"output", r.output},
                       {"print_size", r.print_size},
                       {"kind_membership", r.kind_membership}};
      relation["facts_file"] = r.load_facts ? Json(r.facts_file) : Json(nullptr);
      relation["origin"] = index_or_null(r.origin);
      out.push_back(std::move(relation));
    }
    return out;
  }

  Json rules() const {
    Json out = Json::array();
    for (ir::RuleId id = 0; id < p_.rules.size(); ++id) {
      const ir::Rule& rule = p_.rules[id];
      Json conditions = Json::array(), plans = Json::array();
      for (const ir::Literal& literal : rule.body) {
        conditions.push_back(ir::print_literal(p_, rule.variables, literal));
      }
      for (const ir::JoinPlan& plan : rule.plans) {
        plans.push_back({{"delta", index_or_null(plan.delta)}, {"order", plan.order}});
      }
      std::string_view name = rule.origin == ir::none ? "" : p_.origins[rule.origin].rule_name;
      out.push_back({{"id", id},
                     {"name", name.empty() ? Json(nullptr) : Json(name)},
                     {"conclusion", p_.relations[rule.head].name},
                     {"text", ir::print_rule(p_, rule)},
                     {"conditions", conditions},
                     {"variables", rule.variables},
                     {"plans", plans},
                     {"origin", index_or_null(rule.origin)}});
    }
    return out;
  }

  Json strata() const {
    Json out = Json::array();
    for (const ir::Stratum& s : p_.strata) {
      Json relations = Json::array();
      for (ir::RelationId r : s.relations) relations.push_back(p_.relations[r].name);
      out.push_back({{"relations", relations}, {"rules", s.rules}, {"recursive", s.recursive}});
    }
    return out;
  }

  Json queries() const {
    Json out = Json::array();
    for (const ir::Query& q : p_.queries) {
      Json parameters = Json::array();
      for (const ir::QueryParameter& parameter : q.parameters) {
        parameters.push_back({{"name", parameter.name}, {"type", type(parameter.type)}});
      }
      out.push_back({{"name", q.name.empty() ? Json(nullptr) : Json(q.name)},
                     {"text", q.text},
                     {"path_question", q.path.has_value()},
                     {"parameters", parameters},
                     {"origin", index_or_null(q.origin)}});
    }
    return out;
  }

  Json tests() const {
    Json out = Json::array();
    for (const ir::TestCase& t : p_.tests) {
      Json given = Json::array(), expect = Json::array();
      for (const ir::Fact& fact : t.given) given.push_back(this->fact(fact));
      for (const ir::Expectation& e : t.expectations) {
        Json values = Json::array();
        const auto& columns = p_.relations[e.relation].columns;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          values.push_back(e.args[i] ? value(columns[i].type, *e.args[i]) : Json(nullptr));
        }
        expect.push_back({{"negated", e.negated},
                          {"relation", p_.relations[e.relation].name},
                          {"values", values}});
      }
      out.push_back({{"name", t.name},
                     {"given", given},
                     {"expect", expect},
                     {"origin", index_or_null(t.origin)}});
    }
    return out;
  }

  Json origins() const {
    Json out = Json::array();
    for (ir::OriginView o : p_.origins) {
      Json citations = Json::array();
      for (const ir::Citation& c : o.citations) {
        Json source = c.source == ir::none ? Json(nullptr) : Json(p_.sources[c.source].id);
        citations.push_back({{"source", source}, {"quote", c.quote}});
      }
      out.push_back({{"rule", o.rule_name.empty() ? Json(nullptr) : Json(o.rule_name)},
                     {"file", o.file},
                     {"line", o.line},
                     {"column", o.column},
                     {"text", o.text},
                     {"citations", citations},
                     {"notes", strings(o.notes)},
                     {"assumptions", strings(o.assumptions)}});
    }
    return out;
  }

  Json derived(const Derived& derived) const {
    Json out = Json::array();
    for (const Derived::Tuples& tuples : derived.relations) {
      std::size_t arity = p_.relations[tuples.relation].arity();
      Json facts = Json::array();
      for (std::size_t row = 0; row < tuples.rows; ++row) {
        facts.push_back(
            values(tuples.relation,
                   std::span<const ir::Value>(tuples.values).subspan(row * arity, arity)));
      }
      out.push_back({{"relation", p_.relations[tuples.relation].name}, {"facts", facts}});
    }
    return out;
  }

  const Compiled& c_;
  const ir::Program& p_;
};

}  // namespace

std::string to_json(const Compiled& compiled) {
  return Exporter(compiled).run().dump(2, ' ', false,
                                       nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace sinew::format
