// The C API: handles, status codes, and error messages owned by the library.

#include "unit/api/api_fixture.hpp"

#include <sinew/sinew.h>

#include <cstring>
#include <utility>

using namespace sinew::test;

TEST_CASE("the C API loads, evaluates, queries and explains", "[api][c]") {
  sinew_kb* kb = nullptr;
  sinew_error* error = nullptr;
  REQUIRE(sinew_kb_load(compiled_kb_path().c_str(), &kb, &error) == SINEW_OK);
  REQUIRE(error == nullptr);
  CHECK(sinew_kb_relation_count(kb) > 0);
  bool found_has = false;
  for (size_t r = 0; r < sinew_kb_relation_count(kb); ++r) {
    if (std::strcmp(sinew_kb_relation_name(kb, r), "has") == 0) {
      found_has = true;
      CHECK(sinew_kb_relation_is_input(kb, r));
      CHECK(std::strcmp(sinew_kb_column_type(kb, r, 0), "finding") == 0);
      CHECK(sinew_kb_column_name(kb, r, 1) == nullptr);
    }
  }
  CHECK(found_has);

  sinew_session* session = nullptr;
  REQUIRE(sinew_session_new(kb, &session, nullptr) == SINEW_OK);
  sinew_kb_free(kb);  // the session keeps what it needs

  const std::string& json = sample_cases[3];
  char* answer = nullptr;
  REQUIRE(sinew_session_eval(session, json.data(), json.size(), &answer) == SINEW_OK);
  CHECK(std::strstr(answer, "seek_treatment_immediately") != nullptr);
  sinew_string_free(answer);

  sinew_answers* rows = nullptr;
  REQUIRE(sinew_session_query(session, "disposition", nullptr, 0, &rows, nullptr) == SINEW_OK);
  CHECK(std::string(sinew_answers_json(rows)) ==
        R"({"columns":["level"],"rows":[["seek_treatment_immediately"]]})");
  REQUIRE(sinew_answers_row_count(rows) == 1);
  CHECK(std::string(sinew_answers_column_name(rows, 0)) == "level");
  CHECK(std::string(sinew_answers_value(rows, 0, 0)) == "seek_treatment_immediately");
  CHECK(sinew_answers_value(rows, 1, 0) == nullptr);
  sinew_answers_free(rows);

  const char* days[] = {"4"};
  REQUIRE(sinew_session_query(session, "duration_days", days, 1, &rows, nullptr) == SINEW_OK);
  CHECK(std::string(sinew_answers_json(rows)) == R"({"columns":["n"],"rows":[[4]]})");
  CHECK(std::string(sinew_answers_value(rows, 0, 0)) == "4");
  sinew_answers_free(rows);

  const char* fact[] = {"seek_treatment_immediately"};
  char* why = nullptr;
  REQUIRE(sinew_session_explain(session, "disposition", fact, 1, SINEW_FORMAT_TEXT, &why,
                                nullptr) == SINEW_OK);
  CHECK(std::strstr(why, "has(not_easing)") != nullptr);
  sinew_string_free(why);
  sinew_session_free(session);
}

TEST_CASE("the C API reports failures as status codes and messages", "[api][c]") {
  sinew_kb* kb = nullptr;
  sinew_error* error = nullptr;
  CHECK(sinew_kb_load("/no/such/kb.sinewb", &kb, &error) == SINEW_ERROR_LOAD);
  CHECK(kb == nullptr);
  REQUIRE(error != nullptr);
  CHECK(sinew_error_status(error) == SINEW_ERROR_LOAD);
  CHECK(std::strstr(sinew_error_message(error), "/no/such/kb.sinewb") != nullptr);
  sinew_error_free(error);
  CHECK(sinew_kb_load(nullptr, &kb, nullptr) == SINEW_ERROR_ARGUMENT);

  REQUIRE(sinew_kb_load(compiled_kb_path().c_str(), &kb, nullptr) == SINEW_OK);
  sinew_session* session = nullptr;
  REQUIRE(sinew_session_new(kb, &session, nullptr) == SINEW_OK);

  const char bad[] = R"({"has": ["chest_pian"]})";
  char* answer = nullptr;
  CHECK(sinew_session_eval(session, bad, sizeof bad - 1, &answer) == SINEW_ERROR_REFUSED);
  REQUIRE(answer != nullptr);
  CHECK(std::strncmp(answer, "{\"error\":", 9) == 0);
  sinew_string_free(answer);

  sinew_answers* rows = nullptr;
  error = nullptr;
  CHECK(sinew_session_query(session, "dispositon", nullptr, 0, &rows, &error) ==
        SINEW_ERROR_REFUSED);
  CHECK(rows == nullptr);
  REQUIRE(error != nullptr);
  CHECK(std::strstr(sinew_error_message(error), "disposition") != nullptr);
  sinew_error_free(error);

  const char* not_a_number[] = {"four"};
  CHECK(sinew_session_query(session, "duration_days", not_a_number, 1, &rows, nullptr) ==
        SINEW_ERROR_REFUSED);
  sinew_session_free(session);
  sinew_kb_free(kb);
}

// Issue 12, item 1: `absent` that is not an object was read as the previous key's
// findings, so a finding documented absent counted as present.
TEST_CASE("the C API refuses a case whose values have the wrong shape", "[api][c]") {
  sinew_kb* kb = nullptr;
  REQUIRE(sinew_kb_load(compiled_kb_path().c_str(), &kb, nullptr) == SINEW_OK);
  sinew_session* session = nullptr;
  REQUIRE(sinew_session_new(kb, &session, nullptr) == SINEW_OK);
  sinew_kb_free(kb);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"has": ["muscle_spasm"], "absent": ["numbness"]})", R"(`absent` must be an object)"},
      {R"({"absent": "numbness", "has": ["muscle_spasm"]})", R"(not \"numbness\")"},
      {R"({"has": ["muscle_soreness", "not_easing"], "duration_days": 1, "absent": 5})", "not 5"},
      {R"({"has": ["muscle_spasm"], "duration_days": [[4]]})", "`duration_days`"},
      {R"([{"has": ["muscle_spasm"]}])", "the case must be a JSON object"},
  };
  for (const auto& [json, in_error] : cases) {
    INFO(json);
    char* answer = nullptr;
    CHECK(sinew_session_eval(session, json.data(), json.size(), &answer) == SINEW_ERROR_REFUSED);
    REQUIRE(answer != nullptr);
    INFO(answer);
    CHECK(std::strstr(answer, in_error.c_str()) != nullptr);
    CHECK(std::strstr(answer, "numbness)") == nullptr);  // no fact has(numbness)
    sinew_string_free(answer);
  }
  sinew_session_free(session);
}
