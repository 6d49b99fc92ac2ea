# Helpers shared by every module's CMakeLists.txt.

# cordon_module(NAME SOURCES... DEPS ...): one static library per module, root-relative includes.
function(cordon_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(cordon_${name} STATIC ${ARG_SOURCES})
  target_include_directories(cordon_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(cordon_${name} PUBLIC ${ARG_DEPS} PRIVATE cordon_warnings)
endfunction()

# cordon_test(NAME SOURCES... DEPS ...): a GoogleTest binary registered with CTest.
function(cordon_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock
                                        cordon_warnings)
  target_compile_definitions(${name} PRIVATE
    CORDON_SHARED_DATA="${CORDON_SHARED_DATA}" CORDON_TEST_DATA="${CORDON_TEST_DATA}"
    CORDON_BUNDLED_DATA="${PROJECT_SOURCE_DIR}/data")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 600)
endfunction()

# cordon_fuzzer(NAME SOURCE DEPS ...): a libFuzzer target, built only with -DCORDON_FUZZ=ON.
function(cordon_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT CORDON_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} cordon_warnings)
endfunction()

# cordon_embed_files(OUT_VAR NAMESPACE ns FILES path:Symbol ...): each data file compiled into the
# library as `const char Symbol[]` and `Symbol##Size` in `ns` (src/text/embed_file.cmake), so the
# engine never depends on a data path at run time. OUT_VAR receives the generated sources.
function(cordon_embed_files out_var)
  cmake_parse_arguments(ARG "" "NAMESPACE" "FILES" ${ARGN})
  set(embed_script ${PROJECT_SOURCE_DIR}/src/text/embed_file.cmake)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/embedded)
  set(sources)
  foreach(entry IN LISTS ARG_FILES)
    string(REPLACE ":" ";" entry "${entry}")
    list(GET entry 0 input)
    list(GET entry 1 symbol)
    get_filename_component(name ${input} NAME)
    string(REPLACE "." "_" stem "${name}")
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded/${stem}.cc)
    file(RELATIVE_PATH shown ${PROJECT_SOURCE_DIR} ${input})
    add_custom_command(
      OUTPUT ${generated}
      COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${generated} -DSYMBOL=${symbol}
              -DNAMESPACE=${ARG_NAMESPACE} -P ${embed_script}
      DEPENDS ${input} ${embed_script}
      COMMENT "Embedding ${shown}"
      VERBATIM)
    list(APPEND sources ${generated})
  endforeach()
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()
