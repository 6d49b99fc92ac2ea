// Ingest cost of every real list: parse alone, and parse + store as a new version.
//
// Peak memory is the process's maximum resident set size; run one list per process to read
// it per list (scripts/bench-ingest.sh does that):
//   build/release/bench/ingest_benchmark --benchmark_filter='/un_sc$'
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/file.h"
#include "ingest/registry.h"
#include "store/ingest_files.h"
#include "store/store.h"

namespace {

using namespace cordon;

struct ListCase {
  const char* label;
  std::vector<const char*> files;  // relative to shared/data
};

const std::vector<ListCase>& Cases() {
  static const std::vector<ListCase> cases = {
      {"us_ofac_sdn_2024", {"ofac/sdn.csv"}},
      {"us_ofac_sdn_2021_set",
       {"ofac/2021-07_watchman_bench/sdn.csv", "ofac/2021-07_watchman_bench/add.csv",
        "ofac/2021-07_watchman_bench/alt.csv", "ofac/2021-07_watchman_bench/sdn_comments.csv"}},
      {"us_ofac_cons_csv",
       {"ofac/cons_prim.csv", "ofac/cons_add.csv", "ofac/cons_alt.csv", "ofac/cons_comments.csv"}},
      {"us_ofac_cons_xml", {"ofac/consolidated.xml"}},
      {"un_sc", {"un/UN_consolidated.xml"}},
      {"eu_fsf_csv", {"eu/EUSanctionsShort.csv"}},
      {"gb_hmt_ofsi", {"uk/sanctionsconlist.csv"}},
      {"us_trade_csl", {"export_controls/csl.csv"}},
      {"us_bis_dpl", {"export_controls/dpl.txt"}},
      {"opensanctions_zala", {"opensanctions/yente_zala/entities.ftm.json"}},
  };
  return cases;
}

std::string Load(const std::string& relative) {
  // The bundled copies first: they are what `cordon load` ingests (the bundled CSL is the
  // shared file cut before its truncated last record).
  for (const std::string& path : {std::string(CORDON_BUNDLED_DATA) + "/lists/" + relative + ".zst",
                                  std::string(CORDON_SHARED_DATA) + "/" + relative}) {
    if (!std::filesystem::exists(path)) continue;
    Result<std::string> bytes = ReadFile(path);
    if (bytes.ok()) return std::move(bytes).value();
  }
  return "";
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

struct Loaded {
  std::vector<std::string> names;
  std::vector<std::string> bytes;
  size_t total = 0;
  std::vector<ingest::InputFile> Files() const {
    std::vector<ingest::InputFile> files;
    for (size_t i = 0; i < names.size(); ++i) files.push_back({names[i], bytes[i]});
    return files;
  }
};

Loaded LoadCase(const ListCase& c) {
  Loaded l;
  for (const char* f : c.files) {
    l.names.emplace_back(f);
    l.bytes.push_back(Load(f));
    l.total += l.bytes.back().size();
  }
  return l;
}

void BM_Parse(benchmark::State& state, const ListCase* c) {
  const Loaded loaded = LoadCase(*c);
  if (loaded.total == 0) {
    state.SkipWithError("list file not found");
    return;
  }
  const std::vector<ingest::InputFile> files = loaded.Files();
  size_t entities = 0;
  for (auto _ : state) {
    auto plan = ingest::PlanDocuments(files, "");
    if (!plan.ok()) {
      state.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    entities = 0;
    for (const auto& doc : *plan) {
      ingest::CollectingDiagnosticSink sink;
      auto parser = ingest::MakeParser(doc.format);
      auto meta = parser->Parse(
          doc.document, doc.source,
          [&](model::Entity&& e) {
            ++entities;
            benchmark::DoNotOptimize(e);
          },
          &sink);
      if (!meta.ok()) {
        state.SkipWithError(meta.status().ToString().c_str());
        return;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * loaded.total));
  state.counters["entities"] = static_cast<double>(entities);
  state.counters["input_MiB"] = static_cast<double>(loaded.total) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

void BM_IngestToStore(benchmark::State& state, const ListCase* c) {
  const Loaded loaded = LoadCase(*c);
  if (loaded.total == 0) {
    state.SkipWithError("list file not found");
    return;
  }
  const std::vector<ingest::InputFile> files = loaded.Files();
  for (auto _ : state) {
    state.PauseTiming();
    auto store = store::Store::Open(":memory:");
    state.ResumeTiming();
    auto report = store::IngestFiles(**store, files, {});
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * loaded.total));
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

const bool registered = [] {
  for (const ListCase& c : Cases()) {
    benchmark::RegisterBenchmark((std::string("BM_Parse/") + c.label).c_str(), BM_Parse, &c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("BM_IngestToStore/") + c.label).c_str(),
                                 BM_IngestToStore, &c)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
