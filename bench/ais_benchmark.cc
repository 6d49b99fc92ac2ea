// AIS decoding speed: maritime/ais.h against Debian's gpsdecode (gpsd-clients) on the same file,
// in the same run, both on one core.
//
//   build/release/bench/ais_benchmark                            # 10M sentences, both decoders
//   build/release/bench/ais_benchmark --sentences=1000000 --no_gpsdecode
//
// The input is every AIS sentence line (with its tag block or receiver timestamp) of the gpsd,
// libais and aisdb logs in shared/data/ais, in file order so multi-sentence groups stay whole,
// repeated until the file holds at least --sentences sentences. It is written to a temporary
// file that both decoders read.
//
// cordon is timed three ways, each the best of --repeat runs on a fresh decoder: reading the
// file into memory; decoding it (AisDecoder::DecodeAll, messages consumed but not printed);
// decoding and printing gpsd JSON for every message to /dev/null, which is the work gpsdecode
// does. gpsdecode runs once as `gpsdecode < file > /dev/null` (stderr to /dev/null too: it logs
// every payload it rejects); its wall time is measured around fork/exec/wait and its CPU time is
// the child's user + system time from wait4. The process and gpsdecode are pinned to the core
// the benchmark starts on. gpsdecode's message count is its output lines for one copy of the
// input times the number of copies.
//
// Flags:
//   --sentences=N     sentences in the input (default 10000000)
//   --repeat=N        runs of each cordon measurement, the best is reported (default 3)
//   --data=DIR        the shared AIS data (default CORDON_SHARED_DATA/ais)
//   --gpsdecode=PATH  the gpsdecode to run (default: gpsdecode on PATH)
//   --no_gpsdecode    time cordon only
//   --keep            keep the input file and print its path
#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_support.h"
#include "maritime/ais.h"

namespace {

using namespace cordon;
using namespace cordon::bench;
using maritime::AisDecoder;
using maritime::AisMessage;

struct Flags {
  size_t sentences = 10'000'000;
  int repeat = 3;
  std::string data = std::string(CORDON_SHARED_DATA) + "/ais";
  std::string gpsdecode = "gpsdecode";
  bool run_gpsdecode = true;
  bool keep = false;
};

[[noreturn]] void Die(const std::string& what) {
  fmt::print(stderr, "ais_benchmark: {}\n", what);
  std::exit(2);
}

// "--name=value": true and *value set when `arg` is that flag.
bool FlagValue(std::string_view arg, std::string_view name, std::string_view* value) {
  if (arg.substr(0, name.size()) != name) return false;
  *value = arg.substr(name.size());
  return true;
}

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string_view v;
    if (FlagValue(arg, "--sentences=", &v)) {
      flags.sentences = std::strtoull(std::string(v).c_str(), nullptr, 10);
    } else if (FlagValue(arg, "--repeat=", &v)) {
      flags.repeat = std::max(1, std::atoi(std::string(v).c_str()));
    } else if (FlagValue(arg, "--data=", &v)) {
      flags.data = v;
    } else if (FlagValue(arg, "--gpsdecode=", &v)) {
      flags.gpsdecode = v;
    } else if (arg == "--no_gpsdecode") {
      flags.run_gpsdecode = false;
    } else if (arg == "--keep") {
      flags.keep = true;
    } else {
      Die(fmt::format("unknown flag {} (see bench/ais_benchmark.cc)", arg));
    }
  }
  if (flags.sentences == 0) Die("--sentences must be positive");
  return flags;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) Die("cannot read " + path);
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    Die("cannot read " + path);
  return bytes;
}

// The sentence lines of the sample logs: lines with "!xxVDM"/"!xxVDO" that are not comments,
// tag blocks and receiver timestamps kept, CR removed.
std::string SentenceLines(const std::string& dir, size_t* sentences, size_t* files) {
  static const char* kFiles[] = {
      "gpsd/sample.aivdm",         "gpsd/ais-18-27.log",
      "gpsd/ais-raw-messages.log", "gpsd/ais_unpack_sixbit.log",
      "libais/test.aivdm",         "libais/typeexamples.nmea",
      "libais/tagblock.nmea",      "aisdb/test_data_20211101.nm4",
  };
  std::string out;
  for (const char* name : kFiles) {
    const std::string text = Slurp(dir + "/" + name);
    ++*files;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line(text.data() + pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const size_t bang = line.find('!');
      if (line.empty() || line[0] == '#' || bang == std::string_view::npos ||
          line.size() < bang + 6 || line.substr(bang + 3, 2) != "VD") {
        continue;
      }
      out.append(line);
      out.push_back('\n');
      ++*sentences;
    }
  }
  return out;
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double wall = 1e300, cpu = 1e300;
  void Keep(double w, double c) {
    if (w < wall) {
      wall = w;
      cpu = c;
    }
  }
};

std::string Rate(double count, double seconds) {
  return fmt::format("{}/s", Count(static_cast<size_t>(count / seconds)));
}

std::string Secs(double s) { return fmt::format("{:.3f} s", s); }

struct ChildRun {
  double wall = 0, cpu = 0;
  int status = 0;
};

// Runs `argv` with stdin from `in`, stdout to `out` (or /dev/null) and stderr to /dev/null.
ChildRun RunChild(const std::vector<std::string>& args, const std::string& in,
                  const std::string& out) {
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) Die("fork failed");
  if (pid == 0) {
    const int in_fd = open(in.c_str(), O_RDONLY);
    const int out_fd = out.empty() ? open("/dev/null", O_WRONLY)
                                   : open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null_fd = open("/dev/null", O_WRONLY);
    if (in_fd < 0 || out_fd < 0 || null_fd < 0) _exit(126);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(null_fd, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  ChildRun run;
  rusage usage{};
  if (wait4(pid, &run.status, 0, &usage) < 0) Die("wait4 failed");
  run.wall = Seconds(Clock::now() - start);
  run.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
  return run;
}

std::string TempFile(const char* tag) {
  std::string path = fmt::format("/tmp/cordon-ais-bench-{}-XXXXXX", tag);
  const int fd = mkstemp(path.data());
  if (fd < 0) Die("mkstemp failed");
  close(fd);
  return path;
}

void WriteFile(const std::string& path, const std::string& chunk, size_t copies) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) Die("cannot write " + path);
  for (size_t i = 0; i < copies; ++i) {
    if (std::fwrite(chunk.data(), 1, chunk.size(), f) != chunk.size()) Die("write failed");
  }
  if (std::fclose(f) != 0) Die("write failed");
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  FigureTable figures("ais_benchmark", /*echo=*/true);

  // One core for us and for gpsdecode (the child inherits the mask).
  const int cpu = sched_getcpu();
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) Die("sched_setaffinity failed");

  size_t base_sentences = 0, files = 0;
  const std::string base = SentenceLines(flags.data, &base_sentences, &files);
  if (base_sentences == 0) Die("no sentences under " + flags.data);
  const size_t copies = (flags.sentences + base_sentences - 1) / base_sentences;
  const size_t sentences = copies * base_sentences;
  const std::string input_path = TempFile("input");
  WriteFile(input_path, base, copies);

  figures.Add("input", "pinned to core", std::to_string(cpu));
  figures.Add("input", "sample files", std::to_string(files));
  figures.Add("input", "sentences per copy", Count(base_sentences));
  figures.Add("input", "copies", Count(copies));
  figures.Add("input", "sentences", Count(sentences));
  figures.Add("input", "file size", MiB(static_cast<double>(base.size() * copies) / (1 << 20)));

  // cordon: read, decode, decode + JSON.
  Timing read_time, decode_time, json_time;
  std::string text;
  for (int r = 0; r < flags.repeat; ++r) {
    text.clear();
    text.shrink_to_fit();
    const auto start = Clock::now();
    const double cpu0 = CpuSeconds();
    text = Slurp(input_path);
    read_time.Keep(Seconds(Clock::now() - start), CpuSeconds() - cpu0);
  }
  maritime::AisStats stats;
  uint64_t fold = 0;  // keeps the decoded fields alive
  for (int r = 0; r < flags.repeat; ++r) {
    AisDecoder decoder;
    const auto start = Clock::now();
    const double cpu0 = CpuSeconds();
    decoder.DecodeAll(text, [&fold](const AisMessage& m) { fold += m.mmsi ^ m.lat; });
    decoder.Finish();
    decode_time.Keep(Seconds(Clock::now() - start), CpuSeconds() - cpu0);
    stats = decoder.stats();
  }
  const int null_fd = open("/dev/null", O_WRONLY);
  for (int r = 0; r < flags.repeat; ++r) {
    AisDecoder decoder;
    std::string json;
    json.reserve(1 << 20);
    const auto start = Clock::now();
    const double cpu0 = CpuSeconds();
    decoder.DecodeAll(text, [&](const AisMessage& m) {
      maritime::AppendGpsdJson(m, &json, {.device = "stdin"});
      json.push_back('\n');
      if (json.size() > (1 << 20) - 4096) {
        fold += static_cast<uint64_t>(write(null_fd, json.data(), json.size()));
        json.clear();
      }
    });
    fold += static_cast<uint64_t>(write(null_fd, json.data(), json.size()));
    decoder.Finish();
    json_time.Keep(Seconds(Clock::now() - start), CpuSeconds() - cpu0);
  }
  close(null_fd);
  const double messages = static_cast<double>(stats.messages);

  figures.Add("cordon", "decoder counts", stats.Summary());
  figures.Add("cordon", "read file (wall)", Secs(read_time.wall));
  figures.Add("cordon", "decode (wall / CPU)",
              fmt::format("{} / {}", Secs(decode_time.wall), Secs(decode_time.cpu)));
  figures.Add("cordon", "decode: sentences/s (CPU)",
              Rate(static_cast<double>(sentences), decode_time.cpu));
  figures.Add("cordon", "decode: messages/s (CPU)", Rate(messages, decode_time.cpu));
  figures.Add("cordon", "decode + gpsd JSON (wall / CPU)",
              fmt::format("{} / {}", Secs(json_time.wall), Secs(json_time.cpu)));
  figures.Add("cordon", "decode + JSON: messages/s (CPU)", Rate(messages, json_time.cpu));
  figures.Add("cordon", "ns per sentence (decode, CPU)",
              fmt::format("{:.1f}", decode_time.cpu * 1e9 / static_cast<double>(sentences)));

  if (flags.run_gpsdecode) {
    // Its own message count, from one copy of the input.
    const std::string one_copy = TempFile("one"), one_out = TempFile("out");
    WriteFile(one_copy, base, 1);
    const ChildRun probe = RunChild({flags.gpsdecode}, one_copy, one_out);
    if (!WIFEXITED(probe.status) || WEXITSTATUS(probe.status) != 0) {
      Die(fmt::format("{} did not run (exit status {}): apt-get install -y gpsd-clients",
                      flags.gpsdecode, WIFEXITED(probe.status) ? WEXITSTATUS(probe.status) : -1));
    }
    const std::string printed = Slurp(one_out);
    const auto per_copy = static_cast<size_t>(std::count(printed.begin(), printed.end(), '\n'));
    std::remove(one_copy.c_str());
    std::remove(one_out.c_str());

    const ChildRun run = RunChild({flags.gpsdecode}, input_path, "");
    const double gpsd_messages = static_cast<double>(per_copy * copies);
    figures.Add("gpsdecode", "command", fmt::format("{} < input > /dev/null", flags.gpsdecode));
    figures.Add("gpsdecode", "messages printed",
                fmt::format("{} ({} per copy)", Count(per_copy * copies), Count(per_copy)));
    figures.Add("gpsdecode", "wall / CPU (user+sys)",
                fmt::format("{} / {}", Secs(run.wall), Secs(run.cpu)));
    figures.Add("gpsdecode", "sentences/s (CPU)", Rate(static_cast<double>(sentences), run.cpu));
    figures.Add("gpsdecode", "messages/s (CPU)", Rate(gpsd_messages, run.cpu));

    const double ours = messages / decode_time.cpu, theirs = gpsd_messages / run.cpu;
    figures.Add("ratio", "messages/s, decode vs gpsdecode (CPU)",
                fmt::format("{:.1f}x", ours / theirs));
    figures.Add("ratio", "messages/s, decode vs gpsdecode (wall)",
                fmt::format("{:.1f}x", (messages / decode_time.wall) / (gpsd_messages / run.wall)));
    figures.Add("ratio", "sentences/s, decode vs gpsdecode (CPU)",
                fmt::format("{:.1f}x", run.cpu / decode_time.cpu));
    figures.Add("ratio", "messages/s, decode + JSON vs gpsdecode (CPU)",
                fmt::format("{:.1f}x", (messages / json_time.cpu) / theirs));
  }
  if (flags.keep) {
    figures.Add("input", "kept at", input_path);
  } else {
    std::remove(input_path.c_str());
  }
  figures.Print(PeakRssMiB());
  // The decoded fields must be observable, or the decode could be optimised away.
  asm volatile("" : : "g"(fold) : "memory");
  return 0;
}
