# Included from src/match/CMakeLists.txt: screening input (query_reader) and indexes built from
# the store (from_store). A library of its own so that cordon_match does not depend on the store.
cordon_module(match_io
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/query_reader.cc ${CMAKE_CURRENT_LIST_DIR}/json.cc
  DEPS cordon_match cordon_store cordon_ingest_common nlohmann_json::nlohmann_json)
cordon_test(query_reader_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/query_reader_test.cc DEPS cordon_match_io)
