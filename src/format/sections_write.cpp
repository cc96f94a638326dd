// Writing the sections of a compiled file. Each section is a sequence of fields in a
// fixed order (src/format/README.md lists them); nothing depends on hash order or on
// addresses, so the same program gives the same bytes.

#include "format/codec.hpp"

namespace sinew::format {

namespace {

void write_strings(Writer& out, std::span<const std::string> strings) {
  out.number(strings.size());
  for (const std::string& s : strings) out.string(s);
}

void write_indexes(Writer& out, const std::vector<std::uint32_t>& indexes) {
  out.number(indexes.size());
  for (std::uint32_t i : indexes) out.number(i);
}

void write_fact(Writer& out, ir::FactRef fact) {
  out.number(fact.relation);
  out.index(fact.origin);
  for (ir::Value v : fact.values) out.number(v);
}

std::string module(const ir::Program& program, const Metadata& metadata) {
  Writer out;
  out.string(program.module_name);
  out.string(program.module_version);
  out.string(metadata.compiler);
  out.bytes(std::string_view(reinterpret_cast<const char*>(metadata.source_hash.data()),
                             metadata.source_hash.size()));
  out.flag(metadata.souffle_names);
  write_strings(out, metadata.files);
  return std::move(out.out());
}

std::string symbols(const ir::Program& program) {
  Writer out;
  out.number(program.symbols.size());
  for (SymbolId id = 0; id < program.symbols.size(); ++id) out.string(program.symbols.text(id));
  return std::move(out.out());
}

std::string sources(const ir::Program& program) {
  Writer out;
  out.number(program.sources.size());
  for (const ir::Source& source : program.sources) {
    for (const std::string* field :
         {&source.id, &source.title, &source.publisher, &source.author, &source.url, &source.date,
          &source.license, &source.disclaimer, &source.file}) {
      out.string(*field);
    }
    out.flag(source.text.has_value());
    if (source.text) out.string(*source.text);
  }
  return std::move(out.out());
}

// The statements are kept in memory in this section's encoding (ir/origins.hpp), file
// names as a table and indexes into it: they are copied as they are.
std::string origins(const ir::Program& program) {
  Writer out;
  const ir::Origins& origins = program.origins;
  write_strings(out, origins.files());
  out.number(origins.size());
  for (ir::OriginId i = 0; i < origins.size(); ++i) out.bytes(origins.encoded(i));
  return std::move(out.out());
}

std::string kinds(const ir::Program& program) {
  Writer out;
  out.number(program.kinds.size());
  for (const ir::Kind& kind : program.kinds) {
    out.string(kind.name);
    out.string(kind.label);
    write_indexes(out, kind.parents);
    out.index(kind.members);
  }
  out.number(program.scales.size());
  for (const ir::Scale& scale : program.scales) {
    out.string(scale.name);
    write_indexes(out, scale.levels);
    out.index(scale.members);
  }
  return std::move(out.out());
}

std::string relations(const ir::Program& program) {
  Writer out;
  out.number(program.relations.size());
  for (const ir::Relation& relation : program.relations) {
    out.string(relation.name);
    out.number(relation.columns.size());
    for (const ir::Column& column : relation.columns) {
      out.string(column.name);
      write_column_type(out, column.type);
    }
    bool ranged = has_column_ranges(relation);
    std::uint8_t flags = (relation.case_input ? 1 : 0) | (relation.output ? 2 : 0) |
                         (relation.print_size ? 4 : 0) | (relation.load_facts ? 8 : 0) |
                         (relation.headers ? 16 : 0) | (relation.kind_membership ? 32 : 0) |
                         (ranged ? 64 : 0);
    out.u8(flags);
    out.string(relation.facts_file);
    out.u8(static_cast<std::uint8_t>(relation.delimiter));
    out.index(relation.origin);
    if (!ranged) continue;
    for (const ir::Column& column : relation.columns) {  // bit 0: a low end, bit 1: a high end
      out.u8(static_cast<std::uint8_t>((column.range.low ? 1 : 0) | (column.range.high ? 2 : 0)));
      if (column.range.low) out.number(*column.range.low);
      if (column.range.high) out.number(*column.range.high);
    }
  }
  return std::move(out.out());
}

std::string entities(const ir::Program& program) {
  Writer out;
  out.number(program.entities.size());
  for (const ir::Entity& entity : program.entities) {
    out.number(entity.id);
    out.string(entity.label);
    out.string(entity.definition);
    write_indexes(out, entity.kinds);
    out.number(entity.codes.size());
    for (const ir::EntityCode& code : entity.codes) {
      out.string(code.system);
      out.string(code.value);
    }
    write_strings(out, entity.synonyms);
    write_indexes(out, entity.parents);
    out.index(entity.origin);
  }
  return std::move(out.out());
}

std::string facts(const ir::Program& program) {
  Writer out;
  out.number(program.facts.size());
  for (ir::FactRef fact : program.facts) write_fact(out, fact);
  return std::move(out.out());
}

std::string rules(const ir::Program& program) {
  Writer out;
  out.number(program.rules.size());
  for (const ir::Rule& rule : program.rules) write_rule(out, rule);
  return std::move(out.out());
}

std::string strata(const ir::Program& program) {
  Writer out;
  out.number(program.strata.size());
  for (const ir::Stratum& stratum : program.strata) {
    write_indexes(out, stratum.relations);
    write_indexes(out, stratum.rules);
    out.flag(stratum.recursive);
  }
  return std::move(out.out());
}

void write_path(Writer& out, const ir::PathQuestion& path) {
  out.string(path.from);
  out.string(path.to);
  out.flag(path.directed);
  write_indexes(out, path.through);
  out.flag(path.all);
  out.number(path.max_length);
}

std::string queries(const ir::Program& program) {
  Writer out;
  out.number(program.queries.size());
  for (const ir::Query& query : program.queries) {
    out.string(query.name);
    out.string(query.text);
    out.number(query.alternatives.size());
    for (const auto& alternative : query.alternatives) write_literals(out, alternative);
    write_strings(out, query.variables);
    write_indexes(out, query.answer_variables);
    out.number(query.answer_types.size());
    for (const ir::ColumnType& type : query.answer_types) write_column_type(out, type);
    out.number(query.columns.size());
    for (const ir::QueryColumn& column : query.columns) {
      out.u8(static_cast<std::uint8_t>(column.kind));
      out.string(column.name);
      out.index(column.source);
      write_column_type(out, column.type);
    }
    out.number(query.order.size());
    for (const ir::QueryOrder& order : query.order) {
      out.number(order.column);
      out.flag(order.descending);
    }
    out.flag(query.limit.has_value());
    if (query.limit) out.number(*query.limit);
    out.flag(query.path.has_value());
    if (query.path) write_path(out, *query.path);
    out.number(query.parameters.size());
    for (const ir::QueryParameter& parameter : query.parameters) {
      out.string(parameter.name);
      write_column_type(out, parameter.type);
    }
    out.flag(query.awaiting_values);
    out.index(query.origin);
  }
  return std::move(out.out());
}

std::string tests(const ir::Program& program) {
  Writer out;
  out.number(program.tests.size());
  for (const ir::TestCase& test : program.tests) {
    out.string(test.name);
    out.number(test.given.size());
    for (const ir::Fact& fact : test.given) write_fact(out, fact);
    out.number(test.expectations.size());
    for (const ir::Expectation& expectation : test.expectations) {
      out.flag(expectation.negated);
      out.number(expectation.relation);
      for (const auto& arg : expectation.args) {
        out.flag(arg.has_value());
        if (arg) out.number(*arg);
      }
    }
    out.index(test.origin);
  }
  return std::move(out.out());
}

std::string derived_facts(const Derived& derived) {
  Writer out;
  out.number(derived.relations.size());
  for (const Derived::Tuples& tuples : derived.relations) {
    out.number(tuples.relation);
    out.number(tuples.rows);
    for (ir::Value v : tuples.values) out.number(v);
  }
  return std::move(out.out());
}

}  // namespace

std::vector<std::pair<SectionId, std::string>> write_sections(const ir::Program& program,
                                                              const Metadata& metadata,
                                                              const Derived* derived) {
  std::vector<std::pair<SectionId, std::string>> out;
  out.emplace_back(SectionId::module, module(program, metadata));
  out.emplace_back(SectionId::symbols, symbols(program));
  out.emplace_back(SectionId::sources, sources(program));
  out.emplace_back(SectionId::origins, origins(program));
  out.emplace_back(SectionId::kinds, kinds(program));
  out.emplace_back(SectionId::relations, relations(program));
  out.emplace_back(SectionId::entities, entities(program));
  out.emplace_back(SectionId::facts, facts(program));
  out.emplace_back(SectionId::rules, rules(program));
  out.emplace_back(SectionId::strata, strata(program));
  out.emplace_back(SectionId::queries, queries(program));
  out.emplace_back(SectionId::tests, tests(program));
  if (derived) out.emplace_back(SectionId::derived, derived_facts(*derived));
  return out;
}

}  // namespace sinew::format
