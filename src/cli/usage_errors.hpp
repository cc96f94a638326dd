#pragma once
// Mistakes on the command line, said in the words of `sinew --help`: CLI11's own
// messages ("files is required", "A subcommand is required") are written for
// programmers.

#include <CLI/CLI.hpp>

#include <optional>
#include <span>
#include <string>

namespace sinew::cli {

// When the first word is neither an option nor a command, says so with the closest
// command: "unknown command `chek`; did you mean `check`?".
std::optional<std::string> unknown_command(const CLI::App& app, std::span<char* const> args);

// The message for a parse error of `app` (after `app.parse` threw it), without the
// "sinew: " prefix; the last line says where the help is.
std::string usage_message(const CLI::App& app, const CLI::ParseError& error);

}  // namespace sinew::cli
