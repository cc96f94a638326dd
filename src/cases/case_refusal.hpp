#pragma once
// Why a case got no answer, as a value. The case service returns it; the edge that
// prints it (the command line's `eval`, the C API) renders it, once, in its own form.

#include <cstddef>
#include <string>

namespace sinew::cases {

struct CaseRefusal {
  // For the writer of the case: what is wrong and what to do, in plain words.
  std::string message{};
  // What the case got wrong, where the refusal is about one thing in it: the input's
  // key as the case spells it (`has`), and the value as written (`"chest_pian"`,
  // `[1, 2]`); the value is empty when the key itself is at fault. Both are empty when
  // the refusal is about the case as a whole (not JSON, empty) or about none of it (a
  // limit reached).
  std::string key{};
  std::string value{};
  // Where the case stands in its input: its line in a batch; 0 for a case on its own.
  // The case service leaves it 0; the reader of a batch knows the line.
  std::size_t line = 0;
  // The evaluation stopped on a time or fact limit: the case itself may be fine.
  bool stopped_on_limit = false;
};

}  // namespace sinew::cases
