# The HTML report in a real browser (DESIGN.md §7, STYLE §8): headless Chromium renders the
# report of bundled scenarios to a screenshot and a PDF and dumps its DOM; the page must show its
# charts, reference nothing outside itself, make no network request and log no console error.
#
# Two uses of this one file:
# - include()d from tests/CMakeLists.txt, it registers one test per
#   scenario (label `report`);
# - run as a script (cmake -P) by those tests, it renders and checks:
#     RENDER       the program and its arguments (a ;-list) that writes one report; @SCENARIO@ and
#                  @HTML@ stand for the scenario and the HTML file. Empty: HTML_FILES exist already.
#     SCENARIOS    scenario files, relative to WORKDIR, one per HTML file (with RENDER)
#     HTML_FILES   the HTML files to check (absolute paths)
#     EXPECT_IDS   ids every page must hold (the charts' <svg> ids)
#     WORKDIR      where RENDER runs
#     CHROMIUM     optional: the browser; otherwise found with find_program
# Without Chromium the test says so and is skipped (exit status 77, SKIP_RETURN_CODE; CMake before
# 3.29 cannot choose its exit status, so there the message itself marks it skipped).

if(NOT CMAKE_SCRIPT_MODE_FILE)
  # scenario stem | the chart ids its report must hold
  set(html_report_cases
      "earthquake|rpo-cdf-tier-0,rto-cdf-tier-0,rpo-cdf-tier-1,rto-cdf-tier-1,availability-chart,gantt"
      "az_fire|rpo-cdf-tier-1,rto-cdf-tier-1,failover-hist-1,availability-chart,gantt"
      "bad_migration|rpo-cdf-tier-1,rto-cdf-tier-1,availability-chart,gantt"
      "region_outage_short|rpo-cdf-tier-1,rto-cdf-tier-1,availability-chart,gantt"
      "region_outage_long|rpo-cdf-tier-1,rto-cdf-tier-1,availability-chart,gantt")
  foreach(case ${html_report_cases})
    string(REPLACE "|" ";" parts "${case}")
    list(GET parts 0 stem)
    list(GET parts 1 ids)
    string(REPLACE "," ";" ids "${ids}")
    add_test(NAME Report.Html.${stem}
             COMMAND ${CMAKE_COMMAND}
                     "-DRENDER=$<TARGET_FILE:drsim>;run;@SCENARIO@;--trials;300;--html;@HTML@;--quiet"
                     -DSCENARIOS=scenarios/${stem}.json
                     -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/${stem}.html
                     "-DEXPECT_IDS=${ids}" -DWORKDIR=${PROJECT_SOURCE_DIR}
                     -P ${CMAKE_CURRENT_LIST_FILE})
    set_tests_properties(Report.Html.${stem} PROPERTIES
      LABELS report TIMEOUT 600 SKIP_RETURN_CODE 77
      SKIP_REGULAR_EXPRESSION "chromium not installed: HTML report checks skipped")
  endforeach()
  # The after-action report of a tabletop, and one trial's story alone.
  add_test(NAME Report.Html.tabletop_region_outage_long
           COMMAND ${CMAKE_COMMAND}
                   "-DRENDER=$<TARGET_FILE:drsim>;tabletop;@SCENARIO@;--trial;677;--choose;3=wait;--no-input;--preview;20;--html;@HTML@"
                   -DSCENARIOS=scenarios/region_outage_long.json
                   -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/tabletop_region_outage_long.html
                   "-DEXPECT_IDS=gantt" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_LIST_FILE})
  add_test(NAME Report.Html.timeline_earthquake
           COMMAND ${CMAKE_COMMAND}
                   "-DRENDER=$<TARGET_FILE:drsim>;timeline;@SCENARIO@;--worst;--trials;100;--html;@HTML@"
                   -DSCENARIOS=scenarios/earthquake.json
                   -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/timeline_earthquake.html
                   "-DEXPECT_IDS=gantt" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_LIST_FILE})
  # Names that are markup: shown as text, never run (the DOM check refuses any script or image).
  add_test(NAME Report.Html.hostile_names
           COMMAND ${CMAKE_COMMAND}
                   "-DRENDER=$<TARGET_FILE:drsim>;run;@SCENARIO@;--trials;50;--html;@HTML@;--quiet"
                   -DSCENARIOS=tests/data/cli/hostile_names.json
                   -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/hostile_names.html
                   "-DEXPECT_IDS=gantt;rto-cdf-tier-1" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_LIST_FILE})
  # The sweep's page: no point is the base (multi-az), so it has its reference row; and a sweep
  # of the hostile names, whose scenario and point names are markup.
  add_test(NAME Report.Html.sweep_tracker
           COMMAND ${CMAKE_COMMAND}
                   "-DRENDER=$<TARGET_FILE:drsim>;sweep;@SCENARIO@;--set;databases[*].deployment=single-az,aurora-global;--set;databases[*].backup.copy_logs=false,true;--trials;200;--html;@HTML@;--quiet"
                   -DSCENARIOS=scenarios/sweep_tracker.json
                   -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/sweep_tracker.html
                   "-DEXPECT_IDS=frontier-tier-1-rto;frontier-tier-1-rpo" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_LIST_FILE})
  add_test(NAME Report.Html.sweep_hostile_names
           COMMAND ${CMAKE_COMMAND}
                   "-DRENDER=$<TARGET_FILE:drsim>;sweep;@SCENARIO@;--set;databases[*].backup.copy_logs=false,true;--trials;50;--html;@HTML@;--quiet"
                   -DSCENARIOS=tests/data/cli/hostile_names.json
                   -DHTML_FILES=${CMAKE_CURRENT_BINARY_DIR}/html_report/sweep_hostile_names.html
                   "-DEXPECT_IDS=frontier-tier-1-rto" -DWORKDIR=${PROJECT_SOURCE_DIR}
                   -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(Report.Html.tabletop_region_outage_long Report.Html.timeline_earthquake
                       Report.Html.hostile_names Report.Html.sweep_tracker
                       Report.Html.sweep_hostile_names
    PROPERTIES LABELS report TIMEOUT 600 SKIP_RETURN_CODE 77
    SKIP_REGULAR_EXPRESSION "chromium not installed: HTML report checks skipped")
  return()
endif()

# ---- script mode ------------------------------------------------------------------------------

if(NOT CHROMIUM)
  find_program(CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
endif()
if(NOT CHROMIUM)
  message("chromium not installed: HTML report checks skipped; tools/setup.sh installs it")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
    cmake_language(EXIT 77)
  endif()
  return()
endif()

if(NOT HTML_FILES)
  message(FATAL_ERROR "HTML_FILES is empty: nothing to check")
endif()
if(RENDER)
  list(LENGTH SCENARIOS n_scenarios)
  list(LENGTH HTML_FILES n_files)
  if(NOT n_scenarios EQUAL n_files)
    message(FATAL_ERROR "${n_scenarios} SCENARIOS for ${n_files} HTML_FILES")
  endif()
endif()

set(failures "")
macro(fail text)
  string(APPEND failures "  ${html}: ${text}\n")
endmacro()

set(index 0)
foreach(html ${HTML_FILES})
  get_filename_component(dir "${html}" DIRECTORY)
  get_filename_component(stem "${html}" NAME_WE)
  file(MAKE_DIRECTORY "${dir}")

  if(RENDER)
    list(GET SCENARIOS ${index} scenario)
    set(command "")
    foreach(arg ${RENDER})
      string(REPLACE "@SCENARIO@" "${scenario}" arg "${arg}")
      string(REPLACE "@HTML@" "${html}" arg "${arg}")
      list(APPEND command "${arg}")
    endforeach()
    file(REMOVE "${html}")
    execute_process(COMMAND ${command} WORKING_DIRECTORY "${WORKDIR}" RESULT_VARIABLE status
                    OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
    if(NOT status EQUAL 0 OR NOT EXISTS "${html}")
      message(FATAL_ERROR "rendering ${scenario} failed (status ${status}):\n${out}${err}")
    endif()
  endif()
  math(EXPR index "${index} + 1")
  set(failures_before "${failures}")
  if(NOT EXISTS "${html}")
    fail("no such file")
    continue()
  endif()

  # A fresh profile per page; no network at all (every host name fails to resolve), and a net log
  # to see whether the page asked for anything anyway.
  set(profile "${dir}/${stem}.profile")
  file(REMOVE_RECURSE "${profile}")
  set(common --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
             --disable-background-networking --disable-component-update --disable-sync
             "--host-resolver-rules=MAP * ~NOTFOUND" --user-data-dir=${profile}
             --window-size=1100,1600)
  set(url "file://${html}")
  set(png "${dir}/${stem}.png")
  set(pdf "${dir}/${stem}.pdf")
  set(netlog "${dir}/${stem}.netlog.json")
  file(REMOVE "${png}" "${pdf}" "${netlog}")

  # 1. Screenshot, with the browser's log on stderr: console errors from the page show there.
  execute_process(COMMAND ${CHROMIUM} ${common} --enable-logging=stderr --v=0
                          --log-net-log=${netlog} --screenshot=${png} ${url}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE log TIMEOUT 120)
  if(NOT status EQUAL 0)
    fail("chromium --screenshot exited with ${status}:\n${log}")
  endif()
  if(NOT EXISTS "${png}")
    fail("no screenshot")
  else()
    file(SIZE "${png}" png_size)
    if(png_size LESS 20000)
      fail("the screenshot is only ${png_size} bytes: an empty page?")
    endif()
  endif()
  # Console messages of the page ("Uncaught ...", console.error); D-Bus and GPU noise is not.
  # Brackets would stop CMake from splitting the list, so they go first.
  string(REPLACE "[" "(" log "${log}")
  string(REPLACE "]" ")" log "${log}")
  string(REGEX MATCHALL "[^\n]*(:CONSOLE[:(]|Uncaught)[^\n]*" console "${log}")
  foreach(l ${console})
    fail("console message: ${l}")
  endforeach()
  # Requests the page made: their network isolation key is the file:// page's.
  if(EXISTS "${netlog}")
    file(READ "${netlog}" net)
    string(FIND "${net}" "\"network_isolation_key\":\"file://" at)
    if(NOT at EQUAL -1)
      string(SUBSTRING "${net}" ${at} 300 request)
      string(REGEX REPLACE "\n.*" "" request "${request}")
      fail("the page made a network request: ${request}")
    endif()
  else()
    fail("chromium wrote no net log")
  endif()

  # 2. The DOM as the browser built it.
  execute_process(COMMAND ${CHROMIUM} ${common} --dump-dom ${url}
                  RESULT_VARIABLE status OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
  if(NOT status EQUAL 0)
    fail("chromium --dump-dom exited with ${status}:\n${err}")
  endif()
  foreach(id ${EXPECT_IDS})
    string(FIND "${dom}" "<svg id=\"${id}\"" at)
    if(at EQUAL -1)
      fail("no <svg id=\"${id}\">")
    endif()
  endforeach()
  string(REPLACE "[" "(" dom "${dom}")
  string(REPLACE "]" ")" dom "${dom}")
  string(REGEX MATCH "https?://[^\"' <>)]*" url_found "${dom}")
  if(url_found)
    fail("a URL in the page: ${url_found}")
  endif()
  if(dom MATCHES "<script|<link|<img|<iframe|<object|<embed|@import")
    string(REGEX MATCH "<script|<link|<img|<iframe|<object|<embed|@import" what "${dom}")
    fail("the page holds ${what}")
  endif()
  string(REGEX MATCHALL "(src|href|xlink:href|srcset|action|poster)=\"[^\"]*\"" refs "${dom}")
  foreach(ref ${refs})
    if(NOT ref MATCHES "^[a-z:]+=\"#")
      fail("a reference outside the page: ${ref}")
    endif()
  endforeach()
  string(REGEX MATCHALL "url\\([^)]*\\)" urls "${dom}")
  foreach(u ${urls})
    if(NOT u MATCHES "^url\\(#")
      fail("a reference outside the page: ${u}")
    endif()
  endforeach()

  # 3. Printed: an A4 PDF of sensible size.
  execute_process(COMMAND ${CHROMIUM} ${common} --no-pdf-header-footer --print-to-pdf=${pdf} ${url}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT EXISTS "${pdf}")
    fail("no PDF (status ${status})")
  else()
    file(SIZE "${pdf}" pdf_size)
    if(pdf_size LESS 10000 OR pdf_size GREATER 20000000)
      fail("the PDF is ${pdf_size} bytes")
    endif()
  endif()
  file(REMOVE_RECURSE "${profile}")
  if(failures STREQUAL failures_before)
    message(STATUS "${html}: checked (screenshot ${png_size} bytes, PDF ${pdf_size} bytes)")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "HTML report checks failed:\n${failures}")
endif()
