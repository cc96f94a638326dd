# A program that only loads compiled files links no parser: libsinew.so (LIBRARY) must
# hold no PEGTL and no syntax-layer symbol. The `sinew` binary (CONTROL) must hold
# some, or this check could not see them.
find_program(NM nm REQUIRED)
find_program(GREP grep REQUIRED)

# The lines of `nm -C` that name parser code (grep: CMake's regexes are slow on the
# megabytes nm prints for the binary).
function(parser_symbols file out)
  execute_process(COMMAND ${NM} -C ${file}
                  COMMAND ${GREP} -E "tao::pegtl|sinew::syntax::|sinew::semantics::"
                  OUTPUT_VARIABLE found RESULTS_VARIABLE results)
  list(GET results 0 nm_failed)
  if(nm_failed)
    message(FATAL_ERROR "nm could not read ${file}")
  endif()
  string(STRIP "${found}" found)
  string(REPLACE "\n" ";" found "${found}")
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

parser_symbols(${CONTROL} control)
if(NOT control)
  message(FATAL_ERROR "the check sees no parser symbol even in ${CONTROL}: is it stripped?")
endif()
parser_symbols(${LIBRARY} found)
if(found)
  list(LENGTH found count)
  list(SUBLIST found 0 5 first)
  string(REPLACE ";" "\n  " first "${first}")
  message(FATAL_ERROR "${LIBRARY} holds ${count} parser symbols, such as:\n  ${first}")
endif()
message(STATUS "${LIBRARY}: no parser symbols")
