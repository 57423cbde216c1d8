# `drsim tabletop` on a terminal (DESIGN.md §7): played under tmux, as a facilitator would, with
# the keyboard. Decision 1 is answered by number, decision 2 with Enter (the automatic rule's
# choice), decision 3 by id after a wrong answer; the end shows the branches side by side.
# Run as: cmake -DDRSIM=... -DWORKDIR=... -P tabletop_tty.cmake. Skipped (exit 77 where CMake can
# set it, and a message the test matches) without tmux.
find_program(TMUX tmux)
if(NOT TMUX)
  message("tmux not installed: the terminal tabletop check is skipped; tools/setup.sh --test installs it")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
    cmake_language(EXIT 77)
  endif()
  return()
endif()
string(RANDOM LENGTH 8 socket)
set(socket "drsim-tty-${socket}")
set(tmux ${TMUX} -L ${socket})

function(screen out)
  execute_process(COMMAND ${tmux} capture-pane -t tt -p -J -S -400 OUTPUT_VARIABLE text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Waits until the screen shows `regex` the `count`-th time (at most 60 s).
function(wait_for regex count)
  foreach(i RANGE 600)
    screen(text)
    string(REGEX MATCHALL "${regex}" found "${text}")
    list(LENGTH found n)
    if(n GREATER_EQUAL ${count})
      return()
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 0.1)
  endforeach()
  execute_process(COMMAND ${tmux} kill-server)
  message(FATAL_ERROR "timed out waiting for \"${regex}\" (${count}); the screen:\n${text}")
endfunction()

function(keys)
  execute_process(COMMAND ${tmux} send-keys -t tt ${ARGN})
endfunction()

execute_process(
  COMMAND ${tmux} new-session -d -s tt -x 200 -y 80 -c ${WORKDIR}
          "${DRSIM} tabletop scenarios/region_outage_long.json --trial 677 --preview 5; echo EXIT=$?; sleep 60"
  RESULT_VARIABLE started)
if(NOT started EQUAL 0)
  message(FATAL_ERROR "tmux could not start a session")
endif()
wait_for("Choose 1-2" 1)
keys(2 Enter)                      # decision 1: promote the tracker's replica, by number
wait_for("Choose 1-2" 2)
keys(Enter)                        # decision 2: the automatic rule's (wait)
wait_for("Choose 1-2" 3)
keys(restore-somewhere Enter)      # not an option: asked again
wait_for("No option \"restore-somewhere\"" 1)
keys(wait Enter)                   # decision 3: wait for us-east-1 instead of restoring
wait_for("EXIT=[0-9]+" 1)
screen(text)
execute_process(COMMAND ${tmux} kill-server)
foreach(expect
    "══ Decision 1 — Wed 10:37:35 UTC"
    "Down now, against the RTO targets"
    "\\[2\\] promote:us-west-2"
    "The automatic rule would take: promote:us-west-2"
    "3\\. Wed 13:33:44 UTC  wiki-db: wait \\(the automatic rule: restore-copy:us-west-2\\)"
    "wiki \\(tier 1\\) +RTO 10 h 47 min, RPO 0  MISSED RTO +RTO 6 h 2 min, RPO 7 h"
    "EXIT=0")
  if(NOT text MATCHES "${expect}")
    message(FATAL_ERROR "the screen lacks \"${expect}\":\n${text}")
  endif()
endforeach()
