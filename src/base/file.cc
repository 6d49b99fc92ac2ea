#include "base/file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

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

namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

// Closes a file descriptor when it goes out of scope.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  // POSIX calls, not std::ifstream: a stream opens a directory and then throws
  // std::ios_base::failure from inside the read, which no caller expects.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return NotFoundError(path + ": no such file");
    return IoError(path + ": cannot open: " + ErrnoText(error));
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return IoError(path + ": cannot stat: " + ErrnoText(errno));
  if (S_ISDIR(st.st_mode)) return IoError(path + ": is a directory");
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size));
  std::vector<char> chunk(1 << 16);
  for (;;) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      return IoError(path + ": read failed: " + ErrnoText(errno));
    }
    bytes.append(chunk.data(), static_cast<size_t>(got));
  }
  return MaybeDecompress(std::move(bytes), path);
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  if (path.empty()) return InvalidArgumentError("no file name to write to");
  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(path));
  output->stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return output->Commit();
}

// A buffered stream over a file descriptor it owns. The first write error is kept (error())
// and every later write fails, so the stream's badbit and Close() both report it.
class OutputFile::FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buffer_(kBufferSize) { ResetPutArea(); }
  ~FdBuf() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FdBuf(const FdBuf&) = delete;
  FdBuf& operator=(const FdBuf&) = delete;

  // Writes what is buffered, fsyncs when `durable`, and closes; later writes fail with EBADF.
  // 0, or the errno of the first failure of any write so far. Once closed, returns that again.
  int Close(bool durable) {
    if (fd_ < 0) return error_;
    FlushBuffer();
    if (error_ == 0 && durable && ::fsync(fd_) != 0) error_ = errno;
    if (::close(fd_) != 0 && error_ == 0) error_ = errno;
    fd_ = -1;
    return error_;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!FlushBuffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (size <= epptr() - pptr()) {
      std::memcpy(pptr(), data, static_cast<size_t>(size));
      pbump(static_cast<int>(size));
      return size;
    }
    if (!FlushBuffer()) return 0;
    if (size >= static_cast<std::streamsize>(buffer_.size())) {
      return WriteAll(data, static_cast<size_t>(size)) ? size : 0;
    }
    std::memcpy(pptr(), data, static_cast<size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }

  int sync() override { return FlushBuffer() ? 0 : -1; }

 private:
  static constexpr size_t kBufferSize = 1 << 16;

  void ResetPutArea() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  bool FlushBuffer() {
    const size_t pending = static_cast<size_t>(pptr() - pbase());
    ResetPutArea();
    return WriteAll(buffer_.data(), pending);
  }

  bool WriteAll(const char* data, size_t size) {
    if (fd_ < 0 && error_ == 0) error_ = EBADF;
    if (error_ != 0) return false;
    while (size > 0) {
      const ssize_t written = ::write(fd_, data, size);
      if (written < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      data += written;
      size -= static_cast<size_t>(written);
    }
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

namespace {

// "dir/.name.tmp-" followed by random letters: beside `path`, so the rename stays on one
// file system; hidden, so a glob over the directory does not pick it up half written.
std::string TempPrefixFor(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  return dir + "." + path.substr(slash == std::string::npos ? 0 : slash + 1) + ".tmp-";
}

// Creates a new file under an unpredictable name starting with `prefix`. O_EXCL makes the
// creation fail rather than follow anything already there, a planted symbolic link included;
// O_NOFOLLOW says so twice. `mode` is masked by the umask as for any new file.
Result<int> CreateUniqueFile(const std::string& prefix, mode_t mode, std::string* created) {
  static constexpr char kLetters[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (int attempt = 0; attempt < 100; ++attempt) {
    unsigned char random[12];
    if (getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) {
      return IoError(prefix + ": no random bytes for a temporary name: " + ErrnoText(errno));
    }
    std::string name = prefix;
    for (unsigned char byte : random) name.push_back(kLetters[byte % (sizeof kLetters - 1)]);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd >= 0) {
      *created = std::move(name);
      return fd;
    }
    if (errno != EEXIST) return IoError(name + ": cannot create: " + ErrnoText(errno));
  }
  return IoError(prefix + "*: cannot find an unused temporary name");
}

}  // namespace

OutputFile::OutputFile() = default;

OutputFile::~OutputFile() {
  if (buffer_ != nullptr) buffer_->Close(/*durable=*/false);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path,
                                                     std::ostream& standard_output) {
  if (!path.empty()) return Open(path);
  std::unique_ptr<OutputFile> output(new OutputFile());  // private constructor
  output->stream_ = &standard_output;
  return output;
}

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path) {
  if (path.empty()) return InvalidArgumentError("no file name to write to");
  std::string target = path;
  struct stat st {};
  bool exists = ::lstat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return IoError(path + ": cannot stat: " + ErrnoText(errno));
  if (exists && S_ISLNK(st.st_mode)) {
    // Write through the link: the user named it, and replacing it with a regular file would
    // silently cut whatever it connects. realpath resolves every link on the way.
    std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr),
                                                         &std::free);
    if (resolved == nullptr) {
      return IoError(path + ": a symbolic link that cannot be followed: " + ErrnoText(errno));
    }
    target = resolved.get();
    exists = ::lstat(target.c_str(), &st) == 0;
    if (!exists) return IoError(target + ": cannot stat: " + ErrnoText(errno));
  }
  if (exists && S_ISDIR(st.st_mode)) return IoError(path + ": is a directory");

  std::unique_ptr<OutputFile> output(new OutputFile());  // private constructor
  output->path_ = target;
  int fd = -1;
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or FIFO: a temporary renamed over it would replace the node with a file.
    // No O_CREAT: if it went away meanwhile, fail rather than create something else.
    fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return IoError(path + ": cannot open: " + ErrnoText(errno));
  } else {
    ASSIGN_OR_RETURN(
        fd, CreateUniqueFile(TempPrefixFor(target), exists ? 0600 : 0666, &output->temp_path_));
    output->buffer_ = std::make_unique<FdBuf>(fd);  // owns fd from here on
    if (exists) {
      // Keep the replaced file's owner (only root or the owner may, hence no error check) and
      // then its mode (chown may clear set-id bits).
      if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
        // Not permitted: the new file is ours, as a new file would be.
      }
      if (::fchmod(fd, st.st_mode & 07777) != 0) {
        return IoError(output->temp_path_ + ": cannot set permissions: " + ErrnoText(errno));
      }
    }
  }
  if (output->buffer_ == nullptr) output->buffer_ = std::make_unique<FdBuf>(fd);
  output->own_stream_ = std::make_unique<std::ostream>(output->buffer_.get());
  output->stream_ = output->own_stream_.get();
  return output;
}

Status OutputFile::Commit() {
  if (buffer_ == nullptr) {  // standard output
    stream_->flush();
    if (!*stream_) return IoError("standard output: write failed");
    committed_ = true;
    return Status::Ok();
  }
  stream_->flush();
  const bool replacing = !temp_path_.empty();
  const int error = buffer_->Close(/*durable=*/replacing);
  if (error != 0) return IoError(path_ + ": write failed: " + ErrnoText(error));
  if (replacing && ::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return IoError(path_ + ": cannot replace: " + ErrnoText(errno));  // ~OutputFile unlinks
  }
  committed_ = true;
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
