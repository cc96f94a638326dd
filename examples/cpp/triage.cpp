// Triage one case with a compiled knowledge base: its disposition, and why.
//
//   triage kb.sinewb case.json

#include <sinew/sinew.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: triage KB.sinewb CASE.json\n";
    return 2;
  }
  // Loaded once; a server would share it between threads, one Session per thread.
  auto kb = sinew::KnowledgeBase::load(argv[1]);
  if (!kb) {
    std::cerr << "error: " << kb.error().message << "\n";
    return 1;
  }
  std::ifstream file(argv[2]);
  if (!file) {
    std::cerr << "error: cannot read the case `" << argv[2] << "`\n";
    return 1;
  }
  std::stringstream case_json;
  case_json << file.rdbuf();

  sinew::Session session(*kb);
  auto answer = session.evaluate(case_json.str());  // the JSON `sinew eval` prints
  if (!answer) {
    std::cerr << "error: the case was refused: " << answer.error().message << "\n";
    return 1;
  }
  auto dispositions = session.query({"disposition", {}});
  if (!dispositions) {
    std::cerr << "error: " << dispositions.error().message << "\n";
    return 1;
  }
  if (dispositions->rows.empty()) std::cout << "disposition: none\n";
  for (const auto& row : dispositions->rows) {
    std::cout << "disposition: " << sinew::to_text(row[0]) << "\n\n";
    auto why = session.explain({"disposition", row});
    if (why) std::cout << why->text;
  }
  return 0;
}
