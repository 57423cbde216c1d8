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
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=Tue 13:37:00 UTC  fault: AZ outage of use1-az1"
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
# models/ includes run down one layering (README.md, "Layers"). The second test plants an upward,
# a sideways and an engine-to-model include in a small tree and expects each to be named, so
# the check cannot pass by seeing nothing.
add_test(NAME Layers.ModelsIncludeOnlyDownward
         COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/models_include_downward.cmake)
add_test(NAME Layers.PlantedUpwardAndSidewaysIncludesFail
         COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_CURRENT_SOURCE_DIR}/data/layers/bad
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/models_include_downward.cmake)
set_tests_properties(Layers.PlantedUpwardAndSidewaysIncludesFail PROPERTIES
  PASS_REGULAR_EXPRESSION "models/analytic/analysis.cc:6: models/analytic includes models/simulation, which stands beside it.*models/topology/topology.h:5: models/topology includes models/simulation, a layer above it.*sim/engine.h:4: sim/ includes models/topology.*3 include\\(s\\) against the layering")

set(SWEEP_SCENARIO scenarios/sweep_tracker.json)
add_test(NAME Cli.SweepJsonToStdoutParses
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;databases[*].deployment=single-az,multi-az;--set;databases[*].backup.snapshot.every=24h,1h;--trials;50;--json;-;--quiet"
                 -DEXPECT_STATUS=0 -DEXPECT_JSON_KEY=cheapest_compliant
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SweepPrintsTheCheapestCompliantPoint
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;databases[*].backup.copy_logs=false,true;--trials;400"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=Cheapest compliant: point 1 "
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SweepSetThatSelectsNothingIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;databases[trackr-db].deployment=multi-az,single-az"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/sweep_unknown_name.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SweepMalformedSetIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;databases[*].backup.copy_to=[us-west-2]"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/sweep_bad_value.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SweepWithoutSetIsUsageError
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO}"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SweepWithNoValidPointIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;sweep;${SWEEP_SCENARIO};--set;databases[*].deployment=multi-AZ"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/sweep_no_valid_point.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# Scaling: shards merge to the one-process run, Ctrl-C writes a partial result, merge checks its
# parts, progress only on a terminal.
add_test(NAME Cli.ShardsMergeToTheOneProcessRun
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                 -DTRIALS=3000 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/shards_merge
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/shards_merge.cmake)
# fleet_year: every database has a Markov-chain figure, which the state files carry to merge.
add_test(NAME Cli.ShardsMergeToTheOneProcessRunWithChainFigures
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/fleet_year.json
                 -DTRIALS=3000 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/shards_merge_chain
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/shards_merge.cmake)
add_test(NAME Cli.SweepShardsMergeToTheOneProcessSweep
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSWEEP_SCENARIO=${SWEEP_SCENARIO}
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/sweep_shards -DWORKDIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/sweep_shards_merge.cmake)
add_test(NAME Cli.MergeCsvIsForSweeps
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;merge;tests/data/cli/run_part.state;--csv;x.csv"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/merge_csv_run.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.CtrlCWritesAPartialResult
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                 -DSECONDS=0.5 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/interrupt
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/interrupt.cmake)
add_test(NAME Cli.SigUsr1WritesAPartialResult
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                 -DSECONDS=0.5 -DSIGNAL=USR1 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/interrupt_usr1
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/interrupt.cmake)
add_test(NAME Cli.MergeNeedsTheStateFiles
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;merge;scenarios/default.json"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/merge_scenario.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.ShardIndexCountsFromZero
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/default.json;--shard;3/3"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/shard_index.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.PrecisionStopsEarly
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/tracker_multi_az.json;--trials;1000000;--precision;0.05;--json;-;--quiet"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"reached\": true"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# A pseudo-terminal (script) shows the progress line; the same run into a pipe shows none.
add_test(NAME Cli.ProgressOnlyOnATerminal
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/progress.cmake)
add_test(NAME Cli.OutputsKeepLinksAndFifos
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/special_outputs -DWORKDIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/special_outputs.cmake)
add_test(NAME Cli.PrecisionMustBePositive
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;run;scenarios/default.json;--precision;0"
                 -DEXPECT_STATUS=2 -DEXPECT_FILE=${CMAKE_CURRENT_SOURCE_DIR}/data/cli/precision_zero.err
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# MPI (optional build): mpirun -np 2 equals one process. Open MPI refuses to run as root unless
# told it may (CI runs as root); --oversubscribe lets three ranks share two cores; containers
# often forbid the cross-process memory copies of its shared-memory transport for large messages.
if(DRSIM_MPI AND MPI_CXX_FOUND AND MPIEXEC_EXECUTABLE)
  add_test(NAME Mpi.TwoRanksEqualOneProcess
           COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DMPIRUN=${MPIEXEC_EXECUTABLE}
                   -DSCENARIO=scenarios/fleet_year.json -DTRIALS=400
                   -DSWEEP_SCENARIO=${SWEEP_SCENARIO}
                   -DBAD_SCENARIO=tests/data/invalid/apply_lag_not_cluster.json
                   -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/mpi -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/mpi.cmake)
  # mpirun forwards SIGUSR1 to every rank (a Ctrl-C would end the job outright).
  add_test(NAME Mpi.SigUsr1WritesAPartialResult
           COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DSCENARIO=scenarios/default.json
                   "-DLAUNCHER=${MPIEXEC_EXECUTABLE};--oversubscribe;-np;2" -DSIGNAL=USR1
                   -DSECONDS=0.5 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/mpi_interrupt
                   -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_SOURCE_DIR}/interrupt.cmake)
  set_tests_properties(Mpi.TwoRanksEqualOneProcess Mpi.SigUsr1WritesAPartialResult PROPERTIES
                       LABELS mpi
                       ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_btl_vader_single_copy_mechanism=none")
endif()
add_test(NAME Cli.TimelineWorstSaysWhichTrialAndWhy
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;scenarios/region_outage_long.json;--worst;--trials;200"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=trial [0-9]+ of 200 holds the worst incident of tier 1"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TimelineWorstOfAnUnknownServiceIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;scenarios/default.json;--worst;nosuch"
                 -DEXPECT_STATUS=2 "-DEXPECT_STDERR_REGEX=--worst: no service \"nosuch\""
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TimelineJsonHasRdsEvents
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;scenarios/default.json;--json;-"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"rds_event\": \"RDS-EVENT-0013\""
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TabletopOnATerminal
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim> -DWORKDIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/tabletop_tty.cmake)
set_tests_properties(Cli.TabletopOnATerminal PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
  SKIP_REGULAR_EXPRESSION "tmux not installed: the terminal tabletop check is skipped")
add_test(NAME Cli.TabletopChooseAnsweringNothingIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;tabletop;scenarios/region_outage_long.json;--trial;677;--choose;9=wait;--preview;2"
                 -DEXPECT_STATUS=2 "-DEXPECT_STDERR_REGEX=--choose 9=wait: the trial has 3 decisions"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TabletopChooseJson
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;tabletop;scenarios/region_outage_long.json;--trial;677;--choose;3=wait;--preview;2;--json;-"
                 -DEXPECT_STATUS=0 "-DEXPECT_STDOUT_REGEX=\"chosen\": \"wait\""
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.TimelineNeverWritesOverItsScenario
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;timeline;scenarios/default.json;--html;scenarios/default.json"
                 -DEXPECT_STATUS=2 "-DEXPECT_STDERR_REGEX=--html scenarios/default.json: would replace the input file"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})

# drsim schema: the JSON Schema of scenario files (docs/scenario-format.md, "Editors").
add_test(NAME Cli.SchemaPrintsTheJsonSchema
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;schema"
                 -DEXPECT_STATUS=0
                 "-DEXPECT_JSON_KEYS=$schema|properties,horizon,pattern|$defs,database,properties,deployment,enum|$defs,distribution,anyOf"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SchemaOutputWritesWhatItPrints
         COMMAND ${CMAKE_COMMAND} -DDRSIM=$<TARGET_FILE:drsim>
                 -DOUTDIR=${CMAKE_CURRENT_BINARY_DIR}/schema_output
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/schema_output.cmake)
add_test(NAME Cli.SchemaOutputInAMissingFolderIsBadInput
         COMMAND ${CMAKE_COMMAND}
                 "-DCOMMAND=$<TARGET_FILE:drsim>;schema;--output;no/such/folder/s.json"
                 -DEXPECT_STATUS=2 "-DEXPECT_STDERR_REGEX=--output no/such/folder/s.json: cannot create"
                 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
add_test(NAME Cli.SchemaTakesNoScenario
         COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:drsim>;schema;scenarios/default.json"
                 -DEXPECT_STATUS=2 -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${RUN_EXPECTING})
# The schema against the loader, with Debian's python3-jsonschema (tests/schema_check.py).
add_test(NAME Schema.AgreesWithTheLoader
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/schema_check.py
                 $<TARGET_FILE:drsim> ${PROJECT_SOURCE_DIR})
set_tests_properties(Schema.AgreesWithTheLoader PROPERTIES LABELS schema)
