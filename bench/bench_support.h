// bench/bench_support.h: what every cordon benchmark prints its figures with.
//
//   FigureTable figures("match_benchmark");
//   figures.Add("index", "build time", fmt::format("{:.2f} s", seconds));
//   figures.Add("index", "memory", MiB(PeakRssMiB()));
//   figures.Print();  // one aligned table per section, with the machine's load average
//
// Timings on a shared machine mean little without the load they were taken under, so the
// table always starts with it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace cordon::bench {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d);
double Micros(Clock::duration d);

double RssMiB();      // current resident set (VmRSS)
double PeakRssMiB();  // getrusage's ru_maxrss

std::string Us(double micros);  // "72.5 µs", "1.05 ms"
std::string MiB(double mib);    // "46.0 MiB"
std::string Count(size_t n);    // "1,000,000"
// Nearest-rank percentile (p in [0, 1]) of sorted values; 0 when there are none.
double Percentile(const std::vector<double>& sorted, double p);

class FigureTable {
 public:
  // `echo`: also print each figure to stderr as it is added (long runs show progress).
  explicit FigureTable(std::string title, bool echo = false)
      : title_(std::move(title)), echo_(echo) {}
  void Add(const std::string& section, const std::string& name, const std::string& value);
  // Prints every figure to stdout, grouped by section in the order added; `peak_mib` > 0 adds
  // the process peak RSS to the header line.
  void Print(double peak_mib = 0) const;

 private:
  struct Figure {
    std::string section, name, value;
  };
  std::string title_;
  bool echo_;
  std::vector<Figure> figures_;
};

}  // namespace cordon::bench
