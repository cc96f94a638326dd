// `sinew fmt FILES... [--check]`: rewrite rule files in the canonical layout
// (syntax/formatter.hpp); `--check` changes nothing and shows the diff; `-` is standard
// input to standard output.

#include "command.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "unified_diff.hpp"
#include "workspace.hpp"

#include "support/catalog.hpp"
#include "syntax/comments.hpp"
#include "syntax/formatter.hpp"
#include "syntax/parser.hpp"
#include "syntax/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sinew::cli {

namespace {

namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
};

// The comments of a text, without the blanks that end a line comment.
std::vector<std::string> comment_texts(std::string_view text) {
  std::vector<std::string> texts;
  for (const syntax::Comment& comment : syntax::find_comments(text)) {
    std::string_view each = text.substr(comment.begin, comment.end - comment.begin);
    if (comment.line) {
      while (!each.empty() && (each.back() == ' ' || each.back() == '\t')) each.remove_suffix(1);
    }
    texts.emplace_back(each);
  }
  return texts;
}

// The tree without places, for comparing the meaning of two texts.
std::optional<ast::Module> tree_of(std::string_view text, const std::string& path) {
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add(path, std::string(text));
  syntax::ParseOptions options;
  options.dialect = syntax::dialect_for_path(path);
  ast::Module module = syntax::parse_module(sources, file, sink, options);
  if (sink.has_errors()) return std::nullopt;
  syntax::clear_spans(module);
  return module;
}

// One file's text formatted; nothing when it does not parse (its diagnostics shown).
class FileFormatter {
 public:
  // Formats `text`, read from `path` (whose extension chooses the dialect).
  std::optional<std::string> format(const std::string& path, std::string text) {
    SourceMap sources;
    DiagnosticSink sink;
    FileId file = sources.add(path, std::move(text));
    syntax::ParseOptions options;
    options.dialect = syntax::dialect_for_path(path);
    ast::Module module = syntax::parse_module(sources, file, sink, options);
    if (sink.has_errors()) {
      show(sources, sink);
      return std::nullopt;
    }
    std::string_view original = sources.file(file).text();
    std::string formatted = syntax::format(original, module);
    // Never write a text that means something else: a bug in the formatter must not
    // change a knowledge base.
    auto before = tree_of(original, path);
    auto after = tree_of(formatted, path);
    if (!after || *before != *after || comment_texts(original) != comment_texts(formatted)) {
      fmt::print(stderr,
                 "sinew: internal error: formatting `{}` would change what it says; the file "
                 "is left as it is\nthis is a bug in Sinew; please report it\n",
                 path);
      internal_error_ = true;
      return std::nullopt;
    }
    return formatted;
  }

  bool internal_error() const { return internal_error_; }

 private:
  static void show(const SourceMap& sources, const DiagnosticSink& sink) {
    RenderOptions options;
    options.color = stderr_wants_color();
    std::string rendered = render_all(sources, sink, options);
    std::fwrite(rendered.data(), 1, rendered.size(), stderr);
  }

  bool internal_error_ = false;
};

// Writes `text` to `path` all at once: a temporary file beside it, renamed over it, so
// that a reader never sees half a file. The file keeps its permissions.
bool replace_file(const std::string& path, std::string_view text) {
  // Through a symbolic link, the file it points to is replaced, not the link.
  std::error_code error;
  fs::path target = fs::is_symlink(path, error) ? fs::canonical(path, error) : fs::path(path);
  if (error) target = path;
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string temporary = (folder / ("." + target.filename().string() + ".fmt-XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    print_error(codes::file_not_found.id,
                fmt::format("cannot write `{}`: {}", path, std::strerror(errno)));
    return false;
  }
  struct stat status {};
  if (::stat(target.c_str(), &status) == 0) ::fchmod(fd, status.st_mode & 07777);
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  bool ok = written == text.size() && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(temporary.c_str(), target.c_str()) == 0) return true;
  print_error(codes::file_not_found.id,
              fmt::format("cannot write `{}`: {}", path, std::strerror(errno)));
  std::remove(temporary.c_str());
  return false;
}

// The files a path names: itself, or a folder's `.sinew` files, recursively, sorted.
std::vector<std::string> files_named(const std::string& path, bool& ok) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    print_error(codes::file_not_found.id, fmt::format("cannot find `{}`", path));
    ok = false;
    return {};
  }
  if (!fs::is_directory(path, error)) return {path};
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == ".sinew") {
      files.push_back(it->path().lexically_normal().string());
    }
  }
  if (error || files.empty()) {
    print_error(codes::no_source_files.id,
                fmt::format("the folder `{}` holds no `.sinew` files", path));
    ok = false;
  }
  std::sort(files.begin(), files.end());
  return files;
}

int run_fmt(const FmtOptions& options) {
  FileFormatter formatter;
  bool ok = true;
  bool unformatted = false;
  for (const std::string& path : options.paths) {
    if (path == "-") {
      std::string text((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
      auto formatted = formatter.format("<stdin>", text);
      if (!formatted) {
        ok = false;
      } else if (options.check) {
        std::string diff = unified_diff(text, *formatted, "<stdin>", "<stdin> (formatted)");
        std::fwrite(diff.data(), 1, diff.size(), stdout);
        unformatted = unformatted || !diff.empty();
      } else {
        std::fwrite(formatted->data(), 1, formatted->size(), stdout);
      }
      continue;
    }
    for (const std::string& file : files_named(path, ok)) {
      auto text = read_file(file);
      if (!text) {
        print_error(text.error());
        ok = false;
        continue;
      }
      auto formatted = formatter.format(file, *text);
      if (!formatted) {
        ok = false;
      } else if (*formatted == *text) {
        continue;
      } else if (options.check) {
        std::string diff = unified_diff(*text, *formatted, file, file + " (formatted)");
        std::fwrite(diff.data(), 1, diff.size(), stdout);
        unformatted = true;
      } else if (!replace_file(file, *formatted)) {
        ok = false;
      }
    }
  }
  std::fflush(stdout);
  if (formatter.internal_error()) return exit_internal;
  return ok && !unformatted ? exit_ok : exit_refused;
}

}  // namespace

Runner add_fmt_command(CLI::App& app) {
  auto options = std::make_shared<FmtOptions>();
  auto* command = app.add_subcommand(
      "fmt", "Rewrite rule files in the canonical layout (the one kb/ uses), comments kept");
  command
      ->add_option("files", options->paths,
                   "Rule files, folders of .sinew files, or - for standard input")
      ->required();
  command->add_flag("--check", options->check,
                    "Change nothing: show the diff and exit 1 if a file is not formatted");
  return [options]() -> int { return run_fmt(*options); };
}

}  // namespace sinew::cli
