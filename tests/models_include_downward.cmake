# The include layering of models/ (README.md, "Layers"): every `#include "models/<folder>/..."`
# runs down, and sim/ includes nothing of models/. Reads every .h and .cc under ROOT/models and
# ROOT/sim; each include that goes up or sideways is reported as file:line and the edge, then the
# script fails.
# Usage: cmake -DROOT=<a tree holding models/ and sim/> -P models_include_downward.cmake

# The layers, bottom to top. A folder may include its own folder and the folders of lower
# entries; folders in one entry stand beside each other and include neither. sim/ is below all.
set(LAYERS
  "scenario"        # the scenario as plain data, and its loader
  "notifications"   # the typed notifications models exchange through the engine
  "observations"    # what models record during one trial
  "results"         # what trials fold into, their statistics, one trial's story
  "topology"        # the domain models, each below the ones that use it
  "backup"
  "response"
  "faults"
  "service"
  "database"
  "object_store"
  "plan"            # the scenario turned into the models' plans
  "simulation analytic"  # the Monte Carlo and the Markov chains, beside each other
  "report"          # writers: terminal, JSON, CSV, HTML, stories, state files
  "sweep")

if(NOT ROOT OR NOT IS_DIRECTORY "${ROOT}/models")
  message(FATAL_ERROR "usage: cmake -DROOT=<a tree holding models/> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()

set(rank 0)
foreach(entry IN LISTS LAYERS)
  string(REPLACE " " ";" folders "${entry}")
  foreach(folder IN LISTS folders)
    set(rank_of_${folder} ${rank})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

set(problems 0)
macro(forbid where what)
  message(NOTICE "${where}: ${what}")
  math(EXPR problems "${problems} + 1")
endmacro()

file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/models/*.h" "${ROOT}/models/*.cc"
     "${ROOT}/sim/*.h" "${ROOT}/sim/*.cc")
list(SORT files)
foreach(file IN LISTS files)
  if(file MATCHES "^models/([^/]+)/")
    set(from "${CMAKE_MATCH_1}")
    if(NOT DEFINED rank_of_${from})
      forbid("${file}" "models/${from} is in no layer: add it to LAYERS in ${CMAKE_CURRENT_LIST_FILE}")
      continue()
    endif()
  elseif(file MATCHES "^sim/")
    set(from "")
  else()
    continue()  # models/CMakeLists.txt and the like
  endif()
  # One list item per line: characters that CMake lists treat specially are neutralised first.
  file(READ "${ROOT}/${file}" text)
  string(REGEX REPLACE "[][;\\]" "_" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([a-z_]+)/([^/\"]+)/")
      continue()
    endif()
    set(top "${CMAKE_MATCH_1}")
    set(to "${CMAKE_MATCH_2}")
    if(from STREQUAL "")
      if(top STREQUAL "models")
        forbid("${file}:${n}" "sim/ includes models/${to}: the engine knows nothing of the models")
      endif()
      continue()
    endif()
    if(top STREQUAL "tools" OR top STREQUAL "tests")
      forbid("${file}:${n}" "models/${from} includes ${top}/, which sits above models/")
    elseif(NOT top STREQUAL "models" OR to STREQUAL from)
      continue()
    elseif(NOT DEFINED rank_of_${to})
      forbid("${file}:${n}" "models/${from} includes models/${to}, which is in no layer")
    elseif(rank_of_${to} EQUAL rank_of_${from})
      forbid("${file}:${n}" "models/${from} includes models/${to}, which stands beside it")
    elseif(rank_of_${to} GREATER rank_of_${from})
      forbid("${file}:${n}" "models/${from} includes models/${to}, a layer above it")
    endif()
  endforeach()
endforeach()

list(LENGTH files count)
if(problems GREATER 0)
  message(FATAL_ERROR "${problems} include(s) against the layering of ${ROOT} (README.md, Layers)")
endif()
message(STATUS "${count} files under models/ and sim/ include only downward")
