# Runs COMMAND (a `;`-list) and requires both a zero exit status and the EXPECTED text
# in its standard output: a consumer that prints the answer and then fails is a failure.
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
message("${out}${err}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the consumer exited with status ${status}")
endif()
string(FIND "${out}" "${EXPECTED}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the consumer did not print `${EXPECTED}`")
endif()
