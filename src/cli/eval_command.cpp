// `sinew eval KB --case case.json` and `sinew eval KB --cases cases.jsonl [--jobs N]`:
// one JSON answer per case (DESIGN section 6). A batch streams: one output line per
// input line, in order, in constant memory; a bad line gets an error object with its
// line number and the batch goes on.

#include "command.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "line_reader.hpp"
#include "workspace.hpp"

#include "cases/case_evaluation.hpp"
#include "cases/json_text.hpp"
#include "support/catalog.hpp"
#include <sinew/support/result.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>
#include <unistd.h>

namespace sinew::cli {

namespace {

struct EvalOptions {
  std::vector<std::string> files;
  std::string case_file;
  std::string cases_file;
  unsigned jobs = 1;
  bool no_explanations = false;
  bool no_unknown_findings = false;
  std::size_t max_line_bytes = 1 << 20;
  double timeout_seconds = 0;
  std::uint64_t max_facts = 0;
  bool progress = true;
};

// What a batch found, for the exit code.
struct Tally {
  std::size_t cases = 0, refused = 0, stopped = 0;
  void add(const Tally& other) {
    cases += other.cases;
    refused += other.refused;
    stopped += other.stopped;
  }
};

// A refused case as its answer: `{"line": 7, "error": "..."}`, without the line for a
// case on its own. The only place a refusal is written as JSON.
void append_refusal(std::string& out, const cases::CaseRefusal& refusal) {
  out += '{';
  if (refusal.line != 0) fmt::format_to(std::back_inserter(out), "\"line\":{},", refusal.line);
  out += "\"error\":";
  cases::append_json_string(out, refusal.message);
  out += '}';
}

struct PendingLine {
  std::size_t number = 0;
  std::string text;
  std::string problem;  // set when the line is refused before it is read as JSON
};

void evaluate_lines(cases::CaseSession& session, const std::vector<PendingLine>& lines,
                    std::size_t begin, std::size_t end, std::string& out, Tally& tally) {
  for (std::size_t i = begin; i < end; ++i) {
    const PendingLine& line = lines[i];
    ++tally.cases;
    if (!line.problem.empty()) {
      append_refusal(out, {.message = line.problem, .line = line.number});
      ++tally.refused;
    } else if (auto refusal = session.evaluate(line.text, out)) {
      refusal->line = line.number;
      append_refusal(out, *refusal);
      ++(refusal->stopped_on_limit ? tally.stopped : tally.refused);
    }
    out += '\n';
  }
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO)) {}
  void update(std::size_t cases) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    fmt::print(stderr, "\r{} cases, {:.0f} a second", cases, seconds > 0 ? cases / seconds : 0.0);
  }
  void finish(std::size_t cases) {
    if (!enabled_ || cases == 0) return;
    last_ = {};
    update(cases);
    fmt::print(stderr, "\n");
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

std::FILE* open_input(const std::string& path) {
  if (path == "-") return stdin;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    print_error(codes::file_not_found.id,
                fmt::format("cannot read `{}`: {}", path, std::strerror(errno)));
  }
  return file;
}

int eval_batch(const cases::CaseModel& model, const EvalOptions& options) {
  std::FILE* input = open_input(options.cases_file);
  if (!input) return exit_refused;
  unsigned jobs = std::max(1u, options.jobs);
  std::vector<std::unique_ptr<cases::CaseSession>> sessions;
  for (unsigned j = 0; j < jobs; ++j)
    sessions.push_back(std::make_unique<cases::CaseSession>(model));

  LineReader reader(input, options.max_line_bytes);
  Progress progress(options.progress);
  Tally total;
  // Lines are read in chunks (bounded in number and bytes), the chunk is shared out to
  // the sessions, and their answers are written in input order.
  const std::size_t chunk_lines = 1024 * jobs;
  const std::size_t chunk_bytes = std::size_t{16} << 20;
  std::vector<PendingLine> chunk;
  std::vector<std::string> outputs(jobs);
  std::vector<Tally> tallies(jobs);
  bool more = true;
  while (more) {
    chunk.clear();
    std::size_t bytes = 0;
    LineReader::Line line;
    while (chunk.size() < chunk_lines && bytes < chunk_bytes && (more = reader.next(line))) {
      PendingLine& pending = chunk.emplace_back();
      pending.number = line.number;
      if (line.too_long) {
        pending.problem = fmt::format(
            "the line is {} bytes long, more than the {} a case may take "
            "(see --max-line-bytes)",
            line.length, options.max_line_bytes);
      } else if (line.text.find_first_not_of(" \t") == std::string_view::npos) {
        pending.problem = "the line is empty; each line holds one case, a JSON object";
      } else {
        pending.text.assign(line.text);
        bytes += line.text.size();
      }
    }
    if (chunk.empty()) break;
    std::size_t per_job = (chunk.size() + jobs - 1) / jobs;
    if (jobs == 1) {
      evaluate_lines(*sessions[0], chunk, 0, chunk.size(), outputs[0], tallies[0]);
    } else {
      std::vector<std::thread> threads;
      for (unsigned j = 0; j < jobs; ++j) {
        std::size_t begin = std::min(chunk.size(), j * per_job);
        std::size_t end = std::min(chunk.size(), begin + per_job);
        threads.emplace_back([&, j, begin, end] {
          evaluate_lines(*sessions[j], chunk, begin, end, outputs[j], tallies[j]);
        });
      }
      for (std::thread& thread : threads) thread.join();
    }
    for (unsigned j = 0; j < jobs; ++j) {
      std::fwrite(outputs[j].data(), 1, outputs[j].size(), stdout);
      outputs[j].clear();
      total.add(tallies[j]);
      tallies[j] = {};
    }
    progress.update(total.cases);
  }
  std::fflush(stdout);
  progress.finish(total.cases);
  bool read_error = reader.failed();
  if (input != stdin) std::fclose(input);
  if (read_error) {
    print_error(codes::file_not_found.id, fmt::format("reading `{}` failed", options.cases_file));
    return exit_refused;
  }
  if (total.refused + total.stopped > 0) {
    fmt::print(stderr, "{} of {} cases were refused{}; their lines hold an error object\n",
               total.refused + total.stopped, total.cases,
               total.stopped ? fmt::format(" ({} stopped on a limit)", total.stopped) : "");
  }
  if (total.stopped > 0) return exit_limit;
  return total.refused > 0 ? exit_refused : exit_ok;
}

// Reads one case whole, refusing one larger than the limit (a case is small; a huge
// file is a mistake, and reading it all would only exhaust memory).
Result<std::string> read_case_text(const std::string& path, std::size_t max_bytes) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    return Error{fmt::format("cannot read `{}`: {}", path, std::strerror(errno)),
                 codes::file_not_found.id};
  }
  std::string text;
  char buffer[1 << 16];
  bool too_large = false;
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) {
    if (text.size() + n > max_bytes) {
      too_large = true;
      break;
    }
    text.append(buffer, n);
  }
  bool failed = std::ferror(file) != 0;
  if (file != stdin) std::fclose(file);
  std::string name = path == "-" ? std::string("the case on standard input")
                                 : fmt::format("`{}`", path);
  if (too_large) {
    return Error{
        fmt::format("{} is more than {} bytes, the most a case may take (see "
                    "--max-line-bytes)",
                    name, max_bytes)};
  }
  if (failed) return Error{fmt::format("reading {} failed", name)};
  return text;
}

int eval_one(const cases::CaseModel& model, const EvalOptions& options) {
  auto text = read_case_text(options.case_file, options.max_line_bytes);
  if (!text) {
    std::string out;
    append_refusal(out, {.message = text.error().message});
    fmt::print("{}\n", out);
    print_error(text.error());
    return exit_refused;
  }
  cases::CaseSession session(model);
  std::string out;
  auto refusal = session.evaluate(*text, out);
  if (refusal) append_refusal(out, *refusal);
  fmt::print("{}\n", out);
  if (refusal) {
    fmt::print(stderr, "error: the case was refused; the answer above says why\n");
    return refusal->stopped_on_limit ? exit_limit : exit_refused;
  }
  return exit_ok;
}

}  // namespace

Runner add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  auto* command = app.add_subcommand(
      "eval", "Evaluate cases: one JSON case in, its conclusions and their reasons out");
  command->add_option("kb", options->files, "The knowledge base: rule files or folders")
      ->required();
  auto* one = command->add_option("--case", options->case_file,
                                  "One case, a JSON file (`-`: standard input)");
  auto* many = command->add_option("--cases", options->cases_file,
                                   "Cases in JSON Lines, one per line (`-`: standard input)");
  one->excludes(many);
  command->add_option("--jobs,-j", options->jobs, "Threads for --cases (output order is kept)")
      ->check(CLI::Range(1u, 256u));
  command->add_flag("--no-explanations", options->no_explanations,
                    "Leave out the explanations (faster)");
  command->add_flag("--no-unknown-findings", options->no_unknown_findings,
                    "Leave out the unknown findings that would change a graded conclusion");
  command->add_option("--max-line-bytes", options->max_line_bytes,
                      "The longest case accepted, in bytes (default 1 MiB)");
  command
      ->add_option("--timeout", options->timeout_seconds,
                   "Per case: stop after this many seconds; 0 means no limit")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--max-facts", options->max_facts,
                      "Per case: stop after this many derived facts");
  command->add_flag("!--no-progress", options->progress, "No progress line on a terminal");
  return [options]() -> int {
    if (options->case_file.empty() == options->cases_file.empty()) {
      fmt::print(stderr,
                 "error: give one case with `--case FILE` or a batch with `--cases FILE`\n");
      return exit_usage;
    }
    Workspace workspace(options->files);
    if (!workspace.ok()) return exit_refused;
    cases::CaseAnswerOptions case_options;
    case_options.explanations = !options->no_explanations;
    case_options.unknown_findings = !options->no_unknown_findings;
    case_options.limits = {options->timeout_seconds, options->max_facts};
    cases::CaseModel model(workspace.program(), case_options);
    return options->case_file.empty() ? eval_batch(model, *options) : eval_one(model, *options);
  };
}

}  // namespace sinew::cli
