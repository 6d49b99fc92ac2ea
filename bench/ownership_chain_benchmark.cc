// Cost of `cordon ownership derive` on deep ownership chains: a listed person at the top of a
// chain of companies, each holding all of the next. Every company is owned, and its listed
// holder sits at the top of a chain as deep as the company, so finding each company's holders
// by its own walk up the evidence costs the square of the depth; AllListedHolders finds them
// all in one pass.
//
//   build/rel/bench/ownership_chain_benchmark
//   build/rel/bench/ownership_chain_benchmark --benchmark_filter='Render.*/1000000'
//
// Benchmarks, per chain length (30k, 100k and 1M nodes):
//   BM_ChainDerive           Derive alone, US rule (aggregate)
//   BM_ChainAllListedHolders Derivation::AllListedHolders alone; counters: sets and holders
//                            stored, evidence edges followed
//   BM_ChainDeriveAndRender  what `ownership derive` does per regime: Derive, AllListedHolders
//                            and one JSON line per derived node (evidence and listed holders),
//                            rendered as the CLI renders it into a buffer that is dropped
// and, on short chains only, since it is quadratic:
//   BM_ChainListedHoldersNodeByNode  Derivation::ListedHolders for every node, the way the CLI
//                                    asked before AllListedHolders
#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "graph/derive.h"
#include "graph/graph.h"
#include "graph/statuses.h"

namespace {

using namespace cordon;
using graph::NodeId;
using graph::NodeStatus;

// X -> c1 -> c2 -> ... -> c`depth`, 100 % at each step; X listed under every regime.
std::unique_ptr<graph::OwnershipGraph> MakeChain(size_t depth) {
  graph::GraphBuilder builder;
  NodeId owner = builder.AddNode("X");
  for (model::Regime regime : graph::OwnershipRegimes()) builder.SetListed(owner, regime);
  for (size_t i = 1; i <= depth; ++i) {
    const NodeId asset = builder.AddNode("c" + std::to_string(i));
    const Status added = builder.AddEdge(
        {.owner = owner, .asset = asset, .share = graph::Share::Exact(100'000'000)});
    if (!added.ok()) return nullptr;
    owner = asset;
  }
  return std::make_unique<graph::OwnershipGraph>(std::move(builder).Build());
}

// One graph per length, built once: building is not what is measured.
const graph::OwnershipGraph& Chain(size_t depth) {
  static std::map<size_t, std::unique_ptr<graph::OwnershipGraph>> chains;
  std::unique_ptr<graph::OwnershipGraph>& chain = chains[depth];
  if (!chain) chain = MakeChain(depth);
  return *chain;
}

constexpr graph::DateKey kAsOf = 20250101;

void BM_ChainDerive(benchmark::State& state) {
  const graph::OwnershipGraph& g = Chain(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    const graph::Derivation d = graph::Derive(g, model::Regime::kUs, kAsOf);
    benchmark::DoNotOptimize(d.status(static_cast<NodeId>(g.node_count() - 1)));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_ChainAllListedHolders(benchmark::State& state) {
  const graph::OwnershipGraph& g = Chain(static_cast<size_t>(state.range(0)));
  const graph::Derivation d = graph::Derive(g, model::Regime::kUs, kAsOf);
  graph::ListedHolderSets holders;
  for (auto _ : state) {
    holders = d.AllListedHolders();
    benchmark::DoNotOptimize(holders.Of(static_cast<NodeId>(g.node_count() - 1)).data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["sets"] = static_cast<double>(holders.set_count());
  state.counters["holders_stored"] = static_cast<double>(holders.stored_holders());
  state.counters["edges_followed"] = static_cast<double>(holders.edges_followed());
  state.counters["bytes"] = static_cast<double>(holders.MemoryBytes());
}

void BM_ChainDeriveAndRender(benchmark::State& state) {
  using Json = nlohmann::ordered_json;
  const graph::OwnershipGraph& g = Chain(static_cast<size_t>(state.range(0)));
  const model::Regime regime = model::Regime::kUs;
  size_t bytes = 0, lines = 0;
  for (auto _ : state) {
    const graph::Derivation d = graph::Derive(g, regime, kAsOf);
    const graph::ListedHolderSets listed_holders = d.AllListedHolders();
    bytes = lines = 0;
    for (NodeId node = 0; node < g.node_count(); ++node) {
      const NodeStatus status = d.status(node);
      if (status == NodeStatus::kClear) continue;
      // The fields of cli/ownership_command.cc's derive lines.
      Json j;
      j["id"] = g.node_id(node);
      j["regime"] = model::RegimeName(regime);
      j["status"] = graph::StatusName(status, regime);
      j["as_of"] = "2025-01-01";
      j["evidence"] = Json::array();
      for (const graph::Evidence& e : d.EvidenceFor(node)) {
        Json evidence = graph::EdgeJson(g, g.edge(e.edge));
        evidence["owner_status"] = graph::StatusName(e.owner_status, regime);
        evidence["effect"] = "ownership";
        j["evidence"].push_back(std::move(evidence));
      }
      if (status != NodeStatus::kListed) {
        Json holders = Json::array();
        for (NodeId holder : listed_holders.Of(node)) holders.push_back(g.node_id(holder));
        j["listed_holders"] = std::move(holders);
      }
      bytes += j.dump(-1, ' ', false, Json::error_handler_t::replace).size() + 1;
      ++lines;
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["output_bytes"] = static_cast<double>(bytes);
}

void BM_ChainListedHoldersNodeByNode(benchmark::State& state) {
  const graph::OwnershipGraph& g = Chain(static_cast<size_t>(state.range(0)));
  const graph::Derivation d = graph::Derive(g, model::Regime::kUs, kAsOf);
  for (auto _ : state) {
    size_t holders = 0;
    for (NodeId node = 0; node < g.node_count(); ++node) holders += d.ListedHolders(node).size();
    benchmark::DoNotOptimize(holders);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_ChainDerive)->Arg(30'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChainAllListedHolders)
    ->Arg(30'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChainDeriveAndRender)
    ->Arg(30'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
// Quadratic: doubling the chain quadruples the time. Kept short.
BENCHMARK(BM_ChainListedHoldersNodeByNode)
    ->Arg(1'000)
    ->Arg(2'000)
    ->Arg(4'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
