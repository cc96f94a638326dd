/* Sinew's C API: load a compiled knowledge base (`.sinewb`), evaluate cases, look up
 * and explain conclusions. For C, and for other languages through their C bindings
 * (Python's ctypes: examples/python/triage.py).
 *
 * Every function returns a status; on failure it may fill `*error` (pass NULL to
 * ignore it), which the caller frees with sinew_error_free. Strings handed out are
 * the caller's, freed with sinew_string_free; strings a handle returns
 * (sinew_kb_relation_name, ...) live as long as the handle.
 *
 * Threads: a sinew_kb never changes once loaded; any number of threads may use one at
 * once. A sinew_session is one thread's: create one per thread from a shared kb. A
 * session keeps its kb alive, so the kb may be freed before its sessions. */
#ifndef SINEW_SINEW_H
#define SINEW_SINEW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_kb sinew_kb;
typedef struct sinew_session sinew_session;
typedef struct sinew_error sinew_error;
typedef struct sinew_answers sinew_answers;

typedef enum sinew_status {
  SINEW_OK = 0,
  SINEW_ERROR_ARGUMENT = 1, /* a required pointer was NULL */
  SINEW_ERROR_LOAD = 2,     /* the file is missing, unreadable, damaged or newer */
  SINEW_ERROR_REFUSED = 3,  /* the case, fact or pattern was refused; the message says why */
  SINEW_ERROR_LIMIT = 4,    /* a case stopped on its time or fact limit */
  SINEW_ERROR_INTERNAL = 5  /* out of memory, or a fault in Sinew */
} sinew_status;

typedef enum sinew_format {
  SINEW_FORMAT_TEXT = 0, /* indented, for a clinician */
  SINEW_FORMAT_JSON = 1
} sinew_format;

/* "0.1.0" */
const char* sinew_version(void);

/* ---- errors and strings ---- */
const char* sinew_error_message(const sinew_error* error);
sinew_status sinew_error_status(const sinew_error* error);
void sinew_error_free(sinew_error* error);
void sinew_string_free(char* text);

/* ---- knowledge bases ---- */

/* Loads and verifies a compiled file (`sinew compile KB -o kb.sinewb`). */
sinew_status sinew_kb_load(const char* path, sinew_kb** kb, sinew_error** error);
void sinew_kb_free(sinew_kb* kb);

/* The relations, in declaration order: names, columns and whether a case gives them
 * (input) or an answer lists them (output). Out-of-range indexes give NULL or 0. */
size_t sinew_kb_relation_count(const sinew_kb* kb);
const char* sinew_kb_relation_name(const sinew_kb* kb, size_t relation);
size_t sinew_kb_relation_arity(const sinew_kb* kb, size_t relation);
int sinew_kb_relation_is_input(const sinew_kb* kb, size_t relation);
int sinew_kb_relation_is_output(const sinew_kb* kb, size_t relation);
const char* sinew_kb_column_name(const sinew_kb* kb, size_t relation, size_t column);
/* The declared type: "number", "finding", "care_level", ... */
const char* sinew_kb_column_type(const sinew_kb* kb, size_t relation, size_t column);

/* ---- sessions ---- */

sinew_status sinew_session_new(const sinew_kb* kb, sinew_session** session, sinew_error** error);
void sinew_session_free(sinew_session* session);

/* Evaluates one case, a JSON object of `len` bytes such as {"has": ["muscle_spasm"]}.
 * `*out` receives the JSON answer `sinew eval` prints, or, when the case is refused,
 * {"error": "..."} and SINEW_ERROR_REFUSED (or SINEW_ERROR_LIMIT). */
sinew_status sinew_session_eval(sinew_session* session, const char* json, size_t len, char** out);

/* The facts of `relation` that match `pattern`: one text per column, NULL for "any"
 * (`count` 0: any in every column). Numbers are written as text ("4"). They are the
 * last case's facts; before the first case, those the knowledge base concludes alone. */
sinew_status sinew_session_query(sinew_session* session, const char* relation,
                                 const char* const* pattern, size_t count, sinew_answers** answers,
                                 sinew_error** error);

/* ---- answers: a table of texts, sorted; each string lives as long as the answers ---- */
size_t sinew_answers_row_count(const sinew_answers* answers);
size_t sinew_answers_column_count(const sinew_answers* answers);
const char* sinew_answers_column_name(const sinew_answers* answers, size_t column);
/* "seek_treatment_immediately", "4"; NULL out of range */
const char* sinew_answers_value(const sinew_answers* answers, size_t row, size_t column);
/* {"columns": ["level"], "rows": [["seek_treatment_immediately"]]} (numbers as numbers) */
const char* sinew_answers_json(const sinew_answers* answers);
void sinew_answers_free(sinew_answers* answers);

/* Why the fact `relation(values...)` holds in the last case, rule by rule with the
 * cited sentences, or why it does not. */
sinew_status sinew_session_explain(sinew_session* session, const char* relation,
                                   const char* const* values, size_t count, sinew_format format,
                                   char** out, sinew_error** error);

#ifdef __cplusplus
}
#endif

#endif /* SINEW_SINEW_H */
