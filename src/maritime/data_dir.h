// maritime/data_dir.h: where the maritime module's bundled data lives.
//
//   ASSIGN_OR_RETURN(std::string text, ReadFile(MaritimeDataPath("places.json")));
//
// The folder is data/maritime of the source tree, compiled in; CORDON_MARITIME_DATA in the
// environment overrides it (tests with other data, installed copies).
#pragma once

#include <string>
#include <string_view>

namespace cordon::maritime {

std::string MaritimeDataPath(std::string_view file);

}  // namespace cordon::maritime
