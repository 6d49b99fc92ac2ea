// ingest/internal/decode.h: a list document's bytes as UTF-8, the one way every parser reads
// text that may not be UTF-8.
//
//   ASSIGN_OR_RETURN(Utf8Text input, DecodeUtf8Text(document.main,
//                                                   NotUtf8::kWindows1252WithWarning,
//                                                   diagnostics));
//   CsvReader reader(input.text());
//
// Lists are UTF-8 today, but older downloads and hand-made files are Windows-1252, and the 2018
// OFSI, EU FSF 1.0 and OFAC legacy CSV files are Windows-1252 by design. What a parser does with
// bytes that are not UTF-8 is its format's decision (NotUtf8); how it is done is here.
//
// Thread safety: pure functions; a Utf8Text is a value.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A document as UTF-8: a view of the input when it already was UTF-8, else the converted text,
// owned. Moving keeps text() valid (it is not a view stored beside the string it views).
class Utf8Text {
 public:
  Utf8Text() = default;
  // The input itself, already UTF-8; it must outlive the Utf8Text.
  static Utf8Text View(std::string_view utf8);
  // Converted text, owned.
  static Utf8Text Own(std::string utf8);

  std::string_view text() const { return owns_ ? std::string_view(owned_) : view_; }
  // True when the bytes had to be converted.
  bool converted() const { return owns_; }

 private:
  bool owns_ = false;
  std::string owned_;
  std::string_view view_;
};

// What a format does with bytes that are not valid UTF-8.
enum class NotUtf8 {
  // A UTF-8 format that older or hand-made files write in Windows-1252: read the bytes as
  // Windows-1252 and warn "the file is not UTF-8; read it as Windows-1252".
  kWindows1252WithWarning,
  // Windows-1252 is an encoding the format is published in: read it so, without a warning.
  kWindows1252,
  // A UTF-8 format with no legacy encoding: invalid bytes become U+FFFD, and a warning says so
  // ("document is not valid UTF-8; invalid bytes replaced by U+FFFD").
  kRepairWithWarning,
};

// The bytes of `file` as UTF-8, without a UTF-8 byte-order mark. Valid UTF-8 comes back as a
// view of file.bytes; anything else is converted as `not_utf8` says, with at most one warning
// (line 0, no record id) to `diagnostics`. Corruption "<file>:1: cannot decode the document as
// <charset>: ..." when the converter fails.
// REQUIRES: diagnostics != nullptr; file.bytes outlives the result.
Result<Utf8Text> DecodeUtf8Text(const InputFile& file, NotUtf8 not_utf8,
                                DiagnosticSink* diagnostics);

// Converts `bytes` (no byte-order mark) from `charset` to UTF-8, for the callers that found
// the charset themselves (a UTF-16 byte-order mark, an XML declaration). Corruption as above.
Result<Utf8Text> ConvertToUtf8(const InputFile& file, std::string_view bytes, const char* charset);

}  // namespace cordon::ingest::internal
