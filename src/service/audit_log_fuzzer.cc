// VerifyAuditLog on any bytes: never crashes, and whatever it accepts AuditLog can continue.
//
// Layout: the log's bytes, then (after the first NUL byte, if any) the head file's bytes; with
// no NUL there is no head file. When the log verifies, AuditLog::Open must accept it too, and
// one more Append must leave a log that verifies with one more record.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "service/audit_log.h"

namespace cordon::service {
namespace {

#define CHECK(condition)                \
  do {                                  \
    if (!(condition)) __builtin_trap(); \
  } while (0)

const std::string& Directory() {
  static const std::string dir = [] {
    char pattern[] = "/tmp/cordon_audit_fuzz_XXXXXX";
    CHECK(mkdtemp(pattern) != nullptr);
    return std::string(pattern);
  }();
  return dir;
}

void WriteFile(const std::string& path, std::string_view bytes) {
  FILE* file = std::fopen(path.c_str(), "wb");
  CHECK(file != nullptr);
  CHECK(std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size());
  CHECK(std::fclose(file) == 0);
}

bool IsHex64(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void VerifyAnyLog(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string path = Directory() + "/audit.log";
  const std::string head_path = path + ".head";
  const size_t nul = input.find('\0');
  WriteFile(path, input.substr(0, nul));
  if (nul == std::string_view::npos) {
    unlink(head_path.c_str());
  } else {
    WriteFile(head_path, input.substr(nul + 1));
  }

  const Result<AuditVerification> verified = VerifyAuditLog(path);
  if (!verified.ok()) {
    CHECK(verified.status().code() == StatusCode::kCorruption ||
          verified.status().code() == StatusCode::kIoError);
    CHECK(verified.status().message().rfind(path, 0) == 0);  // names the file
    return;
  }
  CHECK(verified->records >= 0 && IsHex64(verified->head_hash));

  Result<std::unique_ptr<AuditLog>> log = AuditLog::Open(path);
  CHECK(log.ok());
  CHECK((*log)->records() == verified->records);
  CHECK((*log)->Append({.key_name = "fuzz", .endpoint = "/match/default"}).ok());
  log->reset();
  const Result<AuditVerification> again = VerifyAuditLog(path);
  CHECK(again.ok() && again->records == verified->records + 1);
}

}  // namespace
}  // namespace cordon::service

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cordon::service::VerifyAnyLog(data, size);
  return 0;
}
