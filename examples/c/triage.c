/* Triage one case with a compiled knowledge base, through the C API: its
 * disposition, and why.
 *
 *   triage kb.sinewb case.json */

#include <sinew/sinew.h>

#include <stdio.h>
#include <stdlib.h>

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static char* read_all(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  size_t used = 0, size = 0, n;
  char buffer[4096];
  if (!file) return NULL;
  while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (used + n + 1 > size) {
      char* bigger;
      size = 2 * (used + n + 1);
      bigger = realloc(text, size);
      if (!bigger) break;
      text = bigger;
    }
    for (size_t i = 0; i < n; ++i) text[used + i] = buffer[i];
    used += n;
  }
  fclose(file);
  if (text) text[used] = '\0';
  *length = used;
  return text;
}

static int report(sinew_error* error) {
  fprintf(stderr, "error: %s\n", sinew_error_message(error));
  sinew_error_free(error);
  return 1;
}

int main(int argc, char** argv) {
  sinew_kb* kb = NULL;
  sinew_session* session = NULL;
  sinew_error* error = NULL;
  sinew_answers* dispositions = NULL;
  char* answer = NULL;
  char* case_json;
  size_t length = 0, row;

  if (argc != 3) {
    fprintf(stderr, "usage: triage KB.sinewb CASE.json\n");
    return 2;
  }
  if (sinew_kb_load(argv[1], &kb, &error) != SINEW_OK) return report(error);
  if (sinew_session_new(kb, &session, &error) != SINEW_OK) return report(error);
  sinew_kb_free(kb); /* the session keeps what it needs */

  case_json = read_all(argv[2], &length);
  if (!case_json) {
    fprintf(stderr, "error: cannot read the case `%s`\n", argv[2]);
    return 1;
  }
  if (sinew_session_eval(session, case_json, length, &answer) != SINEW_OK) {
    fprintf(stderr, "error: the case was refused: %s\n", answer ? answer : "");
    return 1;
  }
  sinew_string_free(answer); /* the JSON `sinew eval` prints; we ask for the level below */
  free(case_json);

  if (sinew_session_query(session, "disposition", NULL, 0, &dispositions, &error) != SINEW_OK) {
    return report(error);
  }
  if (sinew_answers_row_count(dispositions) == 0) printf("disposition: none\n");
  for (row = 0; row < sinew_answers_row_count(dispositions); ++row) {
    const char* level = sinew_answers_value(dispositions, row, 0);
    char* why = NULL;
    printf("disposition: %s\n\n", level);
    if (sinew_session_explain(session, "disposition", &level, 1, SINEW_FORMAT_TEXT, &why,
                              &error) != SINEW_OK) {
      return report(error);
    }
    printf("%s", why);
    sinew_string_free(why);
  }
  sinew_answers_free(dispositions);
  sinew_session_free(session);
  return 0;
}
