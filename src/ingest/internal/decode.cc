#include "ingest/internal/decode.h"

#include <utility>

#include "text/encoding.h"

namespace cordon::ingest::internal {

Utf8Text Utf8Text::View(std::string_view utf8) {
  Utf8Text out;
  out.view_ = utf8;
  return out;
}

Utf8Text Utf8Text::Own(std::string utf8) {
  Utf8Text out;
  out.owns_ = true;
  out.owned_ = std::move(utf8);
  return out;
}

Result<Utf8Text> ConvertToUtf8(const InputFile& file, std::string_view bytes, const char* charset) {
  Result<std::string> converted = text::ToUtf8(bytes, charset);
  if (!converted.ok()) {
    return CorruptionError(file.name + ":1: cannot decode the document as " + std::string(charset) +
                           ": " + converted.status().message());
  }
  return Utf8Text::Own(std::move(converted).value());
}

Result<Utf8Text> DecodeUtf8Text(const InputFile& file, NotUtf8 not_utf8,
                                DiagnosticSink* diagnostics) {
  const std::string_view bytes = text::StripUtf8Bom(file.bytes);
  if (text::IsValidUtf8(bytes)) return Utf8Text::View(bytes);
  const bool repair = not_utf8 == NotUtf8::kRepairWithWarning;
  ASSIGN_OR_RETURN(Utf8Text out, ConvertToUtf8(file, bytes, repair ? "UTF-8" : "windows-1252"));
  if (not_utf8 != NotUtf8::kWindows1252) {
    diagnostics->Report({Diagnostic::Severity::kWarning, file.name, 0, "",
                         repair ? "document is not valid UTF-8; invalid bytes replaced by U+FFFD"
                                : "the file is not UTF-8; read it as Windows-1252"});
  }
  return out;
}

}  // namespace cordon::ingest::internal
