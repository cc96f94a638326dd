// Golden check cases: every file of tests/golden/check/ is one program, and the
// diagnostics it must produce are written in it (`// error E0301 @14:27`). The exact
// multiset of (code, file, line, column) must match: nothing missing, nothing extra.
//
// Each case is checked twice: in-process (load_modules + compile, the fast way, with
// messages, hints and notes compared) and through the `sinew check` binary (exit
// code, and the `file:line:col: severity[CODE]` heading of each diagnostic). The cases
// of tests/golden/deep/ are the same, with the analysis over every case (`--deep`).

#include "expectations.hpp"
#include "unit/cli/sinew_process.hpp"

#include "analysis/check_every_case.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace fs = std::filesystem;
using namespace sinew;
using golden::ExpectedDiagnostic;

namespace {

const fs::path check_folder = fs::path(SINEW_SOURCE_DIR) / "tests" / "golden" / "check";

const fs::path deep_folder = fs::path(SINEW_SOURCE_DIR) / "tests" / "golden" / "deep";

std::vector<fs::path> check_cases() { return golden::case_files(check_folder, {".sinew", ".dl"}); }
std::vector<fs::path> deep_cases() { return golden::case_files(deep_folder, {".sinew", ".dl"}); }

struct Actual {
  const Diagnostic* diagnostic;
  fs::path file;  // empty when the diagnostic has no location
  LineCol at;

  std::string describe(const fs::path& case_folder) const {
    std::string where = "-";
    if (!file.empty()) {
      std::string relative = file.lexically_relative(case_folder).string();
      where = fmt::format("{}:{}:{}", relative, at.line, at.column);
    }
    const char* severity = diagnostic->severity() == Severity::error ? "error" : "warning";
    return fmt::format("{} {} @{} `{}`", severity, diagnostic->code->id, where,
                       diagnostic->message);
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Does `actual` satisfy every constraint of `expected`?
bool matches(const ExpectedDiagnostic& expected, const Actual& actual, const fs::path& case_file) {
  const Diagnostic& d = *actual.diagnostic;
  fs::path expected_file = expected.file.empty()
                               ? case_file
                               : (case_file.parent_path() / expected.file).lexically_normal();
  if (d.code->id != expected.code || actual.file != expected_file ||
      actual.at.line != expected.line || actual.at.column != expected.column) {
    return false;
  }
  for (const auto& part : expected.messages) {
    if (!contains(d.message, part)) return false;
  }
  for (const auto& part : expected.hints) {
    if (!contains(d.hint, part)) return false;
  }
  for (const auto& part : expected.notes) {
    bool found = std::any_of(d.notes.begin(), d.notes.end(),
                             [&](const std::string& note) { return contains(note, part); }) ||
                 std::any_of(d.secondary.begin(), d.secondary.end(),
                             [&](const Label& label) { return contains(label.message, part); });
    if (!found) return false;
  }
  return true;
}

void check_in_process(const fs::path& case_file, const golden::CheckCase& expected,
                      bool deep = false) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules({case_file.string()}, sources, sink);
  std::optional<ir::Program> program;
  if (!sink.has_errors() || !modules.empty()) program = semantics::compile(modules, sources, sink);
  if (deep && program && !sink.has_errors()) (void)analysis::check_every_case(*program, sink);

  std::vector<Actual> actual;
  for (const Diagnostic& diagnostic : sink.all()) {
    Actual a{&diagnostic, {}, {}};
    if (diagnostic.primary.span.valid()) {
      a.file = fs::path(sources.file(diagnostic.primary.span.file).path()).lexically_normal();
      a.at = sources.line_col(diagnostic.primary.span);
    }
    actual.push_back(a);
  }

  // Expectations with more constraints pick their diagnostic first, so that a bare
  // expectation cannot take the diagnostic a detailed one needs.
  std::vector<const ExpectedDiagnostic*> order;
  for (const auto& e : expected.diagnostics) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) {
    auto weight = [](auto* e) { return e->messages.size() + e->hints.size() + e->notes.size(); };
    return weight(a) > weight(b);
  });
  std::vector<bool> taken(actual.size(), false);
  std::vector<std::string> missing;
  for (const ExpectedDiagnostic* e : order) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (!taken[i] && matches(*e, actual[i], case_file)) taken[i] = found = true;
    }
    if (!found) missing.push_back(fmt::format("line {}: {}", e->written_at, e->describe()));
  }
  std::vector<std::string> extra;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!taken[i]) extra.push_back(actual[i].describe(case_file.parent_path()));
  }

  INFO("case: " << case_file.string());
  INFO("expected but not reported:\n  " << fmt::format("{}", fmt::join(missing, "\n  ")));
  INFO("reported but not expected:\n  " << fmt::format("{}", fmt::join(extra, "\n  ")));
  INFO("what Sinew printed:\n" << render_all(sources, sink));
  CHECK((missing.empty() && extra.empty()));
}

void check_through_binary(const fs::path& case_file, const golden::CheckCase& expected,
                          bool deep = false) {
  std::vector<std::string> args{"check", case_file.filename().string()};
  if (deep) args.insert(args.begin() + 1, "--deep");
  auto outcome = test::run_sinew(args, case_file.parent_path());
  INFO("case: " << case_file.string() << "\n" << outcome.describe());
  bool any_error = std::any_of(expected.diagnostics.begin(), expected.diagnostics.end(),
                               [](const ExpectedDiagnostic& e) { return e.severity == "error"; });
  CHECK(outcome.exit_code == (any_error ? 1 : 0));
  CHECK(outcome.out.empty());
  // A clean deep case prints one line saying what the analysis covered, and nothing else.
  if (expected.diagnostics.empty() && !deep) CHECK(outcome.err.empty());
  if (expected.diagnostics.empty() && deep) {
    CHECK(outcome.err.starts_with("every case analysed: "));
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
  }
  for (const ExpectedDiagnostic& e : expected.diagnostics) {
    std::string file = e.file.empty() ? case_file.filename().string() : e.file;
    std::string heading = fmt::format("{}:{}:{}: {}[{}]:", file, e.line, e.column, e.severity,
                                      e.code);
    INFO("looking for " << heading);
    CHECK(contains(outcome.err, heading));
  }
}

}  // namespace

TEST_CASE("golden check cases (in-process)", "[golden][check]") {
  auto cases = check_cases();
  REQUIRE(cases.size() >= 50);
  for (const fs::path& case_file : cases) {
    DYNAMIC_SECTION(case_file.filename().string()) {
      auto expected = golden::parse_check_case(golden::read_text(case_file));
      INFO(fmt::format("{}", fmt::join(expected.problems, "\n")));
      REQUIRE(expected.problems.empty());
      check_in_process(case_file, expected);
    }
  }
}

TEST_CASE("golden deep cases (in-process)", "[golden][deep]") {
  auto cases = deep_cases();
  REQUIRE(cases.size() >= 20);
  for (const fs::path& case_file : cases) {
    DYNAMIC_SECTION(case_file.filename().string()) {
      auto expected = golden::parse_check_case(golden::read_text(case_file));
      INFO(fmt::format("{}", fmt::join(expected.problems, "\n")));
      REQUIRE(expected.problems.empty());
      check_in_process(case_file, expected, true);
    }
  }
}

TEST_CASE("golden deep cases (through the sinew binary)", "[golden][deep][binary]") {
  for (const fs::path& case_file : deep_cases()) {
    DYNAMIC_SECTION(case_file.filename().string()) {
      auto expected = golden::parse_check_case(golden::read_text(case_file));
      REQUIRE(expected.problems.empty());
      check_through_binary(case_file, expected, true);
    }
  }
}

TEST_CASE("golden check cases (through the sinew binary)", "[golden][check][binary]") {
  for (const fs::path& case_file : check_cases()) {
    DYNAMIC_SECTION(case_file.filename().string()) {
      auto expected = golden::parse_check_case(golden::read_text(case_file));
      REQUIRE(expected.problems.empty());
      check_through_binary(case_file, expected);
    }
  }
}

// The corpus is meant to cover the catalog: every code the front end can produce
// appears in at least one case. Codes that only the engine, the command line or
// generated input can produce must be expected, as `error[CODE]`, by a run case or a
// test of the command line or of bad input: those tests check that the code is shown.
namespace {

std::set<std::string> codes_expected_by_other_tests() {
  const fs::path tests = fs::path(SINEW_SOURCE_DIR) / "tests";
  std::set<std::string> expected;
  for (const fs::path& folder :
       {tests / "golden" / "run", tests / "golden", tests / "unit" / "cli"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      std::string text = golden::read_text(entry.path());
      for (std::size_t at = text.find("error["); at != std::string::npos;
           at = text.find("error[", at + 1)) {
        std::size_t close = text.find(']', at);
        if (close != std::string::npos && close - at == 11) {
          expected.insert(text.substr(at + 6, 5));
        }
      }
    }
  }
  return expected;
}

}  // namespace

TEST_CASE("the golden check cases cover the front end's codes", "[golden][check]") {
  std::set<std::string> covered;
  std::vector<fs::path> all_cases = check_cases();
  for (const fs::path& deep : deep_cases()) all_cases.push_back(deep);
  for (const fs::path& case_file : all_cases) {
    for (const auto& e : golden::parse_check_case(golden::read_text(case_file)).diagnostics) {
      covered.insert(e.code);
    }
  }
  std::set<std::string> elsewhere = codes_expected_by_other_tests();
  // Not produced by anything yet, or not testable (see tests/golden/README.md).
  const std::set<std::string> untested = {
      "E0119",  // a file of 4 GiB: too large to generate in a test
      "E0408",  // values that have no order: nothing reports it
      "N0001",  // a note is part of another diagnostic
  };
  std::vector<std::string> uncovered;
  for (const Code* code : all_codes()) {
    std::string id(code->id);
    if (!covered.count(id) && !elsewhere.count(id) && !untested.count(id)) {
      uncovered.push_back(id);
    }
  }
  INFO("codes that no test expects: " << fmt::format("{}", fmt::join(uncovered, ", ")));
  CHECK(uncovered.empty());
  CHECK(covered.size() >= 50);
  // The engine's and the files' codes are shown by the command line, and a test says so.
  for (const char* id : {"E0701", "E0702", "E0703", "E0704", "E0705", "E0706", "E0801", "E0802",
                         "E0803", "E0804", "E0805", "E0901"}) {
    INFO(id);
    CHECK(elsewhere.count(id) == 1);
  }
}
