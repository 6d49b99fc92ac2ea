// service/http_front.h: the connection layer of `cordon serve`, under httplib's routing.
//
//   HttpFront http;                       // an httplib::Server: add routes as usual
//   http.Get("/healthz", handler);
//   http.bind_to_port("127.0.0.1", 8080);
//   http.StartConnections({.workers = 128, .max_body = 1 << 20});
//   std::thread([&] { http.listen_after_bind(); });
//   ...
//   http.stop();
//   http.StopConnections();
//
// httplib (Debian 12's 0.11.4) gives each connection a thread from accept to close, reads the
// head with a per-read timeout only, and parses leniently. So 135 clients sending a header line
// a second held all 128 threads, a chunked body had no size limit, and ambiguous framing was
// accepted. HttpFront keeps httplib's routing and response writing and replaces what is under
// it:
// - One thread reads every connection that is waiting for a request (poll(2)), through a
//   RequestReader (service/request_reader.h), which refuses ambiguous or oversized requests.
//   The whole head must arrive within `head_timeout` of its first byte (408 after), the body
//   within `body_timeout` of the head, and an idle keep-alive connection is closed after
//   `keep_alive_timeout`. A connection holds no worker while it waits, so slow clients cost a
//   socket and a buffer, not a thread.
// - `workers` threads serve complete requests (httplib's routing, on the request as read), and
//   hand the connection back for the next one. Pipelined requests are answered in order. A
//   client that half-closes after its request (shutdown(SHUT_WR)) still gets its answer; the
//   connection is closed after it.
// - At most `max_connections` connections are open at once; one over that is answered 503.
//
// Thread safety: the httplib::Server calls from one thread, as httplib requires; the layer's
// own threads do the rest.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "service/request_reader.h"

namespace cordon::service {

// The JSON error body of every error answer:
// {"error":{"status":413,"code":"payload_too_large","message":"..."}}.
std::string ErrorBody(int status, std::string_view code, std::string_view message);
// The error code of an HTTP error status ("invalid_argument" for 400, "uri_too_long" for 414,
// ...; "error" for a status with none).
std::string_view ErrorCode(int status);

class HttpFront : public httplib::Server {
 public:
  struct ConnectionOptions {
    size_t workers = 128;
    size_t max_body = size_t{1} << 20;
    std::chrono::milliseconds head_timeout{10000};
    std::chrono::milliseconds body_timeout{30000};
    std::chrono::milliseconds keep_alive_timeout{5000};
    std::chrono::milliseconds write_timeout{10000};
    size_t max_connections = 10000;  // lowered to what RLIMIT_NOFILE allows
    // Called for each request refused below the routes (status 400, 408, 413, ...).
    std::function<void(int status)> on_refused = nullptr;
  };

  HttpFront();
  ~HttpFront() override;  // StopConnections()

  // Starts the reader and the workers. REQUIRES: before listen_after_bind(); once.
  void StartConnections(ConnectionOptions options);
  // After stop(): requests being served finish (answered with "Connection: close"), waiting
  // connections are closed, the threads are joined. Idempotent.
  void StopConnections();

 private:
  struct Connection;

  // httplib calls this on its accept thread for each new connection (through a task queue
  // that runs it at once): the connection goes to the reader.
  bool process_and_close_socket(socket_t sock) override;

  void ReadLoop();
  void WorkLoop();
  // Reader thread: reads what `connection` has; false once it is finished with (closed or
  // dispatched).
  bool ReadFrom(Connection& connection);
  // Reader thread: acts on the reader's progress; true if the connection stays with the reader.
  bool Advance(std::unique_ptr<Connection>& connection);
  void Refuse(Connection& connection, int status, const std::string& message);
  void Close(std::unique_ptr<Connection> connection);
  void Wake();

  ConnectionOptions options_;
  RequestReader::Limits limits_;
  std::mutex mutex_;
  std::condition_variable work_;
  std::deque<std::unique_ptr<Connection>> arrived_;  // new or back from a worker: for the reader
  std::deque<std::unique_ptr<Connection>> ready_;    // complete requests: for the workers
  size_t open_ = 0;                                  // connections open
  bool started_ = false;
  bool stopping_ = false;
  int wake_fd_ = -1;  // eventfd: wakes the reader's poll
  std::thread reader_;
  std::vector<std::thread> workers_;
};

}  // namespace cordon::service
