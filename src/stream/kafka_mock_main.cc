// cordon-kafka-mock: librdkafka's mock Kafka cluster on loopback, for tests and benchmarks of
// `cordon stream` that need separate processes (workers, kcat, a consumer) in one cluster.
//
//   cordon-kafka-mock [--brokers 3] [--topic NAME:PARTITIONS]...
//
// Prints the bootstrap servers ("127.0.0.1:40123,127.0.0.1:40125,...") as the first line of
// standard output, flushed, then runs until SIGINT or SIGTERM (or SIGKILL). Topics named with
// --topic are created with that many partitions; others are created on first use with the mock's
// default partition count. Standard input takes one command a line, each answered on standard
// output with "ok" or "error: ...":
//   down ID   take broker ID (1..N) down: its connections close and new ones are refused
//   up ID     bring broker ID back
// The end of standard input ends nothing: the cluster runs on until it is killed, so the tool
// may be started with its input closed.
//
// The mock keeps everything in memory and is not Kafka: it is for tests, never for data.
#include <fmt/format.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr std::string_view kUsage =
    "usage: cordon-kafka-mock [--brokers N] [--topic NAME:PARTITIONS]...\n"
    "  Starts librdkafka's mock cluster of N brokers (default 3) on loopback, prints its\n"
    "  bootstrap servers as the first line of output and runs until killed (SIGINT, SIGTERM).\n"
    "  Commands on standard input, one a line: 'down ID' takes broker ID (1..N) down,\n"
    "  'up ID' brings it back; each is answered 'ok' or 'error: ...'.\n";

struct TopicSpec {
  std::string name;
  int partitions = 0;
};

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
struct ClusterDeleter {
  void operator()(rd_kafka_mock_cluster_t* cluster) const {
    rd_kafka_mock_cluster_destroy(cluster);
  }
};

int UsageError(const std::string& message) {
  std::cerr << "cordon-kafka-mock: " << message << "\n" << kUsage;
  return 2;
}

// The cluster the command reader acts on; null once shutdown has begun, so that a command read
// then is refused rather than run on a destroyed cluster.
std::mutex cluster_mutex;
rd_kafka_mock_cluster_t* live_cluster = nullptr;

// Reads the commands of standard input until it ends; the answers go to standard output.
void ServeCommands(int brokers) {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string verb;
    int broker = 0;
    if (!(words >> verb)) continue;
    std::string answer;
    if ((verb != "down" && verb != "up") || !(words >> broker)) {
      answer = "error: expected 'down ID' or 'up ID'";
    } else if (broker < 1 || broker > brokers) {
      answer = fmt::format("error: no broker {} (1..{})", broker, brokers);
    } else {
      std::lock_guard lock(cluster_mutex);
      if (live_cluster == nullptr) return;
      const rd_kafka_resp_err_t err = verb == "down"
                                          ? rd_kafka_mock_broker_set_down(live_cluster, broker)
                                          : rd_kafka_mock_broker_set_up(live_cluster, broker);
      answer = err ? fmt::format("error: {}", rd_kafka_err2str(err)) : "ok";
    }
    std::cout << answer << std::endl;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int brokers = 3;
  std::vector<TopicSpec> topics;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    const std::string_view arg = argv[arg_idx];
    const bool has_value = arg_idx + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--brokers" && has_value) {
      brokers = std::atoi(argv[++arg_idx]);
      if (brokers < 1 || brokers > 32) return UsageError("--brokers takes 1 to 32");
    } else if (arg == "--topic" && has_value) {
      const std::string spec = argv[++arg_idx];
      const size_t colon = spec.rfind(':');
      TopicSpec topic{spec.substr(0, colon),
                      colon == std::string::npos ? 0 : std::atoi(spec.c_str() + colon + 1)};
      if (topic.name.empty() || topic.partitions < 1) {
        return UsageError("--topic takes NAME:PARTITIONS, not '" + spec + "'");
      }
      topics.push_back(std::move(topic));
    } else {
      return UsageError("unknown argument '" + std::string(arg) + "'");
    }
  }

  // Signals are taken by sigwait in the main thread: blocked before librdkafka starts threads,
  // so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The mock cluster lives in a client handle; a producer that never produces is the lightest.
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "log_level", "3", error, sizeof(error)) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    std::cerr << "cordon-kafka-mock: " << error << "\n";
    return 1;
  }
  std::unique_ptr<rd_kafka_t, HandleDeleter> handle(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error)));
  if (!handle) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new owns the configuration only when it succeeds
    std::cerr << "cordon-kafka-mock: " << error << "\n";
    return 1;
  }
  std::unique_ptr<rd_kafka_mock_cluster_t, ClusterDeleter> cluster(
      rd_kafka_mock_cluster_new(handle.get(), brokers));
  if (!cluster) {
    std::cerr << "cordon-kafka-mock: the mock cluster could not be created\n";
    return 1;
  }
  for (const TopicSpec& topic : topics) {
    // Replicated on up to three brokers, as a real cluster's topics would be.
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(
        cluster.get(), topic.name.c_str(), topic.partitions, std::min(brokers, 3));
    if (err) {
      std::cerr << "cordon-kafka-mock: topic " << topic.name << ": " << rd_kafka_err2str(err)
                << "\n";
      return 1;
    }
  }
  std::cout << rd_kafka_mock_cluster_bootstraps(cluster.get()) << std::endl;
  std::cerr << fmt::format("cordon-kafka-mock: {} brokers; 'down ID' / 'up ID' on stdin\n",
                           brokers);

  // The command reader may block in getline forever; it is detached and ends with the process.
  live_cluster = cluster.get();
  std::thread(ServeCommands, brokers).detach();
  int signal = 0;
  sigwait(&signals, &signal);
  // The cluster before its handle; std::cin's reader thread is left blocked and dies with exit.
  {
    std::lock_guard lock(cluster_mutex);
    live_cluster = nullptr;
  }
  cluster.reset();
  handle.reset();
  std::fflush(stdout);
  std::_Exit(0);
}
