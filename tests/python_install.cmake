# `cmake --install BUILD_DIR --component python` into the scratch PREFIX, then the installed
# package (and nothing from the build tree) imported and run from another directory.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --component python
                        --prefix ${PREFIX}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "install failed (${status}):\n${out}${err}")
endif()
set(site ${PREFIX}/${SITE_DIR})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONDONTWRITEBYTECODE=1
          ${PYTHON} -c
          "import drsim, os, sys; assert os.path.dirname(drsim.__file__) == sys.argv[1], drsim.__file__; r = drsim.run(sys.argv[2], trials=5); print(r.trials, len(r.tiers) > 0)"
          ${site}/drsim ${SOURCE_DIR}/scenarios/default.json
  WORKING_DIRECTORY ${PREFIX}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT out STREQUAL "5 True\n")
  message(FATAL_ERROR "the installed package does not work (${status}): ${out}${err}")
endif()
