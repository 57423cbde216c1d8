# Output paths that are not plain files: a symbolic link stays a link (its target gets the
# result), and a FIFO is written into, not replaced (renaming over a device or FIFO would
# replace it; as root that could even replace /dev/null). Files go to OUTDIR.
file(REMOVE_RECURSE ${OUTDIR})
file(MAKE_DIRECTORY ${OUTDIR})
file(WRITE ${OUTDIR}/real.json "old")
file(CREATE_LINK real.json ${OUTDIR}/link.json SYMBOLIC)
execute_process(COMMAND ${DRSIM} run ${SCENARIO} --trials 20 --quiet --json ${OUTDIR}/link.json
                RESULT_VARIABLE status WORKING_DIRECTORY ${WORKDIR})
file(READ ${OUTDIR}/real.json real)
if(NOT status EQUAL 0 OR NOT IS_SYMLINK ${OUTDIR}/link.json OR NOT real MATCHES "\"failovers\"")
  message(FATAL_ERROR "--json through a symbolic link: status ${status}, target:\n${real}")
endif()
execute_process(COMMAND mkfifo ${OUTDIR}/fifo)
execute_process(COMMAND sh -c "cat fifo > from_fifo.json & ${DRSIM} run ${WORKDIR}/${SCENARIO} --trials 20 --quiet --json fifo; s=$?; wait; exit $s"
                RESULT_VARIABLE status WORKING_DIRECTORY ${OUTDIR} TIMEOUT 60)
file(READ ${OUTDIR}/from_fifo.json piped)
execute_process(COMMAND test -p ${OUTDIR}/fifo RESULT_VARIABLE still_fifo)
if(NOT status EQUAL 0 OR NOT still_fifo EQUAL 0 OR NOT piped MATCHES "\"failovers\"")
  message(FATAL_ERROR "--json into a FIFO: status ${status}, still a FIFO: ${still_fifo}, read:\n${piped}")
endif()
