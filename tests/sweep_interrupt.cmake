# Sends SIGNAL (default INT) to a sweep of two points of 10^9 trials each once it has installed
# its handler (SIGUSR1 in SigCgt of /proc/PID/status) plus a second, and checks that it exits 130
# having written its JSON, CSV and state marked partial: point 0 stopped between trials (or not
# started), point 1 not simulated (not zero), and no temporary files; then that `drsim merge`
# refuses the state. With LAUNCHER (a ;-list such as mpirun;-np;2), the sweep is started by it,
# the signal goes to the launcher, and the handler is awaited in its two child ranks.
if(NOT SIGNAL)
  set(SIGNAL INT)
endif()
string(REPLACE ";" " " launcher "${LAUNCHER}")
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR})
set(script [=[
$4 "$1" sweep "$2" --set 'databases[*].deployment=single-az,multi-az' --trials 1000000000 \
  --json sweep.json --csv sweep.csv --state sweep.state > stdout.txt 2> stderr.txt &
pid=$!
handles_usr1() {
  for p in "$@"; do
    caught=$(awk '/^SigCgt:/ {print $2}' /proc/$p/status 2>/dev/null)
    [ -n "$caught" ] && [ $(( 0x$caught & 512 )) -ne 0 ] || return 1
  done
}
while kill -0 $pid 2>/dev/null; do
  if [ -z "$4" ]; then
    handles_usr1 $pid && break
  else
    ranks=$(ps -o pid= --ppid $pid)
    [ $(echo $ranks | wc -w) -ge 2 ] && handles_usr1 $ranks && break
  fi
  sleep 0.05
done
sleep 1
kill -$3 $pid
wait $pid
]=])
execute_process(COMMAND sh -c "${script}" sh ${DRSIM} ${SWEEP_SCENARIO} ${SIGNAL} "${launcher}"
                RESULT_VARIABLE status WORKING_DIRECTORY ${OUTDIR} TIMEOUT 120)
file(READ ${OUTDIR}/stderr.txt err)
file(READ ${OUTDIR}/stdout.txt out)
if(NOT status EQUAL 130)
  message(FATAL_ERROR "exit status ${status}, expected 130\n${err}")
endif()
if(NOT err MATCHES "interrupted: the sweep simulated 0 of 2 valid points")
  message(FATAL_ERROR "stderr does not say what was interrupted:\n${err}")
endif()
if(NOT out MATCHES "PARTIAL: interrupted" OR NOT out MATCHES "\n1 +base +[0-9,.]+ [- ]+not simulated")
  message(FATAL_ERROR "the table does not say the sweep is partial:\n${out}")
endif()
file(READ ${OUTDIR}/sweep.json json)
string(JSON partial GET "${json}" partial)
string(JSON simulated GET "${json}" points 1 simulated)
string(JSON compliant TYPE "${json}" points 1 compliant)
string(JSON tiers LENGTH "${json}" points 1 tiers)
if(NOT partial STREQUAL "ON" OR NOT simulated STREQUAL "OFF" OR NOT compliant STREQUAL "NULL"
   OR NOT tiers EQUAL 0)
  message(FATAL_ERROR "partial=${partial}, point 1: simulated=${simulated} "
                      "compliant=${compliant} tiers=${tiers}\n${json}")
endif()
# Point 0 ran until the signal: partial, with the trials it ran.
string(JSON point0_partial ERROR_VARIABLE no_partial GET "${json}" points 0 partial)
string(JSON point0_simulated ERROR_VARIABLE no_simulated GET "${json}" points 0 simulated)
if(NOT (point0_partial STREQUAL "ON" OR point0_simulated STREQUAL "OFF"))
  message(FATAL_ERROR "point 0 is neither partial nor not simulated:\n${json}")
endif()
file(STRINGS ${OUTDIR}/sweep.csv csv)
list(GET csv 2 row1)
if(NOT row1 MATCHES "^1,base,multi-az,[0-9.]+,,,0,+not simulated: the sweep was interrupted first$")
  message(FATAL_ERROR "the CSV row of point 1: ${row1}")
endif()
file(READ ${OUTDIR}/sweep.state state)
string(JSON state_partial GET "${state}" partial)
if(NOT state_partial STREQUAL "ON")
  message(FATAL_ERROR "the state is not marked partial")
endif()
file(GLOB leftovers ${OUTDIR}/.*.??????)
if(leftovers)
  message(FATAL_ERROR "temporary files left behind: ${leftovers}")
endif()
execute_process(COMMAND ${DRSIM} merge sweep.state --json merged.json RESULT_VARIABLE status
                ERROR_VARIABLE err WORKING_DIRECTORY ${OUTDIR})
if(NOT status EQUAL 2 OR NOT err MATCHES "sweep.state: is partial \\(the shard was interrupted\\)")
  message(FATAL_ERROR "merge of a partial sweep state: status ${status}\n${err}")
endif()
