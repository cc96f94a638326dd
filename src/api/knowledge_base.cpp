// Loading a compiled knowledge base, and what it says about its relations.

#include "knowledge_base_impl.hpp"
#include "values.hpp"

#include "format/compiled.hpp"

#include <algorithm>

namespace sinew {

namespace {

std::vector<RelationInfo> describe(const ir::Program& program) {
  std::vector<RelationInfo> relations;
  for (const ir::Relation& relation : program.relations) {
    RelationInfo& info = relations.emplace_back();
    info.name = relation.name;
    info.input = relation.case_input;
    info.output = relation.output;
    for (const ir::Column& column : relation.columns) {
      info.columns.push_back({column.name, column.type.name, api::base_of(column.type.base)});
    }
  }
  return relations;
}

cases::CaseAnswerOptions case_options(const LoadOptions& options) {
  cases::CaseAnswerOptions out;
  out.explanations = options.explanations;
  out.unknown_findings = options.unknown_findings;
  out.limits = {options.timeout_seconds, options.max_facts};
  return out;
}

}  // namespace

KnowledgeBase::Impl::Impl(ir::Program program_in, const LoadOptions& options_in, bool souffle,
                          std::shared_ptr<const SourceMap> sources_in)
    : program(std::move(program_in)),
      options(options_in),
      souffle_names(souffle),
      sources(std::move(sources_in)),
      relations(describe(program)),
      model(program, case_options(options)) {}

KnowledgeBase make_knowledge_base(ir::Program program, const LoadOptions& options,
                                  bool souffle_names, std::shared_ptr<const SourceMap> sources) {
  return KnowledgeBase(std::make_shared<const KnowledgeBase::Impl>(
      std::move(program), options, souffle_names, std::move(sources)));
}

KnowledgeBase::KnowledgeBase(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Result<KnowledgeBase> KnowledgeBase::load(const std::string& path, const LoadOptions& options) {
  return guarded([&]() -> Result<KnowledgeBase> {
    auto compiled = format::read_file(path);
    if (!compiled) return compiled.error();
    bool souffle = compiled->metadata.souffle_names;
    return make_knowledge_base(std::move(compiled->program), options, souffle);
  });
}

const std::string& KnowledgeBase::name() const { return impl_->program.module_name; }
const std::string& KnowledgeBase::version() const { return impl_->program.module_version; }
const std::vector<RelationInfo>& KnowledgeBase::relations() const { return impl_->relations; }

const RelationInfo* KnowledgeBase::relation(std::string_view name) const {
  auto found = std::find_if(impl_->relations.begin(), impl_->relations.end(),
                            [&](const RelationInfo& info) { return info.name == name; });
  return found == impl_->relations.end() ? nullptr : &*found;
}

}  // namespace sinew
