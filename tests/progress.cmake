# The progress line appears on a terminal (a pseudo-terminal made by script(1)), and never when
# stderr is a pipe, under --quiet or when CI is set. Each run is stopped by SIGINT, after 3 s on
# the terminal (the line appears half a second into the run; the margin is for loaded machines)
# and 1 s otherwise.
set(run timeout --preserve-status -s INT 1 ${DRSIM} run ${SCENARIO} --trials 1000000000)
list(JOIN run " " command)
string(REPLACE "INT 1 " "INT 3 " long_command "${command}")
execute_process(COMMAND env -u CI TERM=xterm script -qec "${long_command} >/dev/null" /dev/null
                OUTPUT_VARIABLE tty WORKING_DIRECTORY ${WORKDIR})
if(NOT tty MATCHES "[0-9,]+ / 1,000,000,000 trials \\(0\\.[0-9]%\\)  [0-9,]+ trials/s  ETA")
  message(FATAL_ERROR "no progress line on a terminal:\n${tty}")
endif()
execute_process(COMMAND env -u CI TERM=xterm script -qec "${command} --quiet" /dev/null
                OUTPUT_VARIABLE quiet WORKING_DIRECTORY ${WORKDIR})
execute_process(COMMAND env CI=true TERM=xterm script -qec "${command} >/dev/null" /dev/null
                OUTPUT_VARIABLE ci WORKING_DIRECTORY ${WORKDIR})
execute_process(COMMAND env -u CI TERM=xterm ${run} ERROR_VARIABLE piped OUTPUT_QUIET
                WORKING_DIRECTORY ${WORKDIR})
foreach(case quiet ci piped)
  if(${case} MATCHES "trials/s")
    message(FATAL_ERROR "progress shown (${case}):\n${${case}}")
  endif()
endforeach()
