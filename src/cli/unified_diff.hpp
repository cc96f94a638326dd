#pragma once
// `unified_diff`: what `sinew fmt --check` shows, the changes as `diff -u` writes them.

#include <string>
#include <string_view>

namespace sinew::cli {

// The lines that differ between `before` and `after`, with three lines of context, under
// the headers `--- before_name` and `+++ after_name`; empty when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_name, std::string_view after_name);

}  // namespace sinew::cli
