# The Python module (tools/python, docs/python.md): pytest files in tests/python against the
# module in build/python and the drsim program beside it, the example notebooks executed, and
# `cmake --install --component python` into a scratch prefix. Label `python`.
set(DRSIM_PYTHON_TEST_ENV
    "PYTHONPATH=${PROJECT_BINARY_DIR}/python"
    "DRSIM_EXE=$<TARGET_FILE:drsim>"
    "MPLBACKEND=Agg"
    # Python's own bytecode caches stay out of the source tree.
    "PYTHONDONTWRITEBYTECODE=1")

file(GLOB DRSIM_PYTHON_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/python/test_*.py)
foreach(test ${DRSIM_PYTHON_TESTS})
  get_filename_component(stem ${test} NAME_WE)
  add_test(NAME Python.${stem}
           COMMAND ${DRSIM_PYTHON_EXECUTABLE} -m pytest -q -p no:cacheprovider ${test}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(Python.${stem} PROPERTIES LABELS python
                       ENVIRONMENT "${DRSIM_PYTHON_TEST_ENV}")
endforeach()

# Every notebook runs top to bottom in a fresh kernel (tools/setup.sh --test installs nbconvert
# and the kernel); the executed copies go to the build tree.
find_program(DRSIM_NBCONVERT jupyter-nbconvert)
if(NOT DRSIM_NBCONVERT)
  set(DRSIM_NBCONVERT jupyter-nbconvert)  # the test then fails saying it is missing
endif()
file(GLOB DRSIM_NOTEBOOKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/notebooks/*.ipynb)
foreach(notebook ${DRSIM_NOTEBOOKS})
  get_filename_component(stem ${notebook} NAME_WE)
  add_test(NAME Python.Notebook.${stem}
           COMMAND ${DRSIM_NBCONVERT} --to notebook --execute
                   --ExecutePreprocessor.kernel_name=python3
                   --ExecutePreprocessor.timeout=300
                   --output-dir ${CMAKE_CURRENT_BINARY_DIR}/notebooks ${notebook}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/docs/notebooks)
  set_tests_properties(Python.Notebook.${stem} PROPERTIES LABELS python
                       ENVIRONMENT "${DRSIM_PYTHON_TEST_ENV}")
endforeach()

add_test(NAME Python.InstallComponent
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
                 -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/python_install
                 -DPYTHON=${DRSIM_PYTHON_EXECUTABLE}
                 -DSITE_DIR=${DRSIM_PYTHON_INSTALL_DIR}
                 -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/python_install.cmake)
set_tests_properties(Python.InstallComponent PROPERTIES LABELS python)
