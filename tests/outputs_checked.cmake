# Every output is checked before anything runs: each case asks for 10^9 trials, so a check made
# after the simulation would time out. Each exits 2 with the option, the path and the reason, and
# leaves the folder as it was (no output, no temporary file, the scenario unchanged). Files go to
# OUTDIR.
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR} ${OUTDIR}/folder)
file(COPY ${SCENARIO} DESTINATION ${OUTDIR})
get_filename_component(s ${SCENARIO} NAME)
file(READ ${OUTDIR}/${s} scenario_before)

set(big --trials 1000000000 --quiet)
function(expect_refused error)
  execute_process(COMMAND ${DRSIM} ${ARGN} RESULT_VARIABLE status ERROR_VARIABLE err
                  OUTPUT_VARIABLE out WORKING_DIRECTORY ${OUTDIR} TIMEOUT 60)
  string(REGEX REPLACE "\n.*" "" first "${err}")
  if(NOT status EQUAL 2 OR NOT first STREQUAL "error: ${error}")
    message(FATAL_ERROR "drsim ${ARGN}\nexit status ${status}, expected 2\nfirst error line:\n  "
                        "${first}\nexpected:\n  error: ${error}\nstdout:\n${out}")
  endif()
endfunction()

expect_refused("--json missing/x.json: cannot create a file in missing: No such file or directory"
               run ${s} ${big} --json missing/x.json)
expect_refused("--csv folder: is a directory; give a file name" run ${s} ${big} --csv folder)
expect_refused("--state ${s}/x.json: cannot create a file in ${s}: Not a directory"
               run ${s} ${big} --state ${s}/x.json)
expect_refused("--state ./a.json: the same file as --json a.json"
               run ${s} ${big} --json a.json --state ./a.json)
expect_refused("--csv -: standard output is already taken by --json -"
               run ${s} ${big} --json - --csv -)
expect_refused("--json ${s}: would replace the input file ${s}" run ${s} ${big} --json ${s})
expect_refused("--csv missing/x.csv: cannot create a file in missing: No such file or directory"
               sweep ${SWEEP_SCENARIO} --set databases[*].deployment=multi-az,aurora ${big}
               --json sweep.json --csv missing/x.csv)
expect_refused("--json folder: is a directory; give a file name" analyze ${s} --json folder)
expect_refused("--state folder/../a.state: the same file as --json a.state"
               merge part.state --json a.state --state folder/../a.state)

file(GLOB left RELATIVE ${OUTDIR} ${OUTDIR}/* ${OUTDIR}/.*)
list(SORT left)
set(expected ${s} folder)
list(SORT expected)
if(NOT left STREQUAL expected)
  message(FATAL_ERROR "the checks left files behind: ${left}")
endif()
file(READ ${OUTDIR}/${s} scenario_after)
if(NOT scenario_after STREQUAL scenario_before)
  message(FATAL_ERROR "the scenario file changed")
endif()
