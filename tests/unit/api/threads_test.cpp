// One knowledge base shared by several threads, each with its own session, gives every
// thread the answers a single session gives.

#include "unit/api/api_fixture.hpp"

#include <thread>

using namespace sinew;
using namespace sinew::test;

TEST_CASE("threads sharing one knowledge base get identical answers", "[api][threads]") {
  KnowledgeBase kb = kb_compiled();  // a copy shares the same loaded knowledge base
  std::vector<std::string> expected;
  {
    Session session(kb);
    for (const std::string& json : sample_cases) {
      auto answer = session.evaluate(json);
      REQUIRE(answer.ok());
      expected.push_back(*answer);
    }
  }
  constexpr int threads = 4, rounds = 5;
  std::vector<std::vector<std::string>> seen(threads);
  std::vector<std::string> failures(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      Session session(kb);
      for (int round = 0; round < rounds; ++round) {
        // Each thread takes the cases in a different order.
        for (std::size_t i = 0; i < sample_cases.size(); ++i) {
          std::size_t c = (i + static_cast<std::size_t>(t)) % sample_cases.size();
          auto answer = session.evaluate(sample_cases[c]);
          if (!answer) {
            failures[t] = answer.error().message;
            return;
          }
          if (*answer != expected[c])
            failures[t] = "a different answer to case " + std::to_string(c);
          auto why = session.query({"disposition", {}});
          if (!why) failures[t] = why.error().message;
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (int t = 0; t < threads; ++t) {
    INFO("thread " << t);
    CHECK(failures[t].empty());
  }
}
