# Runs COMMAND (a ;-list) and checks its exit status is EXPECT_STATUS and, when EXPECT_FILE is
# given, that the first line of stderr equals "error: " followed by that file's first line.
# EXPECT_STDOUT_REGEX: stdout matches it. With EXPECT_JSON_KEY, stdout must parse as JSON holding
# that top-level key. EXPECT_JSON_KEYS: stdout is JSON holding every listed member, paths
# separated by "|" and their parts by "," ("databases,0,name|databases,0,mttdl_s").
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_VARIABLE out
                WORKING_DIRECTORY ${WORKDIR})
if(NOT status EQUAL EXPECT_STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(EXPECT_FILE)
  file(STRINGS ${EXPECT_FILE} expected LIMIT_COUNT 1)
  string(REPLACE "\\;" ";" expected "${expected}")  # file(STRINGS) escapes semicolons
  string(REGEX REPLACE "\n.*" "" first_line "${err}")
  if(NOT first_line STREQUAL "error: ${expected}")
    message(FATAL_ERROR "first error line:\n  ${first_line}\nexpected:\n  error: ${expected}")
  endif()
endif()
if(EXPECT_STDOUT_REGEX AND NOT out MATCHES "${EXPECT_STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match ${EXPECT_STDOUT_REGEX}:\n${out}")
endif()
if(EXPECT_JSON_KEY)
  string(JSON value ERROR_VARIABLE json_error GET "${out}" ${EXPECT_JSON_KEY})
  if(json_error)
    message(FATAL_ERROR "stdout is not JSON with key ${EXPECT_JSON_KEY}: ${json_error}\n${out}")
  endif()
endif()
if(EXPECT_JSON_KEYS)
  string(REPLACE "|" ";" paths "${EXPECT_JSON_KEYS}")
  foreach(path ${paths})
    string(REPLACE "," ";" parts "${path}")
    string(JSON value ERROR_VARIABLE json_error GET "${out}" ${parts})
    if(json_error)
      message(FATAL_ERROR "stdout is not JSON with ${path}: ${json_error}\nstdout:\n${out}")
    endif()
  endforeach()
endif()
