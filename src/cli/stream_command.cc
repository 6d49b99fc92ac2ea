// `cordon stream --brokers HOST:PORT --group G --input-topic T --output-topic R
//                [--alerts-topic A] [--threshold T] [--metrics-port P] [--metrics-bind ADDR]
//                [--kafka-config KEY=VALUE]... [--store-poll SECONDS]`:
// screening as a Kafka consumer group member (stream/stream.h), until SIGINT or SIGTERM, after
// which it commits what was acknowledged and leaves the group.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <signal.h>

#include <atomic>
#include <cmath>
#include <ctime>

#include "cli/commands.h"
#include "stream/stream.h"

namespace cordon::cli {
namespace {

class StreamCommand : public Command {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand(
        "stream", "screen a Kafka topic of customers, payments and shipments, as a group member");
    stream::StreamOptions& o = options_;
    cmd->add_option("--brokers", o.brokers, "Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]")
        ->required();
    cmd->add_option("--group", o.group, "consumer group id (the workers that share the input)")
        ->required();
    cmd->add_option("--input-topic", o.input_topic, "topic of records to screen")->required();
    cmd->add_option("--output-topic", o.output_topic, "topic the results go to")->required();
    cmd->add_option("--alerts-topic", o.alerts_topic,
                    "topic that also gets every result with a match or a high or medium risk");
    cmd->add_option("--threshold", o.threshold, "lowest score reported (default 0.70)");
    cmd->add_option("--metrics-port", metrics_port_,
                    "serve Prometheus /metrics on this port (0: a free one)");
    cmd->add_option("--metrics-bind", o.metrics_bind,
                    "address /metrics listens on (default 127.0.0.1)");
    cmd->add_option("--kafka-config", kafka_config_,
                    "librdkafka property KEY=VALUE for the consumer and producer (repeatable): "
                    "security.protocol, sasl.*, session.timeout.ms, ...");
    cmd->add_option("--store-poll", store_poll_seconds_,
                    "seconds between checks of the store for new list versions (default 5)");
    cmd->add_option("--report", report_seconds_,
                    "seconds between progress lines on standard error (default 10)");
    return cmd;
  }

  Status Check(const SharedOptions& shared) override {
    options_.db_path = shared.db;
    if (!std::isfinite(options_.threshold) || options_.threshold < 0 || options_.threshold > 1) {
      return InvalidArgumentError(
          fmt::format("--threshold {} is not between 0 and 1", options_.threshold));
    }
    if (metrics_port_ < -1 || metrics_port_ > 65535) {
      return InvalidArgumentError(fmt::format("--metrics-port {} is not a port", metrics_port_));
    }
    if (metrics_port_ >= 0) options_.metrics_port = metrics_port_;
    for (const std::string& property : kafka_config_) {
      const size_t equals = property.find('=');
      if (equals == std::string::npos || equals == 0) {
        return InvalidArgumentError("--kafka-config takes KEY=VALUE, not '" + property + "'");
      }
      options_.kafka_config.emplace_back(property.substr(0, equals), property.substr(equals + 1));
    }
    if (!(store_poll_seconds_ > 0) || !(report_seconds_ > 0)) {
      return InvalidArgumentError("--store-poll and --report take a number of seconds above 0");
    }
    options_.store_poll_interval =
        std::chrono::milliseconds(static_cast<int64_t>(store_poll_seconds_ * 1000));
    options_.report_interval =
        std::chrono::milliseconds(static_cast<int64_t>(report_seconds_ * 1000));
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  stream::StreamOptions options_;
  int metrics_port_ = -1;
  std::vector<std::string> kafka_config_;
  double store_poll_seconds_ = 5, report_seconds_ = 10;
};

Status StreamCommand::Run(const SharedOptions&, CommandIo& io) {
  // The signals are blocked before librdkafka's and the metrics server's threads start, so that
  // they inherit the mask, and taken between records by sigtimedwait: a record is never cut
  // short.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  options_.log = &io.err;
  Result<std::unique_ptr<stream::Worker>> worker = stream::Worker::Start(options_);
  if (!worker.ok()) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return worker.status();
  }
  if ((*worker)->metrics_port() > 0) {
    fmt::print(io.err, "cordon stream: metrics on http://{}:{}/metrics\n", options_.metrics_bind,
               (*worker)->metrics_port());
    io.err.flush();
  }
  int received = 0;
  Status ran = (*worker)->Run([&] {
    const timespec now{0, 0};
    const int signal = sigtimedwait(&signals, nullptr, &now);
    if (signal > 0) {
      received = signal;
      fmt::print(io.err, "cordon stream: {} received, committing and leaving the group\n",
                 signal == SIGINT ? "SIGINT" : "SIGTERM");
      io.err.flush();
    }
    return received != 0;
  });
  worker->reset();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return ran;
}

}  // namespace

std::unique_ptr<Command> MakeStreamCommand() { return std::make_unique<StreamCommand>(); }

}  // namespace cordon::cli
