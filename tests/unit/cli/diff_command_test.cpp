// `sinew diff OLD NEW`: the bundled knowledge base against copies edited by the test
// (a threshold, a red flag, a rule's name, a citation), as folders and as compiled
// files, over the whole case space and over kb/cases.

#include "unit/cli/cli_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace sinew::test;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

// A copy of kb/ in a temporary folder, to edit.
class EditedKb {
 public:
  EditedKb() { fs::copy(source_dir / "kb", path(), fs::copy_options::recursive); }
  fs::path path() const { return dir_ / "kb"; }
  // Replaces the one occurrence of `from` in `file` (relative to the copy) by `to`.
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    fs::path target = path() / file;
    std::string text = slurp(target);
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(target, std::ios::binary) << text;
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

Outcome diff(const std::vector<std::string>& args) {
  std::vector<std::string> all{"diff"};
  all.insert(all.end(), args.begin(), args.end());
  return sinew_in_repository(all);
}

json diff_json(const std::vector<std::string>& args, int expected_exit) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--format", "json"});
  Outcome outcome = diff(all);
  INFO(outcome.describe());
  REQUIRE(outcome.exit_code == expected_exit);
  return json::parse(outcome.out);
}

// kb/cases as one JSON Lines file, in the order of the folders' names.
fs::path kb_cases_file(const TempDir& dir) {
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(source_dir / "kb" / "cases"))
    folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  fs::path file = dir / "cases.jsonl";
  std::ofstream out(file, std::ios::binary);
  for (const fs::path& folder : folders) {
    std::string text = slurp(folder / "case.json");
    text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
    out << text << '\n';
  }
  return file;
}

// Of the groups whose change includes this one of `output`, the one with the smallest
// example.
const json* group_with(const json& document, const std::string& output, const json& removed,
                       const json& added) {
  const json* found = nullptr;
  for (const json& group : document["cases"]["groups"]) {
    for (const json& change : group["changes"]) {
      if (change["output"] != output || change["removed"] != removed || change["added"] != added)
        continue;
      if (!found || group["example_inputs"] < (*found)["example_inputs"]) found = &group;
    }
  }
  return found;
}

}  // namespace

TEST_CASE("a knowledge base compared with a copy of itself changes nothing") {
  EditedKb copy;
  Outcome outcome = diff({"kb/", copy.path().string()});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("nothing: the rules, facts, entities and declarations"));
  CHECK_THAT(outcome.out, Catch::Contains("no case concludes anything different"));
}

TEST_CASE("several days read as 4 instead of 3: the rule changes, and cases at 3 days") {
  EditedKb copy;
  copy.edit("disposition.sinew", "D >= 3.", "D >= 4.");
  json document = diff_json({"kb/", copy.path().string()}, 1);
  const json& rules = document["text"]["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["change"] == "changed");
  CHECK(rules[0]["new"]["name"] == "several_days_is_three");
  CHECK(rules[0]["parts"] == json::array({"rule"}));
  CHECK(document["text"]["items"].empty());
  REQUIRE_FALSE(document["cases"]["groups"].empty());
  for (const json& group : document["cases"]["groups"]) {
    INFO(group.dump());
    CHECK(group["example"]["duration_days"] == 3);  // only 3 days reads differently
  }
  // Soreness for 3 days: an appointment right away before, self care now.
  const json* group = group_with(document, "disposition", {"appointment_right_away"},
                                 {"self_care"});
  REQUIRE(group != nullptr);
  CHECK(group->at("example") == json::parse(R"({"has": ["muscle_soreness"], "duration_days": 3})"));
  CHECK(group->at("example_inputs") == 2);
  CHECK(group->at("rules")["old"] ==
        json::array({"soreness_appointment_right_away", "several_days_is_three"}));
  CHECK(group->at("rules")["new"] == json::array({"any_symptom_is_self_care"}));

  Outcome text = diff({"kb/", copy.path().string()});
  CHECK(text.exit_code == 1);
  CHECK_THAT(text.out, Catch::Contains("changed rule several_days_is_three"));
  CHECK_THAT(text.out, Catch::Contains("disposition: appointment_right_away → self_care"));
}

TEST_CASE("a red flag removed: spasms with tingling are no longer urgent") {
  EditedKb copy;
  copy.edit("spasm.sinew", "chronic_pain, chest_pain, numbness, tingling.",
            "chronic_pain, chest_pain, numbness.");
  json document = diff_json({"kb/", copy.path().string()}, 1);
  bool fact_removed = false;
  for (const json& item : document["text"]["items"]) {
    if (item["kind"] == "fact" && item["name"] == "red_flag(muscle_spasm, tingling)" &&
        item["new"].is_null())
      fact_removed = true;
  }
  CHECK(fact_removed);
  const json* group = group_with(document, "disposition", {"seek_treatment_immediately"},
                                 {"self_care"});
  REQUIRE(group != nullptr);
  CHECK(group->at("example") == json::parse(R"({"has": ["muscle_spasm", "tingling"]})"));
  CHECK(group->at("rules")["old"].dump().find("spasm_red_flag_is_urgent") != std::string::npos);
  CHECK(group->at("rules")["new"].dump().find("any_symptom_is_self_care") != std::string::npos);
}

TEST_CASE("a rule renamed but otherwise the same is a rename, and no case changes") {
  EditedKb copy;
  copy.edit("soreness.sinew", "rule soreness_ice_for_injured_muscle",
            "rule ice_for_an_injured_muscle");
  json document = diff_json({"kb/", copy.path().string()}, 0);
  const json& rules = document["text"]["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["change"] == "renamed");
  CHECK(rules[0]["old"]["name"] == "soreness_ice_for_injured_muscle");
  CHECK(rules[0]["new"]["name"] == "ice_for_an_injured_muscle");
  CHECK(document["cases"]["groups"].empty());
  CHECK(document["cases"]["changed"] == 0);
}

TEST_CASE("a citation changed is a change of the text that changes no case") {
  EditedKb copy;
  copy.edit("soreness.sinew",
            "@cite seed \"apply ice (to an injured muscle) ... to ease discomfort.\"",
            "@cite seed \"apply ice (to an injured muscle)\"");
  json document = diff_json({"kb/", copy.path().string()}, 0);
  const json& rules = document["text"]["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["change"] == "changed");
  CHECK(rules[0]["parts"] == json::array({"citations"}));
  CHECK(document["cases"]["groups"].empty());
}

TEST_CASE("a rule moved to another line is unchanged") {
  EditedKb copy;
  copy.edit("soreness.sinew", "// Reading 1, first half.\n", "// Reading 1, first half.\n\n\n");
  json document = diff_json({"kb/", copy.path().string()}, 0);
  CHECK(document["text"]["rules"].empty());
  CHECK(document["text"]["items"].empty());
}

TEST_CASE("compiled files are compared as their folders are", "[slow]") {
  EditedKb copy;
  copy.edit("disposition.sinew", "D >= 3.", "D >= 4.");
  fs::path old_file = copy.dir() / "old.sinewb";
  fs::path new_file = copy.dir() / "new.sinewb";
  REQUIRE(sinew_in_repository({"compile", "kb/", "-o", old_file.string()}).exit_code == 0);
  REQUIRE(
      sinew_in_repository({"compile", copy.path().string(), "-o", new_file.string()}).exit_code ==
      0);
  json folders = diff_json({"kb/", copy.path().string()}, 1);
  json files = diff_json({old_file.string(), new_file.string()}, 1);
  CHECK(files["cases"] == folders["cases"]);
  CHECK(files["text"]["rules"].size() == 1);
  CHECK(files["text"]["rules"][0]["new"]["name"] == "several_days_is_three");
  // A folder and its own compiled file mean the same.
  json same = diff_json({"kb/", old_file.string()}, 0);
  CHECK(same["text"]["rules"].empty());
  CHECK(same["text"]["items"].empty());
}

TEST_CASE("the cases of a file, with --cases: kb/cases") {
  EditedKb copy;
  copy.edit("spasm.sinew", "chronic_pain, chest_pain, numbness, tingling.",
            "chronic_pain, chest_pain, numbness.");
  fs::path cases = kb_cases_file(copy.dir());
  json document = diff_json({"kb/", copy.path().string(), "--cases", cases.string()}, 1);
  CHECK(document["cases"]["source"] == "case file");
  CHECK(document["cases"]["compared"] == 13);
  const json* group = group_with(document, "disposition", {"seek_treatment_immediately"},
                                 {"self_care"});
  REQUIRE(group != nullptr);
  CHECK(document["cases"]["groups"].size() == 1);
  CHECK(group->at("cases") == 1);
  CHECK(group->at("example") ==
        json::parse(R"({"has": ["muscle_spasm", "recurrent", "tingling"]})"));
  CHECK(group->at("example_line") == 3);  // recurrent_spasms_with_tingling

  // No case of kb/cases lasts exactly 3 days: reading "several days" as 4 changes none.
  EditedKb four_days;
  four_days.edit("disposition.sinew", "D >= 3.", "D >= 4.");
  Outcome outcome = diff({"kb/", four_days.path().string(), "--cases", cases.string()});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 0);
  CHECK_THAT(outcome.out, Catch::Contains("13 cases of the case file compared"));
}

TEST_CASE("a case space larger than allowed asks for --cases") {
  Outcome outcome = diff({"kb/", "kb/", "--max-cases", "100"});
  INFO(outcome.describe());
  CHECK(outcome.exit_code == 2);
  CHECK_THAT(outcome.err, Catch::Contains("more than the 100 that are tried one by one"));
  CHECK_THAT(outcome.err, Catch::Contains("--cases"));
  CHECK(outcome.out.empty());
}

TEST_CASE("sinew diff: the same inputs give the same output", "[slow]") {
  EditedKb copy;
  copy.edit("spasm.sinew", "chronic_pain, chest_pain, numbness, tingling.",
            "chronic_pain, chest_pain, numbness.");
  Outcome first = diff({"kb/", copy.path().string()});
  Outcome second = diff({"kb/", copy.path().string()});
  CHECK(first.exit_code == 1);
  CHECK(first.out == second.out);
}

TEST_CASE("sinew diff without a second knowledge base is a usage error") {
  Outcome outcome = diff({"kb/"});
  CHECK(outcome.exit_code == 2);
}

TEST_CASE("a finding the new version no longer knows: the cases that give it are refused") {
  TempDir dir;
  const std::string old_text = R"(kind finding "Finding"
finding a "A", b "B".
scale level : low < high
input has(f: finding)
output disposition(l: level)
relation reach(l: level)
reach(low) :- has(a).
reach(high) :- has(b).
disposition(L) :- L = max X : { reach(X) }.
)";
  std::string new_text = old_text;
  auto replace_text = [&](const std::string& from, const std::string& to) {
    new_text.replace(new_text.find(from), from.size(), to);
  };
  replace_text("finding a \"A\", b \"B\".", "finding a \"A\".");
  replace_text("reach(high) :- has(b).\n", "");
  std::ofstream(dir / "old.sinew") << old_text;
  std::ofstream(dir / "new.sinew") << new_text;
  json document = diff_json({(dir / "old.sinew").string(), (dir / "new.sinew").string()}, 1);
  CHECK(document["cases"]["partly_known"] == json::array({"has(b)"}));
  CHECK(document["cases"]["compared"] == 4);
  REQUIRE(document["cases"]["groups"].size() == 1);
  const json& group = document["cases"]["groups"][0];
  CHECK(group["cases"] == 2);
  CHECK(group["example"] == json::parse(R"({"has": ["b"]})"));
  CHECK(group["problem"]["old"].is_null());
  CHECK_THAT(group["problem"]["new"].get<std::string>(), Catch::Contains("\"b\" is not a known"));
}
