// update/downloader.h: fetch a URL into memory with libcurl.
//
//   ASSIGN_OR_RETURN(std::string bytes, Download("https://scsanctions.un.org/...", {}));
//
// Succeeds only on a complete 2xx response: a connection that drops mid-body, a short body
// against Content-Length, an HTTP error status or a body over `max_bytes` is an Unavailable
// error naming the URL. Nothing is written anywhere; the caller decides what to keep.
// Thread safety: may be called from several threads (curl_global_init runs once).
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace cordon::update {

struct DownloadOptions {
  int64_t connect_timeout_seconds = 30;
  int64_t total_timeout_seconds = 600;
  int64_t max_bytes = 1LL << 30;  // the largest official list is well under 100 MiB
  std::string user_agent = "cordon/0.1 (+sanctions list update)";
};

Result<std::string> Download(const std::string& url, const DownloadOptions& options);

}  // namespace cordon::update
