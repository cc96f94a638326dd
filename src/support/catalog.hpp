#pragma once
// The catalog of diagnostics: every error and warning Sinew reports, with its stable code.
//
// Codes never change meaning once released: tests and authors' notes refer to them.
// E01xx reading the text, E02xx names, E03xx rule order (stratification), E04xx kinds
// and types, E05xx variables (safety), E06xx citations, E07xx files and facts,
// E08xx evaluation, E09xx tests and queries. Warnings use the same numbering with W.

#include <span>
#include <string_view>

namespace sinew {

enum class Severity { error, warning, note };

struct Code {
  std::string_view id;  // "E0301"
  Severity severity;
  std::string_view summary;  // one line, for `sinew explain-code` and the docs
};

namespace codes {

// E01xx: reading the text (syntax).
inline constexpr Code not_utf8{"E0101", Severity::error, "the file is not UTF-8 text"};
inline constexpr Code empty_file{"E0102", Severity::error, "the file has no statements"};
inline constexpr Code unterminated_string{"E0103", Severity::error, "a string is not closed"};
inline constexpr Code unterminated_comment{"E0104", Severity::error, "a comment is not closed"};
inline constexpr Code nesting_too_deep{"E0105", Severity::error, "brackets nested too deeply"};
inline constexpr Code expected_statement{"E0106", Severity::error, "a statement was expected"};
inline constexpr Code expected_period{"E0107", Severity::error,
                                      "a statement does not end with `.`"};
inline constexpr Code expected_name{"E0108", Severity::error, "a name was expected"};
inline constexpr Code expected_term{"E0109", Severity::error, "a value or variable was expected"};
inline constexpr Code expected_closing{"E0110", Severity::error, "a bracket is not closed"};
inline constexpr Code expected_string{"E0111", Severity::error, "a quoted text was expected"};
inline constexpr Code expected_type{"E0112", Severity::error, "a type was expected"};
inline constexpr Code expected_literal{"E0113", Severity::error, "a condition was expected"};
inline constexpr Code invalid_number{"E0114", Severity::error, "a number is out of range"};
inline constexpr Code invalid_escape{"E0115", Severity::error, "unknown escape in a string"};
inline constexpr Code unexpected_text{"E0116", Severity::error, "unexpected text"};
inline constexpr Code misplaced_annotation{"E0117", Severity::error,
                                           "an annotation has nothing to attach to"};
inline constexpr Code expected_keyword{"E0118", Severity::error, "a keyword was expected"};
inline constexpr Code file_too_large{"E0119", Severity::error, "the file is too large"};
inline constexpr Code expected_symbol{"E0120", Severity::error,
                                      "a sign such as `(`, `{`, `:` or `=` was expected"};

// E02xx: names.
inline constexpr Code unknown_relation{"E0201", Severity::error, "unknown relation"};
inline constexpr Code unknown_entity{"E0202", Severity::error, "unknown entity"};
inline constexpr Code unknown_type{"E0203", Severity::error, "unknown type or kind"};
inline constexpr Code duplicate_relation{"E0204", Severity::error, "relation declared twice"};
inline constexpr Code duplicate_entity{"E0205", Severity::error, "entity declared twice"};
inline constexpr Code unknown_source{"E0206", Severity::error, "unknown source"};
inline constexpr Code duplicate_type{"E0207", Severity::error, "type or kind declared twice"};
inline constexpr Code import_not_found{"E0208", Severity::error, "imported file not found"};
inline constexpr Code unknown_function{"E0209", Severity::error, "unknown function"};
inline constexpr Code duplicate_rule_name{"E0210", Severity::error, "two rules have one name"};
inline constexpr Code conflicting_module{"E0211", Severity::error,
                                         "files declare different modules"};
inline constexpr Code duplicate_source{"E0212", Severity::error, "source declared twice"};
inline constexpr Code reserved_name{"E0213", Severity::error, "a reserved name is used"};
inline constexpr Code duplicate_test{"E0214", Severity::error, "two tests have one name"};
inline constexpr Code duplicate_query{"E0215", Severity::error, "two queries have one name"};

// E03xx: the order in which rules can be evaluated.
inline constexpr Code cannot_stratify{"E0301", Severity::error,
                                      "negation or aggregate inside a recursive cycle"};

// E04xx: kinds and types.
inline constexpr Code arity_mismatch{"E0401", Severity::error,
                                     "wrong number of values for a relation"};
inline constexpr Code kind_mismatch{"E0402", Severity::error, "entity of the wrong kind"};
inline constexpr Code type_mismatch{"E0403", Severity::error, "value of the wrong type"};
inline constexpr Code edge_not_binary{"E0404", Severity::error,
                                      "an edge needs a relation of two columns"};
inline constexpr Code kind_cycle{"E0405", Severity::error, "kinds form an is-a cycle"};
inline constexpr Code entity_cycle{"E0406", Severity::error, "entities form an is-a cycle"};
inline constexpr Code not_a_kind{"E0407", Severity::error, "the name is not a kind"};
inline constexpr Code not_ordered{"E0408", Severity::error, "values that have no order"};
inline constexpr Code not_numeric{"E0409", Severity::error,
                                  "arithmetic on values that are not numbers"};
inline constexpr Code conflicting_types{"E0410", Severity::error,
                                        "a variable is used with two types"};
inline constexpr Code scale_mismatch{"E0411", Severity::error, "levels of two scales compared"};
inline constexpr Code bad_directive{"E0412", Severity::error, "a directive is not understood"};
inline constexpr Code unsupported{"E0413", Severity::error, "a construct Sinew does not support"};
inline constexpr Code duplicate_level{"E0414", Severity::error, "a scale names a level twice"};
inline constexpr Code too_many_alternatives{"E0415", Severity::error,
                                            "a rule has too many `;` alternatives"};
inline constexpr Code parameter_outside_query{"E0416", Severity::error,
                                              "a `$parameter` outside a query"};
inline constexpr Code unknown_parameter{"E0417", Severity::error, "a query parameter has no value"};
inline constexpr Code column_range{"E0418", Severity::error,
                                   "a column's range cannot be, or a value lies outside it"};

// E05xx: variables (safety).
inline constexpr Code unbound_head_variable{"E0501", Severity::error,
                                            "a variable of the conclusion is never bound"};
inline constexpr Code unbound_negated_variable{"E0502", Severity::error,
                                               "a variable under `!` is never bound"};
inline constexpr Code unbound_comparison_variable{"E0503", Severity::error,
                                                  "a variable in a comparison is never bound"};
inline constexpr Code wildcard_in_head{"E0504", Severity::error, "`_` in a conclusion"};
inline constexpr Code variable_in_fact{"E0505", Severity::error, "a variable in a fact"};
inline constexpr Code unbound_aggregate_variable{"E0506", Severity::error,
                                                 "an aggregate's variable is never bound"};
inline constexpr Code aggregate_waits_for_itself{
    "E0507", Severity::error, "an aggregate's grouping values need its own result"};

// E06xx: citations.
inline constexpr Code quote_not_found{"E0601", Severity::error,
                                      "a quote does not occur in its source"};
inline constexpr Code source_file_missing{"E0602", Severity::error,
                                          "a source's text file cannot be read"};

// E07xx: files and facts.
inline constexpr Code file_not_found{"E0701", Severity::error, "a file cannot be read"};
inline constexpr Code no_source_files{"E0702", Severity::error, "a folder holds no `.sinew` files"};
inline constexpr Code malformed_facts{"E0703", Severity::error, "a facts file line is malformed"};
inline constexpr Code missing_facts_file{"E0704", Severity::error,
                                         "an input relation has no facts file"};
inline constexpr Code compiled_file_unusable{"E0705", Severity::error,
                                             "a compiled file is damaged or of another version"};
inline constexpr Code cannot_write{"E0706", Severity::error, "a file cannot be written"};

// E08xx: evaluation.
inline constexpr Code integer_overflow{"E0801", Severity::error, "a number grew out of range"};
inline constexpr Code division_by_zero{"E0802", Severity::error, "division by zero"};
inline constexpr Code time_limit{"E0803", Severity::error, "the time limit was reached"};
inline constexpr Code fact_limit{"E0804", Severity::error, "the limit on facts was reached"};
inline constexpr Code not_a_number{"E0805", Severity::error,
                                   "a text converted to a number is not one"};

// E09xx: tests and queries.
inline constexpr Code query_not_found{"E0901", Severity::error, "no query has that name"};
inline constexpr Code not_ground{"E0902", Severity::error,
                                 "a fact with variables where a plain fact is needed"};
inline constexpr Code unknown_answer_column{"E0903", Severity::error,
                                            "a chosen or sorted column is not in the question"};
inline constexpr Code bad_path_question{"E0904", Severity::error,
                                        "a path question that cannot be answered as written"};

// Warnings.
inline constexpr Code unused_relation{"W0201", Severity::warning, "a relation is never used"};
inline constexpr Code empty_relation{"W0202", Severity::warning,
                                     "a relation is used but nothing adds to it"};
inline constexpr Code unused_type{"W0203", Severity::warning, "a type or kind is never used"};
inline constexpr Code unknown_qualifier{"W0204", Severity::warning,
                                        "a relation qualifier is ignored"};
inline constexpr Code singleton_variable{"W0501", Severity::warning,
                                         "a variable appears only once"};
inline constexpr Code quote_unchecked{"W0601", Severity::warning, "a quote could not be checked"};
inline constexpr Code missing_citation{"W0602", Severity::warning, "a rule cites no source"};

// E10xx and W10xx: the analysis over every case (`sinew check --deep`).
inline constexpr Code exclusive_together{"E1001", Severity::error,
                                         "two conclusions declared exclusive hold together"};
inline constexpr Code exclusive_alone{"E1002", Severity::error,
                                      "an `exclusive` statement names fewer than two facts"};
inline constexpr Code rule_never_fires{"W1001", Severity::warning, "a rule can never fire"};
inline constexpr Code conclusion_never_reached{"W1002", Severity::warning,
                                               "a conclusion no case can reach"};
inline constexpr Code rule_never_decides{"W1003", Severity::warning,
                                         "a rule never changes what a case concludes"};
inline constexpr Code unused_entity{"W1004", Severity::warning, "an entity nothing uses"};
inline constexpr Code unused_level{"W1005", Severity::warning, "a level of a scale nothing uses"};
inline constexpr Code analysis_not_exact{"W1006", Severity::warning,
                                         "the analysis over every case could not be exact"};

// Notes attached to other diagnostics.
inline constexpr Code note{"N0001", Severity::note, "note"};

}  // namespace codes

// Every code above, for documentation and a uniqueness test.
std::span<const Code* const> all_codes();

}  // namespace sinew
