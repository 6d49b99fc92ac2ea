// Ownership derivation cost: graph/derive.h over a generated corporate ownership graph of ten
// million edges (bench/ownership_graph_generator.h), one regime at a time, on one core.
//
//   build/release/bench/ownership_benchmark                        # 10M edges, us, eu, uk
//   build/release/bench/ownership_benchmark --edges=1000000 --regimes=eu --as_of=2024-01-01
//   build/release/bench/ownership_benchmark --edges=1000000 --write_csv=/tmp/own/edges.csv
//
// Prints generation and build time, the graph's size and shape, then for each regime: Derive
// wall time (one thread), Derivation::MemoryBytes, the process peak RSS after it (getrusage,
// since start: usually GraphBuilder::Build's, which holds the edges twice), the peak during
// Derive alone (the kernel's counter is reset before it) and how far that is above the RSS
// before it, the nodes per status, and the latency of Explain on random derived (non-clear, not
// listed) nodes. The derivation of one regime is freed before the next.
//
// Sanity checks (exit status 1 when one fails): the nodes of the planted cycles that no listed
// node reaches are clear under every regime, and the planted loops below listed nodes are
// owned under the regimes that list their top and clear under the others.
//
// Flags:
//   --edges=N          graph size in edges (default 10000000; at least 1000)
//   --seed=N           generator seed (default 1)
//   --as_of=YYYY-MM-DD derivation date (default: today, UTC)
//   --regimes=us,eu,uk regimes to derive, in this order (default all three)
//   --explain=N        Explain calls timed per regime (default 1000)
//   --listing_factor=X multiplies each node's chance of being listed (default 1: about 0.5 %
//                      of nodes), to stress the derivation
//   --write_csv=PATH   also write the graph as an edges CSV at PATH
//                      (owner,asset,share,share_min,share_max,kind,start,end) and the listed
//                      nodes as PATH with "-listed" before the extension (id,regime), for timing
//                      the CLI end to end
#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/bench_support.h"
#include "bench/ownership_graph_generator.h"
#include "graph/derive.h"
#include "graph/graph.h"
#include "graph/rules.h"
#include "model/entity.h"

namespace {

using namespace cordon;
using namespace cordon::bench;
using graph::NodeId;
using graph::NodeStatus;

constexpr size_t kStatusCount = static_cast<size_t>(NodeStatus::kListed) + 1;

struct Flags {
  size_t edges = 10'000'000;
  uint64_t seed = 1;
  graph::DateKey as_of = 0;  // 0: today
  std::vector<model::Regime> regimes;
  size_t explain = 1000;
  double listing_factor = 1;
  std::string write_csv;
};

[[noreturn]] void Die(const std::string& what) {
  fmt::print(stderr, "ownership_benchmark: {}\n", what);
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const std::string value(eq == std::string_view::npos ? "" : arg.substr(eq + 1));
    auto number = [&]() -> uint64_t {
      char* end = nullptr;
      const uint64_t n = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') Die(fmt::format("{}: expected a number", arg));
      return n;
    };
    if (name == "--edges") {
      flags.edges = number();
    } else if (name == "--seed") {
      flags.seed = number();
    } else if (name == "--explain") {
      flags.explain = number();
    } else if (name == "--listing_factor") {
      char* end = nullptr;
      flags.listing_factor = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !(flags.listing_factor >= 0) ||
          flags.listing_factor > 100) {
        Die(fmt::format("{}: expected a number between 0 and 100", arg));
      }
    } else if (name == "--as_of") {
      Result<graph::DateKey> date = graph::ParseDateKey(value);
      if (!date.ok()) Die(date.status().ToString());
      flags.as_of = *date;
    } else if (name == "--regimes") {
      size_t start = 0;
      while (start <= value.size()) {
        const size_t comma = std::min(value.find(',', start), value.size());
        const std::string_view word = std::string_view(value).substr(start, comma - start);
        const std::span<const model::Regime> known = graph::OwnershipRegimes();
        std::optional<model::Regime> regime = model::RegimeFromName(word);
        if (!regime || std::find(known.begin(), known.end(), *regime) == known.end()) {
          Die(fmt::format("--regimes: \"{}\" is not us, eu or uk", word));
        }
        flags.regimes.push_back(*regime);
        start = comma + 1;
      }
    } else if (name == "--write_csv" && !value.empty()) {
      flags.write_csv = value;
    } else {
      Die(fmt::format("unknown flag {} (see the comment at the top of ownership_benchmark.cc)",
                      arg));
    }
  }
  if (flags.edges < 1000) Die("--edges: at least 1000");
  if (flags.regimes.empty()) {
    const std::span<const model::Regime> all = graph::OwnershipRegimes();
    flags.regimes.assign(all.begin(), all.end());
  }
  if (flags.as_of == 0) flags.as_of = graph::Today();
  return flags;
}

// PeakRssMiB() (bench_support.h) is the peak since the last ResetPeakRss.

// The process peak since start, kept here because ResetPeakRss loses it.
double process_peak_mib = 0;
double ProcessPeakMiB() {
  process_peak_mib = std::max(process_peak_mib, PeakRssMiB());
  return process_peak_mib;
}

// Restarts the kernel's peak-RSS counter (Linux >= 4.0), so that the peak of one Derive can be
// told from the builder's, which is higher. False when the kernel does not allow it.
bool ResetPeakRss() {
  ProcessPeakMiB();
  // Freed heap the allocator keeps would let Derive grow without growing the RSS.
  malloc_trim(0);
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.close();
  return !clear_refs.fail();
}

// ---- figures, printed as match_benchmark prints them -----------------------------------------

// The 10M run takes minutes: each figure is echoed to stderr as it comes, so stdout stays the
// table.
FigureTable figures("ownership_benchmark", /*echo=*/true);

void Add(const std::string& section, const std::string& name, const std::string& value) {
  figures.Add(section, name, value);
}

std::string BytesMiB(size_t bytes) { return MiB(static_cast<double>(bytes) / (1024.0 * 1024.0)); }
std::string CountPercent(size_t part, size_t whole) {
  return fmt::format(
      "{} ({:.2f} %)", Count(part),
      whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void PrintFigures() { figures.Print(ProcessPeakMiB()); }

// ---- the graph -------------------------------------------------------------------------------

// What the generated graph looks like, so that the timings can be read against its shape.
void AddShapeFigures(const std::string& section, const graph::OwnershipGraph& g) {
  std::array<size_t, 6> kinds{};
  size_t exact = 0, band = 0, unknown = 0, dated = 0, ended = 0;
  for (uint32_t e = 0; e < g.edge_count(); ++e) {
    const graph::Edge& edge = g.edge(e);
    ++kinds[static_cast<size_t>(edge.kind)];
    if (edge.start != graph::kNoStart || edge.end != graph::kNoEnd) ++dated;
    if (edge.end != graph::kNoEnd) ++ended;
    if (edge.kind != graph::EdgeKind::kShares) continue;
    if (!edge.share.known()) {
      ++unknown;
    } else if (edge.share.exact()) {
      ++exact;
    } else {
      ++band;
    }
  }
  for (size_t k = 0; k < kinds.size(); ++k) {
    Add(section, fmt::format("edges: {}", graph::EdgeKindName(static_cast<graph::EdgeKind>(k))),
        CountPercent(kinds[k], g.edge_count()));
  }
  const size_t shares = kinds[static_cast<size_t>(graph::EdgeKind::kShares)];
  Add(section, "share edges: exact", CountPercent(exact, shares));
  Add(section, "share edges: band", CountPercent(band, shares));
  Add(section, "share edges: unknown", CountPercent(unknown, shares));
  Add(section, "edges with dates (of which ended)",
      fmt::format("{}; {}", CountPercent(dated, g.edge_count()), Count(ended)));

  std::array<size_t, 5> holders{};  // assets by shareholder edges: 1, 2, 3, 4-10, more
  size_t max_out = 0, max_listed_out = 0, owners = 0, big_owners = 0, assets = 0;
  std::array<size_t, 3> listed{};
  size_t listed_any = 0;
  for (NodeId n = 0; n < g.node_count(); ++n) {
    const size_t out = g.out_edges(n).size();
    max_out = std::max(max_out, out);
    if (g.listed(n) != 0) max_listed_out = std::max(max_listed_out, out);
    owners += out > 0;
    big_owners += out >= 1000;
    size_t share_in = 0;
    for (uint32_t e : g.in_edges(n)) share_in += g.edge(e).kind == graph::EdgeKind::kShares;
    if (share_in > 0) {
      ++assets;
      ++holders[share_in <= 3 ? share_in - 1 : share_in <= 10 ? 3 : 4];
    }
    listed_any += g.listed(n) != 0;
    for (size_t r = 0; r < 3; ++r) listed[r] += (g.listed(n) >> r) & 1;
  }
  Add(section, "nodes owning or controlling something", CountPercent(owners, g.node_count()));
  Add(section, "largest out-degree", Count(max_out));
  Add(section, "largest out-degree of a listed node", Count(max_listed_out));
  Add(section, "nodes with out-degree >= 1,000", Count(big_owners));
  static constexpr std::array<std::string_view, 5> kHolderBuckets = {"1", "2", "3", "4-10",
                                                                     "over 10"};
  for (size_t b = 0; b < holders.size(); ++b) {
    Add(section, fmt::format("assets with {} share edges in", kHolderBuckets[b]),
        CountPercent(holders[b], assets));
  }
  Add(section, "listed nodes (any regime)", CountPercent(listed_any, g.node_count()));
  for (model::Regime regime : graph::OwnershipRegimes()) {
    Add(section, fmt::format("listed nodes ({})", model::RegimeName(regime)),
        Count(listed[static_cast<size_t>(regime)]));
  }
}

// Writes the graph as the CLI reads it, through a large buffer: fmt per line would dominate.
bool WriteCsv(const graph::OwnershipGraph& g, const std::string& edges_path,
              const std::string& listed_path) {
  auto write = [](const std::string& path, auto&& fill) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!file) return false;
    fmt::memory_buffer buffer;
    auto flush = [&] {
      const bool ok = std::fwrite(buffer.data(), 1, buffer.size(), file.get()) == buffer.size();
      buffer.clear();
      return ok;
    };
    if (!fill(buffer, flush) || !flush()) return false;
    return std::fclose(file.release()) == 0;
  };
  const bool edges_ok = write(edges_path, [&](fmt::memory_buffer& out, auto& flush) {
    fmt::format_to(std::back_inserter(out),
                   "owner,asset,share,share_min,share_max,kind,start,end\n");
    for (uint32_t e = 0; e < g.edge_count(); ++e) {
      const graph::Edge& edge = g.edge(e);
      std::string exact, low, high;
      if (edge.share.known() && edge.share.exact()) {
        exact = graph::FormatShare(edge.share);
      } else if (edge.share.known()) {
        low = graph::FormatShare(graph::Share::Exact(edge.share.min));
        high = graph::FormatShare(graph::Share::Exact(edge.share.max));
      }
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{}\n", g.node_id(edge.owner),
                     g.node_id(edge.asset), exact, low, high, graph::EdgeKindName(edge.kind),
                     graph::FormatDateKey(edge.start), graph::FormatDateKey(edge.end));
      if (out.size() > (1 << 20) && !flush()) return false;
    }
    return true;
  });
  const bool listed_ok = write(listed_path, [&](fmt::memory_buffer& out, auto& flush) {
    fmt::format_to(std::back_inserter(out), "id,regime\n");
    for (NodeId n = 0; n < g.node_count(); ++n) {
      for (model::Regime regime : graph::OwnershipRegimes()) {
        if (g.listed(n) & graph::RegimeBit(regime)) {
          fmt::format_to(std::back_inserter(out), "{},{}\n", g.node_id(n),
                         model::RegimeName(regime));
        }
      }
      if (out.size() > (1 << 20) && !flush()) return false;
    }
    return true;
  });
  return edges_ok && listed_ok;
}

// ---- per regime ------------------------------------------------------------------------------

// Checks the derivation against what the generator planted; prints each failure to stderr.
size_t CheckPlanted(const graph::Derivation& d, const bench::PlantedStructures& planted,
                    model::Regime regime) {
  size_t failures = 0;
  for (NodeId n : planted.unlisted_cycle_nodes) {
    if (d.status(n) != NodeStatus::kClear) {
      if (++failures <= 10) {
        fmt::print(stderr, "FAIL {}: {} is in a cycle no listed node reaches, but is {}\n",
                   model::RegimeName(regime), d.graph().node_id(n),
                   StatusName(d.status(n), regime));
      }
    }
  }
  for (const bench::PlantedStructures::ListedLoop& loop : planted.listed_loops) {
    const bool listed = loop.listed_in & graph::RegimeBit(regime);
    const NodeStatus want = listed ? NodeStatus::kOwned : NodeStatus::kClear;
    for (NodeId n : {loop.owned, loop.owned_further}) {
      if (d.status(n) != want && ++failures <= 10) {
        fmt::print(stderr, "FAIL {}: {} is below {} ({}), expected {}, got {}\n",
                   model::RegimeName(regime), d.graph().node_id(n), d.graph().node_id(loop.listed),
                   listed ? "listed here" : "not listed here", StatusName(want, regime),
                   StatusName(d.status(n), regime));
      }
    }
    const NodeStatus top = listed ? NodeStatus::kListed : NodeStatus::kClear;
    if (d.status(loop.listed) != top && ++failures <= 10) {
      fmt::print(stderr, "FAIL {}: {} expected {}, got {}\n", model::RegimeName(regime),
                 d.graph().node_id(loop.listed), StatusName(top, regime),
                 StatusName(d.status(loop.listed), regime));
    }
  }
  return failures;
}

// A path is a chain of edges active on the date, owner to asset, ending at `node`, without a
// node twice (derive.h's contract for Explain).
bool WellFormed(const graph::Derivation& d, NodeId node, const graph::Path& path) {
  if (path.edges.empty()) return false;
  const graph::OwnershipGraph& g = d.graph();
  std::vector<NodeId> seen = {g.edge(path.edges.front()).owner};
  for (size_t i = 0; i < path.edges.size(); ++i) {
    const graph::Edge& edge = g.edge(path.edges[i]);
    if (!edge.ActiveOn(d.as_of())) return false;
    if (i > 0 && g.edge(path.edges[i - 1]).asset != edge.owner) return false;
    seen.push_back(edge.asset);
  }
  if (seen.back() != node) return false;
  std::sort(seen.begin(), seen.end());
  return std::adjacent_find(seen.begin(), seen.end()) == seen.end();
}

std::string DescribePath(const graph::Derivation& d, NodeId node, const graph::Path& path) {
  const graph::OwnershipGraph& g = d.graph();
  std::string text = fmt::format("bad Explain path for {}:", g.node_id(node));
  for (uint32_t e : path.edges) {
    const graph::Edge& edge = g.edge(e);
    text += fmt::format(" {}-{}[{}]->{}", g.node_id(edge.owner), graph::EdgeKindName(edge.kind),
                        graph::FormatShare(edge.share), g.node_id(edge.asset));
  }
  return text;
}

// Returns the number of failed sanity checks.
size_t RunRegime(const graph::OwnershipGraph& g, const bench::PlantedStructures& planted,
                 model::Regime regime, const Flags& flags) {
  const std::string section = fmt::format(
      "regime {} on {} (rule: {} {}{} %{})", model::RegimeName(regime),
      graph::FormatDateKey(flags.as_of), graph::RuleFor(regime, flags.as_of).owned_status,
      graph::RuleFor(regime, flags.as_of).inclusive ? ">= " : "> ",
      graph::SharePercent(graph::RuleFor(regime, flags.as_of).threshold),
      graph::RuleFor(regime, flags.as_of).aggregate ? ", aggregate" : ", per person");
  const bool reset = ResetPeakRss();
  const double rss_before = RssMiB();
  const Clock::time_point start = Clock::now();
  const graph::Derivation d = graph::Derive(g, regime, flags.as_of);
  const double seconds = Seconds(Clock::now() - start);
  const double peak_during = PeakRssMiB();
  Add(section, "Derive wall time (1 thread)", fmt::format("{:.3f} s", seconds));
  Add(section, "Derivation::MemoryBytes", BytesMiB(d.MemoryBytes()));
  Add(section, "process peak RSS after Derive (since start)", MiB(ProcessPeakMiB()));
  Add(section, "peak RSS during Derive (above RSS before it)",
      reset
          ? fmt::format("{} (+{})", MiB(peak_during), MiB(std::max(0.0, peak_during - rss_before)))
          : "n/a (cannot reset the peak)");

  const std::vector<size_t> counts = d.Counts();
  for (size_t s = kStatusCount; s-- > 0;) {
    const auto status = static_cast<NodeStatus>(s);
    Add(section, fmt::format("nodes {}", graph::StatusName(status, regime)),
        CountPercent(s < counts.size() ? counts[s] : 0, g.node_count()));
  }

  // Explain on random derived nodes: listed ones explain themselves, clear ones have nothing.
  std::vector<NodeId> derived;
  for (NodeId n = 0; n < g.node_count(); ++n) {
    if (d.status(n) != NodeStatus::kClear && d.status(n) != NodeStatus::kListed) {
      derived.push_back(n);
    }
  }
  std::mt19937_64 rng(flags.seed * 7919 + static_cast<uint64_t>(regime));
  std::shuffle(derived.begin(), derived.end(), rng);
  derived.resize(std::min(derived.size(), flags.explain));
  std::vector<double> micros;
  size_t paths = 0, path_edges = 0, empty = 0, malformed = 0, unlisted_top = 0;
  for (NodeId n : derived) {
    const Clock::time_point t = Clock::now();
    const std::vector<graph::Path> explained = d.Explain(n);
    micros.push_back(Micros(Clock::now() - t));
    paths += explained.size();
    empty += explained.empty();
    for (const graph::Path& p : explained) {
      path_edges += p.edges.size();
      if (!WellFormed(d, n, p)) {
        if (++malformed <= 10)
          fmt::print(stderr, "FAIL {}: {}\n", model::RegimeName(regime), DescribePath(d, n, p));
      } else if (d.status(g.edge(p.edges.front()).owner) != NodeStatus::kListed) {
        ++unlisted_top;
      }
    }
  }
  std::sort(micros.begin(), micros.end());
  double sum = 0;
  for (double m : micros) sum += m;
  const std::string what = fmt::format("Explain on {} derived nodes", Count(micros.size()));
  Add(section, what + ": mean", Us(micros.empty() ? 0 : sum / static_cast<double>(micros.size())));
  Add(section, what + ": p50", Us(Percentile(micros, 0.50)));
  Add(section, what + ": p99", Us(Percentile(micros, 0.99)));
  Add(section, what + ": max", Us(micros.empty() ? 0 : micros.back()));
  Add(section, what + ": paths per call (edges per path)",
      fmt::format(
          "{:.2f} ({:.2f}); {} with no path",
          micros.empty() ? 0.0 : static_cast<double>(paths) / static_cast<double>(micros.size()),
          paths == 0 ? 0.0 : static_cast<double>(path_edges) / static_cast<double>(paths),
          Count(empty)));

  Add(section, what + ": malformed paths",
      fmt::format("{}{}", Count(malformed),
                  unlisted_top == 0
                      ? ""
                      : fmt::format(" ({} well-formed paths start at a node not listed here)",
                                    Count(unlisted_top))));

  const size_t failures = CheckPlanted(d, planted, regime) + malformed;
  Add(section, "sanity: planted cycles without listed nodes",
      fmt::format("{} nodes in {} cycles, all clear: {}",
                  Count(planted.unlisted_cycle_nodes.size()), Count(planted.unlisted_cycles),
                  failures == 0 ? "yes" : "NO"));
  Add(section, "sanity: planted loops below listed nodes",
      fmt::format("{} loops as expected: {}", Count(planted.listed_loops.size()),
                  failures == 0 ? "yes" : "NO (see stderr)"));
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);

  const std::string build = fmt::format(
      "graph ({} edges, seed {}{})", Count(flags.edges), flags.seed,
      flags.listing_factor == 1 ? "" : fmt::format(", listing factor {}", flags.listing_factor));
  Clock::time_point start = Clock::now();
  graph::GraphBuilder builder;
  Result<bench::PlantedStructures> planted = bench::GenerateOwnershipGraph(
      {.edges = flags.edges, .seed = flags.seed, .listing_factor = flags.listing_factor}, builder);
  if (!planted.ok()) Die(planted.status().ToString());
  const double generate_seconds = Seconds(Clock::now() - start);
  start = Clock::now();
  const graph::OwnershipGraph g = std::move(builder).Build();
  const double build_seconds = Seconds(Clock::now() - start);
  Add(build, "generation (GraphBuilder::AddNode/AddEdge)",
      fmt::format("{:.2f} s", generate_seconds));
  Add(build, "GraphBuilder::Build", fmt::format("{:.2f} s", build_seconds));
  Add(build, "generation + build", fmt::format("{:.2f} s", generate_seconds + build_seconds));
  Add(build, "nodes", Count(g.node_count()));
  Add(build, "edges", Count(g.edge_count()));
  Add(build, "OwnershipGraph::MemoryBytes", BytesMiB(g.MemoryBytes()));
  Add(build, "process peak RSS after build", MiB(ProcessPeakMiB()));
  Add(build, "planted: unlisted cycles, loops below listed nodes",
      fmt::format("{}, {}", Count(planted->unlisted_cycles), Count(planted->listed_loops.size())));
  Add(build, "planted: mutual holdings, triangles in the main graph",
      fmt::format("{}, {}", Count(planted->mutual_holdings), Count(planted->triangles)));
  AddShapeFigures(fmt::format("graph shape"), g);

  if (!flags.write_csv.empty()) {
    const std::filesystem::path edges_path(flags.write_csv);
    std::filesystem::path listed_path = edges_path;
    listed_path.replace_filename(edges_path.stem().string() + "-listed" +
                                 edges_path.extension().string());
    start = Clock::now();
    if (!WriteCsv(g, edges_path.string(), listed_path.string())) {
      Die(fmt::format("could not write {} or {}", edges_path.string(), listed_path.string()));
    }
    Add("CSV", "written",
        fmt::format("{} and {} in {:.2f} s", edges_path.string(), listed_path.string(),
                    Seconds(Clock::now() - start)));
  }

  size_t failures = 0;
  for (model::Regime regime : flags.regimes) failures += RunRegime(g, *planted, regime, flags);
  PrintFigures();
  if (failures > 0) {
    fmt::print(stderr, "ownership_benchmark: {} sanity check(s) failed\n", failures);
    return 1;
  }
  return 0;
}
