// `sinew path --from A --to B [options]` and `sinew query -e '?~ A ~ B [options].'` ask
// the same question: the same answer, the same wording, the same refusals (E0904).

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew::test;

namespace {

struct Question {
  std::vector<std::string> options;  // of `sinew path`
  std::string query;                 // the same question as a `?~` query
  int exit_code;
  std::string says;  // on stdout, or on stderr when refused
};

}  // namespace

TEST_CASE("`sinew path` and the `?~` query form agree on every question", "[cli][path]") {
  const std::vector<Question> questions = {
      {{"--from", "lupus", "--to", "muscle_spasm"},
       "?~ lupus ~ muscle_spasm.",
       0,
       "lupus -may_cause-> muscle_soreness"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--all", "--max-length", "5"},
       "?~ lupus ~ muscle_spasm all within 5.",
       0,
       "path 2 of 7, 5 edges"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--directed"},
       "?~ lupus -> muscle_spasm.",
       0,
       "no path leads from `lupus` to `muscle_spasm` along the edges within 6 edges"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--max-length", "2"},
       "?~ lupus ~ muscle_spasm within 2.",
       0,
       "`lupus` and `muscle_spasm` are not connected within 2 edges"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--through", "may_cause"},
       "?~ lupus ~ muscle_spasm through may_cause.",
       0,
       "not connected through `may_cause`"},
      {{"--from", "lupus", "--to", "lupus"},
       "?~ lupus ~ lupus.",
       1,
       "error[E0904]: both ends of this path are `lupus`"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--max-length", "0"},
       "?~ lupus ~ muscle_spasm within 0.",
       1,
       "error[E0904]: a path has at least one edge: write `within 1` or more"},
      {{"--from", "lupus", "--to", "muscle_spasm", "--max-length", "-1"},
       "?~ lupus ~ muscle_spasm within -1.",
       1,
       "error[E0904]: a path has at least one edge: write `within 1` or more"},
      {{"--from", "lupsu", "--to", "muscle_spasm"},
       "?~ lupsu ~ muscle_spasm.",
       1,
       "did you mean `lupus`?"},
  };
  for (const Question& question : questions) {
    INFO(question.query);
    std::vector<std::string> args = {"path", "kb/"};
    args.insert(args.end(), question.options.begin(), question.options.end());
    auto path = sinew_in_repository(args);
    auto query = sinew_in_repository({"query", "kb/", "-e", question.query});
    INFO("path:\n" << path.describe() << "\nquery:\n" << query.describe());
    CHECK(path.exit_code == question.exit_code);
    CHECK(query.exit_code == question.exit_code);
    CHECK(path.out == query.out);
    if (question.exit_code == 0) {
      CHECK(path.out.find(question.says) != std::string::npos);
    } else {
      CHECK(path.err.find(question.says) != std::string::npos);
      CHECK(query.err.find(question.says) != std::string::npos);
    }
  }
}
