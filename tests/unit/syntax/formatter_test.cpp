// `sinew fmt`'s layout (syntax/formatter.hpp): over every source file that parses, the
// formatted text means the same (the same tree, the same comments in the same order)
// and formatting it again changes nothing; and the layout rules one by one.
#include "unit/syntax/helpers.hpp"

#include "syntax/comments.hpp"
#include "syntax/formatter.hpp"

#include <skip.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace sinew;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> source_files(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".sinew" || extension == ".dl")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The comments of `text` in order, without the blanks that end a line comment.
std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> list;
  for (const syntax::Comment& comment : syntax::find_comments(text)) {
    std::string each = text.substr(comment.begin, comment.end - comment.begin);
    if (comment.line) each.erase(each.find_last_not_of(" \t") + 1);
    list.push_back(each);
  }
  return list;
}

std::string formatted(const std::string& text, const std::string& path = "test.sinew") {
  auto parsed = test::parse(text, path);
  INFO(parsed.rendered());
  REQUIRE(parsed.sink.empty());
  return syntax::format(text, parsed.module);
}

// Formats a text that parses, and checks that the result means the same and is a fixed
// point. False when the text does not parse (nothing to check).
bool check_formatting(const std::string& text, const std::string& path) {
  INFO(path);
  auto original = test::parse(text, path);
  if (!original.sink.empty()) return false;
  std::string once = syntax::format(text, original.module);
  INFO("formatted:\n" << once);
  auto reparsed = test::parse(once, path);
  INFO(reparsed.rendered());
  REQUIRE(reparsed.sink.empty());
  ast::Module before = original.module;
  ast::Module after = reparsed.module;
  syntax::clear_spans(before);
  syntax::clear_spans(after);
  CHECK(after == before);
  CHECK(comments_of(once) == comments_of(text));
  CHECK(syntax::format(once, reparsed.module) == once);
  return true;
}

// Checks every file of `folder` that parses; returns how many.
std::size_t check_folder(const fs::path& folder) {
  std::size_t checked = 0;
  for (const fs::path& file : source_files(folder)) {
    if (check_formatting(read(file), file.string())) ++checked;
  }
  std::cout << "formatter: " << checked << " of " << source_files(folder).size() << " files of "
            << folder.string() << " parse and were checked\n";
  return checked;
}

// The blanks of `text` outside strings and comments: where a comment may be inserted.
std::vector<std::size_t> blanks_between_words(const std::string& text) {
  std::vector<std::size_t> blanks;
  auto comments = syntax::find_comments(text);
  std::size_t next_comment = 0;
  bool in_string = false, long_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!in_string && next_comment < comments.size() && comments[next_comment].begin == i) {
      i = comments[next_comment++].end - 1;
    } else if (in_string && long_string) {
      if (text.compare(i, 3, "\"\"\"") == 0) in_string = false, i += 2;
    } else if (in_string) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"' &&
               (i + 1 == text.size() ||
                !std::isalnum(static_cast<unsigned char>(text[i + 1])) && text[i + 1] != '_'))
        in_string = false;
    } else if (text[i] == '"') {
      in_string = true;
      long_string = text.compare(i, 3, "\"\"\"") == 0;
      if (long_string) i += 2;
    } else if (text[i] == ' ' || text[i] == '\n') {
      blanks.push_back(i);
    }
  }
  return blanks;
}

}  // namespace

TEST_CASE("comments written anywhere between words keep the meaning and reach a fixed point") {
  std::size_t variants = 0;
  for (const char* folder : {"kb", "examples"}) {
    for (const fs::path& file : source_files(fs::path(SINEW_SOURCE_DIR) / folder)) {
      std::string text = read(file);
      std::vector<std::size_t> blanks = blanks_between_words(text);
      // Every blank gets a comment in one of the variants, of each kind.
      for (const char* comment : {" /* b */ ", " // l\n", "\n// own\n", "\n\n/* two\nlines */ "}) {
        for (std::size_t phase = 0; phase < 5; ++phase) {
          std::string variant = text;
          for (std::size_t k = blanks.size(); k-- > 0;) {
            if (k % 5 == phase) variant.insert(blanks[k], comment);
          }
          if (check_formatting(variant, file.string())) ++variants;
        }
      }
    }
  }
  std::cout << "formatter: " << variants
            << " variants of kb/ and examples/ with comments checked\n";
  CHECK(variants >= 100);
}

TEST_CASE("formatting keeps the meaning and is a fixed point: kb/, examples/, golden folders") {
  fs::path root = SINEW_SOURCE_DIR;
  CHECK(check_folder(root / "kb") == 8);
  CHECK(check_folder(root / "examples") >= 4);
  // Golden check cases broken on purpose do not parse; the others are checked.
  CHECK(check_folder(root / "tests/golden/check") >= 50);
  CHECK(check_folder(root / "tests/golden/run") >= 30);
}

TEST_CASE("formatting keeps the meaning and is a fixed point: the Soufflé conformance programs") {
  fs::path folder = SINEW_SOURCE_DIR "/../shared/conformance";
  if (!fs::is_directory(folder)) SINEW_SKIP("no conformance suite at " << folder.string());
  std::size_t checked = check_folder(folder);
  REQUIRE(checked > 0);
}

TEST_CASE("kb/ is already in the canonical layout") {
  for (const fs::path& file : source_files(SINEW_SOURCE_DIR "/kb")) {
    INFO(file.string());
    std::string text = read(file);
    CHECK(formatted(text, file.string()) == text);
  }
}

TEST_CASE("comments stay where they are") {
  SECTION("own lines before a statement, blank lines kept, several made one") {
    CHECK(formatted("// one\n\n\n\n// two\np(1).\n\n\n// end\n") ==
          "// one\n\n// two\np(1).\n\n// end\n");
  }
  SECTION("after code: the same column while the code is unchanged, else two spaces after") {
    CHECK(formatted("kind a \"A\"          // first\nkind   bb   // second\n") ==
          "kind a \"A\"          // first\nkind bb  // second\n");
  }
  SECTION("inside a test, at the items' indent") {
    CHECK(formatted("test \"t\" {\n// why\n  expect p(1).   \n    // last\n}\np(1).\n") ==
          "test \"t\" {\n  // why\n  expect p(1).\n  // last\n}\np(1).\n");
  }
  SECTION("a comment inside a clause breaks it, one condition per line") {
    CHECK(formatted("p(X) :- q(X), // why\n r(X).\n") == "p(X) :-\n  q(X),  // why\n  r(X).\n");
  }
  SECTION("a block comment between the lines of a clause gets a line of its own") {
    CHECK(formatted("p(X) :- q(X), /* a */ r(X).\n") == "p(X) :-\n  q(X),\n  /* a */\n  r(X).\n");
  }
}

TEST_CASE("annotations go under their statement, and those of a named rule before its clause") {
  CHECK(formatted("p(1). @note \"n\"\nrule r @cite s \"q\" p(X) :- q(X).\n") ==
        "p(1).\n  @note \"n\"\nrule r\n  @cite s \"q\"\n  p(X) :- q(X).\n");
}

TEST_CASE("long clauses are broken after `:-`, then at commas, then groups by alternative") {
  std::string heads = "reach(appointment_right_away), advise(schedule_appointment_right_away)";
  CHECK(formatted("rule r\n  " + heads + " :- has(muscle_soreness).\n") ==
        "rule r\n  " + heads + " :- has(muscle_soreness).\n");  // 97 characters
  CHECK(formatted("rule r\n  " + heads + " :- has(muscle_soreness), several_days.\n") ==
        "rule r\n  " + heads + " :-\n    has(muscle_soreness), several_days.\n");
  CHECK(formatted("rule r " + heads +
                  " :- has(muscle_soreness), (several_days ; has(cause_unknown) ; "
                  "warning_sign(muscle_soreness, F), has(F)).") ==
        "rule r\n  " + heads +
            " :-\n    has(muscle_soreness),\n    ( several_days\n    ; has(cause_unknown)\n"
            "    ; warning_sign(muscle_soreness, F), has(F) ).\n");
  // Short enough: one line, whatever the author's line breaks.
  CHECK(formatted("p(X) :-\n   q(X),\n   r(X).") == "p(X) :- q(X), r(X).\n");
}

TEST_CASE("lists of entities with labels are aligned under the first, one per line") {
  CHECK(formatted("finding a \"A\", bb \"B\".\nfinding x, y, z.\n") ==
        "finding a \"A\",\n        bb \"B\".\nfinding x, y, z.\n");
}

TEST_CASE("long edges have one object per line, aligned under the first") {
  std::string objects;
  for (int i = 0; i < 12; ++i)
    objects += (i > 0 ? ", " : "") + std::string("object_") + char('a' + i);
  std::string text = formatted("s rel " + objects + ".");
  CHECK(text.starts_with("s rel object_a,\n      object_b,\n"));
  CHECK(text.ends_with("      object_l.\n"));
}

TEST_CASE("tests keep their items' order and grouping") {
  CHECK(formatted("test \"t\" { given a(1). b(2). expect c(1), d(2). expect not e(_). "
                  "expect f(1). given g(1), h(2). }") ==
        "test \"t\" {\n  given a(1). b(2).\n  expect c(1), d(2).\n  expect not e(_).\n"
        "  expect f(1).\n  given g(1), h(2).\n}\n");
}

TEST_CASE("numbers and strings are kept as written") {
  CHECK(formatted("p(0x2A, 1e-3, \"a\\tb\").\nsource s { text \"\"\"two\nlines\"\"\" }\n") ==
        "p(0x2A, 1e-3, \"a\\tb\").\nsource s {\n  text \"\"\"two\nlines\"\"\"\n}\n");
}
