# `mpirun -np 2` equals one process (docs/scaling.md). Runs, one process against MPIRUN with
# two ranks:
# - `run` of SCENARIO for TRIALS trials: the --json results equal apart from the engine fields
#   allowed to differ (wall_s, events_per_s, threads, ranks), the incident CSVs and state files
#   byte for byte, and the result says it merged two ranks;
# - `run --shard 1/2` on three ranks merged with shard 0/2 of one process: the one-process result;
# - `sweep` of SWEEP_SCENARIO: the --json and --csv outputs byte for byte, and shard 1/2 on two
#   ranks merged with shard 0/2: the same --json;
# - a scenario that does not load: exit status 2 and the error once, from rank 0.
# Files go to OUTDIR.
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR})
function(drsim)
  execute_process(COMMAND ${DRSIM} ${ARGN} RESULT_VARIABLE status ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORKDIR})
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "drsim ${ARGN}: exit status ${status}\n${err}")
  endif()
endfunction()
function(mpi_drsim ranks)
  execute_process(COMMAND ${MPIRUN} --oversubscribe -np ${ranks} ${DRSIM} ${ARGN}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORKDIR})
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "mpirun -np ${ranks} drsim ${ARGN}: exit status ${status}\n${out}\n${err}")
  endif()
endfunction()
function(read_result file out)
  file(READ ${file} json)
  foreach(key wall_s events_per_s threads ranks)
    string(JSON json REMOVE "${json}" engine ${key})
  endforeach()
  set(${out} "${json}" PARENT_SCOPE)
endfunction()
function(same_bytes a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "${a} and ${b} differ")
  endif()
endfunction()

set(run_args run ${SCENARIO} --trials ${TRIALS} --threads 1 --quiet)
drsim(${run_args} --json ${OUTDIR}/one.json --csv ${OUTDIR}/one.csv --state ${OUTDIR}/one.state)
mpi_drsim(2 ${run_args} --json ${OUTDIR}/two.json --csv ${OUTDIR}/two.csv
          --state ${OUTDIR}/two.state)
read_result(${OUTDIR}/one.json one)
read_result(${OUTDIR}/two.json two)
if(NOT one STREQUAL two)
  message(FATAL_ERROR "mpirun -np 2 differs from one process:\n${one}\n---\n${two}")
endif()
file(READ ${OUTDIR}/two.json two_raw)
string(JSON ranks GET "${two_raw}" engine ranks)
if(NOT ranks EQUAL 2)
  message(FATAL_ERROR "mpirun -np 2: engine.ranks is ${ranks}, expected 2")
endif()
same_bytes(${OUTDIR}/one.csv ${OUTDIR}/two.csv)
# The state files differ in the engine's wall time, threads and ranks only: merge each alone.
drsim(merge ${OUTDIR}/two.state --quiet --json ${OUTDIR}/two_state.json)
read_result(${OUTDIR}/two_state.json two_state)
if(NOT one STREQUAL two_state)
  message(FATAL_ERROR "the state file of mpirun -np 2 differs from one process")
endif()

drsim(${run_args} --shard 0/2 --state ${OUTDIR}/shard0.state)
mpi_drsim(3 ${run_args} --shard 1/2 --state ${OUTDIR}/shard1.state)
drsim(merge ${OUTDIR}/shard1.state ${OUTDIR}/shard0.state --quiet --json ${OUTDIR}/shards.json)
read_result(${OUTDIR}/shards.json shards)
if(NOT one STREQUAL shards)
  message(FATAL_ERROR "shard 1/2 on 3 ranks merged with shard 0/2 differs from one process")
endif()

set(sweep_args sweep ${SWEEP_SCENARIO} --set databases[*].deployment=single-az,aurora-global
               --set databases[*].backup.snapshot.every=24h,1h --trials 200 --threads 1 --quiet)
drsim(${sweep_args} --json ${OUTDIR}/sweep_one.json --csv ${OUTDIR}/sweep_one.csv)
mpi_drsim(2 ${sweep_args} --json ${OUTDIR}/sweep_two.json --csv ${OUTDIR}/sweep_two.csv)
same_bytes(${OUTDIR}/sweep_one.json ${OUTDIR}/sweep_two.json)
same_bytes(${OUTDIR}/sweep_one.csv ${OUTDIR}/sweep_two.csv)
# A sweep's shard split among ranks merges with the other shard as usual.
drsim(${sweep_args} --shard 0/2 --state ${OUTDIR}/sweep0.state)
mpi_drsim(2 ${sweep_args} --shard 1/2 --state ${OUTDIR}/sweep1.state)
drsim(merge ${OUTDIR}/sweep1.state ${OUTDIR}/sweep0.state --quiet --json ${OUTDIR}/sweep_merged.json)
same_bytes(${OUTDIR}/sweep_one.json ${OUTDIR}/sweep_merged.json)

execute_process(COMMAND ${MPIRUN} --oversubscribe -np 2 ${DRSIM} run ${BAD_SCENARIO}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                WORKING_DIRECTORY ${WORKDIR})
if(NOT status EQUAL 2)
  message(FATAL_ERROR "mpirun -np 2 drsim run ${BAD_SCENARIO}: exit status ${status}, expected 2")
endif()
string(REGEX MATCHALL "error: [^\n]*" errors "${out}${err}")
list(LENGTH errors count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected the error once, from rank 0; got ${count}:\n${out}\n${err}")
endif()
