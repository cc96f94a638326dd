// The REPL's `:` commands.

#include "error_report.hpp"
#include "repl_session.hpp"

#include "explain/explain.hpp"
#include "semantics/compile.hpp"
#include "support/catalog.hpp"
#include "support/similar.hpp"
#include "syntax/parser.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <sstream>

namespace sinew::cli {

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string_view format_name(query::Format format) {
  switch (format) {
    case query::Format::table: return "table";
    case query::Format::json: return "json";
    case query::Format::csv: return "csv";
    case query::Format::tsv: return "tsv";
  }
  return "table";
}

}  // namespace

void ReplSession::help() {
  std::string limit = options_.display_limit == 0 ? "all" : std::to_string(options_.display_limit);
  fmt::print(
      "Type a question and end it with `.`; it may go on over several lines.\n"
      "  ?- escalates(F, muscle_spasm, L).              every answer of the conditions\n"
      "  ?- F : escalates(F, S, _) order by F limit 3.  chosen columns, in an order, the first 3\n"
      "  ?- S, count : escalates(_, S, _).              how many answers for each `S`\n"
      "  ?- max L : escalates(_, muscle_spasm, L).      the highest level (`min`, `sum`, `mean` too)\n"
      "  ?~ lupus ~ seek_treatment_immediately.         how two entities are connected\n"
      "Commands:\n"
      "  :help                         this help\n"
      "  :load [FILES...]              read the files again, or other files\n"
      "  :format table|json|csv|tsv    how answers are printed (now: {})\n"
      "  :limit N                      show at most N answers; 0 shows all (now: {})\n"
      "  :run [NAME [NAME=VALUE...]]   run a saved query, with its parameters; alone: list them\n"
      "  :paths FROM ~ TO [options]    the same as `?~ FROM ~ TO [options]`\n"
      "  :explain FACT                 why a fact holds, rule by rule, with citations\n"
      "  :why-not FACT                 why a fact does not hold\n"
      "  :quit                         leave (Ctrl-D too)\n"
      "Tab completes names; the language is described in grammar/README.md, section 8.\n",
      format_name(format_), limit);
}

void ReplSession::load(std::string_view files) {
  std::vector<std::string> paths = words_of(files);
  if (paths.empty()) paths = options_.files;
  if (paths.empty()) {
    fmt::print(stderr, "error: no files to load: write `:load FILES`, such as `:load kb/`\n");
    return;
  }
  auto workspace = std::make_unique<Workspace>(paths);
  if (!workspace->ok()) {
    fmt::print(stderr, "{}\n",
               loaded() ? "the knowledge base was not reloaded: the files above have "
                          "errors; the one loaded before is still in use"
                        : "no knowledge base is loaded: fix the errors above, then "
                          "`:load`");
    return;
  }
  answerer_.reset();  // it refers to the old workspace
  workspace_ = std::move(workspace);
  answerer_ = std::make_unique<Answerer>(*workspace_, options_.evaluation);
  options_.files = std::move(paths);
  ++generation_;
}

void ReplSession::set_format(std::string_view name) {
  if (name.empty()) {
    fmt::print("answers are printed as `{}`\n", format_name(format_));
    return;
  }
  auto format = query::parse_format(name);
  if (!format) {
    fmt::print(stderr,
               "error: `{}` is not a format: write `:format table`, `json`, `csv` or "
               "`tsv`\n",
               name);
    return;
  }
  format_ = *format;
}

void ReplSession::set_limit(std::string_view count) {
  std::size_t value = 0;
  auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), value);
  if (count.empty() || error != std::errc() || end != count.data() + count.size()) {
    fmt::print(stderr,
               "error: write `:limit N` with a whole number, such as `:limit 100`; "
               "`:limit 0` shows every answer\n");
    return;
  }
  options_.display_limit = value;
}

void ReplSession::run_saved(std::string_view rest) {
  if (!loaded()) return ask("");
  const ir::Program& program = workspace_->program();
  std::vector<std::string> words = words_of(rest);
  if (words.empty()) {
    bool any = false;
    for (const ir::Query& query : program.queries) {
      if (query.name.empty()) continue;
      fmt::print("{}\n", query.text);
      any = true;
    }
    if (!any) fmt::print("the files have no named queries (`query NAME ?- ...`)\n");
    return;
  }
  std::vector<std::string> names;
  for (const ir::Query& saved : program.queries) {
    if (saved.name.empty()) continue;
    names.push_back(saved.name);
    if (saved.name != words.front()) continue;
    auto parameters = parse_parameters({words.begin() + 1, words.end()});
    if (!parameters) return;
    auto query = ready_query(*workspace_, saved, *parameters);
    if (query) answer(*query);
    return;
  }
  std::string hint = did_you_mean(words.front(), names);
  print_error(codes::query_not_found.id,
              fmt::format("no query is named `{}`{}; `:run` lists them", words.front(),
                          hint.empty() ? "" : " (" + hint + ")"));
}

// A fact typed after `:explain` or `:why-not`, checked against the program.
std::optional<ir::Fact> ReplSession::typed_fact(std::string_view text) {
  if (!loaded()) {
    ask("");
    return std::nullopt;
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) {
    fmt::print(stderr,
               "error: name the fact to explain, as in "
               "`:explain disposition(seek_treatment_immediately)`\n");
    return std::nullopt;
  }
  return cli::typed_fact(*workspace_, std::string(text), fmt::format("<input {}>", ++entries_));
}

// `:explain FACT`: the proof, or why it does not hold. `:why-not FACT`: the first
// condition that fails in each rule that could conclude it, or the proof if it holds.
void ReplSession::explain(std::string_view text, bool asked_why_not) {
  auto deadline = options_.evaluation.deadline(std::chrono::steady_clock::now());
  auto fact = typed_fact(text);
  if (!fact) return;
  int code = 0;
  engine::Database* database = answerer_->knowledge(code);
  if (!database) return;
  const ir::Program& program = workspace_->program();
  explain::Explainer explainer(program, *database);
  explainer.set_deadline(deadline);
  std::string goal = explainer.atom_text(fact->relation, fact->values);
  auto proof = explainer.why(fact->relation, fact->values);
  std::optional<explain::WhyNot> why_not;
  if (!proof) why_not = explainer.why_not(fact->relation, fact->values);
  if (explainer.out_of_time()) {
    report_out_of_time(options_.evaluation, fmt::format("explaining `{}`", goal));
    return;
  }
  if (proof) {
    if (asked_why_not) fmt::print("{} holds; here is why:\n\n", goal);
    fmt::print("{}", explain::render_text(program, *proof));
    return;
  }
  fmt::print("{}", explain::render_text(program, explainer, goal, *why_not));
}

}  // namespace sinew::cli
