// bench/ownership_graph_generator.h: a made-up corporate ownership graph, shaped like a company
// register, for measuring graph/derive.h at sizes the real data does not reach.
//
//   graph::GraphBuilder builder;
//   Result<PlantedStructures> planted = GenerateOwnershipGraph({.edges = 1'000'000}, builder);
//   graph::OwnershipGraph graph = std::move(builder).Build();
//
// The graph has exactly `edges` edges over about edges / 3 nodes named "n0", "n1", ... (node
// "nK" is NodeId K of a builder that was empty). Its shape:
//   - Owners are drawn in proportion to a heavy-tailed (Pareto) fitness, so out-degrees follow
//     a power law: most companies own nothing, persons own a few, and a few holding companies
//     own thousands. About 15 % of nodes are persons or funds that nobody owns.
//   - Assets mostly have one to three shareholders (a long tail reaches a few thousand), with
//     cap tables as registers show them: many 100 %, 50/50, 51/49, round splits, a long tail
//     of small stakes. The stakes of one asset sum to at most 100 % on any date. About 5 % of
//     stakes are bands (25-50, 50-75, 10-25, ...) that contain the true stake, about 3 % are
//     unknown.
//   - Most edges are shares; the rest are officers, voting rights (mirroring the shares, or one
//     super-voting holder), board appointment rights, other control, and a few joint pacts
//     between two shareholders of one asset.
//   - About 10 % of edges carry dates: acquisitions, divestments, stakes sold to a successor on
//     a date, officers appointed or resigned.
//   - About 0.5 % of nodes are listed, owners more often than others and a quarter of the very
//     largest holders, under US, EU and UK in overlapping combinations.
//   - Cycles: mutual holdings and three-company loops inside the main graph (reachable from
//     listed nodes or not, by chance), plus planted structures on nodes of their own, which
//     PlantedStructures names so that a benchmark can check the derivation against them.
// The graph is the same for the same options: the generator uses its own random number
// generator, not the standard distributions, which differ between standard libraries (only
// pow and exp come from the C library).
//
// Memory: edges are streamed into the builder; the generator itself keeps about 15 bytes per
// node (a sampling tree of owner fitness and two per-node arrays), no copy of the edges.
//
// Thread safety: plain functions and values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/status.h"
#include "graph/graph.h"

namespace cordon::bench {

struct OwnershipGraphOptions {
  size_t edges = 10'000'000;  // exactly this many edges; at least 1,000
  uint64_t seed = 1;
  // Multiplies the chance of each main-graph node being listed (about 0.5 % at 1): a stress
  // knob, since derivation work grows with what listed nodes reach. At most 100.
  double listing_factor = 1;
};

// The planted structures, on nodes that take part in nothing else.
struct PlantedStructures {
  // Members of ownership cycles that no listed node reaches (loops of full ownership, mutual
  // 30 % holdings, loops of control, board and voting edges, joint pacts, bands and unknown
  // shares), and the unlisted persons that hold stakes in them. Some of these cycles own a
  // listed company below them, which must not pass anything up. Every node here is clear under
  // every regime, on every date.
  std::vector<graph::NodeId> unlisted_cycle_nodes;
  size_t unlisted_cycles = 0;

  // A listed node that owns 60 % of `owned`, which owns 60 % of `owned_further`, which owns
  // 30 % of the listed node back. Both are owned under the regimes in `listed_in` and clear
  // under the others, on any date.
  struct ListedLoop {
    graph::NodeId listed = graph::kNoNode;
    graph::NodeId owned = graph::kNoNode;
    graph::NodeId owned_further = graph::kNoNode;
    graph::RegimeMask listed_in = 0;
  };
  std::vector<ListedLoop> listed_loops;

  // Cycles inside the main graph, where listed owners may or may not reach them.
  size_t mutual_holdings = 0;  // two companies holding stakes in each other
  size_t triangles = 0;        // a company holding a stake in its owner's owner
};

// Adds the generated nodes and edges to `builder`, which must be empty. InvalidArgument when
// the builder is not empty, options.edges is below 1,000 or listing_factor is outside [0, 100];
// an error from the builder (a bug of the generator) otherwise.
Result<PlantedStructures> GenerateOwnershipGraph(const OwnershipGraphOptions& options,
                                                 graph::GraphBuilder& builder);

}  // namespace cordon::bench
