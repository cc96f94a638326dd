// ir::Origins keeps each statement's origin encoded; what goes in comes out, and a
// table adopted from those encodings (as the loader does) reads the same.
#include "ir/origins.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sinew;
using namespace sinew::ir;

namespace {

using Strings = std::vector<std::string>;

std::vector<Origin> some_origins() {
  std::vector<Origin> out;
  Origin rule;
  rule.file = "kb/spasm.sinew";
  rule.line = 48;
  rule.column = 1;
  rule.span = Span{0, 120, 180};
  rule.text = "reach(seek_treatment_immediately) :- spasm_needs_immediate_treatment().";
  rule.remarks.rule_name = "urgent_spasm_seek_treatment";
  rule.remarks.citations = {Citation{0, "you should seek treatment immediately."},
                            Citation{0xffffffffu, "a quote on its own"}};
  rule.remarks.notes = {"Conservative reading."};
  rule.remarks.assumptions = {"Any one symptom suffices.", "Several days means 3."};
  out.push_back(rule);
  for (std::uint32_t line = 1; line <= 300; ++line) {  // plain facts, a line number of 2 bytes
    Origin fact;
    fact.file = line < 200 ? "kb/conditions.sinew" : "kb/spasm.sinew";
    fact.line = line;
    fact.column = 3;
    fact.text = "red_flag(muscle_spasm, f" + std::to_string(line) + ").";
    out.push_back(fact);
  }
  out.push_back(Origin{});  // no file, no text
  return out;
}

void check_same(OriginView view, const Origin& origin, bool with_span) {
  CHECK(view.file == origin.file);
  CHECK(view.line == origin.line);
  CHECK(view.column == origin.column);
  CHECK(view.text == origin.text);
  CHECK(view.rule_name == origin.remarks.rule_name);
  CHECK(std::vector<Citation>(view.citations.begin(), view.citations.end()) ==
        origin.remarks.citations);
  CHECK(Strings(view.notes.begin(), view.notes.end()) == origin.remarks.notes);
  CHECK(Strings(view.assumptions.begin(), view.assumptions.end()) == origin.remarks.assumptions);
  if (with_span) CHECK(view.span == origin.span);
}

}  // namespace

TEST_CASE("an origin reads back as it was added", "[ir][origins]") {
  std::vector<Origin> added = some_origins();
  Origins origins;
  for (std::size_t i = 0; i < added.size(); ++i) CHECK(origins.add(added[i]) == i);
  REQUIRE(origins.size() == added.size());
  for (OriginId id = 0; id < added.size(); ++id) check_same(origins[id], added[id], true);
  CHECK(origins.files() == Strings{"kb/spasm.sinew", "kb/conditions.sinew", ""});
  REQUIRE(origins.remarks().size() == 1);
  CHECK(origins.remarks().front().rule_name == "urgent_spasm_seek_treatment");
  std::size_t seen = 0;
  for (OriginView view : origins) check_same(view, added[seen++], true);
  CHECK(seen == added.size());
}

TEST_CASE("a table adopted from the encodings reads the same, without spans", "[ir][origins]") {
  std::vector<Origin> added = some_origins();
  Origins origins;
  for (const Origin& origin : added) origins.add(origin);
  // As the loader does: the encodings somewhere inside a larger buffer.
  std::string store = "bytes before";
  std::vector<std::uint64_t> offsets;
  std::vector<OriginId> with_remarks;
  std::vector<Remarks> remarks;
  for (OriginId id = 0; id < origins.size(); ++id) {
    offsets.push_back(store.size());
    store += origins.encoded(id);
    if (!added[id].remarks.empty()) {
      with_remarks.push_back(id);
      remarks.push_back(added[id].remarks);
    }
  }
  store += "bytes after";
  Origins adopted = Origins::adopt(store, offsets, origins.files(), with_remarks, remarks);
  REQUIRE(adopted.size() == added.size());
  for (OriginId id = 0; id < added.size(); ++id) {
    check_same(adopted[id], added[id], false);
    CHECK_FALSE(adopted[id].span.valid());
    CHECK(adopted.encoded(id) == origins.encoded(id));
  }
}

TEST_CASE("a span set later belongs to that statement only", "[ir][origins]") {
  Origins origins;
  origins.add(Origin{});
  origins.add(Origin{});
  origins.add(Origin{});
  origins.set_span(1, Span{2, 5, 9});
  CHECK_FALSE(origins[0].span.valid());
  CHECK(origins[1].span == Span{2, 5, 9});
  CHECK_FALSE(origins[2].span.valid());
}
