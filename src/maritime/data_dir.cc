#include "maritime/data_dir.h"

#include <cstdlib>

#ifndef CORDON_MARITIME_DATA
#define CORDON_MARITIME_DATA "data/maritime"
#endif

namespace cordon::maritime {

std::string MaritimeDataPath(std::string_view file) {
  const char* env = std::getenv("CORDON_MARITIME_DATA");
  std::string path = env != nullptr && *env != '\0' ? env : CORDON_MARITIME_DATA;
  path += '/';
  path += file;
  return path;
}

}  // namespace cordon::maritime
