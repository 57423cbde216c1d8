# Sends SIGNAL (default INT) to a long run once it is running (its CSV's temporary file exists,
# so the scenario is loaded and the handler installed) plus SECONDS, and checks that it exits 130
# having written a complete JSON result and state marked partial, with fewer trials than
# requested, an incident CSV whose last line says it is partial, and no temporary files. With LAUNCHER (a ;-list such as mpirun;-np;2), the run is
# started by it and the signal goes to the launcher. Files go to OUTDIR.
if(NOT SIGNAL)
  set(SIGNAL INT)
endif()
string(REPLACE ";" " " launcher "${LAUNCHER}")
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR})
set(script [=[
$4 "$1" run "$2" --trials 1000000000 --quiet --json partial.json --csv partial.csv \
  --state partial-state.json 2> stderr.txt &
pid=$!
while ! ls .partial.csv.* >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
sleep "$3"
kill -$5 $pid
wait $pid
]=])
execute_process(COMMAND sh -c "${script}" sh ${DRSIM} ${WORKDIR}/${SCENARIO} ${SECONDS}
                        "${launcher}" ${SIGNAL}
                RESULT_VARIABLE status WORKING_DIRECTORY ${OUTDIR} TIMEOUT 120)
file(READ ${OUTDIR}/stderr.txt err)
if(NOT status EQUAL 130)
  message(FATAL_ERROR "exit status ${status}, expected 130\n${err}")
endif()
if(NOT err MATCHES "interrupted: the results cover [0-9]+ of 1000000000 trials")
  message(FATAL_ERROR "stderr does not say what was interrupted:\n${err}")
endif()
file(READ ${OUTDIR}/partial.json json)
string(JSON partial GET "${json}" partial)
string(JSON trials GET "${json}" trials)
string(JSON requested GET "${json}" trials_requested)
if(NOT partial STREQUAL "ON" OR NOT requested EQUAL 1000000000 OR NOT trials LESS requested)
  message(FATAL_ERROR "partial=${partial} trials=${trials} trials_requested=${requested}")
endif()
file(READ ${OUTDIR}/partial-state.json state)
string(JSON state_partial GET "${state}" partial)
string(JSON state_trials GET "${state}" trials)
if(NOT state_partial STREQUAL "ON" OR NOT state_trials EQUAL trials)
  message(FATAL_ERROR "state: partial=${state_partial} trials=${state_trials}")
endif()
file(STRINGS ${OUTDIR}/partial.csv csv_lines)
list(GET csv_lines -1 csv_last)
if(NOT csv_last STREQUAL "# partial: interrupted after ${trials} of 1000000000 trials")
  message(FATAL_ERROR "the CSV's last line does not say it is partial: ${csv_last}")
endif()
file(GLOB leftovers ${OUTDIR}/.*.?????? ${OUTDIR}/*.tmp*)
if(leftovers)
  message(FATAL_ERROR "temporary files left behind: ${leftovers}")
endif()
