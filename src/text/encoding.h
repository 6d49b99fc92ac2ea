// text/encoding.h: bytes in legacy encodings to UTF-8, through ICU converters.
//
//   ASSIGN_OR_RETURN(std::string utf8, ToUtf8(bytes, "windows-1252"));
//   bool clean = IsValidUtf8(utf8);
//
// The 2018 OFSI and EU CSV files are Windows-1252; everything cordon stores is UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon::text {

// Converts `bytes` from `charset` (any name ICU knows) to UTF-8. Bytes the charset does not
// map become U+FFFD. InvalidArgument if ICU does not know `charset`.
Result<std::string> ToUtf8(std::string_view bytes, const char* charset);

bool IsValidUtf8(std::string_view bytes);

// Drops a leading UTF-8 byte-order mark, if any.
std::string_view StripUtf8Bom(std::string_view bytes);

}  // namespace cordon::text
