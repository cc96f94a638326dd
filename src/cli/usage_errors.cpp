#include "usage_errors.hpp"

#include "support/similar.hpp"

#include <fmt/format.h>

#include <string_view>
#include <vector>

namespace sinew::cli {

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(command->get_name());
  }
  return names;
}

// The subcommand being parsed when the error was thrown, if any.
const CLI::App* parsed_command(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->parsed()) return command;
  }
  return nullptr;
}

// Every spelling of the options of `command`: `--format`, `-e`, ...
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// The words CLI11 lists after "...not expected: ".
std::vector<std::string> listed_words(std::string_view message) {
  std::vector<std::string> words;
  auto colon = message.find(": ");
  if (colon == std::string_view::npos) return words;
  std::string_view rest = message.substr(colon + 2);
  while (!rest.empty()) {
    auto space = rest.find(' ');
    words.emplace_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return words;
}

// "; did you mean `check`?", or nothing.
std::string hint(const std::string& did_you_mean) {
  return did_you_mean.empty() ? did_you_mean : "; " + did_you_mean;
}

std::string help_line(const CLI::App* command) {
  if (!command) return "run `sinew --help` to see the commands";
  return fmt::format("run `sinew {} --help` to see its options", command->get_name());
}

// CLI11's messages about one option's value, in plain words: "--stage: bytecode not in
// {ast,ir,plan}", "Could not convert: --max-facts = many", "--expression: 1 required
// TEXT missing", "--timeout: Value -1 not in range 0.000000 to 1797...".
std::string option_value_message(std::string_view what) {
  auto colon = what.find(": ");
  std::string_view option = what.substr(0, colon);
  std::string_view rest = colon == std::string_view::npos ? "" : what.substr(colon + 2);
  if (option == "Could not convert") {
    auto equals = rest.find(" = ");
    if (equals != std::string_view::npos) {
      return fmt::format("`{}` is not a value `{}` takes: it takes a number",
                         rest.substr(equals + 3), rest.substr(0, equals));
    }
  }
  if (auto not_in = rest.find(" not in {"); not_in != std::string_view::npos) {
    std::string choices(rest.substr(not_in + 9));
    if (!choices.empty() && choices.back() == '}') choices.pop_back();
    for (std::size_t comma = choices.find(','); comma != std::string::npos;
         comma = choices.find(',', comma + 2)) {
      choices.replace(comma, 1, ", ");
    }
    return fmt::format("`{}` is not a value `{}` takes: write one of {}", rest.substr(0, not_in),
                       option, choices);
  }
  if (rest.starts_with("Value ") && rest.find(" not in range 0") != std::string_view::npos) {
    std::string_view value = rest.substr(6, rest.find(' ', 6) - 6);
    return fmt::format("`{}` takes a number of 0 or more, not `{}`", option, value);
  }
  if (rest.find("required") != std::string_view::npos &&
      rest.find("missing") != std::string_view::npos) {
    return fmt::format("`{}` needs a value after it", option);
  }
  return std::string(what);
}

}  // namespace

std::optional<std::string> unknown_command(const CLI::App& app, std::span<char* const> args) {
  if (args.size() < 2) return std::nullopt;
  std::string_view first = args[1];
  if (first.empty() || first.front() == '-') return std::nullopt;
  std::vector<std::string> names = command_names(app);
  for (const std::string& name : names) {
    if (name == first) return std::nullopt;
  }
  return fmt::format("unknown command `{}`{}\n{}", first, hint(did_you_mean(first, names)),
                     help_line(nullptr));
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* command = parsed_command(app);
  std::string name = command ? fmt::format("sinew {}", command->get_name()) : "sinew";
  std::string_view what = error.what();
  std::string text;
  if (dynamic_cast<const CLI::RequiredError*>(&error) && !command) {
    text =
        "which command? For example `sinew check kb/` checks the rule files of kb/, and "
        "`sinew query kb/ -e '?- red_flag(muscle_spasm, F).'` asks a question";
  } else if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    std::string_view missing = what.substr(0, what.find(" is required"));
    if (missing == "files" || missing == "kb") {
      text = fmt::format("`{}` needs the rule files or folders to read, as in `{} kb/`", name,
                         name);
    } else {
      text = fmt::format("`{}` needs `{}`", name, missing);
    }
  } else if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    std::vector<std::string> options = command ? option_names(*command)
                                               : std::vector<std::string>{};
    for (const std::string& word : listed_words(what)) {
      if (!text.empty()) text += "\n";
      if (word.starts_with('-')) {
        std::string base = word.substr(0, word.find('='));
        text += fmt::format("`{}` is not an option of `{}`{}", base, name,
                            hint(did_you_mean(base, options)));
      } else {
        text += fmt::format("`{}` is one value too many for `{}`", word, name);
      }
    }
  } else {
    text = fmt::format("`{}`: {}", name, option_value_message(what));
  }
  return fmt::format("{}\n{}", text, help_line(command));
}

}  // namespace sinew::cli
