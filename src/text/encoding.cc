#include "text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <memory>

namespace cordon::text {

Result<std::string> ToUtf8(std::string_view bytes, const char* charset) {
  if (bytes.empty()) return std::string();
  UErrorCode error = U_ZERO_ERROR;
  // ucnv_convert sizes the output in a first "preflight" call.
  int32_t needed = ucnv_convert("UTF-8", charset, nullptr, 0, bytes.data(),
                                static_cast<int32_t>(bytes.size()), &error);
  if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) {
    return InvalidArgumentError(std::string("cannot convert from ") + charset + ": " +
                                u_errorName(error));
  }
  std::string out(static_cast<size_t>(needed), '\0');
  error = U_ZERO_ERROR;
  ucnv_convert("UTF-8", charset, out.data(), needed, bytes.data(),
               static_cast<int32_t>(bytes.size()), &error);
  if (U_FAILURE(error) && error != U_STRING_NOT_TERMINATED_WARNING) {
    return InvalidArgumentError(std::string("cannot convert from ") + charset + ": " +
                                u_errorName(error));
  }
  return out;
}

bool IsValidUtf8(std::string_view bytes) {
  int32_t i = 0;
  const auto length = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string_view StripUtf8Bom(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

}  // namespace cordon::text
