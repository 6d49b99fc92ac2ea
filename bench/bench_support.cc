#include "bench/bench_support.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace cordon::bench {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double RssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return 0;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string Us(double micros) {
  return micros >= 1000 ? fmt::format("{:.2f} ms", micros / 1000)
                        : fmt::format("{:.1f} µs", micros);
}

std::string MiB(double mib) { return fmt::format("{:.1f} MiB", mib); }

std::string Count(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void FigureTable::Add(const std::string& section, const std::string& name,
                      const std::string& value) {
  figures_.push_back({section, name, value});
  if (echo_) fmt::print(stderr, "[{}] {}: {}\n", section, name, value);
}

void FigureTable::Print(double peak_mib) const {
  size_t width = 0;
  for (const Figure& fig : figures_) width = std::max(width, fig.name.size());
  fmt::print("\n==== {} figures ====\n", title_);
  std::ifstream loadavg_file("/proc/loadavg");
  std::string loadavg;
  std::getline(loadavg_file, loadavg);
  fmt::print("machine: {} hardware threads, load average {}{}\n",
             std::thread::hardware_concurrency(), loadavg.substr(0, loadavg.find(' ', 10)),
             peak_mib > 0 ? fmt::format("; process peak RSS {}", MiB(peak_mib)) : "");
  std::string section;
  for (const Figure& fig : figures_) {
    if (fig.section != section) {
      section = fig.section;
      fmt::print("\n{}\n", section);
    }
    fmt::print("  {:<{}}  {}\n", fig.name, width, fig.value);
  }
  fmt::print("\n");
}

}  // namespace cordon::bench
