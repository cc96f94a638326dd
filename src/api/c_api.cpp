// The C API (include/sinew/sinew.h) over the C++ one: handles own C++ objects, and
// nothing is thrown across the boundary.

#include <sinew/sinew.h>
#include <sinew/sinew.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct sinew_kb {
  sinew::KnowledgeBase kb;
};

struct sinew_session {
  sinew::Session session;
};

struct sinew_answers {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string json;
};

struct sinew_error {
  sinew_status status;
  std::string message;
};

namespace {

// A C string the caller frees with sinew_string_free; nullptr when out of memory.
char* copy_out(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

sinew_status fail(sinew_error** error, sinew_status status, std::string message) {
  if (error) *error = new (std::nothrow) sinew_error{status, std::move(message)};
  return status;
}

// Runs `work`, turning any exception into SINEW_ERROR_INTERNAL.
template <typename Work>
sinew_status guarded(sinew_error** error, Work work) {
  if (error) *error = nullptr;
  try {
    return work();
  } catch (const std::bad_alloc&) {
    return fail(error, SINEW_ERROR_INTERNAL, "there was not enough memory to finish");
  } catch (const std::exception& e) {
    return fail(error, SINEW_ERROR_INTERNAL, std::string("internal error in Sinew: ") + e.what());
  } catch (...) {
    return fail(error, SINEW_ERROR_INTERNAL, "internal error in Sinew");
  }
}

sinew_status hand_out(const std::string& text, char** out, sinew_error** error) {
  *out = copy_out(text);
  if (!*out) return fail(error, SINEW_ERROR_INTERNAL, "there was not enough memory to finish");
  return SINEW_OK;
}

// A value written as text, read as its column's type: `4` for a number column.
sinew::Result<sinew::Value> read_value(const sinew::RelationInfo& relation, std::size_t column,
                                       const char* text) {
  using Base = sinew::ColumnInfo::Base;
  const sinew::ColumnInfo& info = relation.columns[column];
  if (info.base == Base::name) return sinew::Value{std::string(text)};
  char* end = nullptr;
  errno = 0;
  sinew::Value value;
  if (info.base == Base::number) value = static_cast<std::int64_t>(std::strtoll(text, &end, 10));
  if (info.base == Base::unsigned_number && text[0] != '-') {
    value = static_cast<std::uint64_t>(std::strtoull(text, &end, 10));
  }
  if (info.base == Base::floating) value = std::strtod(text, &end);
  if (end == nullptr || end == text || *end != '\0' || errno != 0) {
    return sinew::Error{fmt::format("`{}` of `{}` takes {}, not `{}`", info.name, relation.name,
                                    info.base == Base::floating ? "a number" : "a whole number",
                                    text)};
  }
  return value;
}

const sinew::RelationInfo* relation_at(const sinew_kb* kb, std::size_t relation) {
  if (!kb || relation >= kb->kb.relations().size()) return nullptr;
  return &kb->kb.relations()[relation];
}

const sinew::ColumnInfo* column_at(const sinew_kb* kb, std::size_t relation, std::size_t column) {
  const sinew::RelationInfo* info = relation_at(kb, relation);
  if (!info || column >= info->columns.size()) return nullptr;
  return &info->columns[column];
}

nlohmann::json to_json(const sinew::Value& value) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

}  // namespace

extern "C" {

const char* sinew_version(void) { return SINEW_VERSION; }

const char* sinew_error_message(const sinew_error* error) {
  return error ? error->message.c_str() : "";
}

sinew_status sinew_error_status(const sinew_error* error) {
  return error ? error->status : SINEW_OK;
}

void sinew_error_free(sinew_error* error) { delete error; }
void sinew_string_free(char* text) { std::free(text); }

sinew_status sinew_kb_load(const char* path, sinew_kb** kb, sinew_error** error) {
  return guarded(error, [&] {
    if (!path || !kb)
      return fail(error, SINEW_ERROR_ARGUMENT,
                  "sinew_kb_load needs a path and a place for the knowledge base");
    *kb = nullptr;
    auto loaded = sinew::KnowledgeBase::load(path);
    if (!loaded) return fail(error, SINEW_ERROR_LOAD, loaded.error().message);
    *kb = new sinew_kb{std::move(loaded).value()};
    return SINEW_OK;
  });
}

void sinew_kb_free(sinew_kb* kb) { delete kb; }

size_t sinew_kb_relation_count(const sinew_kb* kb) { return kb ? kb->kb.relations().size() : 0; }

const char* sinew_kb_relation_name(const sinew_kb* kb, size_t relation) {
  const sinew::RelationInfo* info = relation_at(kb, relation);
  return info ? info->name.c_str() : nullptr;
}

size_t sinew_kb_relation_arity(const sinew_kb* kb, size_t relation) {
  const sinew::RelationInfo* info = relation_at(kb, relation);
  return info ? info->columns.size() : 0;
}

int sinew_kb_relation_is_input(const sinew_kb* kb, size_t relation) {
  const sinew::RelationInfo* info = relation_at(kb, relation);
  return info && info->input;
}

int sinew_kb_relation_is_output(const sinew_kb* kb, size_t relation) {
  const sinew::RelationInfo* info = relation_at(kb, relation);
  return info && info->output;
}

const char* sinew_kb_column_name(const sinew_kb* kb, size_t relation, size_t column) {
  const sinew::ColumnInfo* info = column_at(kb, relation, column);
  return info ? info->name.c_str() : nullptr;
}

const char* sinew_kb_column_type(const sinew_kb* kb, size_t relation, size_t column) {
  const sinew::ColumnInfo* info = column_at(kb, relation, column);
  return info ? info->type.c_str() : nullptr;
}

sinew_status sinew_session_new(const sinew_kb* kb, sinew_session** session, sinew_error** error) {
  return guarded(error, [&] {
    if (!kb || !session)
      return fail(error, SINEW_ERROR_ARGUMENT,
                  "sinew_session_new needs a knowledge base and a place for the session");
    *session = new sinew_session{sinew::Session(kb->kb)};
    return SINEW_OK;
  });
}

void sinew_session_free(sinew_session* session) { delete session; }

sinew_status sinew_session_eval(sinew_session* session, const char* json, size_t len, char** out) {
  if (!out) return SINEW_ERROR_ARGUMENT;
  *out = nullptr;
  if (!session || (!json && len > 0)) return SINEW_ERROR_ARGUMENT;
  try {
    auto answer = session->session.evaluate(std::string_view(json ? json : "", len));
    if (answer) {
      *out = copy_out(*answer);
      return *out ? SINEW_OK : SINEW_ERROR_INTERNAL;
    }
    nlohmann::json refused = {{"error", answer.error().message}};
    *out = copy_out(refused.dump());
    if (!*out) return SINEW_ERROR_INTERNAL;
    return session->session.stopped_on_limit() ? SINEW_ERROR_LIMIT : SINEW_ERROR_REFUSED;
  } catch (...) {
    return SINEW_ERROR_INTERNAL;
  }
}

sinew_status sinew_session_query(sinew_session* session, const char* relation,
                                 const char* const* pattern, size_t count, sinew_answers** answers,
                                 sinew_error** error) {
  return guarded(error, [&] {
    if (!session || !relation || !answers || (count > 0 && !pattern)) {
      return fail(error, SINEW_ERROR_ARGUMENT,
                  "sinew_session_query needs a session, a relation and a place for the answers");
    }
    *answers = nullptr;
    sinew::Pattern wanted{relation, {}};
    const sinew::RelationInfo* info = session->session.knowledge_base().relation(relation);
    if (info && count != info->columns.size() && count != 0) {
      return fail(error, SINEW_ERROR_REFUSED,
                  fmt::format("`{}` has {} columns; the pattern gives {}", info->name,
                              info->columns.size(), count));
    }
    for (std::size_t c = 0; info && c < count; ++c) {
      if (!pattern[c]) {
        wanted.values.emplace_back();
        continue;
      }
      auto value = read_value(*info, c, pattern[c]);
      if (!value) return fail(error, SINEW_ERROR_REFUSED, value.error().message);
      wanted.values.emplace_back(std::move(value).value());
    }
    auto found = session->session.query(wanted);
    if (!found) return fail(error, SINEW_ERROR_REFUSED, found.error().message);
    auto table = std::make_unique<sinew_answers>();
    table->columns = found->columns;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : found->rows) {
      nlohmann::json values = nlohmann::json::array();
      std::vector<std::string>& texts = table->rows.emplace_back();
      for (const sinew::Value& value : row) {
        values.push_back(to_json(value));
        texts.push_back(sinew::to_text(value));
      }
      rows.push_back(std::move(values));
    }
    table->json = nlohmann::json{{"columns", found->columns}, {"rows", std::move(rows)}}.dump();
    *answers = table.release();
    return SINEW_OK;
  });
}

size_t sinew_answers_row_count(const sinew_answers* answers) {
  return answers ? answers->rows.size() : 0;
}

size_t sinew_answers_column_count(const sinew_answers* answers) {
  return answers ? answers->columns.size() : 0;
}

const char* sinew_answers_column_name(const sinew_answers* answers, size_t column) {
  if (!answers || column >= answers->columns.size()) return nullptr;
  return answers->columns[column].c_str();
}

const char* sinew_answers_value(const sinew_answers* answers, size_t row, size_t column) {
  if (!answers || row >= answers->rows.size() || column >= answers->rows[row].size())
    return nullptr;
  return answers->rows[row][column].c_str();
}

const char* sinew_answers_json(const sinew_answers* answers) {
  return answers ? answers->json.c_str() : "";
}

void sinew_answers_free(sinew_answers* answers) { delete answers; }

sinew_status sinew_session_explain(sinew_session* session, const char* relation,
                                   const char* const* values, size_t count, sinew_format format,
                                   char** out, sinew_error** error) {
  return guarded(error, [&] {
    if (!session || !relation || !out || (count > 0 && !values)) {
      return fail(error, SINEW_ERROR_ARGUMENT,
                  "sinew_session_explain needs a session, a fact and a place for the explanation");
    }
    *out = nullptr;
    sinew::Fact fact{relation, {}};
    const sinew::RelationInfo* info = session->session.knowledge_base().relation(relation);
    for (std::size_t c = 0; info && c < count && c < info->columns.size(); ++c) {
      if (!values[c])
        return fail(error, SINEW_ERROR_ARGUMENT,
                    "a fact to explain has no \"any\" values: give every one");
      auto value = read_value(*info, c, values[c]);
      if (!value) return fail(error, SINEW_ERROR_REFUSED, value.error().message);
      fact.values.push_back(std::move(value).value());
    }
    if (info && count > info->columns.size())
      fact.values.resize(count);  // explain() names the mismatch
    auto explanation = session->session.explain(fact);
    if (!explanation) return fail(error, SINEW_ERROR_REFUSED, explanation.error().message);
    return hand_out(format == SINEW_FORMAT_JSON ? explanation->json : explanation->text, out,
                    error);
  });
}

}  // extern "C"
