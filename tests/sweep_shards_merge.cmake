# Runs a sweep of SWEEP_SCENARIO in one process and as 3 shards (--shard K/3 --state) merged with
# drsim merge, and checks that the --json and --csv outputs are equal byte for byte. No point is
# the base scenario (multi-az), so every shard simulates its part of the base too. Files go to
# OUTDIR.
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR})
function(drsim)
  execute_process(COMMAND ${DRSIM} ${ARGN} RESULT_VARIABLE status ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORKDIR})
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "drsim ${ARGN}: exit status ${status}\n${err}")
  endif()
endfunction()
function(same_bytes a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "${a} and ${b} differ")
  endif()
endfunction()

set(sweep_args sweep ${SWEEP_SCENARIO} --set databases[*].deployment=single-az,aurora-global
               --set databases[*].backup.snapshot.every=24h,1h --trials 200 --quiet)
drsim(${sweep_args} --json ${OUTDIR}/one.json --csv ${OUTDIR}/one.csv)
foreach(k 0 1 2)
  drsim(${sweep_args} --shard ${k}/3 --state ${OUTDIR}/part-${k}.json)
endforeach()
drsim(merge ${OUTDIR}/part-2.json ${OUTDIR}/part-0.json ${OUTDIR}/part-1.json --quiet
      --json ${OUTDIR}/merged.json --csv ${OUTDIR}/merged.csv)
same_bytes(${OUTDIR}/one.json ${OUTDIR}/merged.json)
same_bytes(${OUTDIR}/one.csv ${OUTDIR}/merged.csv)
file(READ ${OUTDIR}/merged.json merged)
string(JSON base_point TYPE "${merged}" base point)
string(JSON base_trials GET "${merged}" base trials)
if(NOT base_point STREQUAL "NULL" OR NOT base_trials EQUAL 200)
  message(FATAL_ERROR "the merged sweep lacks its separate base: ${base_point}, ${base_trials}")
endif()
