#include "base/file.h"

#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

namespace cordon {
namespace {
constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

bool HasZstdMagic(std::string_view bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), kZstdMagic, 4) == 0;
}
}  // namespace

Result<std::string> MaybeDecompress(std::string bytes, std::string_view name_for_errors) {
  if (!HasZstdMagic(bytes)) return bytes;
  std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> stream(ZSTD_createDStream(),
                                                                    &ZSTD_freeDStream);
  if (!stream) return InternalError("cannot allocate zstd stream");
  std::string out;
  out.reserve(bytes.size() * 4);
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer outbuf{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(stream.get(), &outbuf, &in);
    if (ZSTD_isError(last)) {
      return CorruptionError(std::string(name_for_errors) +
                             ": damaged zstd data: " + ZSTD_getErrorName(last));
    }
    out.append(chunk.data(), outbuf.pos);
  }
  // Flush anything still buffered in the decoder.
  while (last != 0) {
    ZSTD_outBuffer outbuf{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(stream.get(), &outbuf, &in);
    if (ZSTD_isError(last)) {
      return CorruptionError(std::string(name_for_errors) +
                             ": damaged zstd data: " + ZSTD_getErrorName(last));
    }
    out.append(chunk.data(), outbuf.pos);
    if (outbuf.pos == 0 && last != 0) {
      return CorruptionError(std::string(name_for_errors) + ": truncated zstd data");
    }
  }
  return out;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFoundError(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return IoError(path + ": read failed");
  return MaybeDecompress(std::move(bytes), path);
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(tmp + ": cannot create: " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return IoError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return IoError(path + ": cannot rename into place: " + std::strerror(errno));
  }
  return Status::Ok();
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view StripCompressionSuffix(std::string_view name) {
  for (std::string_view suffix : {".zst", ".zstd"}) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return name;
}

}  // namespace cordon
