// Facts files: a hand-written reader over the whole file, and the sorted writer.
#include "engine/facts_io.hpp"

#include "engine/relation_store.hpp"

#include "engine/value.hpp"
#include "support/catalog.hpp"
#include "support/source_map.hpp"

#include <fmt/format.h>

#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

namespace sinew::engine {

namespace {

std::string delimiter_name(char delimiter) {
  if (delimiter == '\t') return "tabs";
  return fmt::format("`{}`", delimiter);
}

std::string shown(std::string_view field) {
  constexpr std::size_t most = 40;
  if (field.size() <= most) return fmt::format("`{}`", field);
  return fmt::format("`{}...`", field.substr(0, most));
}

// Soufflé skips spaces before a number and Sinew refuses them, so that a value shifted
// by a stray space is noticed; someone moving from Soufflé is told why.
std::string space_before_number_note(std::string_view field) {
  std::size_t first = field.find_first_not_of(" \t");
  if (first == 0 || first == std::string_view::npos) return "";
  return fmt::format(
      "; remove the space before it (Soufflé would have read {}, but Sinew does not guess)",
      shown(field.substr(first)));
}

// Parses a number of type `Number` (a leading `+` allowed) into its 64-bit value; on
// failure, says why, naming what was `expected`.
template <typename Number>
bool parse_number(std::string_view field, std::string_view expected, Value& out, std::string& why) {
  const char* begin = field.data();
  const char* end = field.data() + field.size();
  if (begin != end && *begin == '+') ++begin;
  Number n = 0;
  auto [ptr, ec] = std::from_chars(begin, end, n);
  if (std::is_integral_v<Number> && ec == std::errc::result_out_of_range) {
    why = fmt::format("the number {} is out of range", shown(field));
    return false;
  }
  if (field.empty() || ec != std::errc() || ptr != end) {
    why = fmt::format("expected {}, found {}{}", expected, shown(field),
                      space_before_number_note(field));
    return false;
  }
  out = std::bit_cast<Value>(n);
  return true;
}

// Parses one field of a column; on failure, says why (without the location).
bool parse_field(std::string_view field, ir::BaseType base, Value& out, std::string& why) {
  switch (base) {
    case ir::BaseType::number: return parse_number<std::int64_t>(field, "a number", out, why);
    case ir::BaseType::unsigned_number:
      return parse_number<std::uint64_t>(field, "an unsigned number", out, why);
    case ir::BaseType::floating: return parse_number<double>(field, "a decimal number", out, why);
    case ir::BaseType::symbol: return true;  // interned by the caller
  }
  return false;
}

}  // namespace

Result<std::size_t> read_facts_text(Database& database, ir::RelationId relation,
                                    std::string_view text, std::string_view name, char delimiter,
                                    bool headers) {
  const std::vector<ir::Column>& columns = database.columns(relation);
  const std::size_t arity = columns.size();
  SymbolTable& symbols = database.symbols();
  RelationStore& store = database.store(relation);
  std::vector<Value> tuple(arity);
  // Facts files often repeat a symbol on consecutive lines (a patient's findings):
  // remember the last symbol of each column to skip most interning.
  std::vector<std::string_view> last_text(arity);
  std::vector<Value> last_id(arity);
  std::vector<bool> has_last(arity, false);
  std::string why;

  // Spreadsheet programs start UTF-8 text with a byte-order mark: it is not part of
  // the first value.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t line_number = 0;
  std::size_t lines = 0;
  const char* position = text.data();
  const char* const text_end = text.data() + text.size();
  while (position < text_end) {
    ++line_number;
    const char* newline = static_cast<const char*>(
        std::memchr(position, '\n', static_cast<std::size_t>(text_end - position)));
    const char* line_end = newline ? newline : text_end;
    const char* next = newline ? newline + 1 : text_end;
    if (line_end > position && line_end[-1] == '\r') --line_end;
    std::string_view line(position, static_cast<std::size_t>(line_end - position));
    position = next;
    if (headers && line_number == 1) continue;  // the names of the columns

    if (arity == 0) {
      // Soufflé writes a relation without columns as `()`; an empty line is read too.
      if (!line.empty() && line != "()") {
        return Error{
            fmt::format("{}:{}: expected `()` or an empty line (the relation has no columns)", name,
                        line_number),
            codes::malformed_facts.id};
      }
      store.insert(tuple.data());
      ++lines;
      continue;
    }
    std::size_t field_index = 0;
    std::size_t start = 0;
    for (;;) {
      std::size_t stop = line.find(delimiter, start);
      std::string_view field = line.substr(start, stop == std::string_view::npos ? line.npos
                                                                                 : stop - start);
      if (field_index < arity) {
        ir::BaseType base = columns[field_index].type.base;
        if (base == ir::BaseType::symbol) {
          if (has_last[field_index] && last_text[field_index] == field) {
            tuple[field_index] = last_id[field_index];
          } else {
            Value id = symbols.intern(field);
            tuple[field_index] = id;
            last_id[field_index] = id;
            last_text[field_index] = field;
            has_last[field_index] = true;
          }
        } else if (!parse_field(field, base, tuple[field_index], why)) {
          return Error{fmt::format("{}:{}: field {} (column `{}`): {}", name, line_number,
                                   field_index + 1, columns[field_index].name, why),
                       codes::malformed_facts.id};
        }
      }
      ++field_index;
      if (stop == std::string_view::npos) break;
      start = stop + 1;
    }
    if (field_index != arity) {
      // Soufflé drops the fields after the last column; dropping a value unnoticed is
      // worse than refusing the line.
      std::string note =
          field_index > arity
              ? "; Soufflé would have ignored the extra fields, but Sinew does not drop values "
                "unnoticed: remove them, or declare the missing columns"
              : "";
      return Error{fmt::format("{}:{}: expected {} field{} separated by {}, found {}{}", name,
                               line_number, arity, arity == 1 ? "" : "s", delimiter_name(delimiter),
                               field_index, note),
                   codes::malformed_facts.id};
    }
    store.insert(tuple.data());
    ++lines;
  }
  return lines;
}

Result<std::size_t> read_facts_file(Database& database, ir::RelationId relation,
                                    const std::string& path, char delimiter, bool headers) {
  auto text = read_file(path);
  if (!text) return text.error();
  return read_facts_text(database, relation, *text, path, delimiter, headers);
}

Result<void> load_facts(const ir::Program& program, Database& database, const std::string& dir) {
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (!relation.load_facts) continue;
    std::string file = relation.facts_file.empty() ? relation.name + ".facts" : relation.facts_file;
    std::string path = dir.empty() ? file : dir + "/" + file;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> probe(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
    if (!probe) {
      return Error{fmt::format("cannot read the facts of `{}`: `{}`: {}", relation.name, path,
                               std::strerror(errno)),
                   codes::missing_facts_file.id};
    }
    probe.reset();
    auto read = read_facts_file(database, r, path, relation.delimiter, relation.headers);
    if (!read) return read.error();
  }
  return {};
}

std::string format_relation(const Database& database, ir::RelationId relation, char delimiter) {
  const std::vector<ir::Column>& columns = database.columns(relation);
  std::string out;
  for (std::uint32_t row : database.sorted_rows(relation)) {
    // A relation without columns holds at most the empty tuple: Soufflé writes it `()`,
    // which an empty line would not show.
    if (columns.empty()) {
      out += "()\n";
      continue;
    }
    std::span<const Value> values = database.row(relation, row);
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (c) out += delimiter;
      append_value(out, database.symbols(), columns[c].type.base, values[c]);
    }
    out += '\n';
  }
  return out;
}

Result<void> write_relation(const Database& database, ir::RelationId relation,
                            const std::string& path, char delimiter) {
  std::string text = format_relation(database, relation, delimiter);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"),
                                                       &std::fclose);
  if (!file) {
    return Error{fmt::format("cannot write `{}`: {}", path, std::strerror(errno)),
                 codes::cannot_write.id};
  }
  if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
      std::fflush(file.get()) != 0) {
    return Error{fmt::format("cannot write `{}`: {}", path, std::strerror(errno)),
                 codes::cannot_write.id};
  }
  return {};
}

Result<void> write_outputs(const ir::Program& program, const Database& database,
                           const std::string& outdir) {
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    const ir::Relation& relation = program.relations[r];
    if (!relation.output) continue;
    std::string path = (outdir.empty() ? std::string(".") : outdir) + "/" + relation.name + ".csv";
    auto written = write_relation(database, r, path);
    if (!written) return written;
  }
  return {};
}

}  // namespace sinew::engine
