// Reading the sections of a compiled file, in the order the later ones need: symbols
// and relations before the facts and rules that use them.

#include "format/codec.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sinew::format {

namespace {

constexpr std::uint32_t any = 0xffffffffu;  // an index whose target is checked later

// The fewest bytes an item can take, each field at its shortest (a string or a list
// is then one byte: its empty length). Counts are checked against these before
// anything is allocated, so a larger figure would refuse a valid file.
constexpr std::size_t smallest_source = 9 + 1;  // 9 strings, a flag
constexpr std::size_t smallest_origin = 8;      // name, file, line, column, citations,
                                                // notes, assumptions, text
constexpr std::size_t smallest_relation = 6;    // name, columns, flags, facts file,
                                                // delimiter, origin
constexpr std::size_t smallest_entity = 8;      // id, label, definition, kinds, codes,
                                                // synonyms, parents, origin
constexpr std::size_t smallest_query = 13;      // 13 fields, each a byte at the least

std::vector<std::string> read_strings(Reader& in) {
  std::size_t n = in.count(1);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n && in.ok(); ++i) out.push_back(in.string());
  return out;
}

std::vector<std::uint32_t> read_indexes(Reader& in) {
  std::size_t n = in.count(1);
  std::vector<std::uint32_t> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n && in.ok(); ++i) out.push_back(in.u32_number());
  return out;
}

class SectionReader {
 public:
  SectionReader(const Container& container, Compiled& out, std::string* file)
      : container_(container), out_(out), file_(file) {}

  Result<void> run() {
    ir::Program& p = out_.program;
    if (!section(SectionId::module, [&](Reader& in) { module(in); })) return error_;
    if (!section(SectionId::symbols, [&](Reader& in) { symbols(in); })) return error_;
    if (!section(SectionId::sources, [&](Reader& in) { sources(in); })) return error_;
    if (!section(SectionId::origins, [&](Reader& in) { origins(in); })) return error_;
    if (!section(SectionId::kinds, [&](Reader& in) { kinds(in); })) return error_;
    if (!section(SectionId::relations, [&](Reader& in) { relations(in); })) return error_;
    for (const ir::Relation& relation : p.relations) arities_.push_back(relation.arity());
    if (!section(SectionId::entities, [&](Reader& in) { entities(in); })) return error_;
    if (!section(SectionId::facts, [&](Reader& in) {
          std::size_t n = in.count(2);
          std::size_t widest = arities_.empty()
                                   ? 0
                                   : *std::max_element(arities_.begin(), arities_.end());
          p.facts.reserve(std::min(in.left(), n * widest));  // a value takes a byte at the least
          for (std::size_t i = 0; i < n && in.ok(); ++i) {
            ir::RelationId relation = in.index(arities_.size(), "a fact");
            ir::OriginId origin = in.index(any, "a fact", true);
            if (!in.ok()) break;
            std::size_t arity = arities_[relation];
            if (arity > in.left()) {
              in.fail("a fact is cut short");
              break;
            }
            for (ir::Value& v : p.facts.add(relation, arity, origin)) v = in.number();
          }
        })) {
      return error_;
    }
    if (!section(SectionId::rules, [&](Reader& in) {
          std::size_t n = in.count(6);
          p.rules.reserve(n);
          RuleReader rules(in, arities_);
          for (std::size_t i = 0; i < n && in.ok(); ++i) p.rules.push_back(rules.rule());
        })) {
      return error_;
    }
    if (!section(SectionId::strata, [&](Reader& in) { strata(in); })) return error_;
    if (!section(SectionId::queries, [&](Reader& in) { queries(in); })) return error_;
    if (!section(SectionId::tests, [&](Reader& in) { tests(in); })) return error_;
    if (container_.present[static_cast<std::uint32_t>(SectionId::derived)]) {
      out_.derived.emplace();
      if (!section(SectionId::derived, [&](Reader& in) { derived(in); })) return error_;
    }
    keep_origins();
    return {};
  }

 private:
  template <typename Read>
  bool section(SectionId id, Read read) {
    Reader in(container_.sections[static_cast<std::uint32_t>(id)], section_name(id));
    read(in);
    if (in.ok() && !in.at_end()) in.fail("bytes are left over after its last item");
    if (in.ok()) return true;
    error_ = Error{"it is damaged: " + in.error()};
    return false;
  }

  void module(Reader& in) {
    ir::Program& p = out_.program;
    p.module_name = in.string();
    p.module_version = in.string();
    out_.metadata.compiler = in.string();
    std::string_view hash = in.bytes(out_.metadata.source_hash.size());
    for (std::size_t i = 0; i < hash.size(); ++i) {
      out_.metadata.source_hash[i] = static_cast<std::uint8_t>(hash[i]);
    }
    out_.metadata.souffle_names = in.flag();
    out_.metadata.files = read_strings(in);
  }

  void symbols(Reader& in) {
    SymbolTable& symbols = out_.program.symbols;
    std::size_t n = in.count(1);
    // Room for them at once, but no more than a few bytes a name would need: a damaged
    // count must not reserve many times the file's size.
    symbols.reserve(std::min(n, in.left() / 4));
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      std::string_view text = in.string_view();
      if (in.ok() && symbols.intern(text) != i) in.fail("a name appears twice");
    }
  }

  void sources(Reader& in) {
    std::size_t n = in.count(smallest_source);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Source source;
      for (std::string* field :
           {&source.id, &source.title, &source.publisher, &source.author, &source.url, &source.date,
            &source.license, &source.disclaimer, &source.file}) {
        *field = in.string();
      }
      if (in.flag()) source.text = in.string();
      out_.program.sources.push_back(std::move(source));
    }
  }

  // Checks every statement's encoding and notes where it starts. The program keeps the
  // encodings as they are (ir::Origins): in the file's own bytes when the caller hands
  // them over, else in a copy of this section.
  void origins(Reader& in) {
    const char* base = file_ ? file_->data() : in.position();
    std::vector<std::string> files = read_strings(in);
    std::size_t n = in.count(smallest_origin);
    origins_.offsets.reserve(n);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      origins_.offsets.push_back(static_cast<std::uint64_t>(in.position() - base));
      std::string_view name = in.string_view();
      in.index(files.size(), "a statement's file");
      in.u32_number();  // line
      in.u32_number();  // column
      // Most statements have no remarks: the decoded remarks are made only when one
      // shows (a local `ir::Remarks` for each statement costs a tenth of the load).
      ir::Remarks* remarks = nullptr;
      auto remarks_here = [&]() -> ir::Remarks& {
        if (!remarks) {
          origins_.with_remarks.push_back(static_cast<ir::OriginId>(i));
          remarks = &origins_.remarks.emplace_back();
          remarks->rule_name = name;
        }
        return *remarks;
      };
      if (!name.empty()) remarks_here();
      std::size_t citations = in.count(2);
      for (std::size_t c = 0; c < citations && in.ok(); ++c) {
        ir::Citation citation;
        citation.source = in.index(out_.program.sources.size(), "a citation", true);
        citation.quote = in.string();
        remarks_here().citations.push_back(std::move(citation));
      }
      for (auto list : {&ir::Remarks::notes, &ir::Remarks::assumptions}) {
        std::size_t count = in.count(1);
        for (std::size_t k = 0; k < count && in.ok(); ++k) {
          (remarks_here().*list).push_back(in.string());
        }
      }
      in.string_view();  // text
    }
    origins_.files = std::move(files);
  }

  // Once every section has been read: the file's bytes are no longer looked at.
  void keep_origins() {
    std::string_view section = container_.sections[static_cast<std::uint32_t>(SectionId::origins)];
    std::string store = file_ ? std::move(*file_) : std::string(section);
    out_.program.origins = ir::Origins::adopt(std::move(store), std::move(origins_.offsets),
                                              std::move(origins_.files),
                                              std::move(origins_.with_remarks),
                                              std::move(origins_.remarks));
  }

  void kinds(Reader& in) {
    ir::Program& p = out_.program;
    std::size_t n = in.count(4);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Kind kind;
      kind.name = in.string();
      kind.label = in.string();
      kind.parents = read_indexes(in);
      kind.members = in.index(any, "a kind", true);
      p.kinds.push_back(std::move(kind));
    }
    n = in.count(3);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Scale scale;
      scale.name = in.string();
      scale.levels = read_indexes(in);
      scale.members = in.index(any, "a scale", true);
      p.scales.push_back(std::move(scale));
    }
  }

  void relations(Reader& in) {
    std::size_t n = in.count(smallest_relation);
    RuleReader types(in, arities_);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Relation relation;
      relation.name = in.string();
      std::size_t columns = in.count(4);
      relation.columns.reserve(columns);
      for (std::size_t c = 0; c < columns && in.ok(); ++c) {
        ir::Column column;
        column.name = in.string();
        column.type = types.column_type();
        relation.columns.push_back(std::move(column));
      }
      std::uint8_t flags = in.u8();
      if (flags > 127) in.fail("a relation has unknown flags");
      relation.case_input = flags & 1;
      relation.output = flags & 2;
      relation.print_size = flags & 4;
      relation.load_facts = flags & 8;
      relation.headers = flags & 16;
      relation.kind_membership = flags & 32;
      relation.facts_file = in.string();
      relation.delimiter = static_cast<char>(in.u8());
      relation.origin = in.index(any, "a relation", true);
      if (flags & 64) column_ranges(in, relation);
      out_.program.relations.push_back(std::move(relation));
    }
  }

  // Flag 64: for each column, which ends its range has (bits 0 and 1), then those ends.
  void column_ranges(Reader& in, ir::Relation& relation) {
    bool some = false;
    for (ir::Column& column : relation.columns) {
      std::uint8_t ends = in.u8();
      if (ends > 3) in.fail("a column's range has unknown flags");
      if (ends & 1) column.range.low = in.number();
      if (ends & 2) column.range.high = in.number();
      some = some || ends != 0;
      if (ends != 0 && column.type.base == ir::BaseType::symbol) {
        in.fail("a column of names has a range");
      }
    }
    if (!some) in.fail("a relation marked as having ranges has none");
  }

  void entities(Reader& in) {
    std::size_t n = in.count(smallest_entity);
    out_.program.entities.reserve(n);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Entity entity;
      entity.id = in.u32_number();
      entity.label = in.string();
      entity.definition = in.string();
      entity.kinds = read_indexes(in);
      std::size_t codes = in.count(2);
      for (std::size_t c = 0; c < codes && in.ok(); ++c) {
        ir::EntityCode code;
        code.system = in.string();
        code.value = in.string();
        entity.codes.push_back(std::move(code));
      }
      entity.synonyms = read_strings(in);
      entity.parents = read_indexes(in);
      entity.origin = in.index(any, "an entity", true);
      out_.program.entities.push_back(std::move(entity));
    }
  }

  ir::Fact fact(Reader& in) {
    ir::Fact fact;
    fact.relation = in.index(arities_.size(), "a fact");
    fact.origin = in.index(any, "a fact", true);
    if (!in.ok()) return fact;
    std::size_t arity = arities_[fact.relation];
    if (arity > in.left()) {
      in.fail("a fact is cut short");
      return fact;
    }
    fact.values.resize(arity);
    for (ir::Value& v : fact.values) v = in.number();
    return fact;
  }

  void strata(Reader& in) {
    std::size_t n = in.count(3);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Stratum stratum;
      stratum.relations = read_indexes(in);
      stratum.rules = read_indexes(in);
      stratum.recursive = in.flag();
      out_.program.strata.push_back(std::move(stratum));
    }
  }

  void queries(Reader& in) {
    std::size_t n = in.count(smallest_query);
    RuleReader rules(in, arities_);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::Query query;
      query.name = in.string();
      query.text = in.string();
      std::size_t alternatives = in.count(1);
      for (std::size_t a = 0; a < alternatives && in.ok(); ++a) {
        query.alternatives.push_back(rules.literals());
      }
      query.variables = read_strings(in);
      query.answer_variables = read_indexes(in);
      std::size_t types = in.count(3);
      for (std::size_t t = 0; t < types && in.ok(); ++t)
        query.answer_types.push_back(rules.column_type());
      std::size_t columns = in.count(5);
      for (std::size_t c = 0; c < columns && in.ok(); ++c) {
        ir::QueryColumn column;
        column.kind = in.enumeration<ir::QueryColumn::Kind>(5, "a query column");
        column.name = in.string();
        column.source = in.index(any, "a query column", true);
        column.type = rules.column_type();
        query.columns.push_back(std::move(column));
      }
      std::size_t orders = in.count(2);
      for (std::size_t o = 0; o < orders && in.ok(); ++o) {
        ir::QueryOrder order;
        order.column = in.u32_number();
        order.descending = in.flag();
        query.order.push_back(order);
      }
      if (in.flag()) query.limit = in.number();
      if (in.flag()) {
        ir::PathQuestion path;
        path.from = in.string();
        path.to = in.string();
        path.directed = in.flag();
        path.through = read_indexes(in);
        path.all = in.flag();
        path.max_length = in.u32_number();
        query.path = std::move(path);
      }
      std::size_t parameters = in.count(4);
      for (std::size_t q = 0; q < parameters && in.ok(); ++q) {
        ir::QueryParameter parameter;
        parameter.name = in.string();
        parameter.type = rules.column_type();
        query.parameters.push_back(std::move(parameter));
      }
      query.awaiting_values = in.flag();
      query.origin = in.index(any, "a query", true);
      out_.program.queries.push_back(std::move(query));
    }
  }

  void tests(Reader& in) {
    std::size_t n = in.count(4);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      ir::TestCase test;
      test.name = in.string();
      std::size_t given = in.count(2);
      for (std::size_t g = 0; g < given && in.ok(); ++g) test.given.push_back(fact(in));
      std::size_t expectations = in.count(2);
      for (std::size_t e = 0; e < expectations && in.ok(); ++e) {
        ir::Expectation expectation;
        expectation.negated = in.flag();
        expectation.relation = in.index(arities_.size(), "an expectation");
        if (!in.ok()) break;
        std::size_t arity = arities_[expectation.relation];
        if (arity > in.left()) {
          in.fail("an expectation is cut short");
          break;
        }
        expectation.args.resize(arity);
        for (auto& arg : expectation.args) {
          if (in.flag()) arg = in.number();
        }
        test.expectations.push_back(std::move(expectation));
      }
      test.origin = in.index(any, "a test", true);
      out_.program.tests.push_back(std::move(test));
    }
  }

  void derived(Reader& in) {
    std::size_t n = in.count(2);
    for (std::size_t i = 0; i < n && in.ok(); ++i) {
      Derived::Tuples tuples;
      tuples.relation = in.index(arities_.size(), "derived facts");
      if (!in.ok()) break;
      std::size_t arity = arities_[tuples.relation];
      // A row without columns takes no bytes, so its count is bounded by one instead.
      tuples.rows = arity == 0 ? in.number() : in.count(arity);
      if (arity == 0 && tuples.rows > 1)
        in.fail("a relation without columns holds one fact at most");
      if (!in.ok()) break;
      tuples.values.resize(tuples.rows * arity);
      for (ir::Value& v : tuples.values) v = in.number();
      out_.derived->relations.push_back(std::move(tuples));
    }
  }

  const Container& container_;
  Compiled& out_;
  std::string* file_;
  struct {
    std::vector<std::uint64_t> offsets;
    std::vector<std::string> files;
    std::vector<ir::OriginId> with_remarks;
    std::vector<ir::Remarks> remarks;
  } origins_;
  std::vector<std::size_t> arities_;
  Error error_;
};

}  // namespace

Result<void> read_sections(const Container& container, Compiled& out, std::string* file) {
  return SectionReader(container, out, file).run();
}

}  // namespace sinew::format
