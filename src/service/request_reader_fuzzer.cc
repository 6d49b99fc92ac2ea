// The strict request reader on any bytes, fed in pieces whose size the first byte picks (a
// slow client): never crashes; a complete request is normalised (one Content-Length that is
// its body's size, never over the limit, no Transfer-Encoding); a refusal has an error status.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "service/request_reader.h"

#define CHECK(condition)                \
  do {                                  \
    if (!(condition)) __builtin_trap(); \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cordon::service::RequestReader;
  if (size == 0) return 0;
  const size_t step = size_t{data[0]} + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  RequestReader::Limits limits;
  limits.max_body = 4096;
  limits.max_line = 256;
  limits.max_head = 1024;
  limits.max_fields = 16;
  RequestReader reader(limits);
  RequestReader::Progress progress = RequestReader::Progress::kNeedMore;
  for (size_t at = 0; at < bytes.size() && progress == RequestReader::Progress::kNeedMore;
       at += step) {
    progress = reader.Feed(bytes.substr(at, step));
  }
  if (progress == RequestReader::Progress::kFailed) {
    const int status = reader.error_status();
    CHECK(status == 400 || status == 413 || status == 414 || status == 431 || status == 501 ||
          status == 505);
    CHECK(!reader.error_message().empty());
  } else if (progress == RequestReader::Progress::kComplete) {
    const std::string& request = reader.request();
    const size_t end = request.find("\r\n\r\n");
    CHECK(end != std::string::npos);
    const std::string_view head(request.data(), end + 2);
    CHECK(head.find('\0') == std::string_view::npos);
    // No header line is named Transfer-Encoding (in any case); "xTransfer-Encoding" is another
    // header, which a substring search would confuse with it.
    for (size_t line = head.find("\r\n"); line != std::string_view::npos;
         line = head.find("\r\n", line + 2)) {
      const std::string_view field = head.substr(line + 2, 18);
      bool is_transfer_encoding = field.size() == 18 && field[17] == ':';
      for (size_t i = 0; is_transfer_encoding && i < 17; ++i) {
        const char c = field[i];
        is_transfer_encoding = (c >= 'A' && c <= 'Z' ? c + 32 : c) == "transfer-encoding"[i];
      }
      CHECK(!is_transfer_encoding);
    }
    const size_t body = request.size() - end - 4;
    CHECK(body <= limits.max_body);
    const size_t length = head.find("\r\nContent-Length: ");
    if (length == std::string_view::npos) {
      CHECK(body == 0);
    } else {
      CHECK(head.find("\r\nContent-Length: ", length + 1) == std::string_view::npos);
      CHECK(std::stoul(std::string(head.substr(length + 18))) == body);
    }
    // What follows is the next request's, for a reader of its own.
    RequestReader next(limits, reader.TakeLeftover());
    next.Feed("");
  }
  return 0;
}
