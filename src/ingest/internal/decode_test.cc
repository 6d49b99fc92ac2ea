#include "ingest/internal/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace cordon::ingest::internal {
namespace {

struct Decoded {
  Result<Utf8Text> result;
  CollectingDiagnosticSink sink;
};

Decoded Decode(std::string_view bytes, NotUtf8 not_utf8) {
  Decoded out{.result = Utf8Text(), .sink = {}};
  out.result = DecodeUtf8Text({.name = "list.csv", .bytes = bytes}, not_utf8, &out.sink);
  return out;
}

TEST(DecodeUtf8TextTest, Utf8IsAViewOfTheInputWithoutItsByteOrderMark) {
  const std::string bytes = "\xEF\xBB\xBFname\nCaf\xC3\xA9\n";
  for (NotUtf8 mode :
       {NotUtf8::kWindows1252WithWarning, NotUtf8::kWindows1252, NotUtf8::kRepairWithWarning}) {
    const Decoded d = Decode(bytes, mode);
    ASSERT_TRUE(d.result.ok());
    EXPECT_FALSE(d.result->converted());
    EXPECT_EQ(d.result->text(), "name\nCaf\xC3\xA9\n");
    EXPECT_EQ(d.result->text().data(), bytes.data() + 3);  // not copied
    EXPECT_TRUE(d.sink.diagnostics().empty());
  }
}

TEST(DecodeUtf8TextTest, Windows1252WithAWarningForAUtf8Format) {
  // 0xE9 is U+00E9 and 0x92 U+2019 in Windows-1252.
  const Decoded d = Decode("Caf\xE9 \x92x\x92", NotUtf8::kWindows1252WithWarning);
  ASSERT_TRUE(d.result.ok());
  EXPECT_TRUE(d.result->converted());
  EXPECT_EQ(d.result->text(), "Caf\xC3\xA9 \xE2\x80\x99x\xE2\x80\x99");
  ASSERT_EQ(d.sink.diagnostics().size(), 1u);
  const Diagnostic& warning = d.sink.diagnostics()[0];
  EXPECT_EQ(warning.ToString(), "list.csv warning: the file is not UTF-8; read it as Windows-1252");
}

TEST(DecodeUtf8TextTest, Windows1252SilentlyWhereTheFormatIsPublishedSo) {
  const Decoded d = Decode("Caf\xE9", NotUtf8::kWindows1252);
  ASSERT_TRUE(d.result.ok());
  EXPECT_EQ(d.result->text(), "Caf\xC3\xA9");
  EXPECT_TRUE(d.sink.diagnostics().empty());
}

TEST(DecodeUtf8TextTest, RepairReplacesInvalidBytesWithAWarning) {
  const Decoded d = Decode(
      "\xEF\xBB\xBF"
      "Caf\xE9",
      NotUtf8::kRepairWithWarning);
  ASSERT_TRUE(d.result.ok());
  EXPECT_EQ(d.result->text(), "Caf\xEF\xBF\xBD");  // U+FFFD
  ASSERT_EQ(d.sink.diagnostics().size(), 1u);
  EXPECT_EQ(d.sink.diagnostics()[0].message,
            "document is not valid UTF-8; invalid bytes replaced by U+FFFD");
}

TEST(DecodeUtf8TextTest, ShortConvertedTextSurvivesAMove) {
  // A converted text short enough for the small-string buffer must not be viewed through a
  // pointer into the moved-from object.
  Result<Utf8Text> result = Decode("\xE9", NotUtf8::kWindows1252).result;
  ASSERT_TRUE(result.ok());
  const Utf8Text moved = std::move(result).value();
  EXPECT_EQ(moved.text(), "\xC3\xA9");
}

TEST(ConvertToUtf8Test, AnUnknownCharsetIsCorruptionNamingTheFile) {
  const Result<Utf8Text> r =
      ConvertToUtf8({.name = "list.xml", .bytes = "x"}, "x", "no-such-charset");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("list.xml:1: cannot decode the document as no-such-charset"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace cordon::ingest::internal
