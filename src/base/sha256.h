// base/sha256.h: content digests for list versions and entity records.
//
//   std::string hex = Sha256Hex(bytes);  // 64 lowercase hex digits
#pragma once

#include <string>
#include <string_view>

namespace cordon {

std::string Sha256Hex(std::string_view bytes);

}  // namespace cordon
