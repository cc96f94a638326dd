#pragma once
// What a KnowledgeBase holds: the checked program and what case evaluation works out
// once for it. Shared by the runtime part and the compiler part of the API.

#include "cases/case_evaluation.hpp"
#include "ir/program.hpp"
#include "support/source_map.hpp"
#include <sinew/sinew.hpp>

#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace sinew {

class KnowledgeBase::Impl {
 public:
  // `sources`: the texts the program was compiled from, when they are at hand (loaded
  // from rule files), so that messages about a text query can show them.
  Impl(ir::Program program, const LoadOptions& options, bool souffle_names,
       std::shared_ptr<const SourceMap> sources);
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // The program first: the case model keeps a reference to it.
  const ir::Program program;
  const LoadOptions options;
  const bool souffle_names;  // written in Soufflé's dialect (text queries follow it)
  const std::shared_ptr<const SourceMap> sources;
  const std::vector<RelationInfo> relations;
  const cases::CaseModel model;
};

// A knowledge base made from a checked program: its relations listed, its case model
// worked out. Catches nothing: the caller is the boundary.
KnowledgeBase make_knowledge_base(ir::Program program, const LoadOptions& options,
                                  bool souffle_names,
                                  std::shared_ptr<const SourceMap> sources = nullptr);

// Runs `work`, turning any exception into an error: nothing is thrown across the API.
template <typename Work>
auto guarded(Work work) -> decltype(work()) {
  try {
    return work();
  } catch (const std::bad_alloc&) {
    return Error{"there was not enough memory to finish"};
  } catch (const std::exception& e) {
    return Error{std::string("internal error in Sinew: ") + e.what()};
  } catch (...) {
    return Error{"internal error in Sinew"};
  }
}

}  // namespace sinew
