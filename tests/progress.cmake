# The progress line appears on a terminal (a pseudo-terminal made by script(1)), and never when
# stderr is a pipe, under --quiet or when CI is set. Each run is stopped by SIGINT after 1.5 s,
# well after the line would first appear (0.5 s).
set(run timeout --preserve-status -s INT 1.5 ${DRSIM} run ${SCENARIO} --trials 1000000000)
list(JOIN run " " command)
execute_process(COMMAND env -u CI TERM=xterm script -qec "${command} >/dev/null" /dev/null
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
