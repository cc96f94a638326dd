// The declarations pass: module, sources, kinds, scales, types, relations, entities
// and directives, collected from every file before any clause is checked, so that
// a name may be used before the line that declares it.

#include "column_ranges.hpp"
#include "context.hpp"
#include "ir/graph.hpp"

#include "support/similar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace sinew::semantics {

using ir::cycle_through;
using ir::Digraph;
using ir::strongly_connected_components;

namespace {

template <typename Node, typename Visit>
void for_each(const std::vector<ast::Module>& modules, Visit visit) {
  for (const ast::Module& module : modules) {
    for (const ast::Statement& statement : module.statements) {
      if (const auto* node = std::get_if<Node>(&statement.node)) visit(statement, *node);
    }
  }
}

class Declarer {
 public:
  explicit Declarer(Context& context) : c_(context), program_(context.program) {}

  void run(const std::vector<ast::Module>& modules) {
    declare_module(modules);
    declare_sources(modules);
    declare_kinds(modules);
    declare_scales(modules);
    declare_types(modules);
    declare_relations(modules);
    declare_entities(modules);
    apply_directives(modules);
  }

 private:
  void declare_module(const std::vector<ast::Module>& modules) {
    const ast::ModuleDecl* first = nullptr;
    for_each<ast::ModuleDecl>(modules, [&](const ast::Statement&, const ast::ModuleDecl& decl) {
      if (!first) {
        first = &decl;
        program_.module_name = decl.name.text;
        program_.module_version = decl.version.value_or("");
        return;
      }
      if (decl.name.text != first->name.text || decl.version != first->version) {
        auto& diagnostic = c_.sink.report(
            codes::conflicting_module, decl.name.span,
            fmt::format("this file belongs to module `{}`, another to `{}`", decl.name.text,
                        first->name.text));
        diagnostic.secondary.push_back({first->name.span, "the other module is declared here"});
        diagnostic.hint =
            "the files read together form one knowledge base: give them one "
            "module name and version";
      }
    });
  }

  void declare_sources(const std::vector<ast::Module>& modules) {
    std::map<std::string, Span> seen;
    for_each<ast::SourceDecl>(modules, [&](const ast::Statement& statement,
                                           const ast::SourceDecl& decl) {
      if (!first_declaration(seen, decl.id, codes::duplicate_source, "the source ")) return;
      ir::Source source;
      source.id = decl.id.text;
      source.title = decl.title.value_or("");
      for (const ast::Property& property : decl.properties) {
        const std::string& key = property.key.text;
        if (key == "title") source.title = property.value;
        else if (key == "publisher") source.publisher = property.value;
        else if (key == "author") source.author = property.value;
        else if (key == "url") source.url = property.value;
        else if (key == "date") source.date = property.value;
        else if (key == "license") source.license = property.value;
        else if (key == "disclaimer") source.disclaimer = property.value;
        else if (key == "text") source.text = property.value;
        else if (key == "file") read_source_text(statement, property, source);
      }
      program_.sources.push_back(std::move(source));
    });
  }

  void read_source_text(const ast::Statement& statement, const ast::Property& property,
                        ir::Source& source) {
    source.file = property.value;
    namespace fs = std::filesystem;
    fs::path base = fs::path(c_.sources.file(statement.span.file).path()).parent_path();
    auto text = read_file((base / property.value).lexically_normal().string(), 64u << 20);
    if (!text) {
      c_.sink
          .report(codes::source_file_missing, property.value_span,
                  fmt::format("cannot read the text of source `{}`: {}", source.id,
                              text.error().message))
          .hint = "the path is read relative to the file that declares the source";
      return;
    }
    source.text = std::move(text).value();
  }

  void declare_kinds(const std::vector<ast::Module>& modules) {
    std::vector<std::pair<const ast::KindDecl*, std::uint32_t>> declared;
    for_each<ast::KindDecl>(modules, [&](const ast::Statement&, const ast::KindDecl& decl) {
      if (!claim_type_name(decl.name)) return;
      ir::Kind kind;
      kind.name = decl.name.text;
      kind.label = decl.label.value_or("");
      declared.emplace_back(&decl, static_cast<std::uint32_t>(program_.kinds.size()));
      program_.kinds.push_back(std::move(kind));
    });
    std::map<std::string, std::uint32_t> index;
    for (std::uint32_t k = 0; k < program_.kinds.size(); ++k) index[program_.kinds[k].name] = k;

    Digraph graph{program_.kinds.size(), {}};
    std::vector<Span> edge_spans;
    for (const auto& [decl, k] : declared) {
      for (const ast::Name& parent : decl->parents) {
        auto it = index.find(parent.text);
        if (it == index.end()) {
          report_unknown_kind(parent);
          continue;
        }
        graph.edges.push_back({k, it->second});
        edge_spans.push_back(parent.span);
      }
    }
    report_cycles(graph, edge_spans, codes::kind_cycle,
                  [&](std::uint32_t k) { return program_.kinds[k].name; });
    // Links that close a reported cycle are dropped, so that later passes cannot loop.
    for (std::uint32_t e = 0; e < graph.edges.size(); ++e) {
      if (std::find(cyclic_.begin(), cyclic_.end(), e) != cyclic_.end()) continue;
      program_.kinds[graph.edges[e].from].parents.push_back(graph.edges[e].to);
    }
    c_.scope.index_kinds();
  }

  // Reports every is-a cycle once, showing the chain with the span of each link.
  template <typename NameOf>
  void report_cycles(const Digraph& graph, const std::vector<Span>& edge_spans, const Code& code,
                     NameOf name_of) {
    auto components = strongly_connected_components(graph);
    std::vector<bool> reported(graph.node_count, false);
    for (std::uint32_t e = 0; e < graph.edges.size(); ++e) {
      const auto& edge = graph.edges[e];
      if (components[edge.from] != components[edge.to] || reported[components[edge.from]]) {
        continue;
      }
      auto cycle = cycle_through(graph, components, e);
      if (cycle.empty()) continue;
      reported[components[edge.from]] = true;
      std::string chain = fmt::format("`{}`", name_of(graph.edges[cycle.front()].from));
      for (std::uint32_t link : cycle)
        chain += fmt::format(" is a `{}`", name_of(graph.edges[link].to));
      auto& diagnostic = c_.sink.report(code, edge_spans[cycle.front()],
                                        fmt::format("is-a cycle: {}", chain));
      for (std::size_t i = 1; i < cycle.size(); ++i) {
        diagnostic.secondary.push_back(
            {edge_spans[cycle[i]],
             fmt::format("`{}` is a `{}` here", name_of(graph.edges[cycle[i]].from),
                         name_of(graph.edges[cycle[i]].to))});
      }
      diagnostic.hint = "a hierarchy must not loop back on itself: remove one of these links";
      cyclic_.insert(cyclic_.end(), cycle.begin(), cycle.end());
    }
  }

  void report_unknown_kind(const ast::Name& name) {
    std::vector<std::string> kinds;
    for (const auto& kind : program_.kinds) kinds.push_back(kind.name);
    c_.sink.report(codes::unknown_type, name.span, fmt::format("no kind is named `{}`", name.text))
        .hint = kinds.empty() ? "declare it with `kind " + name.text + "`"
                              : did_you_mean(name.text, kinds);
  }

  // Kinds, scales and `.type`s share one namespace.
  bool claim_type_name(const ast::Name& name) {
    static constexpr std::string_view builtins[] = {"number", "unsigned", "float", "symbol"};
    if (std::find(std::begin(builtins), std::end(builtins), name.text) != std::end(builtins)) {
      c_.sink.report(codes::reserved_name, name.span,
                     fmt::format("`{}` is a built-in type and cannot be declared again",
                                 name.text));
      return false;
    }
    return first_declaration(type_names_, name, codes::duplicate_type, "");
  }

  // The unary relation, named as the kind or scale, of its members or levels.
  ir::RelationId add_membership(const std::string& type_name, std::string column) {
    ir::Relation relation;
    relation.name = type_name;
    relation.kind_membership = true;
    relation.columns.push_back(ir::Column{std::move(column), c_.scope.type(type_name)->column});
    return add_relation(std::move(relation), type_names_[type_name], false);
  }

  // True the first time `name` is declared (`seen` then keeps where); after that,
  // reports "<what>`name` is declared twice" there, pointing at the first declaration.
  bool first_declaration(std::map<std::string, Span>& seen, const ast::Name& name, const Code& code,
                         std::string_view what) {
    auto [it, fresh] = seen.emplace(name.text, name.span);
    if (fresh) return true;
    c_.sink.report(code, name.span, fmt::format("{}`{}` is declared twice", what, name.text))
        .secondary.push_back({it->second, "first declared here"});
    return false;
  }

  void declare_scales(const std::vector<ast::Module>& modules) {
    for_each<ast::ScaleDecl>(modules, [&](const ast::Statement& statement,
                                          const ast::ScaleDecl& decl) {
      if (!claim_type_name(decl.name)) return;
      scale_origins_.push_back(c_.make_origin(statement));
      ir::Scale scale;
      scale.name = decl.name.text;
      std::map<std::string, Span> seen;
      for (const ast::Name& level : decl.levels) {
        if (auto [it, fresh] = seen.emplace(level.text, level.span); !fresh) {
          c_.sink
              .report(codes::duplicate_level, level.span,
                      fmt::format("`{}` appears twice on the scale `{}`", level.text, scale.name))
              .secondary.push_back({it->second, "first here"});
          continue;
        }
        scale.levels.push_back(program_.symbols.intern(level.text));
      }
      program_.scales.push_back(std::move(scale));
      std::uint32_t index = static_cast<std::uint32_t>(program_.scales.size() - 1);
      TypeInfo info;
      info.column.base = ir::BaseType::symbol;
      info.column.name = decl.name.text;
      info.column.scale = index;
      info.span = decl.name.span;
      c_.scope.add_type(decl.name.text, info);
    });
    c_.scope.index_entities();
  }

  void declare_types(const std::vector<ast::Module>& modules) {
    // A `.type` may name another declared later: resolve in rounds until nothing changes.
    std::vector<std::pair<const ast::TypeDecl*, bool>> pending;
    for_each<ast::TypeDecl>(modules, [&](const ast::Statement&, const ast::TypeDecl& decl) {
      if (claim_type_name(decl.name)) pending.emplace_back(&decl, false);
    });
    for (bool progress = true; progress;) {
      progress = false;
      for (auto& [decl, done] : pending) {
        if (done) continue;
        const TypeInfo* base = c_.scope.type(decl->bases.front().text);
        bool ready = std::all_of(decl->bases.begin(), decl->bases.end(),
                                 [&](const ast::Name& b) { return c_.scope.type(b.text); });
        if (!ready) continue;
        for (const ast::Name& other : decl->bases) {
          if (c_.scope.type(other.text)->column.base != base->column.base) {
            c_.sink.report(codes::type_mismatch, other.span,
                           fmt::format("`{}` joins types of different sorts: `{}` and `{}`",
                                       decl->name.text, decl->bases.front().text, other.text));
          }
        }
        TypeInfo info;
        info.column.base = base->column.base;
        info.column.name = decl->name.text;
        // An alias of a single kind or scale keeps its checks.
        if (decl->bases.size() == 1) {
          info.column.scale = base->column.scale;
          info.kind = base->kind;
        }
        info.span = decl->name.span;
        c_.scope.add_type(decl->name.text, info);
        done = progress = true;
      }
    }
    for (const auto& [decl, done] : pending) {
      if (done) continue;
      for (const ast::Name& base : decl->bases) {
        if (!c_.scope.type(base.text)) report_unknown_type(base);
      }
    }
  }

  void report_unknown_type(const ast::Name& name) {
    c_.sink.report(codes::unknown_type, name.span, fmt::format("no type is named `{}`", name.text))
        .hint = did_you_mean(name.text, c_.scope.type_names());
  }

  void declare_relations(const std::vector<ast::Module>& modules) {
    std::map<std::string, Span> seen;
    for_each<ast::RelationDecl>(modules, [&](const ast::Statement& statement,
                                             const ast::RelationDecl& decl) {
      if (!first_declaration(seen, decl.name, codes::duplicate_relation, "the relation ")) return;
      if (c_.scope.kind(decl.name.text) || c_.scope.scale(decl.name.text)) {
        c_.sink
            .report(codes::duplicate_relation, decl.name.span,
                    fmt::format("`{}` is already the name of a kind or scale, which is a "
                                "relation of its members",
                                decl.name.text))
            .hint = "choose another name for this relation";
        return;
      }
      ir::Relation relation;
      relation.name = decl.name.text;
      relation.case_input = decl.role == ast::RelationDecl::Role::input;
      relation.output = decl.role == ast::RelationDecl::Role::output;
      relation.facts_file = decl.name.text + ".facts";
      for (const ast::Parameter& param : decl.params) {
        const TypeInfo* type = c_.scope.type(param.type.text);
        if (!type) report_unknown_type(param.type);
        ir::Column column{param.name.text, type ? type->column : ir::ColumnType{}};
        if (param.range && type) column.range = lower_column_range(c_, decl, param, column.type);
        relation.columns.push_back(std::move(column));
      }
      bool equivalence = false;
      for (const ast::Name& qualifier : decl.qualifiers) {
        if (qualifier.text == "eqrel") {
          equivalence = check_equivalence(relation, qualifier.span);
          continue;
        }
        c_.sink.report(codes::unknown_qualifier, qualifier.span,
                       fmt::format("`{}` is accepted for Souffle compatibility and has no "
                                   "effect here",
                                   qualifier.text));
      }
      relation.origin = c_.make_origin(statement);
      ir::RelationId id = add_relation(std::move(relation), decl.name.span, true);
      c_.use(id).equivalence = equivalence;
    });
    // Every kind and scale is also a unary relation of its members.
    for (ir::Kind& kind : program_.kinds) kind.members = add_membership(kind.name, "member");
    for (std::uint32_t s = 0; s < program_.scales.size(); ++s) {
      program_.scales[s].members = add_membership(program_.scales[s].name, "level");
      // The relation of a scale's levels is declared by the scale's statement.
      program_.relations[program_.scales[s].members].origin = scale_origins_[s];
      for (SymbolId level : program_.scales[s].levels) {
        program_.facts.push_back(ir::Fact{program_.scales[s].members, {level}, ir::none});
      }
      c_.use(program_.scales[s].members).has_facts = true;
    }
  }

  // `eqrel` (as in Soufflé): a relation of two values of one type, closed so that it is
  // reflexive, symmetric and transitive (clauses.cpp adds the rules that close it).
  bool check_equivalence(const ir::Relation& relation, Span span) {
    if (relation.arity() == 2 && relation.columns[0].type.base == relation.columns[1].type.base &&
        relation.columns[0].type.name == relation.columns[1].type.name) {
      return true;
    }
    c_.sink
        .report(codes::unsupported, span,
                fmt::format("`eqrel` makes `{}` an equivalence relation, which needs two values "
                            "of one type; `{}` has {}",
                            relation.name, relation.name,
                            relation.arity() == 2 ? "two values of different types"
                                                  : fmt::format("{} values", relation.arity())))
        .hint = "declare it with two values of the same type, or remove `eqrel`";
    return false;
  }

  ir::RelationId add_relation(ir::Relation relation, Span span, bool by_author) {
    auto id = static_cast<ir::RelationId>(program_.relations.size());
    c_.scope.add_relation(relation.name, id);
    program_.relations.push_back(std::move(relation));
    RelationUse& use = c_.use(id);
    use.declared = span;
    use.declared_by_author = by_author;
    return id;
  }

  void declare_entities(const std::vector<ast::Module>& modules) {
    std::map<SymbolId, std::size_t> index;  // symbol -> position in program_.entities
    std::map<std::pair<SymbolId, std::uint32_t>, Span> declared;
    std::vector<std::pair<std::size_t, const ast::Name*>> parent_links;
    for_each<ast::EntityDecl>(modules, [&](const ast::Statement& statement,
                                           const ast::EntityDecl& decl) {
      auto kind = c_.scope.kind(decl.kind.text);
      if (!kind) {
        if (c_.scope.type(decl.kind.text) || c_.scope.relation(decl.kind.text)) {
          c_.sink
              .report(codes::not_a_kind, decl.kind.span,
                      fmt::format("`{}` is not a kind, so it cannot declare entities",
                                  decl.kind.text))
              .hint = "declare entities with a kind, e.g. `kind condition` then `condition lupus`";
        } else {
          report_unknown_kind(decl.kind);
        }
        return;
      }
      ir::OriginId origin = c_.make_origin(statement);
      for (const ast::Entity& entity : decl.entities) {
        SymbolId id = program_.symbols.intern(entity.id.text);
        if (auto [it, fresh] = declared.emplace(std::pair{id, *kind}, entity.id.span); !fresh) {
          c_.sink
              .report(codes::duplicate_entity, entity.id.span,
                      fmt::format("`{}` is declared twice as a {}", entity.id.text, decl.kind.text))
              .secondary.push_back({it->second, "first declared here"});
          continue;
        }
        auto [it, fresh] = index.emplace(id, program_.entities.size());
        if (fresh) {
          program_.entities.emplace_back();
          program_.entities.back().id = id;
          program_.entities.back().origin = origin;
        }
        ir::Entity& target = program_.entities[it->second];
        target.kinds.push_back(*kind);
        if (entity.label && target.label.empty()) target.label = *entity.label;
        if (entity.definition && target.definition.empty()) target.definition = *entity.definition;
        for (const ast::Code& code : entity.codes) {
          target.codes.push_back(ir::EntityCode{code.system.text, code.value});
        }
        target.synonyms.insert(target.synonyms.end(), entity.synonyms.begin(),
                               entity.synonyms.end());
        for (const ast::Name& parent : entity.parents)
          parent_links.emplace_back(it->second, &parent);
      }
    });
    link_entity_parents(index, parent_links);
    std::sort(program_.entities.begin(), program_.entities.end(),
              [&](const ir::Entity& a, const ir::Entity& b) {
                return program_.symbols.text(a.id) < program_.symbols.text(b.id);
              });
    c_.scope.index_entities();
    add_membership_facts();
  }

  void link_entity_parents(const std::map<SymbolId, std::size_t>& index,
                           const std::vector<std::pair<std::size_t, const ast::Name*>>& links) {
    Digraph graph{program_.entities.size(), {}};
    std::vector<Span> spans;
    for (const auto& [child, parent] : links) {
      auto symbol = program_.symbols.find(parent->text);
      auto it = symbol ? index.find(*symbol) : index.end();
      if (it == index.end()) {
        std::vector<std::string> names;
        for (const auto& e : program_.entities) names.emplace_back(program_.symbols.text(e.id));
        c_.sink
            .report(codes::unknown_entity, parent->span,
                    fmt::format("no entity is named `{}`", parent->text))
            .hint = did_you_mean(parent->text, names);
        continue;
      }
      graph.edges.push_back(
          {static_cast<std::uint32_t>(child), static_cast<std::uint32_t>(it->second)});
      spans.push_back(parent->span);
    }
    cyclic_.clear();
    report_cycles(graph, spans, codes::entity_cycle, [&](std::uint32_t e) {
      return std::string(program_.symbols.text(program_.entities[e].id));
    });
    for (std::uint32_t e = 0; e < graph.edges.size(); ++e) {
      if (std::find(cyclic_.begin(), cyclic_.end(), e) != cyclic_.end()) continue;
      const auto& edge = graph.edges[e];
      program_.entities[edge.from].parents.push_back(program_.entities[edge.to].id);
    }
  }

  // `symptom(S)` holds for every entity declared a symptom or of a sub-kind of it.
  void add_membership_facts() {
    for (std::uint32_t k = 0; k < program_.kinds.size(); ++k) {
      ir::RelationId members = program_.kinds[k].members;
      for (const ir::Entity& entity : program_.entities) {
        if (c_.scope.has_kind(entity.id, k)) {
          program_.facts.push_back(ir::Fact{members, {entity.id}, entity.origin});
          c_.use(members).has_facts = true;
        }
      }
    }
  }

  void apply_directives(const std::vector<ast::Module>& modules) {
    for_each<ast::IoDirective>(modules, [&](const ast::Statement&, const ast::IoDirective& io) {
      for (const ast::IoTarget& target : io.targets) {
        auto id = c_.scope.relation(target.relation.text);
        if (!id) {
          c_.sink
              .report(codes::unknown_relation, target.relation.span,
                      fmt::format("no relation is named `{}`", target.relation.text))
              .hint = did_you_mean(target.relation.text, c_.scope.relation_names());
          continue;
        }
        ir::Relation& relation = program_.relations[*id];
        switch (io.kind) {
          case ast::IoDirective::Kind::input:
            relation.load_facts = true;
            c_.use(*id).has_facts = true;
            break;
          case ast::IoDirective::Kind::output: relation.output = true; break;
          case ast::IoDirective::Kind::printsize: relation.print_size = true; break;
        }
        RelationUse& use = c_.use(*id);
        if (!use.read) use.first_read = target.relation.span;
        use.read = true;
        for (const ast::IoOption& option : target.options) apply_option(relation, option);
      }
    });
  }

  void apply_option(ir::Relation& relation, const ast::IoOption& option) {
    const std::string& key = option.key.text;
    const std::string& value = option.value.text;
    if (key == "filename") {
      relation.facts_file = value;
    } else if (key == "delimiter" && value.size() == 1) {
      relation.delimiter = value[0];
    } else if (key == "headers" && (value == "true" || value == "false")) {
      relation.headers = value == "true";
    } else if (key == "IO" && value == "file") {
      // The only kind of input Sinew reads; accepted for Souffle compatibility.
    } else {
      c_.sink
          .report(codes::bad_directive, option.key.span,
                  fmt::format("the option `{}` is not understood here", key))
          .hint =
          "Sinew reads `filename=\"...\"`, a one-character `delimiter=\"...\"` and "
          "`headers=true` (the first line names the columns)";
    }
  }

  Context& c_;
  ir::Program& program_;
  std::vector<ir::OriginId> scale_origins_;  // by scale, its statement
  std::map<std::string, Span> type_names_;
  std::vector<std::uint32_t> cyclic_;  // edges that close a reported cycle
};

}  // namespace

void declare(const std::vector<ast::Module>& modules, Context& context) {
  Declarer(context).run(modules);
}

}  // namespace sinew::semantics
