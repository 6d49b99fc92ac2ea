// service/request_reader.h: a strict, incremental reader of one HTTP/1.1 request.
//
//   RequestReader reader({.max_body = 1 << 20});
//   RequestReader::Progress p = reader.Feed(bytes_from_the_socket);
//   if (p == RequestReader::Progress::kComplete) Serve(reader.request(), reader.TakeLeftover());
//
// The server reads each request with this before httplib sees it, because httplib (Debian 12's
// 0.11.4) is lenient where leniency is a risk behind a proxy and has no limit that covers a
// chunked body. The reader refuses, before the body is read:
// - a request line or header section with NUL, a bare CR (not followed by LF) or another
//   control character; a field name with whitespace before its colon; a folded (obs-fold) line;
// - Content-Length that is not digits, or given twice with different values; Content-Length
//   with Transfer-Encoding; any Transfer-Encoding but exactly "chunked" (RFC 9112 6.3: a
//   request whose final coding is not chunked cannot be framed); Transfer-Encoding in
//   HTTP/1.0; HTTP/1.1 without exactly one Host;
// - an encoded NUL (%00) in the target, and encoded control characters in its path (a file
//   path cut at NUL served "/index.html%00.js" as JavaScript);
// - a body over `max_body`: 413 from Content-Length at once, and for a chunked body as soon as
//   the decoded bytes pass the limit, without reading the rest;
// - a request line over `max_line` (414), a header line over `max_line`, more than
//   `max_fields` fields or a header section over `max_head` bytes (431).
// Lines may end in CRLF or LF (RFC 9112 2.2 allows a recipient to take a bare LF); empty lines
// before the request line are skipped (2.2 too).
//
// A complete request comes out normalised for httplib: the request line, the fields that were
// sent except Content-Length, Transfer-Encoding and Expect, then "Content-Length: N" and the
// decoded body. Bytes after it (a pipelined request) are kept for the next reader.
//
// Thread safety: none; one reader per connection and request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cordon::service {

class RequestReader {
 public:
  struct Limits {
    size_t max_body = size_t{1} << 20;
    size_t max_line = 8192;
    size_t max_head = 32768;
    size_t max_fields = 100;
  };
  enum class Progress { kNeedMore, kComplete, kFailed };

  // `leftover`: bytes already received for this request (what the previous one left).
  explicit RequestReader(const Limits& limits, std::string leftover = "");

  // Appends `bytes` and reads as far as they go. kComplete once the request is whole (later
  // bytes wait in the leftover), kFailed with error_status() once it cannot be served; both are
  // final, and further Feeds return them again without reading.
  Progress Feed(std::string_view bytes);

  // Whether any byte of a request (other than empty lines) has arrived.
  bool started() const { return started_; }
  bool head_complete() const { return phase_ > Phase::kHead; }
  // The head asked for "100-continue" and the body has not all arrived.
  bool expects_continue() const { return expects_continue_ && phase_ < Phase::kDone; }

  // After kComplete: the normalised request, and the bytes after it.
  const std::string& request() const { return request_; }
  std::string TakeLeftover() { return std::move(pending_); }

  // After kFailed: the status to answer (400, 413, 414, 431, 501, 505) and why, for the client.
  int error_status() const { return error_status_; }
  const std::string& error_message() const { return error_message_; }

 private:
  enum class Phase { kHead, kLengthBody, kChunkSize, kChunkData, kChunkDataEnd, kTrailer, kDone };

  Progress Fail(int status, std::string message);
  Progress ReadHead();
  Progress ParseHead(std::string_view head);
  Progress ReadBody();
  // The next line of pending_ from `pos_` (without its CRLF or LF); false if it has not all
  // arrived. A bare CR in it fails the request.
  bool NextLine(std::string_view* line, bool* failed);

  const Limits limits_;
  std::string pending_;  // bytes not yet read, from pos_
  size_t pos_ = 0;
  size_t scanned_ = 0;  // head: how far pending_ was searched for its end
  Phase phase_ = Phase::kHead;
  bool started_ = false;
  bool expects_continue_ = false;
  uint64_t content_length_ = 0;
  uint64_t chunk_left_ = 0;
  size_t trailer_fields_ = 0;
  std::string request_;  // the normalised head, then the body
  size_t body_start_ = 0;
  int error_status_ = 0;
  std::string error_message_;
};

}  // namespace cordon::service
