#include "service/request_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace cordon::service {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsTokenChar);
}

// Field values: HTAB, visible ASCII, space and obs-text; no other control character.
bool IsFieldValue(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
  });
}

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The methods the API and the web page answer (the others get 405 with Allow from the routes).
bool IsKnownMethod(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == known) return true;
  }
  return false;
}

// Why a request target cannot be served, or "" if it can: only visible ASCII, origin form (or
// "*" for OPTIONS), no encoded NUL anywhere and no encoded control character in the path.
std::string TargetProblem(std::string_view method, std::string_view target) {
  for (char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return "the request target has a character that must be encoded";
  }
  if (target == "*" && method == "OPTIONS") return "";
  if (target.empty() || target.front() != '/') return "the request target must start with '/'";
  const size_t query = target.find('?');
  for (size_t at = target.find('%'); at != std::string_view::npos; at = target.find('%', at + 1)) {
    if (at + 2 >= target.size()) break;  // httplib leaves a malformed escape as it is
    const int high = HexValue(target[at + 1]), low = HexValue(target[at + 2]);
    if (high < 0 || low < 0) continue;
    const int value = high * 16 + low;
    if (value == 0) return "the request target has an encoded NUL (%00)";
    if (at < query && (value < 0x20 || value == 0x7f)) {
      return "the request path has an encoded control character";
    }
  }
  return "";
}

}  // namespace

RequestReader::RequestReader(const Limits& limits, std::string leftover)
    : limits_(limits), pending_(std::move(leftover)) {}

RequestReader::Progress RequestReader::Fail(int status, std::string message) {
  error_status_ = status;
  error_message_ = std::move(message);
  return Progress::kFailed;
}

RequestReader::Progress RequestReader::Feed(std::string_view bytes) {
  pending_.append(bytes);
  if (phase_ == Phase::kDone) return Progress::kComplete;
  if (error_status_ != 0) return Progress::kFailed;
  Progress progress = Progress::kNeedMore;
  if (phase_ == Phase::kHead) progress = ReadHead();
  if (progress == Progress::kNeedMore && phase_ != Phase::kHead) progress = ReadBody();
  if (progress == Progress::kComplete) {
    pending_.erase(0, pos_);
    pos_ = 0;
  } else if (progress == Progress::kNeedMore && phase_ != Phase::kHead && pos_ > 0) {
    // The body is copied out as it arrives: keep only what is not read yet.
    pending_.erase(0, pos_);
    pos_ = 0;
  }
  return progress;
}

RequestReader::Progress RequestReader::ReadHead() {
  // Empty lines before the request line are skipped (RFC 9112 2.2).
  while (!started_) {
    if (pos_ >= pending_.size()) return Progress::kNeedMore;
    if (pending_[pos_] == '\n') {
      ++pos_;
    } else if (pending_[pos_] == '\r') {
      if (pos_ + 1 >= pending_.size()) return Progress::kNeedMore;
      if (pending_[pos_ + 1] != '\n') return Fail(400, "a bare CR (not followed by LF)");
      pos_ += 2;
    } else {
      started_ = true;
      scanned_ = pos_;
    }
  }
  // The head ends with an empty line: "\n\n" or "\n\r\n".
  size_t end = std::string::npos;
  for (size_t at = pending_.find('\n', scanned_); at != std::string::npos;
       at = pending_.find('\n', at + 1)) {
    if (at + 1 >= pending_.size()) {
      scanned_ = at;
      break;
    }
    if (pending_[at + 1] == '\n') {
      end = at + 2;
      break;
    }
    if (pending_[at + 1] == '\r') {
      if (at + 2 >= pending_.size()) {
        scanned_ = at;
        break;
      }
      if (pending_[at + 2] == '\n') {
        end = at + 3;
        break;
      }
    }
    scanned_ = at + 1;
  }
  if (end == std::string::npos) {
    scanned_ = std::max(scanned_, pos_);
    const size_t line_end = pending_.find('\n', pos_);
    if (line_end == std::string::npos && pending_.size() - pos_ > limits_.max_line) {
      return Fail(414, fmt::format("the request line is over {} bytes", limits_.max_line));
    }
    if (pending_.size() - pos_ > limits_.max_head) {
      return Fail(431, fmt::format("the header section is over {} bytes", limits_.max_head));
    }
    return Progress::kNeedMore;
  }
  if (end - pos_ > limits_.max_head) {
    return Fail(431, fmt::format("the header section is over {} bytes", limits_.max_head));
  }
  const std::string_view head = std::string_view(pending_).substr(pos_, end - pos_);
  pos_ = end;
  return ParseHead(head);
}

RequestReader::Progress RequestReader::ParseHead(std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return Fail(400, "a NUL byte in the head");
  // Lines, without their CRLF or LF; a CR anywhere else is a bare CR.
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const size_t newline = head.find('\n');
    std::string_view line = head.substr(0, newline);
    head.remove_prefix(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) {
      return Fail(400, "a bare CR (not followed by LF) in the head");
    }
    lines.push_back(line);
  }
  lines.pop_back();  // the empty line that ends the head

  const std::string_view request_line = lines.front();
  if (request_line.size() > limits_.max_line) {
    return Fail(414, fmt::format("the request line is over {} bytes", limits_.max_line));
  }
  const size_t first_space = request_line.find(' ');
  const size_t last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    return Fail(400, "the request line is not 'METHOD TARGET HTTP/1.1'");
  }
  const std::string_view method = request_line.substr(0, first_space);
  const std::string_view target =
      request_line.substr(first_space + 1, last_space - first_space - 1);
  const std::string_view version = request_line.substr(last_space + 1);
  if (!IsToken(method)) return Fail(400, "the request line is not 'METHOD TARGET HTTP/1.1'");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    if (version.substr(0, 5) == "HTTP/") return Fail(505, "HTTP/1.1 and HTTP/1.0 only");
    return Fail(400, "the request line is not 'METHOD TARGET HTTP/1.1'");
  }
  if (!IsKnownMethod(method)) return Fail(501, fmt::format("the method {} is not served", method));
  if (std::string problem = TargetProblem(method, target); !problem.empty()) {
    return Fail(400, problem);
  }
  if (lines.size() - 1 > limits_.max_fields) {
    return Fail(431, fmt::format("more than {} header fields", limits_.max_fields));
  }

  std::string normalised;
  normalised.append(request_line).append("\r\n");
  std::optional<uint64_t> content_length;
  bool content_length_too_large = false;
  std::vector<std::string_view> codings;
  size_t transfer_encodings = 0, hosts = 0;
  for (size_t line_idx = 1; line_idx < lines.size(); ++line_idx) {
    const std::string_view line = lines[line_idx];
    if (line.size() > limits_.max_line) {
      return Fail(431, fmt::format("a header field is over {} bytes", limits_.max_line));
    }
    if (line.front() == ' ' || line.front() == '\t') {
      return Fail(400, "a folded header line (obs-fold) is not accepted");
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Fail(400, "a header line without a colon");
    const std::string_view name = line.substr(0, colon);
    if (!IsToken(name)) {
      return Fail(400, "a header field name that is not a token (whitespace before the colon?)");
    }
    const std::string_view value = TrimOws(line.substr(colon + 1));
    if (!IsFieldValue(value)) return Fail(400, "a control character in a header value");
    if (EqualsIgnoringCase(name, "Content-Length")) {
      if (value.empty() ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Fail(400, "Content-Length is not a number");
      }
      const std::string_view digits =
          value.substr(std::min(value.find_first_not_of('0'), value.size()));
      uint64_t length = 0;
      if (digits.size() > 18) {
        content_length_too_large = true;
        length = UINT64_MAX;
      } else {
        for (char c : digits) length = length * 10 + static_cast<uint64_t>(c - '0');
      }
      if (content_length && *content_length != length) {
        return Fail(400, "two different Content-Length values");
      }
      content_length = length;
      continue;
    }
    if (EqualsIgnoringCase(name, "Transfer-Encoding")) {
      ++transfer_encodings;
      std::string_view rest = value;
      while (true) {
        const size_t comma = rest.find(',');
        codings.push_back(TrimOws(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      continue;
    }
    if (EqualsIgnoringCase(name, "Expect")) {
      if (EqualsIgnoringCase(value, "100-continue")) expects_continue_ = true;
      continue;
    }
    if (EqualsIgnoringCase(name, "Host")) ++hosts;
    normalised.append(name).append(": ").append(value).append("\r\n");
  }
  if (hosts > 1 || (hosts == 0 && version == "HTTP/1.1")) {
    return Fail(400, "an HTTP/1.1 request needs exactly one Host header");
  }
  const bool chunked = transfer_encodings > 0;
  if (chunked) {
    if (version == "HTTP/1.0") return Fail(400, "Transfer-Encoding in an HTTP/1.0 request");
    if (content_length) return Fail(400, "both Content-Length and Transfer-Encoding");
    // RFC 9112 6.3: a request whose final coding is not chunked has no reliable length.
    if (!EqualsIgnoringCase(codings.back(), "chunked")) {
      return Fail(400, "Transfer-Encoding must end in chunked");
    }
    if (codings.size() != 1) return Fail(501, "no transfer coding but chunked is accepted");
  }
  if (content_length && (content_length_too_large || *content_length > limits_.max_body)) {
    return Fail(413, fmt::format("the body is over the limit of {} bytes", limits_.max_body));
  }
  request_ = std::move(normalised);
  if (chunked) {
    phase_ = Phase::kChunkSize;
  } else if (content_length) {
    content_length_ = *content_length;
    phase_ = content_length_ > 0 ? Phase::kLengthBody : Phase::kDone;
  } else {
    phase_ = Phase::kDone;
  }
  body_start_ = request_.size();
  if (phase_ == Phase::kDone) {
    if (content_length) request_.append("Content-Length: 0\r\n");
    request_.append("\r\n");
    body_start_ = request_.size();
    return Progress::kComplete;
  }
  return Progress::kNeedMore;
}

bool RequestReader::NextLine(std::string_view* line, bool* failed) {
  *failed = false;
  const size_t newline = pending_.find('\n', pos_);
  if (newline == std::string::npos) {
    if (pending_.size() - pos_ > limits_.max_line) {
      Fail(400, fmt::format("a chunk line is over {} bytes", limits_.max_line));
      *failed = true;
    }
    return false;
  }
  std::string_view text = std::string_view(pending_).substr(pos_, newline - pos_);
  pos_ = newline + 1;
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (text.find('\r') != std::string_view::npos || text.find('\0') != std::string_view::npos) {
    Fail(400, "a bare CR or NUL in the chunked body's framing");
    *failed = true;
    return false;
  }
  *line = text;
  return true;
}

RequestReader::Progress RequestReader::ReadBody() {
  // The decoded body goes after the head; its Content-Length is inserted once it is known.
  while (phase_ != Phase::kDone) {
    std::string_view line;
    bool failed = false;
    switch (phase_) {
      case Phase::kLengthBody:
      case Phase::kChunkData: {
        uint64_t& left = phase_ == Phase::kLengthBody ? content_length_ : chunk_left_;
        const size_t take = static_cast<size_t>(std::min<uint64_t>(left, pending_.size() - pos_));
        request_.append(pending_, pos_, take);
        pos_ += take;
        left -= take;
        if (left > 0) return Progress::kNeedMore;
        phase_ = phase_ == Phase::kLengthBody ? Phase::kDone : Phase::kChunkDataEnd;
        break;
      }
      case Phase::kChunkSize: {
        if (!NextLine(&line, &failed)) return failed ? Progress::kFailed : Progress::kNeedMore;
        size_t digits = 0;
        uint64_t size = 0;
        while (digits < line.size() && HexValue(line[digits]) >= 0) {
          if (digits >= 15) {
            return Fail(413,
                        fmt::format("the body is over the limit of {} bytes", limits_.max_body));
          }
          size = size * 16 + static_cast<uint64_t>(HexValue(line[digits]));
          ++digits;
        }
        const std::string_view extension = TrimOws(line.substr(digits));
        if (digits == 0 || (!extension.empty() && extension.front() != ';') ||
            !IsFieldValue(extension)) {
          return Fail(400, "a chunk size that is not hexadecimal");
        }
        if (size > limits_.max_body - (request_.size() - body_start_)) {
          return Fail(413, fmt::format("the body is over the limit of {} bytes", limits_.max_body));
        }
        chunk_left_ = size;
        phase_ = size == 0 ? Phase::kTrailer : Phase::kChunkData;
        break;
      }
      case Phase::kChunkDataEnd:
        if (!NextLine(&line, &failed)) return failed ? Progress::kFailed : Progress::kNeedMore;
        if (!line.empty()) return Fail(400, "a chunk is longer than its size");
        phase_ = Phase::kChunkSize;
        break;
      case Phase::kTrailer:
        if (!NextLine(&line, &failed)) return failed ? Progress::kFailed : Progress::kNeedMore;
        if (line.empty()) {
          phase_ = Phase::kDone;
          break;
        }
        // Trailer fields are read and dropped: nothing here uses them.
        if (++trailer_fields_ > limits_.max_fields || line.front() == ' ' || line.front() == '\t' ||
            line.find(':') == std::string_view::npos || !IsFieldValue(line)) {
          return Fail(400, "a malformed trailer field");
        }
        break;
      case Phase::kHead:
      case Phase::kDone:
        break;
    }
  }
  // Complete: put Content-Length and the empty line between the head and the body.
  const size_t body_size = request_.size() - body_start_;
  request_.insert(body_start_, fmt::format("Content-Length: {}\r\n\r\n", body_size));
  return Progress::kComplete;
}

}  // namespace cordon::service
