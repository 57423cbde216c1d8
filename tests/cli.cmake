# Tests of the drsim program itself: exit statuses, bad inputs through the command line,
# every bundled scenario validating, and the engine never including models.
set(RUN_EXPECTING ${CMAKE_CURRENT_SOURCE_DIR}/run_expecting.cmake)

file(GLOB DRSIM_INVALID_INPUTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/invalid/*.json)
foreach(input ${DRSIM_INVALID_INPUTS})
  get_filename_component(stem ${input} NAME_WE)
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${input})
  add_test(NAME Cli.InvalidInput.${stem}
           COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;validate;${rel}"
                   -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/invalid/${stem}.err
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
endforeach()

file(GLOB DRSIM_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
foreach(scenario ${DRSIM_SCENARIOS})
  get_filename_component(stem ${scenario} NAME_WE)
  add_test(NAME Cli.Validates.${stem}
           COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;validate;${scenario}"
                   -DEXPECT_STATUS=0 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
endforeach()

add_test(NAME Cli.MissingFileIsBadInput
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;run;no/such/file.json"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.UnknownFlagIsUsageError
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/default.json;--trails;5"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.NoCommandIsUsageError
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.CheckPassesWhenTiersMeetTargets
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/tracker_multi_az.json;--trials;200;--check;--quiet"
                 -DEXPECT_STATUS=0 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.CheckFailsWhenATierMisses
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;tests/data/cli/misses_rto.json;--check;--quiet"
                 -DEXPECT_STATUS=1 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TimelineReadsAloud
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;scenarios/default.json"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=Tue 13:37:00  use1-az1 goes dark"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.JsonToStdoutParses
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/tracker_multi_az.json;--trials;20;--json;-;--quiet"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"failovers\": \\["
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.RunJsonHasDatabaseAvailability
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/fleet_year.json;--trials;20;--json;-;--quiet"
                 -DEXPECT_STATUS=0
                 "-DEXPECT_JSON_KEYS=databases,0,availability|databases,0,availability_ci95,1|databases,3,analytic_availability"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.AnalyzePrintsATable
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;analyze;scenarios/fleet_year.json"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=reporting-db +single-az +99\\.9"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.AnalyzeJsonToStdoutParses
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;analyze;scenarios/reference_fleet.json;--json;-"
                 -DEXPECT_STATUS=0
                 "-DEXPECT_JSON_KEYS=databases,0,name|databases,0,availability|databases,0,downtime_s_per_year|databases,0,mttdl_s|databases,59,notes"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.AnalyzeBadInputIsExit2WithTheLoadersError
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;analyze;tests/data/invalid/multi_az_one_az.json"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/invalid/multi_az_one_az.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.AnalyzeMissingFileIsBadInput
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;analyze;no/such/file.json"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.AnalyzeWithoutScenarioIsUsageError
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;analyze"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Engine.SimNeverIncludesModels
         COMMAND ${CMAKE_COMMAND} -DSIM_DIR=${PROJECT_SOURCE_DIR}/sim
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/sim_is_domain_free.cmake)
