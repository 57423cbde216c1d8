# No input breaks a run: each case exits 0, 1, 2 or 130 with one clear message, never 134 (an
# abort), 137 or a hang. Numbers are checked, not wrapped; arguments must be UTF-8; outputs are
# checked before any trial runs; resources that run out (threads, memory, a full standard output)
# exit 1; sweeps stop on Ctrl-C with a partial result.
set(DRSIM_ERR ${CMAKE_CURRENT_SOURCE_DIR}/data/cli)
set(SCENARIO_SMALL scenarios/tracker_multi_az.json)

# Runs `drsim ARGS...` in the source tree expecting STATUS and the first error line in ERR_FILE.
function(drsim_expect_error name status err_file)
  add_test(NAME Cli.${name}
           COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;${ARGN}"
                   -DEXPECT_STATUS=${status} -DEXPECT_FILE=${DRSIM_ERR}/${err_file}
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
endfunction()

drsim_expect_error(SeedBelowZeroIsBadInput 2 seed_negative.err
                   run ${SCENARIO_SMALL} --trials 5 --seed -1)
drsim_expect_error(SeedWithAnExponentIsBadInput 2 seed_exponent.err
                   run ${SCENARIO_SMALL} --trials 5 --seed 1e23)
drsim_expect_error(SeedOf2To64IsBadInput 2 seed_2_64.err
                   run ${SCENARIO_SMALL} --trials 5 --seed 18446744073709551616)
drsim_expect_error(SweepSeedBelowZeroIsBadInput 2 seed_negative.err
                   sweep ${SWEEP_SCENARIO} --set databases[*].deployment=multi-az --seed -1)
drsim_expect_error(TimelineTrialBelowZeroIsBadInput 2 trial_negative.err
                   timeline ${SCENARIO_SMALL} --trial -1)
drsim_expect_error(ZeroTrialsIsBadInput 2 trials_zero.err run ${SCENARIO_SMALL} --trials 0)
drsim_expect_error(NegativeTrialsIsBadInput 2 trials_negative.err
                   run ${SCENARIO_SMALL} --trials -5)
drsim_expect_error(NegativeThreadsIsBadInput 2 threads_negative.err
                   run ${SCENARIO_SMALL} --trials 5 --threads -1)
drsim_expect_error(MisspeltCommandGetsDidYouMean 2 misspelt_command.err rnu x.json)
add_test(NAME Cli.LargestSeedIsASeed
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;${SCENARIO_SMALL};--trials;5;--seed;18446744073709551615;--json;-;--quiet"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"seed\": 18446744073709551615,"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SeedIsDecimalNotOctal
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;${SCENARIO_SMALL};--trials;5;--seed;010;--json;-;--quiet"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"seed\": 10,"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.UnknownOptionKeepsCli11sMessage
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;name=a;--thread;2"
                 -DEXPECT_STATUS=2 "-DEXPECT_STDERR_REGEX=The following arguments were not expected"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# Invalid UTF-8 in --set made nlohmann::json throw while dumping the point, and drsim abort.
add_test(NAME Cli.SetWithInvalidUtf8IsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=sh;-c;exec \"$0\" sweep ${SWEEP_SCENARIO} --set \"$(printf 'name=\\377')\" --trials 5 --json -;$<TARGET_FILE:drsim>"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${DRSIM_ERR}/set_invalid_utf8.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# A description with escape sequences reaches the terminal escaped.
add_test(NAME Cli.TimelineEscapesScenarioText
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;tests/data/cli/escapes.json"
                 -DEXPECT_STATUS=0 -DEXPECT_NO_RAW_ESCAPES=ON
                 "-DEXPECT_STDOUT_REGEX=escapes café — trial 0, seed 1\nthe screen clears here: .x1b.2J.x1b.H, and rings: .x07\n"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})

# Outputs are checked before the scenario loads (so before any trial), with the option, the path
# and the reason.
add_test(NAME Cli.OutputsAreCheckedBeforeAnyTrial
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim>
                 -DSCENARIO=${PROJECT_SOURCE_DIR}/${SCENARIO_SMALL}
                 -DSWEEP_SCENARIO=${PROJECT_SOURCE_DIR}/${SWEEP_SCENARIO}
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/outputs_checked
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/outputs_checked.cmake)

# Resources. ulimit -v is meaningless under AddressSanitizer, which reserves terabytes.
if(NOT CMAKE_BUILD_TYPE STREQUAL "Asan")
  # 400 MB of address space holds some 50 thread stacks of 8 MB, not 1024: std::thread fails.
  add_test(NAME Cli.ThreadsThatCannotStartExit1
           COMMAND ${CMAKE_COMMAND}
                   "-DCOMMAND=sh;-c;ulimit -v 400000 && exec \"$0\" run ${SCENARIO_SMALL} --trials 2000 --threads 1024 --quiet;$<TARGET_FILE:drsim>"
                   -DEXPECT_STATUS=1
                   "-DEXPECT_STDERR_REGEX=^error: cannot start worker thread [0-9]+ of 1024: .* \\(try fewer --threads\\)\n$"
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
  # A 32 MB string in a state file needs some 100 MB to parse; 50 MB of address space is enough
  # to start drsim but not for that: std::bad_alloc.
  add_test(NAME Cli.OutOfMemoryExit1
           COMMAND ${CMAKE_COMMAND}
                   "-DCOMMAND=sh;-c;(printf '{\"format\": \"drsim-state\", \"x\": \"' && head -c 32000000 /dev/zero | tr '\\0' a && printf '\"}') > big.state && ulimit -v 50000 && exec \"$0\" merge big.state;$<TARGET_FILE:drsim>"
                   -DEXPECT_STATUS=1 -DEXPECT_FILE=${DRSIM_ERR}/out_of_memory.err
                   -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR} -P ${RUN_EXPECTING})
endif()
if(EXISTS /dev/full)
  add_test(NAME Cli.JsonToAFullStdoutExit1
           COMMAND ${CMAKE_COMMAND}
                   "-DCOMMAND=sh;-c;exec \"$0\" run ${SCENARIO_SMALL} --trials 5 --json - --quiet > /dev/full;$<TARGET_FILE:drsim>"
                   -DEXPECT_STATUS=1
                   "-DEXPECT_STDERR_REGEX=^error: standard output: cannot write: No space left on device\n$"
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
  add_test(NAME Cli.ReportToAFullStdoutExit1
           COMMAND ${CMAKE_COMMAND}
                   "-DCOMMAND=sh;-c;exec \"$0\" analyze ${SCENARIO_SMALL} > /dev/full;$<TARGET_FILE:drsim>"
                   -DEXPECT_STATUS=1 "-DEXPECT_STDERR_REGEX=^error: standard output: cannot write"
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
endif()

# Ctrl-C (and SIGUSR1) stop a sweep as they stop a run: what is done is written, marked partial.
add_test(NAME Cli.SweepCtrlCWritesAPartialSweep
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim>
                 -DSWEEP_SCENARIO=${PROJECT_SOURCE_DIR}/${SWEEP_SCENARIO}
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/sweep_interrupt
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/sweep_interrupt.cmake)
add_test(NAME Cli.SweepSigUsr1WritesAPartialSweep
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSIGNAL=USR1
                 -DSWEEP_SCENARIO=${PROJECT_SOURCE_DIR}/${SWEEP_SCENARIO}
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/sweep_interrupt_usr1
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/sweep_interrupt.cmake)
if(DRSIM_MPI AND MPI_CXX_FOUND AND MPIEXEC_EXECUTABLE)
  # The ranks agree after each point whether to go on: a signal never leaves one waiting.
  add_test(NAME Mpi.SweepSigUsr1WritesAPartialSweep
           COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSIGNAL=USR1
                   "-DLAUNCHER=${MPIEXEC_EXECUTABLE};--oversubscribe;-np;2"
                   -DSWEEP_SCENARIO=${PROJECT_SOURCE_DIR}/${SWEEP_SCENARIO}
                   -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/mpi_sweep_interrupt
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/sweep_interrupt.cmake)
  set_tests_properties(Mpi.SweepSigUsr1WritesAPartialSweep PROPERTIES LABELS mpi
                       ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_btl_vader_single_copy_mechanism=none")
endif()
