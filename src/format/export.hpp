#pragma once
// A compiled knowledge base as JSON (`sinew export --format json`), for tools that do
// not link C++. The shape is described by the JSON Schema in
// src/format/export.schema.json; `format_version` says which version of it.

#include "format/compiled.hpp"

#include <string>

namespace sinew::format {

inline constexpr int export_version = 1;

// The whole knowledge base: module, sources, kinds, scales, entities, relations, facts,
// rules (as text, with their conditions and join plans), strata, queries, tests, the
// source map, and the derived facts when the file has them. Values are JSON numbers or
// strings by their column's type. Deterministic: the same file gives the same text.
std::string to_json(const Compiled& compiled);

}  // namespace sinew::format
