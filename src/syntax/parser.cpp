// The parser: text checks, one statement at a time with recovery, and the AST.
#include "syntax/parser.hpp"

#include "build.hpp"
#include "control.hpp"
#include "parse_tree.hpp"
#include "recovery.hpp"
#include "support/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <optional>

namespace sinew::syntax {

namespace {

namespace p = tao::pegtl;

using Input = p::memory_input<p::tracking_mode::lazy, p::eol::lf_crlf, std::string_view>;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// The offset of the next token after `at` (comments and whitespace skipped).
std::size_t next_token(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    if (is_space(text[at])) {
      ++at;
    } else if (text.substr(at, 2) == "//") {
      std::size_t end = text.find('\n', at);
      at = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(at, 2) == "/*") {
      std::size_t end = text.find("*/", at + 2);
      at = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      break;
    }
  }
  return at;
}

std::size_t token_end(std::string_view text, std::size_t at) {
  if (is_word(text[at])) {
    while (at < text.size() && is_word(text[at])) ++at;
    return at;
  }
  return std::min(text.size(), at + utf8_length(static_cast<unsigned char>(text[at])));
}

std::size_t line_end(std::string_view text, std::size_t at) {
  std::size_t end = text.find_first_of("\r\n", at);
  return end == std::string_view::npos ? text.size() : end;
}

// The size and encoding checks that come before any parsing. False: nothing to parse.
bool check_text(std::string_view text, FileId file, DiagnosticSink& sink) {
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    sink.report(codes::file_too_large, Span{file, 0, 0},
                "this file is too large: Sinew reads files of up to 4 GiB");
    return false;
  }
  std::size_t bad = first_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    auto at = static_cast<std::uint32_t>(bad);
    sink.report(codes::not_utf8, Span{file, at, at + 1},
                fmt::format("this file is not UTF-8 text: the byte 0x{:02X} here cannot start "
                            "or continue a character; save the file as UTF-8",
                            static_cast<unsigned char>(text[bad])));
    return false;
  }
  return true;
}

void report(DiagnosticSink& sink, FileId file, const SyntaxError& error) {
  sink.report(*error.code, Span{file, error.begin, error.end}, error.message).hint = error.hint;
}

std::size_t offset(const ParseContext& context, const Input& in) {
  return static_cast<std::size_t>(in.current() - context.base);
}

std::size_t skip_separator(ParseContext& context, std::size_t at, std::string_view path) {
  Input in(context.base + at, context.limit, path);
  context.tree = nullptr;
  (void)p::parse<grammar::sep, p::nothing, Control>(in, context);
  return offset(context, in);
}

// Parses one Rule at `at` into `tree`; its root, or nothing when Rule did not match.
template <typename Rule>
std::optional<Node> parse_tree_at(ParseContext& context, Tree& tree, std::size_t at,
                                  std::string_view path, std::size_t* end = nullptr) {
  Input in(context.base + at, context.limit, path);
  context.depth = 0;
  context.tree = &tree;
  tree.clear();
  bool matched = p::parse<Rule, p::nothing, Control>(in, context);
  context.tree = nullptr;
  if (end != nullptr) *end = offset(context, in);
  if (!matched || tree.empty()) return std::nullopt;
  return tree.root();
}

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Parses statements from the start of the file to its end, one error per statement.
class ModuleParser {
 public:
  ModuleParser(const SourceFile& source, FileId file, DiagnosticSink& sink,
               const ParseOptions& options)
      : text_(source.text()),
        path_(source.path()),
        file_(file),
        sink_(sink),
        context_{text_.data(), text_.data() + text_.size(), 0, options.max_depth, nullptr},
        tree_(text_.data()),
        builder_(file, options.dialect, options.max_depth) {
    module_.file = file;
    module_.dialect = options.dialect;
  }

  ast::Module run() {
    std::size_t at = text_.starts_with(utf8_bom) ? utf8_bom.size() : 0;
    while (true) {
      try {
        at = skip_separator(context_, at, path_);
      } catch (const SyntaxError& error) {
        fail(error);  // a comment that is never closed: the rest of the file is comment
        break;
      }
      if (at >= text_.size()) break;
      at = statement(at);
    }
    if (module_.statements.empty() && errors_ == 0) {
      sink_.report(codes::empty_file, Span{file_, 0, 0},
                   "this file has no statements: only blank lines and comments");
    }
    return std::move(module_);
  }

 private:
  // Parses the statement at `begin`; returns where the next one starts.
  std::size_t statement(std::size_t begin) {
    std::size_t end = begin;
    bool parsed = false;
    try {
      auto root = parse_tree_at<grammar::statement>(context_, tree_, begin, path_, &end);
      if (!root) {
        throw make_syntax_error(context_, context_.base + begin, error_message<p::eof>);
      }
      parsed = true;
      Node node = *root;
      if (node.is<grammar::annotation>()) {
        attach(builder_.annotation(node));
      } else {
        module_.statements.push_back(builder_.statement(node));
        previous_failed_ = false;
      }
      return end;
    } catch (const SyntaxError& error) {
      fail(error);
      return parsed ? end : resume_point(text_, begin, error.begin);
    }
  }

  // An annotation belongs to the statement before it. After a broken statement it is
  // dropped without a word: it belonged to that statement, already reported.
  void attach(ast::Annotation annotation) {
    if (previous_failed_) return;
    if (module_.statements.empty()) {
      throw SyntaxError{&codes::misplaced_annotation,
                        "this annotation has no statement before it: write it after the "
                        "fact or rule it is about, or between a rule's name and its clause",
                        annotation.span.begin, annotation.span.end};
    }
    module_.statements.back().annotations.push_back(std::move(annotation));
  }

  void fail(const SyntaxError& error) {
    report(sink_, file_, error);
    ++errors_;
    previous_failed_ = true;
  }

  std::string_view text_;
  std::string_view path_;
  FileId file_;
  DiagnosticSink& sink_;
  ParseContext context_;
  Tree tree_;
  Builder builder_;
  ast::Module module_;
  std::size_t errors_ = 0;
  bool previous_failed_ = false;
};

}  // namespace

SyntaxError make_syntax_error(const ParseContext& context, const char* at,
                              const ErrorMessage& message) {
  std::string_view text(context.base, static_cast<std::size_t>(context.limit - context.base));
  auto position = static_cast<std::size_t>(at - context.base);
  std::size_t begin = position;
  std::size_t end = position;
  switch (message.place) {
    case Place::opening:
      begin = position - message.opening_size;
      end = line_end(text, begin);
      break;
    case Place::escape:
      begin = position - 1;
      end = position < text.size()
                ? std::min(text.size(),
                           position + utf8_length(static_cast<unsigned char>(text[position])))
                : position;
      break;
    case Place::token: {
      std::size_t next = next_token(text, position);
      bool same_line = text.substr(position, next - position).find('\n') == std::string_view::npos;
      if (next < text.size() && same_line) {
        begin = next;
        end = token_end(text, next);
      }
      break;
    }
  }
  return SyntaxError{message.code, std::string(message.text), static_cast<std::uint32_t>(begin),
                     static_cast<std::uint32_t>(end)};
}

SyntaxError make_depth_error(const ParseContext& context, const char* at) {
  auto position = static_cast<std::uint32_t>(at - context.base);
  return SyntaxError{&codes::nesting_too_deep, depth_message(context.max_depth), position,
                     position + 1};
}

ast::Dialect dialect_for_path(std::string_view path) {
  return path.ends_with(".dl") ? ast::Dialect::souffle : ast::Dialect::sinew;
}

ast::Module parse_module(const SourceMap& sources, FileId file, DiagnosticSink& sink,
                         const ParseOptions& options) {
  const SourceFile& source = sources.file(file);
  if (!check_text(source.text(), file, sink)) {
    ast::Module module;
    module.file = file;
    module.dialect = options.dialect;
    return module;
  }
  return ModuleParser(source, file, sink, options).run();
}

namespace {

// One statement-sized piece of text (a query, an atom) parsed by `Rule` and built by
// `build`: the REPL's and the API's entry points differ only in these two.
template <typename Rule, typename Result>
std::optional<Result> parse_piece(const SourceMap& sources, FileId file, DiagnosticSink& sink,
                                  const ParseOptions& options,
                                  Result (Builder::*build)(Node node)) {
  const SourceFile& source = sources.file(file);
  std::string_view text = source.text();
  if (!check_text(text, file, sink)) return std::nullopt;
  ParseContext context{text.data(), text.data() + text.size(), 0, options.max_depth, nullptr};
  Tree tree(text.data());
  Builder builder(file, options.dialect, options.max_depth);
  try {
    auto root = parse_tree_at<Rule>(context, tree, 0, source.path());
    return (builder.*build)(*root);
  } catch (const SyntaxError& error) {
    report(sink, file, error);
    return std::nullopt;
  }
}

}  // namespace

std::optional<ast::QueryDecl> parse_query(const SourceMap& sources, FileId file,
                                          DiagnosticSink& sink, const ParseOptions& options) {
  return parse_piece<grammar::query_text>(sources, file, sink, options, &Builder::query_decl);
}

std::optional<ast::Atom> parse_atom(const SourceMap& sources, FileId file, DiagnosticSink& sink,
                                    const ParseOptions& options) {
  return parse_piece<grammar::atom_text>(sources, file, sink, options, &Builder::atom);
}

}  // namespace sinew::syntax
