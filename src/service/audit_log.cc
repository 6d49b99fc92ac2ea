#include "service/audit_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

#include "base/sha256.h"

namespace cordon::service {
namespace {

using Json = nlohmann::json;

const std::string kZeroHash(64, '0');
constexpr std::string_view kHashMember = ",\"hash\":\"";
// `,"hash":"` + 64 hex digits + `"}`
constexpr size_t kHashSuffixLength = kHashMember.size() + 64 + 2;

bool IsLowerHex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ErrnoText() { return std::strerror(errno); }

std::string Where(const std::string& path, int64_t line) {
  return path + ":" + std::to_string(line) + ": ";
}

// "2026-11-29T12:00:00.123Z"
std::string UtcNowMillis() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  const size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buffer + length, sizeof buffer - length, ".%03dZ", static_cast<int>(millis % 1000));
  return buffer;
}

std::string Dump(const nlohmann::ordered_json& value) {
  // Replacing invalid UTF-8 (a query can hold any bytes) keeps dump() from throwing.
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

struct Record {
  int64_t seq = 0;
  std::string prev;
  std::string hash;
};

// Reads one line as a record and checks that its hash matches its bytes. `line_no` is only for
// messages. Chain checks (seq, prev) are the caller's.
Result<Record> ParseRecord(std::string_view line, const std::string& path, int64_t line_no) {
  const std::string where = Where(path, line_no);
  const std::string record = "record " + std::to_string(line_no);
  Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return CorruptionError(where + record + " is not a JSON object");
  }
  Record out;
  auto seq = json.find("seq");
  if (seq == json.end() || !seq->is_number_integer()) {
    return CorruptionError(where + record + " has no integer seq");
  }
  out.seq = seq->get<int64_t>();
  auto prev = json.find("prev");
  if (prev == json.end() || !prev->is_string() ||
      !IsLowerHex64(prev->get_ref<const std::string&>())) {
    return CorruptionError(where + record + " has no prev hash");
  }
  out.prev = prev->get<std::string>();

  // The hash is over the bytes, not a re-serialisation, so any change to the line shows.
  const size_t size = line.size();
  if (size < kHashSuffixLength + 1 || line.substr(size - 2) != "\"}" ||
      line.substr(size - kHashSuffixLength, kHashMember.size()) != kHashMember ||
      !IsLowerHex64(line.substr(size - 66, 64))) {
    return CorruptionError(where + record + " does not end in its hash");
  }
  out.hash = std::string(line.substr(size - 66, 64));
  std::string content(line.substr(0, size - kHashSuffixLength));
  content.push_back('}');
  if (Sha256Hex(content) != out.hash) {
    return CorruptionError(where + record + "'s hash does not match its content (edited?)");
  }
  return out;
}

// Checks `record`, read from line `line_no`, against the record before it.
Status CheckLink(const Record& record, const std::string& previous_hash, const std::string& path,
                 int64_t line_no) {
  const std::string where = Where(path, line_no);
  const std::string name = "record " + std::to_string(line_no);
  if (record.seq != line_no) {
    return CorruptionError(where + name + " has seq " + std::to_string(record.seq) +
                           " (records deleted, inserted or reordered?)");
  }
  if (record.prev != previous_hash) {
    return CorruptionError(where + name + "'s prev is not the hash of record " +
                           std::to_string(line_no - 1) +
                           " (records deleted, inserted or reordered?)");
  }
  return Status::Ok();
}

struct Head {
  int64_t seq = 0;
  std::string hash;
};

// Parses "<seq> <hash>\n". nullopt for an empty file; Corruption for anything else malformed.
Result<std::optional<Head>> ParseHead(std::string_view text, const std::string& head_path) {
  if (text.empty()) return std::optional<Head>();
  const Status malformed = CorruptionError(head_path + ": malformed (want \"<seq> <hash>\")");
  const size_t space = text.find(' ');
  if (space == std::string_view::npos || space == 0 || space > 18 || text.back() != '\n') {
    return malformed;
  }
  Head head;
  for (char c : text.substr(0, space)) {
    if (c < '0' || c > '9') return malformed;
    head.seq = head.seq * 10 + (c - '0');
  }
  std::string_view hash = text.substr(space + 1, text.size() - space - 2);
  if (!IsLowerHex64(hash)) return malformed;
  head.hash = std::string(hash);
  return std::optional<Head>(std::move(head));
}

// Checks a log of `records` records, whose last two hashes are `last_hash` and `before_last`,
// against its head. A log one record past the head is accepted: the writer crashed between
// appending and updating the head.
Status CheckHead(const std::optional<Head>& head, int64_t records, const std::string& last_hash,
                 const std::string& before_last, const std::string& path) {
  const std::string head_path = path + ".head";
  if (!head) {
    if (records == 0) return Status::Ok();
    return CorruptionError(head_path + " is missing or empty, so the log's end cannot be checked");
  }
  if (head->seq > records) {
    return CorruptionError(path + ": ends at record " + std::to_string(records) + " but " +
                           head_path + " says " + std::to_string(head->seq) +
                           " records were written (records deleted from the end?)");
  }
  if (head->seq < records - 1) {
    return CorruptionError(Where(path, head->seq + 2) + "record " + std::to_string(head->seq + 2) +
                           " is past the end in " + head_path + " (" + std::to_string(head->seq) +
                           " records; records appended by another writer?)");
  }
  const std::string& expected = head->seq == records ? last_hash : before_last;
  if (head->hash != expected) {
    if (head->seq == 0) {
      return CorruptionError(head_path + " says no record was written but its hash is not zero");
    }
    return CorruptionError(Where(path, head->seq) + "record " + std::to_string(head->seq) +
                           "'s hash differs from the one in " + head_path + " (log rewritten?)");
  }
  return Status::Ok();
}

Result<std::string> ReadSmallFile(int fd, const std::string& path) {
  std::string out;
  char buffer[256];
  for (off_t offset = 0;;) {
    const ssize_t n = pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(path + ": cannot read: " + ErrnoText());
    if (n == 0) break;
    out.append(buffer, static_cast<size_t>(n));
    offset += n;
    if (out.size() > 4096) return CorruptionError(path + ": malformed (too long)");
  }
  return out;
}

Status PReadAll(int fd, char* data, size_t size, off_t offset, const std::string& path) {
  while (size > 0) {
    const ssize_t n = pread(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(path + ": cannot read: " + (n == 0 ? "short read" : ErrnoText()));
    data += n;
    size -= static_cast<size_t>(n);
    offset += n;
  }
  return Status::Ok();
}

// Lines (newline characters) in the first `size` bytes. Only for error messages at Open.
Result<int64_t> CountNewlines(int fd, int64_t size, const std::string& path) {
  int64_t count = 0;
  std::string buffer(1 << 20, '\0');
  for (int64_t offset = 0; offset < size;) {
    const size_t chunk = static_cast<size_t>(std::min<int64_t>(size - offset, 1 << 20));
    RETURN_IF_ERROR(PReadAll(fd, buffer.data(), chunk, offset, path));
    for (size_t i = 0; i < chunk; ++i) count += buffer[i] == '\n';
    offset += static_cast<int64_t>(chunk);
  }
  return count;
}

// The last (up to) two lines of a file of `size` > 0 bytes ending in '\n', without their
// newlines, oldest first. Reads backwards, so opening a long log costs only its tail.
Result<std::vector<std::string>> ReadLastTwoLines(int fd, int64_t size, const std::string& path) {
  std::string tail;  // the file's last tail.size() bytes
  int64_t start = size;
  while (true) {
    // Newlines before the final one: two of them bound the last two lines.
    size_t newlines = 0;
    size_t cut = std::string::npos;
    for (size_t pos = tail.size() < 2 ? 0 : tail.size() - 1; pos-- > 0;) {
      if (tail[pos] == '\n' && ++newlines == 2) {
        cut = pos + 1;
        break;
      }
    }
    if (cut != std::string::npos || start == 0) {
      if (cut == std::string::npos) cut = 0;
      std::string_view lines(tail);
      lines = lines.substr(cut, lines.size() - cut - 1);  // drop the final newline
      std::vector<std::string> out;
      const size_t middle = lines.find('\n');
      if (middle == std::string_view::npos) {
        out.emplace_back(lines);
      } else {
        out.emplace_back(lines.substr(0, middle));
        out.emplace_back(lines.substr(middle + 1));
      }
      return out;
    }
    // Doubling the chunk keeps the reading linear in the tail's length.
    const int64_t chunk = std::min<int64_t>(start, std::max<int64_t>(64 << 10, tail.size()));
    std::string more(static_cast<size_t>(chunk), '\0');
    RETURN_IF_ERROR(PReadAll(fd, more.data(), more.size(), start - chunk, path));
    start -= chunk;
    tail.insert(0, more);
  }
}

// Checks the last one or two records of a non-empty log ending in '\n' and returns the last.
// Only the tail is read: a whole-log check is VerifyAuditLog's job. Records are numbered by
// their own seq while they agree; the file's lines are counted only to name a bad one.
Result<Record> CheckTail(int fd, int64_t size, const std::string& path) {
  ASSIGN_OR_RETURN(std::vector<std::string> lines, ReadLastTwoLines(fd, size, path));
  const bool two = lines.size() == 2;
  Result<Record> last = ParseRecord(lines.back(), path, 0);
  Result<Record> before = two ? ParseRecord(lines.front(), path, 0) : Result<Record>(Record{});
  if (last.ok() && before.ok()) {
    const std::string& expected_prev = two ? before->hash : kZeroHash;
    const int64_t expected_seq = two ? before->seq + 1 : 1;
    if (last->prev == expected_prev && last->seq == expected_seq && expected_seq >= (two ? 2 : 1)) {
      return last;
    }
  }
  ASSIGN_OR_RETURN(const int64_t last_line, CountNewlines(fd, size, path));
  std::string previous_hash = kZeroHash;
  if (two) {
    ASSIGN_OR_RETURN(Record record, ParseRecord(lines.front(), path, last_line - 1));
    if (record.seq != last_line - 1) return CheckLink(record, record.prev, path, last_line - 1);
    previous_hash = record.hash;
  }
  ASSIGN_OR_RETURN(Record record, ParseRecord(lines.back(), path, last_line));
  RETURN_IF_ERROR(CheckLink(record, previous_hash, path, last_line));
  return record;
}

Status WriteHead(int head_fd, int64_t seq, const std::string& hash, const std::string& head_path) {
  const std::string text = std::to_string(seq) + " " + hash + "\n";
  // The text never gets shorter (seq only grows), so overwriting in place leaves no stale bytes.
  const ssize_t n = pwrite(head_fd, text.data(), text.size(), 0);
  if (n != static_cast<ssize_t>(text.size())) {
    return IoError(head_path + ": cannot write: " + (n < 0 ? ErrnoText() : "short write"));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path) {
  const std::string head_path = path + ".head";
  const int fd = open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return IoError(path + ": cannot open: " + ErrnoText());
  // Closes the descriptors on every early return.
  struct Closer {
    int fd = -1;
    ~Closer() {
      if (fd >= 0) close(fd);
    }
  } log_closer{fd}, head_closer;

  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return FailedPreconditionError(path + ": another cordon process is writing this log");
    }
    return IoError(path + ": cannot lock: " + ErrnoText());
  }
  struct stat info {};
  if (fstat(fd, &info) != 0) return IoError(path + ": cannot stat: " + ErrnoText());
  const int64_t size = info.st_size;

  int64_t seq = 0;
  std::string hash = kZeroHash, before_last = kZeroHash;
  if (size > 0) {
    char last_byte = 0;
    RETURN_IF_ERROR(PReadAll(fd, &last_byte, 1, size - 1, path));
    if (last_byte != '\n') {
      ASSIGN_OR_RETURN(int64_t newlines, CountNewlines(fd, size, path));
      return CorruptionError(Where(path, newlines + 1) + "record " + std::to_string(newlines + 1) +
                             " is truncated (no newline at its end)");
    }
    ASSIGN_OR_RETURN(Record last, CheckTail(fd, size, path));
    seq = last.seq;
    hash = last.hash;
    before_last = last.prev;
  }

  const int head_fd = open(head_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (head_fd < 0) return IoError(head_path + ": cannot open: " + ErrnoText());
  head_closer.fd = head_fd;
  ASSIGN_OR_RETURN(std::string head_text, ReadSmallFile(head_fd, head_path));
  ASSIGN_OR_RETURN(std::optional<Head> head, ParseHead(head_text, head_path));
  RETURN_IF_ERROR(CheckHead(head, seq, hash, before_last, path));
  if (!head || head->seq != seq || head_text.size() != std::to_string(seq).size() + 66) {
    if (ftruncate(head_fd, 0) != 0) return IoError(head_path + ": cannot write: " + ErrnoText());
    RETURN_IF_ERROR(WriteHead(head_fd, seq, hash, head_path));
  }

  log_closer.fd = -1;
  head_closer.fd = -1;
  // Private constructor: make_unique cannot reach it.
  return std::unique_ptr<AuditLog>(new AuditLog(path, fd, head_fd, seq, hash, size));
}

AuditLog::~AuditLog() {
  close(head_fd_);
  close(fd_);  // releases the flock
}

int64_t AuditLog::records() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_seq_;
}

std::string AuditLog::SerializePayload(const AuditEntry& entry) {
  std::string payload;
  payload.append(",\"key\":").append(Dump(entry.key_name));
  payload.append(",\"endpoint\":").append(Dump(entry.endpoint));
  payload.append(",\"dataset\":").append(Dump(entry.dataset));
  payload.append(",\"request\":").append(Dump(entry.request));
  payload.append(",\"versions\":").append(Dump(entry.versions));
  payload.append(",\"results\":").append(Dump(entry.results));
  return payload;
}

Status AuditLog::Append(const AuditEntry& entry) {
  // Serialised before taking the lock: the payload is most of the work.
  return AppendSerialized(SerializePayload(entry));
}

Status AuditLog::AppendSerialized(std::string_view payload) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t seq = last_seq_ + 1;
  std::string line;
  line.reserve(payload.size() + 250);
  line.append("{\"seq\":").append(std::to_string(seq));
  line.append(",\"time\":\"").append(UtcNowMillis()).append("\"");
  line.append(payload);
  line.append(",\"prev\":\"").append(last_hash_).append("\"}");
  const std::string hash = Sha256Hex(line);
  line.pop_back();  // the '}' closes the hashed text; the hash member goes before it
  line.append(kHashMember).append(hash).append("\"}\n");

  // O_APPEND: each write lands at the end. A short write is continued (no one else writes
  // while we hold the lock and the flock); a failure cuts the log back to its last record.
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string error = n < 0 ? ErrnoText() : "wrote nothing";
      if (written > 0 && ftruncate(fd_, size_) != 0) {
        return IoError(path_ + ": cannot write (" + error +
                       ") nor cut back the torn record: " + ErrnoText());
      }
      return IoError(path_ + ": cannot write: " + error);
    }
    written += static_cast<size_t>(n);
  }
  Status head = WriteHead(head_fd_, seq, hash, path_ + ".head");
  if (!head.ok()) {
    // Leave the log as the head describes it, so the next Open does not refuse it.
    if (ftruncate(fd_, size_) != 0) {
      return head.WithContext(path_ + ": and the record cannot be removed: " + ErrnoText());
    }
    return head;
  }
  last_seq_ = seq;
  last_hash_ = hash;
  size_ += static_cast<int64_t>(line.size());
  return Status::Ok();
}

Result<AuditVerification> VerifyAuditLog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0 && errno == ENOENT) {
      return NotFoundError(path + ": no such audit log");
    }
    return IoError(path + ": cannot open: " + ErrnoText());
  }
  int64_t records = 0;
  std::string last_hash = kZeroHash, before_last = kZeroHash;
  std::string line;
  while (std::getline(in, line)) {
    const int64_t line_no = records + 1;
    if (in.eof()) {
      return CorruptionError(Where(path, line_no) + "record " + std::to_string(line_no) +
                             " is truncated (no newline at its end)");
    }
    ASSIGN_OR_RETURN(Record record, ParseRecord(line, path, line_no));
    RETURN_IF_ERROR(CheckLink(record, last_hash, path, line_no));
    before_last = std::move(last_hash);
    last_hash = std::move(record.hash);
    records = line_no;
  }
  if (in.bad()) return IoError(path + ": cannot read: " + ErrnoText());

  const std::string head_path = path + ".head";
  std::optional<Head> head;
  std::ifstream head_in(head_path, std::ios::binary);
  if (head_in) {
    std::string head_text((std::istreambuf_iterator<char>(head_in)),
                          std::istreambuf_iterator<char>());
    ASSIGN_OR_RETURN(head, ParseHead(head_text, head_path));
  }
  RETURN_IF_ERROR(CheckHead(head, records, last_hash, before_last, path));
  return AuditVerification{.records = records, .head_hash = last_hash};
}

}  // namespace cordon::service
