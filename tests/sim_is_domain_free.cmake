# The engine knows nothing of databases: no file under sim/ includes anything from models/.
file(GLOB_RECURSE files ${SIM_DIR}/*.h ${SIM_DIR}/*.cc)
foreach(f ${files})
  file(STRINGS ${f} hits REGEX "#include \"models/")
  if(hits)
    message(FATAL_ERROR "${f} includes models/: ${hits}")
  endif()
endforeach()
