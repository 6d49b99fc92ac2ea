// Screening cost: the index over every bundled list, and over a synthetic corpus of a million
// entities.
//
//   build/release/bench/match_benchmark                       # benchmarks, then the figures
//   build/release/bench/match_benchmark --corpus=100000 --benchmark_filter=none
//
// The Google Benchmark part times Search, SearchBruteForce and CompareNames per call. The
// figures table after it is what docs/design/matching.md quotes: index build time and size,
// single-query latency percentiles (each Search timed on its own, one thread), batch
// throughput on one thread and on every core, the brute-force baseline on a sample, and the
// same for the synthetic corpus. Queries are deterministic (fixed seeds): half are real
// listed names changed by one mutation (a typo, reordered or dropped words, case and
// punctuation), half are names on no list (a given name and a family name of different
// entities). The share of mutated queries that still find their entity is printed too: it is
// a property of the scorer, not a measure of quality (eval.py is).
//
// Own flags (the rest go to Google Benchmark):
//   --corpus=N        synthetic corpus size (default 1000000; 0 skips it)
//   --queries=N       real-list workload size (default 20000)
//   --brute=N         brute-force sample size (default 200)
//   --synthetic_queries=N  typo'd queries against the synthetic corpus (default 2000)
//   --threads=N       threads for the parallel run (default: every core)
//   --slowest=N       list the N slowest queries of the latency run, with their work
//   --figures=0       benchmarks only, no figures table
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/bench_support.h"
#include "bench/synthetic_corpus.h"
#include "match/compare.h"
#include "match/index.h"
#include "store/store.h"
#include "update/sources.h"
#include "update/updater.h"

namespace {

using namespace cordon;
using namespace cordon::bench;

struct Flags {
  size_t corpus = 1'000'000;
  size_t queries = 20'000;
  size_t brute = 200;
  size_t synthetic_queries = 2'000;
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  size_t slowest = 0;
  bool figures = true;
};
Flags flags;

// Removes our flags from argv so that Google Benchmark sees only its own.
void ParseFlags(int& argc, char** argv) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name, size_t& target) {
      const std::string prefix = "--" + std::string(name) + "=";
      if (arg.substr(0, prefix.size()) != prefix) return false;
      target = std::strtoull(std::string(arg.substr(prefix.size())).c_str(), nullptr, 10);
      return true;
    };
    size_t figures = 1;
    if (value("corpus", flags.corpus) || value("queries", flags.queries) ||
        value("brute", flags.brute) || value("synthetic_queries", flags.synthetic_queries) ||
        value("threads", flags.threads) || value("slowest", flags.slowest)) {
      continue;
    }
    if (value("figures", figures)) {
      flags.figures = figures != 0;
      continue;
    }
    argv[out++] = argv[i];
  }
  argc = out;
  flags.threads = std::max<size_t>(1, flags.threads);
}

[[noreturn]] void Die(const std::string& what) {
  fmt::print(stderr, "match_benchmark: {}\n", what);
  std::exit(1);
}

// ---- fixtures --------------------------------------------------------------------------------

struct WorkloadQuery {
  match::Query query;
  std::string expected_id;  // the entity the name was taken from; "" for an unlisted name
  int mutation = -1;        // bench::Mutation, or -1 for an unlisted name
};

struct IndexFixture {
  std::shared_ptr<const match::MatchIndex> index;
  double prepare_seconds = 0;   // reading the lists, or generating the corpus
  double build_seconds = 0;     // MatchIndex::Build, wall clock
  double rss_entities_mib = 0;  // resident growth while the entities were loaded/generated
  double rss_index_mib = 0;     // resident growth during Build
  size_t sources = 0;
  std::vector<WorkloadQuery> queries;
};

std::unique_ptr<bench::NamePools> pools;  // from the real lists; the synthetic corpus uses them

std::vector<model::Entity> LoadBundledEntities(size_t& sources) {
  const std::string catalog_path = std::string(CORDON_BUNDLED_DATA) + "/sources.json";
  Result<update::SourceCatalog> catalog = update::LoadSourceCatalog(catalog_path);
  if (!catalog.ok()) Die(catalog.status().ToString());
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(":memory:");
  if (!store.ok()) Die(store.status().ToString());
  for (const update::SourceOutcome& outcome : update::LoadBundled(**store, *catalog, {})) {
    if (!outcome.status.ok()) Die(outcome.source + ": " + outcome.status.ToString());
  }
  std::vector<model::Entity> entities;
  std::map<std::string, size_t> per_source;
  Status status = (*store)->ForEachCurrentEntity([&](const model::Entity& e) {
    entities.push_back(e);
    ++per_source[e.provenance.source];
    return Status::Ok();
  });
  if (!status.ok()) Die(status.ToString());
  sources = per_source.size();
  return entities;
}

void BuildIndex(IndexFixture& f, std::vector<model::Entity> entities) {
  const double rss_before = RssMiB();
  const Clock::time_point start = Clock::now();
  Result<std::shared_ptr<const match::MatchIndex>> index =
      match::MatchIndex::Build(std::move(entities));
  f.build_seconds = Seconds(Clock::now() - start);
  if (!index.ok()) Die(index.status().ToString());
  f.index = std::move(index).value();
  f.rss_index_mib = RssMiB() - rss_before;
}

// Half mutated listed names (round robin over the mutations), half unlisted names.
std::vector<WorkloadQuery> MakeWorkload(const match::MatchIndex& index, size_t count,
                                        bool typos_only, uint32_t seed) {
  const std::vector<model::Entity>& entities = index.entities();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> entity_dist(0, entities.size() - 1);
  std::vector<WorkloadQuery> queries;
  queries.reserve(count);
  size_t mutation = 0;
  for (size_t n = 0; n < count; ++n) {
    WorkloadQuery q;
    q.query.id = fmt::format("q{}", n);
    if (typos_only || n % 2 == 0) {
      const model::Entity* e = nullptr;
      while (e == nullptr || e->names.empty()) e = &entities[entity_dist(rng)];
      const model::Name& name =
          e->names[std::uniform_int_distribution<size_t>(0, e->names.size() - 1)(rng)];
      const auto kind =
          static_cast<bench::Mutation>(mutation++ % (typos_only ? 4 : bench::kMutationCount));
      q.query.names.push_back(bench::MutateName(name.full, kind, rng));
      q.query.schema = e->schema;
      q.expected_id = e->id;
      q.mutation = static_cast<int>(kind);
    } else {
      q.query.names.push_back(bench::UnlistedPersonName(*pools, rng));
      q.query.schema = model::Schema::kPerson;
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

// Built on first use, then shared by the benchmarks and the figures.
IndexFixture& Real() {
  static IndexFixture fixture = [] {
    IndexFixture f;
    const double rss_before = RssMiB();
    const Clock::time_point start = Clock::now();
    std::vector<model::Entity> entities = LoadBundledEntities(f.sources);
    f.prepare_seconds = Seconds(Clock::now() - start);
    f.rss_entities_mib = RssMiB() - rss_before;
    pools = std::make_unique<bench::NamePools>(bench::NamePools::FromEntities(entities));
    BuildIndex(f, std::move(entities));
    f.queries = MakeWorkload(*f.index, flags.queries, false, 20261129);
    return f;
  }();
  return fixture;
}

IndexFixture& Synthetic() {
  static IndexFixture fixture = [] {
    Real();  // the pools come from the real lists
    IndexFixture f;
    const double rss_before = RssMiB();
    const Clock::time_point start = Clock::now();
    std::vector<model::Entity> corpus = bench::GenerateCorpus(*pools, flags.corpus, 7);
    f.prepare_seconds = Seconds(Clock::now() - start);
    f.rss_entities_mib = RssMiB() - rss_before;
    f.sources = 1;
    BuildIndex(f, std::move(corpus));
    f.queries = MakeWorkload(*f.index, flags.synthetic_queries, true, 11);
    return f;
  }();
  return fixture;
}

// ---- Google Benchmark ------------------------------------------------------------------------

void BM_Search(benchmark::State& state, IndexFixture& (*fixture)()) {
  const IndexFixture& f = fixture();
  const match::SearchOptions options;
  size_t i = 0, matches = 0;
  for (auto _ : state) {
    const std::vector<match::Match> result =
        f.index->Search(f.queries[i++ % f.queries.size()].query, options);
    matches += result.size();
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["entities"] = static_cast<double>(f.index->stats().entities);
  state.counters["matches_per_query"] =
      static_cast<double>(matches) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_SearchBruteForce(benchmark::State& state) {
  const IndexFixture& f = Real();
  const match::SearchOptions options;
  const size_t sample = std::min(flags.brute, f.queries.size());
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.index->SearchBruteForce(f.queries[i++ % sample].query, options));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_CompareNames(benchmark::State& state) {
  const IndexFixture& f = Real();
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const WorkloadQuery& q : f.queries) {
    if (q.expected_id.empty()) continue;
    pairs.emplace_back(q.query.names[0], f.index->Find(q.expected_id)->caption());
  }
  size_t i = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ % pairs.size()];
    benchmark::DoNotOptimize(match::CompareNames(a, b));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_BuildIndex(benchmark::State& state) {
  const IndexFixture& f = Real();
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<model::Entity> copy = f.index->entities();
    state.ResumeTiming();
    benchmark::DoNotOptimize(match::MatchIndex::Build(std::move(copy)));
  }
  state.counters["entities"] = static_cast<double>(f.index->stats().entities);
}

void RegisterBenchmarks() {
  benchmark::RegisterBenchmark("BM_Search/real_lists", BM_Search, &Real)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_SearchBruteForce/real_lists", BM_SearchBruteForce)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_CompareNames", BM_CompareNames)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_BuildIndex/real_lists", BM_BuildIndex)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(3);
  if (flags.corpus > 0) {
    benchmark::RegisterBenchmark(fmt::format("BM_Search/synthetic_{}", flags.corpus).c_str(),
                                 BM_Search, &Synthetic)
        ->Unit(benchmark::kMicrosecond);
  }
}

// ---- figures ---------------------------------------------------------------------------------

FigureTable figures("match_benchmark");

void Add(const std::string& section, const std::string& name, const std::string& value) {
  figures.Add(section, name, value);
}

std::string Percent(size_t part, size_t whole) {
  return whole == 0 ? "-"
                    : fmt::format("{:.1f} % ({}/{})",
                                  100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                  part, whole);
}

void AddLatencies(const std::string& section, const std::string& what, std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  double sum = 0;
  for (double m : micros) sum += m;
  Add(section, what + " mean", Us(micros.empty() ? 0 : sum / static_cast<double>(micros.size())));
  Add(section, what + " p50", Us(Percentile(micros, 0.50)));
  Add(section, what + " p90", Us(Percentile(micros, 0.90)));
  Add(section, what + " p99", Us(Percentile(micros, 0.99)));
  Add(section, what + " max", Us(micros.empty() ? 0 : micros.back()));
}

void AddIndexFigures(const std::string& section, const IndexFixture& f, bool synthetic) {
  const match::IndexStats& s = f.index->stats();
  Add(section, synthetic ? "corpus generation" : "load bundled lists (store + read)",
      fmt::format("{:.2f} s", f.prepare_seconds));
  if (!synthetic) Add(section, "sources", Count(f.sources));
  Add(section, "entities", Count(s.entities));
  Add(section, "names", Count(s.names));
  Add(section, "distinct words", Count(s.distinct_words));
  Add(section, "index keys", Count(s.keys));
  Add(section, "index build",
      fmt::format("{:.2f} s (IndexStats: {:.2f} s)", f.build_seconds, s.build_seconds));
  Add(section, "index memory (IndexStats estimate)",
      MiB(static_cast<double>(s.memory_bytes) / (1024.0 * 1024.0)));
  Add(section,
      synthetic ? "RSS growth: generated entities" : "RSS growth: loaded entities (store freed)",
      MiB(f.rss_entities_mib));
  Add(section, "RSS growth: index build", MiB(f.rss_index_mib));
}

// Each Search timed on its own on this thread; also counts which queries found their entity.
struct LatencyRun {
  std::vector<double> micros;
  std::vector<size_t> found_by_mutation = std::vector<size_t>(bench::kMutationCount);
  std::vector<size_t> asked_by_mutation = std::vector<size_t>(bench::kMutationCount);
  size_t unlisted = 0, unlisted_matched = 0;
  size_t matches = 0;
  match::SearchStats work;                    // summed over the queries
  std::vector<match::SearchStats> each_work;  // per query, in order
};

// `remembering`: the thread keeps what earlier queries' lookups found, as a batch does; without
// it every query starts from nothing, as a lone query to a fresh thread would.
LatencyRun TimeEach(const IndexFixture& f, const std::vector<WorkloadQuery>& queries,
                    bool remembering = true) {
  const match::SearchOptions options;
  LatencyRun run;
  run.micros.reserve(queries.size());
  match::MatchIndex::ForgetLookups();
  for (const WorkloadQuery& q : queries) {
    if (!remembering) match::MatchIndex::ForgetLookups();
    match::SearchStats work;
    const Clock::time_point start = Clock::now();
    // No deadline and no cancel: TrySearch then always returns its matches.
    const std::vector<match::Match> result = *f.index->TrySearch(q.query, options, &work);
    run.micros.push_back(Micros(Clock::now() - start));
    run.matches += result.size();
    run.each_work.push_back(work);
    run.work.keys_probed += work.keys_probed;
    run.work.words_compared += work.words_compared;
    run.work.names_bounded += work.names_bounded;
    run.work.postings_walked += work.postings_walked;
    run.work.names_word_bounded += work.names_word_bounded;
    run.work.names_scored += work.names_scored;
    run.work.units_looked_up += work.units_looked_up;
    run.work.units_remembered += work.units_remembered;
    if (q.mutation < 0) {
      ++run.unlisted;
      run.unlisted_matched += !result.empty();
      continue;
    }
    ++run.asked_by_mutation[static_cast<size_t>(q.mutation)];
    run.found_by_mutation[static_cast<size_t>(q.mutation)] +=
        std::any_of(result.begin(), result.end(),
                    [&](const match::Match& m) { return m.entity->id == q.expected_id; });
  }
  return run;
}

// Where the tail of the latency run goes: the slowest queries, with the work each did.
void PrintSlowest(const std::vector<WorkloadQuery>& queries, const LatencyRun& run) {
  if (flags.slowest == 0) return;
  std::vector<size_t> order(run.micros.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const size_t shown = std::min(flags.slowest, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](size_t a, size_t b) { return run.micros[a] > run.micros[b]; });
  fmt::print(
      "slowest {} queries: µs, keys probed, words compared, postings walked, names "
      "bounded, names scored, name\n",
      shown);
  for (size_t k = 0; k < shown; ++k) {
    const size_t i = order[k];
    const match::SearchStats& w = run.each_work[i];
    fmt::print("  {:8.1f} {:5} {:5} {:6} {:5} {:4}  {}\n", run.micros[i], w.keys_probed,
               w.words_compared, w.postings_walked, w.names_bounded, w.names_scored,
               queries[i].query.names.empty() ? "" : queries[i].query.names.front());
  }
}

// Names per second over the whole workload on `threads` threads, each taking the next query.
double ThroughputOnce(const IndexFixture& f, size_t threads) {
  const match::SearchOptions options;
  std::atomic<size_t> next{0};
  std::atomic<size_t> sink{0};
  const Clock::time_point start = Clock::now();
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      size_t local = 0;
      for (size_t i = next++; i < f.queries.size(); i = next++) {
        local += f.index->Search(f.queries[i].query, options).size();
      }
      sink += local;
    });
  }
  for (std::thread& w : workers) w.join();
  const double seconds = Seconds(Clock::now() - start);
  benchmark::DoNotOptimize(sink.load());
  return static_cast<double>(f.queries.size()) / seconds;
}

// The better of two runs: on a shared machine the slower one measures the neighbours.
double Throughput(const IndexFixture& f, size_t threads) {
  return std::max(ThroughputOnce(f, threads), ThroughputOnce(f, threads));
}

void RealListFigures() {
  const IndexFixture& f = Real();
  const std::string section = "real lists (every bundled list, current versions)";
  AddIndexFigures(section, f, false);

  const std::string workload = fmt::format(
      "workload: {} queries, 50 % mutated listed names, 50 % unlisted", Count(f.queries.size()));
  ThroughputOnce(f, flags.threads);  // warms caches and the allocator for what follows
  const LatencyRun run = TimeEach(f, f.queries);
  AddLatencies(workload, "1 thread: latency", run.micros);
  PrintSlowest(f.queries, run);
  const std::vector<WorkloadQuery> sample(
      f.queries.begin(), f.queries.begin() + std::min<size_t>(f.queries.size(), 2'000));
  AddLatencies(workload, "1 thread, each query remembering nothing: latency",
               TimeEach(f, sample, /*remembering=*/false).micros);
  const double single = Throughput(f, 1);
  Add(workload, "1 thread: throughput", fmt::format("{:.0f} names/s", single));
  const double parallel = Throughput(f, flags.threads);
  Add(workload, fmt::format("{} threads: throughput", flags.threads),
      fmt::format("{:.0f} names/s ({:.2f}x)", parallel, parallel / single));
  Add(workload, "matches returned per query",
      fmt::format("{:.2f}",
                  static_cast<double>(run.matches) / static_cast<double>(f.queries.size())));
  const auto per_query = [&](size_t total) {
    return fmt::format("{:.1f}",
                       static_cast<double>(total) / static_cast<double>(f.queries.size()));
  };
  Add(workload, "per query: units looked up / remembered",
      fmt::format("{} / {}", per_query(run.work.units_looked_up),
                  per_query(run.work.units_remembered)));
  Add(workload, "per query: index keys probed", per_query(run.work.keys_probed));
  Add(workload, "per query: listed words compared", per_query(run.work.words_compared));
  Add(workload, "per query: postings walked", per_query(run.work.postings_walked));
  Add(workload, "per query: candidate names bounded", per_query(run.work.names_bounded));
  Add(workload, "per query: of those, bounded word by word",
      per_query(run.work.names_word_bounded));
  Add(workload, "per query: names scored in full", per_query(run.work.names_scored));
  size_t found = 0, asked = 0;
  for (size_t m = 0; m < bench::kMutationCount; ++m) {
    found += run.found_by_mutation[m];
    asked += run.asked_by_mutation[m];
    Add(workload,
        fmt::format("found own entity: {}", bench::MutationName(static_cast<bench::Mutation>(m))),
        Percent(run.found_by_mutation[m], run.asked_by_mutation[m]));
  }
  Add(workload, "found own entity: all mutations", Percent(found, asked));
  Add(workload, "unlisted names with any match", Percent(run.unlisted_matched, run.unlisted));

  // Brute force on a sample, and whether the index returned the same scores.
  const std::string brute = fmt::format("brute force (SearchBruteForce) on {} queries",
                                        Count(std::min(flags.brute, f.queries.size())));
  const match::SearchOptions options;
  std::vector<double> indexed_us, brute_us;
  size_t disagreements = 0;
  for (size_t i = 0; i < std::min(flags.brute, f.queries.size()); ++i) {
    const match::Query& q = f.queries[i].query;
    Clock::time_point start = Clock::now();
    const std::vector<match::Match> fast = f.index->Search(q, options);
    indexed_us.push_back(Micros(Clock::now() - start));
    start = Clock::now();
    const std::vector<match::Match> slow = f.index->SearchBruteForce(q, options);
    brute_us.push_back(Micros(Clock::now() - start));
    // Compared by score lists, so that ties ordered differently are not counted.
    auto scores = [](const std::vector<match::Match>& ms) {
      std::vector<long> s;
      for (const match::Match& m : ms) s.push_back(std::lround(m.score * 1e6));
      std::sort(s.begin(), s.end());
      return s;
    };
    if (scores(fast) != scores(slow)) {
      ++disagreements;
      // A disagreement is a bug in candidate generation: say which query, for a reproducer.
      std::string names;
      for (const std::string& n : q.names) names += "'" + n + "' ";
      fmt::print(stderr, "disagreement on {}: index {} matches, scan {}\n", names, fast.size(),
                 slow.size());
      for (const match::Match& m : slow) {
        fmt::print(stderr, "  scan  {} {:.6f} {}\n", m.entity->id, m.score,
                   m.explanation.Summary());
      }
      for (const match::Match& m : fast) {
        fmt::print(stderr, "  index {} {:.6f}\n", m.entity->id, m.score);
      }
    }
  }
  std::sort(indexed_us.begin(), indexed_us.end());
  std::sort(brute_us.begin(), brute_us.end());
  const double brute_p50 = Percentile(brute_us, 0.5), indexed_p50 = Percentile(indexed_us, 0.5);
  Add(brute, "brute force p50", Us(brute_p50));
  Add(brute, "index p50 (same queries)", Us(indexed_p50));
  Add(brute, "speedup at p50",
      fmt::format("{:.0f}x", indexed_p50 > 0 ? brute_p50 / indexed_p50 : 0));
  Add(brute, "queries whose scores differ", Count(disagreements));
}

void SyntheticFigures() {
  const IndexFixture& f = Synthetic();
  const std::string section = fmt::format("synthetic corpus ({} entities)", Count(flags.corpus));
  AddIndexFigures(section, f, true);
  const LatencyRun run = TimeEach(f, f.queries);
  const std::string what =
      fmt::format("{} typo'd queries, 1 thread: latency", Count(f.queries.size()));
  AddLatencies(section, what, run.micros);
  size_t found = 0, asked = 0;
  for (size_t m = 0; m < bench::kMutationCount; ++m) {
    found += run.found_by_mutation[m];
    asked += run.asked_by_mutation[m];
  }
  Add(section, "typo'd queries that found their entity", Percent(found, asked));
  Add(section, "matches returned per query",
      fmt::format("{:.2f}",
                  static_cast<double>(run.matches) / static_cast<double>(f.queries.size())));
}

void PrintFigures() { figures.Print(PeakRssMiB()); }

}  // namespace

int main(int argc, char** argv) {
  ParseFlags(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RegisterBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!flags.figures) return 0;
  RealListFigures();
  if (flags.corpus > 0) SyntheticFigures();
  PrintFigures();
  return 0;
}
