#include "base/file.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>

namespace cordon {
namespace {

std::string Compress(std::string_view plain) {
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), 3);
  out.resize(n);
  return out;
}

TEST(FileTest, ReadsZstdTransparently) {
  const std::string plain = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n";
  Result<std::string> r = MaybeDecompress(Compress(plain), "x.zst");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, plain);
}

TEST(FileTest, TruncatedZstdIsCorruption) {
  std::string packed = Compress(std::string(10000, 'a') + "tail");
  packed.resize(packed.size() - 3);
  Result<std::string> r = MaybeDecompress(packed, "x.zst");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("x.zst"), std::string::npos);
}

TEST(FileTest, MissingFileIsNotFound) {
  Result<std::string> r = ReadFile("/nonexistent/cordon/file.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(FileTest, AtomicWriteThenRead) {
  auto path = (std::filesystem::temp_directory_path() / "cordon_file_test.txt").string();
  ASSERT_TRUE(WriteFileAtomically(path, "hello").ok());
  EXPECT_EQ(*ReadFile(path), "hello");
  std::remove(path.c_str());
}

TEST(FileTest, NameHelpers) {
  EXPECT_EQ(BaseName("/a/b/sdn.csv.zst"), "sdn.csv.zst");
  EXPECT_EQ(StripCompressionSuffix("sdn.csv.zst"), "sdn.csv");
  EXPECT_EQ(StripCompressionSuffix("sdn.csv"), "sdn.csv");
}

}  // namespace
}  // namespace cordon
