# Configures and builds examples/KIND against the staged install, as a separate
# project, then runs it on the sample case and looks for the EXPECTED line.
file(REMOVE_RECURSE ${WORK})
set(ENV{PKG_CONFIG_PATH} ${STAGE}/${LIBDIR}/pkgconfig)
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/${KIND} -B ${WORK} -G ${GENERATOR}
          -DCMAKE_PREFIX_PATH=${STAGE} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_C_COMPILER=${CC}
          -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
  OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "configuring examples/${KIND} failed:\n${log}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}
                OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "building examples/${KIND} failed:\n${log}")
endif()
execute_process(COMMAND ${WORK}/triage ${STAGE}/kb.sinewb ${SOURCE_DIR}/examples/cases/back_spasm.json
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE failed)
message("${out}${err}")
if(failed)
  message(FATAL_ERROR "examples/${KIND} failed on the sample case")
endif()
string(FIND "${out}" "${EXPECTED}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "examples/${KIND} did not print `${EXPECTED}`")
endif()
