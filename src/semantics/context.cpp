#include "context.hpp"

#include "support/similar.hpp"

#include <fmt/format.h>

namespace sinew::semantics {

namespace {

std::string_view trimmed_text(std::string_view text) {
  constexpr std::size_t longest = 2000;  // explanations quote the statement, not a whole file
  if (text.size() > longest) text = text.substr(0, longest);
  return text;
}

}  // namespace

ir::OriginId Context::make_origin(const ast::Statement& statement, std::string rule_name) {
  ir::Origin origin;
  origin.remarks.rule_name = std::move(rule_name);
  origin.span = statement.span;
  if (statement.span.valid()) {
    const SourceFile& file = sources.file(statement.span.file);
    LineCol at = file.line_col(statement.span.begin);
    origin.file = file.path();
    origin.line = at.line;
    origin.column = at.column;
    origin.text = std::string(trimmed_text(sources.text(statement.span)));
  }
  for (const ast::Annotation& annotation : statement.annotations) {
    switch (annotation.kind) {
      case ast::Annotation::Kind::note: origin.remarks.notes.push_back(annotation.text); break;
      case ast::Annotation::Kind::assumption:
        origin.remarks.assumptions.push_back(annotation.text);
        break;
      case ast::Annotation::Kind::cite: {
        std::uint32_t source = ir::none;
        for (std::uint32_t i = 0; i < program.sources.size(); ++i) {
          if (program.sources[i].id == annotation.source.text) source = i;
        }
        if (source == ir::none) {
          std::vector<std::string> known;
          for (const auto& s : program.sources) known.push_back(s.id);
          auto& diagnostic = sink.report(codes::unknown_source, annotation.source.span,
                                         fmt::format("no source is named `{}`",
                                                     annotation.source.text));
          diagnostic.hint = known.empty() ? "declare it first: source " + annotation.source.text +
                                                " \"Title of the document\""
                                          : did_you_mean(annotation.source.text, known);
          break;
        }
        origin.remarks.citations.push_back(ir::Citation{source, annotation.text});
        citations.push_back(PendingCitation{source, annotation.text, annotation.text_span});
        break;
      }
    }
  }
  return program.origins.add(origin);
}

RelationUse& Context::use(ir::RelationId id) {
  if (uses.size() <= id) uses.resize(id + 1);
  return uses[id];
}

}  // namespace sinew::semantics
