#include "service/http_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <nlohmann/json.hpp>

namespace cordon::service {
namespace {

using Clock = std::chrono::steady_clock;

// httplib takes the task queue it is given and deletes it when it stops, hence the raw new in
// the constructor. The queue runs each task at once, on httplib's accept thread: the task only
// hands the new connection to the reader.
class InlineQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
  }
  return "Error";
}

std::string_view RefusalMessage(int status) {
  return status == 408 ? "the request did not arrive in time"
                       : "the server is at its connection limit";
}

// The address of a socket's end, as text and port.
void Address(int fd, bool peer, std::string* ip, int* port) {
  sockaddr_storage address{};
  socklen_t size = sizeof(address);
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? getpeername(fd, raw, &size) : getsockname(fd, raw, &size)) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text));
    *port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
    *port = ntohs(v6->sin6_port);
  }
  *ip = text;
}

// Best effort, without blocking: for short answers on a connection about to close.
void SendNow(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

std::string RefusalResponse(int status, std::string_view message) {
  const std::string body = ErrorBody(status, ErrorCode(status), message);
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n"
      "Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n{}",
      status, ReasonPhrase(status), body.size(), body);
}

}  // namespace

std::string ErrorBody(int status, std::string_view code, std::string_view message) {
  nlohmann::ordered_json j;
  j["error"] = {{"status", status}, {"code", code}, {"message", message}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string_view ErrorCode(int status) {
  switch (status) {
    case 400:
      return "invalid_argument";
    case 401:
      return "unauthorized";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "request_timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 416:
      return "range_not_satisfiable";
    case 429:
      return "rate_limited";
    case 431:
      return "header_fields_too_large";
    case 500:
      return "internal";
    case 501:
      return "not_implemented";
    case 503:
      return "unavailable";
    case 505:
      return "http_version_not_supported";
  }
  return "error";
}

struct HttpFront::Connection {
  int fd = -1;
  std::string remote_ip, local_ip;
  int remote_port = 0, local_port = 0;
  std::unique_ptr<RequestReader> reader;
  Clock::time_point deadline;
  bool head_clock = false;  // the deadline counts from the head's first byte
  bool body_clock = false;  // ... from the head's end
  bool continue_sent = false;
  bool peer_closed = false;  // the client shut its side (EOF read)
  bool draining = false;     // answered and shut: discarding what the client still sends
  size_t drained = 0;
};

namespace {

// The stream httplib serves one request on: the request as the reader normalised it, and the
// socket to write the answer to.
class RequestStream : public httplib::Stream {
 public:
  RequestStream(int fd, const std::string& request, std::chrono::milliseconds write_timeout,
                const std::string& remote_ip, int remote_port, const std::string& local_ip,
                int local_port)
      : fd_(fd),
        request_(request),
        write_timeout_(write_timeout),
        remote_ip_(remote_ip),
        remote_port_(remote_port),
        local_ip_(local_ip),
        local_port_(local_port) {}

  bool is_readable() const override { return pos_ < request_.size(); }
  // A client that shut only its sending side is still writable (its answer must reach it).
  bool is_writable() const override {
    pollfd p{fd_, POLLOUT, 0};
    return poll(&p, 1, static_cast<int>(write_timeout_.count())) > 0 && (p.revents & POLLOUT) &&
           !(p.revents & (POLLERR | POLLHUP));
  }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, request_.size() - pos_);
    std::copy_n(request_.data() + pos_, n, ptr);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    const Clock::time_point deadline = Clock::now() + write_timeout_;
    size_t done = 0;
    while (done < size) {
      const ssize_t n = send(fd_, ptr + done, size - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd p{fd_, POLLOUT, 0};
        if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) return -1;
        continue;
      }
      return -1;
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = remote_ip_;
    port = remote_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_ip_;
    port = local_port_;
  }
  socket_t socket() const override { return fd_; }

 private:
  const int fd_;
  const std::string& request_;
  const std::chrono::milliseconds write_timeout_;
  const std::string& remote_ip_;
  const int remote_port_;
  const std::string& local_ip_;
  const int local_port_;
  size_t pos_ = 0;
};

}  // namespace

HttpFront::HttpFront() {
  new_task_queue = [] { return new InlineQueue(); };
}

HttpFront::~HttpFront() { StopConnections(); }

void HttpFront::StartConnections(ConnectionOptions options) {
  options_ = std::move(options);
  options_.workers = std::max<size_t>(options_.workers, 1);
  limits_.max_body = options_.max_body;
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    // Leave descriptors for the store, the audit log and the listening socket.
    const size_t allowed = files.rlim_cur > 128 ? static_cast<size_t>(files.rlim_cur) - 128 : 16;
    options_.max_connections = std::min(options_.max_connections, allowed);
  }
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  std::lock_guard lock(mutex_);
  started_ = true;
  reader_ = std::thread([this] { ReadLoop(); });
  for (size_t worker_idx = 0; worker_idx < options_.workers; ++worker_idx) {
    workers_.emplace_back([this] { WorkLoop(); });
  }
}

void HttpFront::StopConnections() {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || stopping_) return;
    stopping_ = true;
  }
  work_.notify_all();
  Wake();
  if (reader_.joinable()) reader_.join();
  for (std::thread& worker : workers_) worker.join();
  // What the reader dispatched or the workers handed back as they stopped.
  std::deque<std::unique_ptr<Connection>> left;
  {
    std::lock_guard lock(mutex_);
    left.swap(arrived_);
    for (std::unique_ptr<Connection>& connection : ready_) left.push_back(std::move(connection));
    ready_.clear();
  }
  for (std::unique_ptr<Connection>& connection : left) Close(std::move(connection));
  if (wake_fd_ >= 0) close(wake_fd_);
  wake_fd_ = -1;
}

void HttpFront::Wake() {
  const uint64_t one = 1;
  if (wake_fd_ >= 0) (void)!::write(wake_fd_, &one, sizeof(one));
}

bool HttpFront::process_and_close_socket(socket_t sock) {
  {
    std::unique_lock lock(mutex_);
    if (!started_ || stopping_) {
      close(sock);
      return true;
    }
    if (open_ >= options_.max_connections) {
      lock.unlock();
      SendNow(sock, RefusalResponse(503, RefusalMessage(503)));
      close(sock);
      if (options_.on_refused) options_.on_refused(503);
      return true;
    }
    ++open_;
  }
  auto connection = std::make_unique<Connection>();
  connection->fd = sock;
  fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK);
  const int on = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  Address(sock, /*peer=*/true, &connection->remote_ip, &connection->remote_port);
  Address(sock, /*peer=*/false, &connection->local_ip, &connection->local_port);
  connection->reader = std::make_unique<RequestReader>(limits_);
  // The first byte, like the rest of the head, within head_timeout.
  connection->deadline = Clock::now() + options_.head_timeout;
  {
    std::lock_guard lock(mutex_);
    arrived_.push_back(std::move(connection));
  }
  Wake();
  return true;
}

void HttpFront::Close(std::unique_ptr<Connection> connection) {
  if (!connection) return;
  close(connection->fd);
  std::lock_guard lock(mutex_);
  --open_;
}

void HttpFront::Refuse(Connection& connection, int status, const std::string& message) {
  SendNow(connection.fd, RefusalResponse(status, message));
  // Shut our side and read what the client still sends for a moment before closing: closing
  // with unread bytes resets the connection, which can destroy the answer before it is read.
  shutdown(connection.fd, SHUT_WR);
  connection.draining = true;
  connection.deadline = Clock::now() + std::chrono::seconds(2);
  if (options_.on_refused) options_.on_refused(status);
}

bool HttpFront::Advance(std::unique_ptr<Connection>& connection) {
  Connection& c = *connection;
  if (c.draining) return true;
  const RequestReader::Progress progress = c.reader->Feed("");
  if (progress == RequestReader::Progress::kComplete) {
    {
      std::lock_guard lock(mutex_);
      ready_.push_back(std::move(connection));
    }
    work_.notify_one();
    return false;
  }
  if (progress == RequestReader::Progress::kFailed) {
    Refuse(c, c.reader->error_status(), c.reader->error_message());
    return true;
  }
  if (c.peer_closed) {  // gone before its request was whole
    Close(std::move(connection));
    return false;
  }
  const Clock::time_point now = Clock::now();
  if (c.reader->started() && !c.head_clock) {
    c.head_clock = true;
    c.deadline = now + options_.head_timeout;
  }
  if (c.reader->head_complete() && !c.body_clock) {
    c.body_clock = true;
    c.deadline = now + options_.body_timeout;
  }
  if (c.reader->expects_continue() && !c.continue_sent) {
    c.continue_sent = true;
    SendNow(c.fd, "HTTP/1.1 100 Continue\r\n\r\n");
  }
  return true;
}

bool HttpFront::ReadFrom(Connection& c) {
  // Bounded per wake, so that one fast client does not starve the others.
  constexpr size_t kMaxPerWake = 256 * 1024;
  constexpr size_t kMaxDrained = 1 << 20;
  char buffer[64 * 1024];
  size_t total = 0;
  while (total < kMaxPerWake) {
    const ssize_t n = recv(c.fd, buffer, sizeof(buffer), 0);
    if (n > 0) {
      total += static_cast<size_t>(n);
      if (c.draining) {
        c.drained += static_cast<size_t>(n);
        if (c.drained > kMaxDrained) return false;
        continue;
      }
      const RequestReader::Progress progress =
          c.reader->Feed(std::string_view(buffer, static_cast<size_t>(n)));
      if (progress != RequestReader::Progress::kNeedMore) break;
      continue;
    }
    if (n == 0) {
      c.peer_closed = true;
      break;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    return false;  // reset
  }
  return !(c.draining && c.peer_closed);
}

void HttpFront::ReadLoop() {
  std::vector<std::unique_ptr<Connection>> waiting;
  std::vector<pollfd> polled;
  while (true) {
    std::deque<std::unique_ptr<Connection>> arrived;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      arrived.swap(arrived_);
    }
    // A connection back from a worker may hold a whole pipelined request already.
    for (std::unique_ptr<Connection>& connection : arrived) {
      if (Advance(connection)) waiting.push_back(std::move(connection));
    }
    polled.assign(1, pollfd{wake_fd_, POLLIN, 0});
    Clock::time_point next = Clock::now() + std::chrono::seconds(60);
    for (const std::unique_ptr<Connection>& connection : waiting) {
      polled.push_back(pollfd{connection->fd, POLLIN, 0});
      next = std::min(next, connection->deadline);
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - Clock::now());
    const int ready =
        poll(polled.data(), polled.size(), static_cast<int>(std::max<int64_t>(wait.count(), 0)));
    if (ready < 0 && errno != EINTR) break;
    if (polled[0].revents & POLLIN) {
      uint64_t count = 0;
      (void)!::read(wake_fd_, &count, sizeof(count));
    }
    const Clock::time_point now = Clock::now();
    std::vector<std::unique_ptr<Connection>> still;
    still.reserve(waiting.size());
    for (size_t conn_idx = 0; conn_idx < waiting.size(); ++conn_idx) {
      std::unique_ptr<Connection>& connection = waiting[conn_idx];
      if (polled[conn_idx + 1].revents != 0) {
        if (!ReadFrom(*connection)) {
          Close(std::move(connection));
          continue;
        }
        if (!Advance(connection)) continue;  // dispatched or closed
      }
      if (now >= connection->deadline) {
        if (connection->draining || !connection->reader->started()) {
          Close(std::move(connection));  // done draining, or an idle keep-alive connection
          continue;
        }
        Refuse(*connection, 408, std::string(RefusalMessage(408)));
      }
      still.push_back(std::move(connection));
    }
    waiting.swap(still);
  }
  for (std::unique_ptr<Connection>& connection : waiting) Close(std::move(connection));
}

void HttpFront::WorkLoop() {
  while (true) {
    std::unique_ptr<Connection> connection;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
      if (ready_.empty()) return;  // stopping, and every request taken is served
      connection = std::move(ready_.front());
      ready_.pop_front();
      stopping = stopping_;
    }
    Connection& c = *connection;
    RequestStream stream(c.fd, c.reader->request(), options_.write_timeout, c.remote_ip,
                         c.remote_port, c.local_ip, c.local_port);
    // A half-closed client gets its answer, then the connection closes.
    const bool close_after = c.peer_closed || stopping;
    bool client_closes = false;
    const bool served = process_request(stream, close_after, client_closes, nullptr);
    if (!served || close_after || client_closes) {
      shutdown(c.fd, SHUT_WR);
      if (!served || c.peer_closed || stopping) {
        Close(std::move(connection));
        continue;
      }
      c.draining = true;
      c.deadline = Clock::now() + std::chrono::seconds(1);
    } else {
      c.reader = std::make_unique<RequestReader>(limits_, c.reader->TakeLeftover());
      c.deadline = Clock::now() + options_.keep_alive_timeout;
      c.head_clock = c.body_clock = c.continue_sent = false;
    }
    {
      std::unique_lock lock(mutex_);
      if (!stopping_) {
        arrived_.push_back(std::move(connection));
        lock.unlock();
        Wake();
        continue;
      }
    }
    Close(std::move(connection));
  }
}

}  // namespace cordon::service
