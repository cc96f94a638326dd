// libFuzzer target: arbitrary bytes as a case of kb/, through the reader and the
// evaluation `sinew eval` uses (a CaseSession with explanations and unknown findings).
// kb/ is loaded once. Besides crashes and sanitizer reports, a finding is a broken
// invariant:
//   - a refused case has a refusal with a non-empty message, and no answer;
//   - an answered case is a JSON object with `conclusions`; the facts of the input
//     relations in its database are exactly the values the case lists as present,
//     worked out here independently from nlohmann-json's reading of the same text;
//     every case fact an explanation names is one of them; and no unknown finding is
//     one the case lists, present or absent.
// A broken invariant prints what differs and aborts, so libFuzzer keeps the input.
#include "cases/case_evaluation.hpp"
#include "engine/value.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"
#include "support/source_map.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace sinew;
using Json = nlohmann::json;

struct Loaded {
  ir::Program program;
  std::unique_ptr<cases::CaseModel> model;
  std::unique_ptr<cases::CaseSession> session;
};

Loaded& loaded() {
  static Loaded* kb = [] {
    // SINEW_FUZZ_KB names the knowledge base; by default the repository's kb/.
    const char* path = std::getenv("SINEW_FUZZ_KB");
    std::string folder = path ? path : SINEW_SOURCE_DIR "/kb";
    SourceMap sources;
    DiagnosticSink sink;
    auto modules = semantics::load_modules({folder}, sources, sink);
    auto program = semantics::compile(modules, sources, sink);
    if (!program) {
      std::fprintf(stderr, "fuzz_cases: %s does not compile:\n%s", folder.c_str(),
                   render_all(sources, sink).c_str());
      std::abort();
    }
    auto* out = new Loaded{std::move(*program), nullptr, nullptr};
    out->model = std::make_unique<cases::CaseModel>(out->program);
    out->session = std::make_unique<cases::CaseSession>(*out->model);
    return out;
  }();
  return *kb;
}

[[noreturn]] void broken(const std::string& what, const std::string& input,
                         const std::string& answer) {
  std::fprintf(stderr, "fuzz_cases: %s\n  case:   %s\n  answer: %s\n", what.c_str(), input.c_str(),
               answer.c_str());
  std::abort();
}

// `has(muscle_spasm)`, `duration_days(4)`: a fact as explanations write it.
std::string fact_text(const std::string& relation, const std::vector<std::string>& values) {
  std::string out = relation + "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
  return out + ")";
}

// One value of the case as nlohmann-json read it, in the text `fact_text` takes.
std::string value_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The facts `members` (the case object, or its "absent" object) lists, from the DOM.
// The reader accepted the case, so every value has the shape of its input.
void listed(const Json& members, bool root, const ir::Program& program, std::set<std::string>& out,
            const std::string& input, const std::string& answer) {
  for (const auto& member : members.items()) {
    const std::string key = member.key();
    const Json& value = member.value();
    if (key == "absent") {
      if (root) continue;  // read on its own
      broken("an answered case with \"absent\" under \"absent\"", input, answer);
    }
    auto relation = program.find_relation(key);
    if (!relation || !program.relations[*relation].case_input) {
      broken("the case was answered with a key that is not an input: " + key, input, answer);
    }
    std::size_t arity = program.relations[*relation].arity();
    auto one = [&](const Json& item) {
      if (arity == 1) {
        if (item.is_array() || item.is_object())
          broken("an accepted list in a list", input, answer);
        out.insert(fact_text(key, {value_text(item)}));
        return;
      }
      if (!item.is_array() || item.size() != arity) broken("an accepted wrong item", input, answer);
      std::vector<std::string> values;
      for (const Json& v : item) values.push_back(value_text(v));
      out.insert(fact_text(key, values));
    };
    if (value.is_array()) {
      for (const Json& item : value) one(item);
    } else if (arity == 1) {
      one(value);
    } else {
      broken("an accepted single value for an input of several columns", input, answer);
    }
  }
}

// The facts of the input relations in the session's database, as `fact_text` writes them.
std::set<std::string> database_case_facts(Loaded& kb) {
  std::set<std::string> out;
  const engine::Database& database = kb.session->database();
  for (ir::RelationId r = 0; r < kb.program.relations.size(); ++r) {
    const ir::Relation& relation = kb.program.relations[r];
    if (!relation.case_input) continue;
    for (const auto& row : database.sorted(r)) {
      std::vector<std::string> values;
      for (std::size_t c = 0; c < row.size(); ++c) {
        values.push_back(
            engine::format_value(database.symbols(), relation.columns[c].type, row[c]));
      }
      out.insert(fact_text(relation.name, values));
    }
  }
  return out;
}

void check(const std::string& input) {
  Loaded& kb = loaded();
  std::string answer;
  if (auto refusal = kb.session->evaluate(input, answer)) {
    if (!answer.empty()) broken("a refused case with an answer", input, answer);
    if (refusal->stopped_on_limit) return;  // no limits are set; kept for a KB with them
    if (refusal->message.empty()) broken("a refused case without a message", input, answer);
    return;
  }
  Json parsed_answer = Json::parse(answer, nullptr, false);
  if (parsed_answer.is_discarded() || !parsed_answer.is_object()) {
    broken("the answer is not a JSON object", input, answer);
  }
  if (!parsed_answer.contains("conclusions"))
    broken("an answer without conclusions", input, answer);

  Json case_json = Json::parse(input, nullptr, false);
  if (case_json.is_discarded() || !case_json.is_object()) {
    broken("an answered case that nlohmann-json does not read as an object", input, answer);
  }
  std::set<std::string> present, absent;
  listed(case_json, true, kb.program, present, input, answer);
  if (auto a = case_json.find("absent"); a != case_json.end()) {
    if (!a->is_object())
      broken("an answered case whose \"absent\" is not an object", input, answer);
    listed(*a, false, kb.program, absent, input, answer);
  }
  std::set<std::string> in_database = database_case_facts(kb);
  if (in_database != present) {
    std::string detail = "the case facts differ from what the case lists as present:";
    for (const std::string& f : present) {
      if (!in_database.count(f)) detail += " missing " + f + ";";
    }
    for (const std::string& f : in_database) {
      if (!present.count(f)) detail += " extra " + f + ";";
    }
    broken(detail, input, answer);
  }
  for (const std::string& f : present) {
    if (absent.count(f))
      broken("an answered case lists " + f + " as present and absent", input, answer);
  }
  if (auto explanations = parsed_answer.find("explanations"); explanations != parsed_answer.end()) {
    for (const Json& explanation : *explanations) {
      for (const Json& fact : explanation.value("case_facts", Json::array())) {
        if (!fact.is_string() || !present.count(fact.get<std::string>())) {
          broken("an explanation names a case fact the case does not list: " + fact.dump(), input,
                 answer);
        }
      }
    }
  }
  if (auto unknown = parsed_answer.find("unknown_findings"); unknown != parsed_answer.end()) {
    for (const Json& finding : *unknown) {
      std::string fact = finding.value("fact", std::string());
      if (present.count(fact) || absent.count(fact)) {
        broken("an unknown finding the case lists: " + fact, input, answer);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)loaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
