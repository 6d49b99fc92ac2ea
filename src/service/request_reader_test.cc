// Tests of the strict request reader: what it accepts comes out normalised for httplib; what is
// ambiguous (smuggling behind a proxy), malformed or too large is refused with the right
// status, before the body is read.
#include "service/request_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace cordon::service {
namespace {

using Progress = RequestReader::Progress;

struct Read {
  Progress progress = Progress::kNeedMore;
  int status = 0;
  std::string request;
  std::string leftover;
  std::string message;
};

// Feeds `bytes` in pieces of `step` bytes (a slow client), then reports.
Read ReadRequest(const std::string& bytes, size_t step = 0,
                 RequestReader::Limits limits = {.max_body = 1024}) {
  RequestReader reader(limits);
  Progress progress = Progress::kNeedMore;
  if (step == 0) step = bytes.size() + 1;
  for (size_t at = 0; at < bytes.size() && progress == Progress::kNeedMore; at += step) {
    progress = reader.Feed(std::string_view(bytes).substr(at, step));
  }
  Read read;
  read.progress = progress;
  if (progress == Progress::kComplete) {
    read.request = reader.request();
    read.leftover = reader.TakeLeftover();
  }
  if (progress == Progress::kFailed) {
    read.status = reader.error_status();
    read.message = reader.error_message();
  }
  return read;
}

TEST(RequestReaderTest, PlainRequestComesOutAsSent) {
  const std::string get = "GET /healthz HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n";
  for (size_t step : {0, 1, 7}) {
    SCOPED_TRACE(step);
    Read read = ReadRequest(get, step);
    ASSERT_EQ(read.progress, Progress::kComplete);
    EXPECT_EQ(read.request, get);
    EXPECT_EQ(read.leftover, "");
  }
}

TEST(RequestReaderTest, BodyByLengthAndPipelinedLeftover) {
  const std::string post =
      "POST /match/default HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
  const std::string next = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (size_t step : {0, 1, 3}) {
    SCOPED_TRACE(step);
    Read read = ReadRequest(post + next, step);
    ASSERT_EQ(read.progress, Progress::kComplete);
    EXPECT_EQ(read.request, post);
    // Fed in pieces, the reader stops at the request's end; the rest is the next request's.
    EXPECT_EQ(next.substr(0, read.leftover.size()), read.leftover);
    if (step == 0) {
      EXPECT_EQ(read.leftover, next);
    }
  }
  // The leftover starts the next reader.
  RequestReader second({}, next);
  EXPECT_EQ(second.Feed(""), Progress::kComplete);
  EXPECT_EQ(second.request(), next);
}

TEST(RequestReaderTest, ChunkedBodyIsDecodedWithItsLength) {
  const std::string chunked =
      "POST /m HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n";
  for (size_t step : {0, 1, 4}) {
    SCOPED_TRACE(step);
    Read read = ReadRequest(chunked, step);
    ASSERT_EQ(read.progress, Progress::kComplete) << read.message;
    EXPECT_EQ(read.request, "POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
  }
}

TEST(RequestReaderTest, ChunkedBodyOverTheLimitIsRefusedBeforeItEnds) {
  // 4 chunks of 400 bytes against a limit of 1024: refused at the third size line, and the
  // rest (which never comes) is not waited for.
  std::string head = "POST /m HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string chunk = "190\r\n" + std::string(400, 'a') + "\r\n";
  Read read = ReadRequest(head + chunk + chunk + chunk);
  EXPECT_EQ(read.progress, Progress::kFailed);
  EXPECT_EQ(read.status, 413);
  // A size that would overflow.
  EXPECT_EQ(ReadRequest(head + "fffffffffffffffffffff\r\n").status, 413);
  // By Content-Length: refused from the head alone.
  EXPECT_EQ(ReadRequest("POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n").status, 413);
  EXPECT_EQ(
      ReadRequest("POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n")
          .status,
      413);
}

TEST(RequestReaderTest, AmbiguousFramingIsRefused) {
  const std::string start = "POST /m HTTP/1.1\r\nHost: x\r\n";
  struct Case {
    std::string fields;
    int status;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"Content-Length: 5\r\nContent-Length: 6\r\n", 400},
           {"Content-Length: 5, 6\r\n", 400},
           {"Content-Length: -1\r\n", 400},
           {"Content-Length: +5\r\n", 400},
           {"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", 400},
           {"Transfer-Encoding: chunked, identity\r\n", 400},
           {"Transfer-Encoding: identity\r\n", 400},
           {"Transfer-Encoding: gzip, chunked\r\n", 501},
           {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400},
           {"Content-Length : 5\r\n", 400},
           {" Content-Length: 5\r\n", 400},
           {"X-A: b\r\n folded\r\n", 400},
       }) {
    SCOPED_TRACE(c.fields);
    Read read = ReadRequest(start + c.fields + "\r\nhello");
    EXPECT_EQ(read.progress, Progress::kFailed);
    EXPECT_EQ(read.status, c.status) << read.message;
  }
  // The same length twice is one length.
  Read same = ReadRequest(start + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_EQ(same.progress, Progress::kComplete);
  EXPECT_EQ(same.request, start + "Content-Length: 5\r\n\r\nhello");
}

TEST(RequestReaderTest, ControlCharactersAreRefused) {
  for (const std::string& request : {
           std::string("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 37),
           std::string("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n"),
           std::string("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01z\r\n\r\n"),
           std::string("GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 30),
           std::string("GET /index.html%00.js HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET /search?q=%00 HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET /a%0d%0aSet-Cookie: x HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET /a%0D HTTP/1.1\r\nHost: x\r\n\r\n"),
       }) {
    SCOPED_TRACE(request);
    Read read = ReadRequest(request);
    EXPECT_EQ(read.progress, Progress::kFailed);
    EXPECT_EQ(read.status, 400) << read.message;
  }
  // Encoded characters that are not controls, and controls in the query, are the API's.
  EXPECT_EQ(ReadRequest("GET /entities/a%3Ab?q=x%0Ay HTTP/1.1\r\nHost: x\r\n\r\n").progress,
            Progress::kComplete);
}

TEST(RequestReaderTest, RequestLineAndHostRules) {
  EXPECT_EQ(ReadRequest("GET / HTTP/1.1\r\n\r\n").status, 400);  // no Host
  EXPECT_EQ(ReadRequest("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status, 400);
  EXPECT_EQ(ReadRequest("GET / HTTP/1.0\r\n\r\n").progress, Progress::kComplete);
  EXPECT_EQ(ReadRequest("GET / HTTP/2.0\r\nHost: x\r\n\r\n").status, 505);
  EXPECT_EQ(ReadRequest("BREW / HTTP/1.1\r\nHost: x\r\n\r\n").status, 501);
  EXPECT_EQ(ReadRequest("GET  / HTTP/1.1\r\nHost: x\r\n\r\n").status, 400);
  EXPECT_EQ(ReadRequest("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n").status, 400);
  EXPECT_EQ(ReadRequest("GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status,
            400);
  // Empty lines before the request line are skipped; bare LF line ends are taken.
  Read lf = ReadRequest("\r\n\nGET / HTTP/1.1\nHost: x\n\n");
  ASSERT_EQ(lf.progress, Progress::kComplete);
  EXPECT_EQ(lf.request, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
}

TEST(RequestReaderTest, OversizedHeadsAre414And431) {
  EXPECT_EQ(ReadRequest("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n").status,
            414);
  // Still arriving: refused once it is over the limit, without waiting for its end.
  EXPECT_EQ(ReadRequest("GET /" + std::string(9000, 'a')).status, 414);
  std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int field = 0; field < 150; ++field) many += "X-F" + std::to_string(field) + ": v\r\n";
  EXPECT_EQ(ReadRequest(many + "\r\n").status, 431);
  EXPECT_EQ(
      ReadRequest("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'v') + "\r\n\r\n")
          .status,
      431);
  EXPECT_EQ(ReadRequest("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'v')).status,
            431);
}

TEST(RequestReaderTest, ExpectContinueIsAnsweredByTheCaller) {
  RequestReader reader({});
  EXPECT_EQ(reader.Feed("POST /m HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        "Content-Length: 2\r\n\r\n"),
            Progress::kNeedMore);
  EXPECT_TRUE(reader.expects_continue());
  EXPECT_EQ(reader.Feed("{}"), Progress::kComplete);
  EXPECT_FALSE(reader.expects_continue());
  EXPECT_EQ(reader.request(), "POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
}

}  // namespace
}  // namespace cordon::service
