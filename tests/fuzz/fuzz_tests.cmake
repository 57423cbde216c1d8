# The libFuzzer targets as part of the suite (docs/testing.md): tools/fuzz.sh builds them with
# clang in build/fuzz, replays every regression input, then fuzzes each target briefly. Without
# clang the tests are reported skipped, with the reason in their output.
option(DRSIM_FUZZ_TESTS "Build and briefly run the libFuzzer targets as tests (needs clang)" ON)
set(DRSIM_FUZZ_SECONDS 30 CACHE STRING "How long each libFuzzer target runs in the suite")
if(DRSIM_FUZZ_TESTS)
  set(fuzz_script ${PROJECT_SOURCE_DIR}/tools/fuzz.sh)
  add_test(NAME Fuzz.Build COMMAND ${fuzz_script} build WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  # COST: started first, so that its clang build overlaps the rest of the suite.
  set_tests_properties(Fuzz.Build PROPERTIES FIXTURES_SETUP fuzz_build TIMEOUT 1500 COST 100000)
  add_test(NAME Fuzz.Regressions COMMAND ${fuzz_script} regressions
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME Fuzz.LoaderShortRun COMMAND ${fuzz_script} run loader ${DRSIM_FUZZ_SECONDS}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME Fuzz.TrialShortRun COMMAND ${fuzz_script} run trial ${DRSIM_FUZZ_SECONDS}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set(runs Fuzz.Regressions Fuzz.LoaderShortRun Fuzz.TrialShortRun)
  set_tests_properties(Fuzz.Build ${runs} PROPERTIES LABELS fuzz SKIP_RETURN_CODE 77)
  set_tests_properties(${runs} PROPERTIES FIXTURES_REQUIRED fuzz_build TIMEOUT 300 COST 50000)
endif()
