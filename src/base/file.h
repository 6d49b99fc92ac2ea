// base/file.h: whole-file reads, with zstd-compressed files read transparently.
//
//   ASSIGN_OR_RETURN(std::string bytes, ReadFile("data/lists/un_consolidated.xml.zst"));
//   std::string_view name = BaseName("/a/b/sdn.csv.zst");   // "sdn.csv.zst"
//   std::string_view plain = StripCompressionSuffix(name);  // "sdn.csv"
//
// The lists cordon reads are a few MiB each, so reading them whole is the simple and fast
// choice; parsers take the bytes, never a path.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon {

// Contents of `path`, decompressed if it starts with the zstd frame magic.
// NotFound if the file does not exist; IoError if it cannot be read; Corruption if a zstd
// stream is damaged or truncated.
Result<std::string> ReadFile(const std::string& path);

// Decompresses `bytes` if they start with the zstd magic, else returns them unchanged.
Result<std::string> MaybeDecompress(std::string bytes, std::string_view name_for_errors);

// Writes `bytes` to `path` through a temporary file and rename, so readers never see half.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

std::string_view BaseName(std::string_view path);
// "sdn.csv.zst" -> "sdn.csv"; names without a known compression suffix are returned as is.
std::string_view StripCompressionSuffix(std::string_view name);

}  // namespace cordon
