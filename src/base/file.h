// base/file.h: whole-file reads, with zstd-compressed files read transparently, and the
// files commands write.
//
//   ASSIGN_OR_RETURN(std::string bytes, ReadFile("data/lists/un_consolidated.xml.zst"));
//   std::string_view name = BaseName("/a/b/sdn.csv.zst");   // "sdn.csv.zst"
//   std::string_view plain = StripCompressionSuffix(name);  // "sdn.csv"
//
//   ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(args.output, std::cout));
//   output->stream() << line;
//   RETURN_IF_ERROR(output->Commit());  // without Commit, a regular file is left as it was
//
// The lists cordon reads are a few MiB each, so reading them whole is the simple and fast
// choice; parsers take the bytes, never a path.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "base/status.h"

namespace cordon {

// Contents of `path`, decompressed if it starts with the zstd frame magic. `path` may be
// anything that can be read to its end: a regular file, a FIFO, /dev/stdin.
// NotFound if the file does not exist; IoError naming the path if it cannot be read ("X: is a
// directory", "X: cannot open: Permission denied"); Corruption if a zstd stream is damaged or
// truncated. Never throws.
Result<std::string> ReadFile(const std::string& path);

// Decompresses `bytes` if they start with the zstd magic, else returns them unchanged.
Result<std::string> MaybeDecompress(std::string bytes, std::string_view name_for_errors);

// Writes `bytes` to `path` as OutputFile does: a regular file (or none) is replaced whole
// through a temporary file and rename, so readers never see half; a device or FIFO is written
// directly; a symbolic link is written through. IoError naming the path on failure, when a
// regular file at `path` is left as it was.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Where a command writes its output (`--output PATH`, else standard output).
//
// By what `path` names when Open is called:
//   - "" : the `standard_output` stream given to Open.
//   - nothing, or a regular file: a temporary file beside it, created exclusively under an
//     unpredictable name (mkstemp: O_CREAT|O_EXCL, so a link planted at any name is never
//     followed), with the old file's permission bits and, when allowed, its owner (a new file
//     gets 0666 less the umask). Commit flushes it to disk and renames it over `path`; without
//     Commit it is removed and `path` is left as it was, so readers see the old file or the
//     whole new one.
//   - a device, FIFO or other non-regular file: opened and written directly (`--output
//     /dev/null` stays a device). It cannot be rolled back: what was written before a failure
//     stays written.
//   - a symbolic link: the link is kept and the file it resolves to is written, by the rules
//     above (a shell's `> link` writes through it too). A link to a missing file is an error.
//   - a directory: an error.
//
// Thread safety: one thread at a time. Not copyable or movable (stream() refers to it).
class OutputFile {
 public:
  // IoError naming `path` if it cannot be written (no such directory, no permission, a
  // directory, a dangling link).
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path,
                                                  std::ostream& standard_output);
  // As Open, for a file only. REQUIRES: `path` is not empty.
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path);

  // Discards the output unless Commit succeeded (see above).
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // The stream to write to. Write errors are reported by Commit.
  std::ostream& stream() { return *stream_; }

  // Flushes everything written and puts it in place. OK once the output is complete;
  // IoError naming the path if any write, the flush or the rename failed (a regular target is
  // then left as it was). REQUIRES: called at most once.
  Status Commit();

  // The path written to: the target, or for a link the file it resolves to; "" for standard
  // output.
  const std::string& path() const { return path_; }

 private:
  class FdBuf;
  OutputFile();

  std::string path_;       // what is being written ("" for standard output)
  std::string temp_path_;  // the temporary file renamed over path_; "" when writing directly
  std::unique_ptr<FdBuf> buffer_;
  std::unique_ptr<std::ostream> own_stream_;
  std::ostream* stream_ = nullptr;
  bool committed_ = false;
};

std::string_view BaseName(std::string_view path);
// "sdn.csv.zst" -> "sdn.csv"; names without a known compression suffix are returned as is.
std::string_view StripCompressionSuffix(std::string_view name);

}  // namespace cordon
