// `sinew repl`, driven through its standard input as a script or a pipe drives it: no
// prompt, one entry after another, and no mistake ends the session.
#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace sinew::test;

namespace {

// `sinew repl kb/ ARGS...` in the repository's folder, with `input` on its standard
// input and HOME in a fresh folder (where a terminal session would keep its history).
Outcome repl(const std::string& input, const std::vector<std::string>& args = {"kb/"}) {
  TempDir folder;
  std::string script = (folder / "input.txt").string();
  folder.write("input.txt", input);
  std::string out = (folder / "out.txt").string();
  std::string err = (folder / "err.txt").string();
  std::string home = (folder / "home").string();
  std::filesystem::create_directories(home);
  std::string command = "cd '" + source_dir.string() + "' && HOME='" + home + "' '" +
                        sinew_binary() + "' repl";
  for (const std::string& arg : args) command += " '" + arg + "'";
  command += " < '" + script + "' > '" + out + "' 2> '" + err + "'";
  int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(out);
  outcome.err = slurp(err);
  // Not a terminal: no history is written.
  CHECK_FALSE(std::filesystem::exists(home + "/.sinew_history"));
  return outcome;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("repl: questions over several lines, formats, no prompt from a pipe") {
  auto run = repl(
      "?- F : escalates(F, muscle_spasm,\n"
      "                 seek_treatment_immediately).\n"
      ":format csv\n"
      "?- S, count : escalates(_, S, _)\n"
      "   order by count desc.\n"
      ":format json\n"
      "?- max L : escalates(_, muscle_soreness, L).\n"
      ":quit\n"
      "?- this is never read.\n");
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK_FALSE(contains(run.out, "sinew>"));
  CHECK(run.out ==
        "F\n"
        "------------\n"
        "chest_pain\n"
        "chronic_pain\n"
        "not_easing\n"
        "numbness\n"
        "tingling\n"
        "worsening\n"
        "(6 answers)\n"
        "S,count\n"
        "muscle_spasm,6\n"
        "muscle_soreness,5\n"
        "[{\"max(L)\":\"appointment_right_away\"}]\n");
}

TEST_CASE("repl: errors are shown and the session goes on") {
  auto run = repl(
      "?- escalatse(F, S, L).\n"
      "?- p(X)) .\n"
      "?- count X : escalates(X, _, _).\n"
      ":bogus\n"
      ":format yaml\n"
      ":limit lots\n"
      ":load no/such/folder\n"
      ":run no_such_query\n"
      ":explain disposition(nowhere)\n"
      "?~ lupsu ~ flu.\n"
      "?- F : escalates(F, muscle_spasm, _) limit 1.\n");
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  CHECK(contains(run.err, "error[E0201]: no relation is named `escalatse`"));
  CHECK(contains(run.err, "did you mean `escalates`?"));
  CHECK(contains(run.err, "<input 2>:1:8: error["));
  CHECK(contains(run.err, "error[E0116]: `count` takes no variable"));
  CHECK(contains(run.err, "there is no command `:bogus`"));
  CHECK(contains(run.err, "`yaml` is not a format"));
  CHECK(contains(run.err, "`:limit N`"));
  CHECK(contains(run.err, "the knowledge base was not reloaded"));
  CHECK(contains(run.err, "error[E0901]: no query is named `no_such_query`"));
  CHECK(contains(run.err, "`nowhere` is not a known"));
  CHECK(contains(run.err, "`lupsu` is not an entity of the knowledge graph"));
  // After all that, the knowledge base still answers.
  CHECK(run.out == "F\n----------\nchest_pain\n(1 answer)\n");
}

TEST_CASE("repl: long answers are cut, and say so") {
  auto run = repl(
      ":limit 2\n?- escalates(F, S, L).\n:limit 0\n?- F, S : escalates(F, S, _) limit 3.\n");
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  CHECK(contains(run.out,
                 "cause_unknown  muscle_soreness  appointment_right_away\n"
                 "chest_pain     muscle_spasm     seek_treatment_immediately\n"
                 "showing 2 of 11 answers; use `limit` or `:limit`\n"));
  CHECK_FALSE(contains(run.out, "(2 answers)"));
  CHECK(contains(run.out, "(3 answers)\n"));
}

TEST_CASE("repl: path questions, saved queries, explanations") {
  auto run = repl(
      "?~ lupus ~ seek_treatment_immediately.\n"
      ":paths lupus -> muscle_soreness through may_cause\n"
      ":run red_flags\n"
      ":run\n"
      ":explain escalates(chest_pain, muscle_spasm, seek_treatment_immediately)\n"
      ":why-not disposition(self_care)\n"
      ":help\n"
      // The last question may leave out its `.` when the input ends.
      "?- count : red_flag(muscle_spasm, _)");
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(contains(run.out,
                 "lupus -may_cause-> muscle_soreness   [may_cause(lupus, muscle_soreness)]"));
  CHECK(contains(run.out, "muscle_spasm -escalates-> seek_treatment_immediately"));
  CHECK(contains(run.out, "cites seed: \"Conditions that may cause muscle soreness include"));
  CHECK(contains(run.out,
                 "F\n------------\nchest_pain\nchronic_pain\nnumbness\ntingling\n(4 answers)\n"));
  CHECK(contains(run.out, "query red_flags ?- red_flag(muscle_spasm, F).\n"));
  CHECK(contains(run.out, "red_flags_escalate_spasm"));
  CHECK(contains(run.out, "disposition(self_care)"));
  CHECK(contains(run.out, ":why-not FACT"));
  CHECK(contains(run.out, "count\n-----\n4\n(1 answer)\n"));
}

TEST_CASE("repl: `:load` reads the files again, or other files") {
  TempDir folder;
  auto first = folder.write("first.sinew", "relation p(x: symbol)\np(a).\n");
  auto other = folder.write("other.sinew", "relation p(x: symbol)\np(b).\n");
  auto broken = folder.write("broken.sinew", "relation p(x: symbol)\np(c)\n");
  auto run = repl("?- p(X).\n:load " + other.string() + "\n?- p(X).\n:load " + broken.string() +
                      "\n?- p(X).\n:load\n?- p(X).\n",
                  {first.string()});
  INFO(run.describe());
  CHECK(run.exit_code == 0);
  // The broken file is refused and the one loaded before stays in use.
  CHECK(run.out ==
        "X\n-\na\n(1 answer)\nX\n-\nb\n(1 answer)\nX\n-\nb\n(1 answer)\n"
        "X\n-\nb\n(1 answer)\n");
  CHECK(contains(run.err, "error[E0107]"));
  CHECK(contains(run.err, "the knowledge base was not reloaded"));
}
