#include "bench/ownership_graph_generator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_set>

namespace cordon::bench {
namespace {

using graph::DateKey;
using graph::Edge;
using graph::EdgeKind;
using graph::kNoNode;
using graph::NodeId;
using graph::RegimeMask;
using graph::Share;

// Stakes are drawn in basis points (0.01 %), as registers write them.
constexpr uint32_t kFull = 10'000;
constexpr uint32_t kUnitsPerBp = graph::kShareScale / kFull;

// xoshiro256** seeded through splitmix64: the standard engines are portable, but their
// distributions are not, and the graph should not change with the standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      word = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  uint32_t Between(uint32_t lo, uint32_t hi) {
    return lo + static_cast<uint32_t>(Below(hi - lo + 1));
  }
  // Uniform in (0, 1]: never 0, so that it can be raised to a negative power.
  double Unit() { return static_cast<double>((Next() >> 11) + 1) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() <= p; }
  // Pareto with minimum `scale` and tail index `alpha`, capped so that sums cannot overflow.
  uint32_t Pareto(double scale, double alpha) {
    return static_cast<uint32_t>(std::min(1e7, std::round(scale * std::pow(Unit(), -1 / alpha))));
  }
  // Poisson by Knuth's method; `mean` is small here.
  uint32_t Poisson(double mean) {
    const double limit = std::exp(-mean);
    uint32_t count = 0;
    for (double product = Unit(); product > limit; product *= Unit()) ++count;
    return count;
  }
  // In [lo, hi), log-uniform: as many holders between 10 and 100 as between 100 and 1,000.
  uint32_t LogUniform(uint32_t lo, uint32_t hi) {
    return static_cast<uint32_t>(lo * std::pow(static_cast<double>(hi) / lo, Unit() - 0x1.0p-53));
  }
  DateKey Date(int first_year, int last_year) {
    return static_cast<DateKey>(
        Between(static_cast<uint32_t>(first_year), static_cast<uint32_t>(last_year)) * 10000 +
        Between(1, 12) * 100 + Between(1, 28));
  }
  template <typename T>
  void Shuffle(std::vector<T>& values) {
    for (size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[Below(i)]);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> state_{};
};

// Owner fitness by creation order, for drawing owners in proportion to it (a Fenwick tree).
class FitnessTree {
 public:
  explicit FitnessTree(size_t size) : tree_(size + 1, 0) {
    top_ = 1;
    while (top_ * 2 <= size) top_ *= 2;
  }
  void Add(size_t index, uint32_t weight) {
    total_ += weight;
    for (size_t i = index + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += weight;
  }
  uint64_t total() const { return total_; }
  // The index whose weight covers `point`. REQUIRES: point < total().
  size_t Find(uint64_t point) const {
    size_t position = 0;
    for (size_t step = top_; step > 0; step /= 2) {
      if (position + step < tree_.size() && tree_[position + step] <= point) {
        position += step;
        point -= tree_[position];
      }
    }
    return position;  // tree index position + 1, element index position
  }

 private:
  std::vector<uint64_t> tree_;
  size_t top_ = 1;
  uint64_t total_ = 0;
};

// The listing combinations, roughly as the lists overlap: US alone most often, then the
// sanctions the EU and UK took together with the US.
RegimeMask DrawRegimes(Rng& rng) {
  using model::Regime;
  constexpr RegimeMask us = graph::RegimeBit(Regime::kUs), eu = graph::RegimeBit(Regime::kEu),
                       uk = graph::RegimeBit(Regime::kUk);
  static constexpr std::array<std::pair<double, RegimeMask>, 7> kMasks = {{
      {0.30, us},
      {0.45, eu},
      {0.55, uk},
      {0.70, us | eu},
      {0.75, us | uk},
      {0.85, eu | uk},
      {1.00, us | eu | uk},
  }};
  const double u = rng.Unit();
  for (const auto& [cumulative, mask] : kMasks) {
    if (u <= cumulative) return mask;
  }
  return us | eu | uk;
}

// Shareholders of one asset: mostly one to three, a tail of widely held companies.
uint32_t DrawOwnerCount(Rng& rng) {
  const double u = rng.Unit();
  if (u <= 0.55) return 1;
  if (u <= 0.80) return 2;
  if (u <= 0.90) return 3;
  if (u <= 0.9845) return rng.Between(4, 10);
  if (u <= 0.9995) return rng.LogUniform(11, 100);
  return rng.LogUniform(100, 3000);
}

// Splits `total` basis points over `weights.size()` holders in proportion to the weights, at
// least 1 each, summing to at most `total`. REQUIRES: total >= weights.size().
void Split(uint32_t total, const std::vector<double>& weights, std::vector<uint32_t>& out) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  uint64_t given = 0;
  for (double w : weights) {
    out.push_back(std::max<uint32_t>(1, static_cast<uint32_t>(total * w / sum)));
    given += out.back();
  }
  while (given > total) {  // the minimum of 1 can overshoot by a few points
    uint32_t& largest = *std::max_element(out.begin(), out.end());
    const auto take = static_cast<uint32_t>(std::min<uint64_t>(given - total, largest - 1));
    largest -= take;
    given -= take;
  }
}

// The stakes of `count` holders in basis points, as cap tables look: a sole owner, 50/50,
// 51/49, round splits, a long tail of small stakes; sometimes less than 100 % in all (the
// rest is free float or holders the register does not name).
void DrawCapTable(Rng& rng, uint32_t count, std::vector<double>& weights,
                  std::vector<uint32_t>& out) {
  out.clear();
  weights.clear();
  const double u = rng.Unit();
  if (count == 1) {
    out.push_back(u <= 0.88 ? kFull : rng.Between(51, 99) * 100);
    return;
  }
  if (count == 2) {
    static constexpr std::array<std::pair<uint32_t, uint32_t>, 6> kPairs = {
        {{6000, 4000}, {7000, 3000}, {7500, 2500}, {8000, 2000}, {9000, 1000}, {6667, 3333}}};
    if (u <= 0.35) {
      out = {5000, 5000};
    } else if (u <= 0.55) {
      out = {5100, 4900};
    } else if (u <= 0.80) {
      const auto& [a, b] = kPairs[rng.Below(kPairs.size())];
      out = {a, b};
    } else {
      const uint32_t a = rng.Between(1, 99) * 100;
      out = {a, kFull - a};
    }
    if (rng.Chance(0.10)) {
      const uint32_t percent = rng.Between(50, 99);
      for (uint32_t& stake : out) stake = std::max<uint32_t>(1, stake * percent / 100);
    }
  } else if (count == 3 && u <= 0.5) {
    static constexpr std::array<std::array<uint32_t, 3>, 5> kTriples = {{{3400, 3300, 3300},
                                                                         {5000, 2500, 2500},
                                                                         {4000, 3000, 3000},
                                                                         {5100, 2450, 2450},
                                                                         {6000, 2000, 2000}}};
    const auto& triple = kTriples[rng.Below(kTriples.size())];
    out.assign(triple.begin(), triple.end());
  } else if (count <= 10 && rng.Chance(0.3)) {
    // A majority holder and minorities.
    const uint32_t major = rng.Between(5100, 7600);
    out.push_back(major);
    uint32_t rest = rng.Chance(0.6) ? kFull - major : rng.Between(count, kFull - major);
    for (uint32_t i = 1; i < count; ++i) weights.push_back(std::pow(rng.Unit(), -0.8));
    Split(rest, weights, out);
  } else {
    // A long tail: stakes with a heavy-tailed spread, a few large ones and many small ones.
    const uint32_t total = rng.Chance(0.6) ? kFull : rng.Between(std::max(count, 3000u), kFull);
    for (uint32_t i = 0; i < count; ++i) weights.push_back(std::pow(rng.Unit(), -1.2));
    Split(total, weights, out);
  }
  rng.Shuffle(out);
}

// The band ("25-50 %") a register would give for a stake of `bp` basis points.
Share BandOf(uint32_t bp) {
  static constexpr std::array<std::pair<uint32_t, uint32_t>, 5> kBands = {
      {{0, 1000}, {1000, 2500}, {2500, 5000}, {5000, 7500}, {7500, kFull}}};
  for (const auto& [lo, hi] : kBands) {
    if (bp <= hi) return Share{lo * kUnitsPerBp, hi * kUnitsPerBp};
  }
  return Share::Unknown();
}

Share ExactBp(uint32_t bp) { return Share::Exact(bp * kUnitsPerBp); }

class Generator {
 public:
  Generator(const OwnershipGraphOptions& options, graph::GraphBuilder& builder)
      : builder_(builder),
        rng_(options.seed),
        edges_(options.edges),
        listing_factor_(options.listing_factor),
        nodes_(std::max<size_t>(options.edges / 3, 64)),
        fitness_(nodes_),
        free_bp_(nodes_, kFull),
        first_owner_(nodes_, kNoNode) {
    // Node ids are a permutation of creation order, so that the order the generator works in
    // (owners before what they own) does not show in NodeIds, as it would not in real data.
    stride_ = 2'654'435'761u % nodes_;
    while (std::gcd(stride_, nodes_) != 1) ++stride_;
    offset_ = rng_.Below(nodes_);
  }

  Result<PlantedStructures> Run() {
    char id[24] = {'n'};
    for (size_t k = 0; k < nodes_; ++k) {
      const char* end = std::to_chars(id + 1, id + sizeof(id), k).ptr;
      if (builder_.AddNode(std::string_view(id, static_cast<size_t>(end - id))) != k) {
        return InternalError("ownership graph generator: node ids are not dense");
      }
    }
    PlantedStructures planted;
    RETURN_IF_ERROR(PlantUnlistedCycles(planted));
    RETURN_IF_ERROR(PlantListedLoops(planted));
    const size_t main_nodes = next_sealed_;
    for (size_t gen = 0; gen < main_nodes; ++gen) RETURN_IF_ERROR(AddMainNode(gen, main_nodes));
    RETURN_IF_ERROR(TopUp(main_nodes));
    planted.mutual_holdings = mutual_holdings_;
    planted.triangles = triangles_;
    if (builder_.edge_count() != edges_) {
      return InternalError("ownership graph generator: wrong edge count");
    }
    return planted;
  }

 private:
  NodeId NodeOf(size_t gen) const {
    return static_cast<NodeId>((gen * stride_ + offset_) % nodes_);
  }
  // A node for planted structures, from the top of the creation order: the main graph never
  // draws owners from there, so nothing reaches these nodes but what is planted.
  NodeId Sealed() { return NodeOf(--next_sealed_); }

  Status Emit(const Edge& edge) {
    ++emitted_;
    return builder_.AddEdge(edge);
  }

  // ---- planted structures --------------------------------------------------------------------

  // Cycles no listed node reaches, in every form the rules treat differently.
  Status PlantUnlistedCycles(PlantedStructures& planted) {
    const size_t cycles = std::clamp<size_t>(edges_ / 25'000, 6, 400);
    std::vector<NodeId> members;
    std::vector<uint32_t> free;
    for (size_t cycle = 0; cycle < cycles; ++cycle) {
      const size_t type = cycle % 6;
      size_t length = 3;
      if (type == 0) length = 2;
      if (type == 2) length = 3 + cycle / 6 % 6;
      if (type == 3) length = 3 + cycle / 6 % 3;
      if (type == 5) length = 2 + cycle / 6 % 3;
      members.clear();
      for (size_t i = 0; i < length; ++i) members.push_back(Sealed());
      free.assign(length, kFull);
      for (size_t i = 0; i < length; ++i) {
        Edge edge{.owner = members[i], .asset = members[(i + 1) % length]};
        uint32_t bp = 0;
        switch (type) {
          case 0:  // mutual 30 % holdings
            bp = 3000;
            break;
          case 1:  // a loop of full ownership
            bp = kFull;
            break;
          case 2:
            bp = rng_.Between(51, 100) * 100;
            break;
          case 3: {  // what a register leaves vague
            static constexpr std::array<Share, 4> kVague = {
                Share{25 * kUnitsPerBp * 100, 50 * kUnitsPerBp * 100},
                Share{50 * kUnitsPerBp * 100, 75 * kUnitsPerBp * 100}, Share::Unknown(),
                Share::Exact(40 * kUnitsPerBp * 100)};
            edge.share = kVague[i % kVague.size()];
            bp = edge.share.max / kUnitsPerBp;
            break;
          }
          case 4: {  // board, voting and control around the loop, and a pact inside it
            static constexpr std::array<EdgeKind, 3> kKinds = {EdgeKind::kBoard, EdgeKind::kVoting,
                                                               EdgeKind::kControl};
            edge.kind = kKinds[i % kKinds.size()];
            edge.share = edge.kind == EdgeKind::kVoting ? ExactBp(6000) : Share::Unknown();
            if (edge.kind == EdgeKind::kVoting) {
              RETURN_IF_ERROR(Emit({.owner = edge.owner,
                                    .asset = edge.asset,
                                    .share = ExactBp(4000),
                                    .kind = EdgeKind::kShares}));
              free[(i + 1) % length] -= 4000;
            }
            break;
          }
          default:  // officers of each other, and majority stakes
            RETURN_IF_ERROR(Emit({.owner = edge.owner,
                                  .asset = edge.asset,
                                  .share = Share::Unknown(),
                                  .kind = EdgeKind::kOfficer}));
            bp = 5500;
            break;
        }
        if (type != 3 && type != 4) edge.share = ExactBp(bp);
        if (type != 4) free[(i + 1) % length] -= std::min(bp, free[(i + 1) % length]);
        RETURN_IF_ERROR(Emit(edge));
      }
      if (type == 4) {
        RETURN_IF_ERROR(Emit({.owner = members[0],
                              .asset = members[2],
                              .share = Share::Unknown(),
                              .kind = EdgeKind::kJoint}));
      }
      for (NodeId member : members) planted.unlisted_cycle_nodes.push_back(member);
      // Unlisted persons with stakes in the loop (officers where it is wholly owned).
      const size_t feeders = cycle % 2 == 0 ? 1 + cycle / 2 % 2 : 0;
      for (size_t f = 0; f < feeders; ++f) {
        const NodeId person = Sealed();
        const size_t target = rng_.Below(length);
        Edge edge{.owner = person, .asset = members[target]};
        if (free[target] >= 1000) {
          const uint32_t bp = std::min(free[target], rng_.Between(10, 40) * 100);
          free[target] -= bp;
          edge.share = ExactBp(bp);
        } else {
          edge.kind = EdgeKind::kOfficer;
        }
        RETURN_IF_ERROR(Emit(edge));
        planted.unlisted_cycle_nodes.push_back(person);
      }
      // A listed subsidiary below the loop: ownership passes down, never up.
      if (cycle % 3 == 1) {
        const NodeId subsidiary = Sealed();
        SetListed(subsidiary, DrawRegimes(rng_));
        RETURN_IF_ERROR(Emit({.owner = members[0], .asset = subsidiary, .share = ExactBp(kFull)}));
      }
    }
    planted.unlisted_cycles = cycles;
    return Status::Ok();
  }

  // Listed -60 %-> owned -60 %-> owned further -30 %-> listed, under each combination of
  // regimes in turn.
  Status PlantListedLoops(PlantedStructures& planted) {
    const size_t loops = std::clamp<size_t>(edges_ / 100'000, 7, 100);
    static constexpr std::array<RegimeMask, 7> kMasks = {1, 2, 4, 3, 5, 6, 7};
    for (size_t i = 0; i < loops; ++i) {
      PlantedStructures::ListedLoop loop{.listed = Sealed(),
                                         .owned = Sealed(),
                                         .owned_further = Sealed(),
                                         .listed_in = kMasks[i % kMasks.size()]};
      SetListed(loop.listed, loop.listed_in);
      RETURN_IF_ERROR(Emit({.owner = loop.listed, .asset = loop.owned, .share = ExactBp(6000)}));
      RETURN_IF_ERROR(
          Emit({.owner = loop.owned, .asset = loop.owned_further, .share = ExactBp(6000)}));
      RETURN_IF_ERROR(
          Emit({.owner = loop.owned_further, .asset = loop.listed, .share = ExactBp(3000)}));
      planted.listed_loops.push_back(loop);
    }
    return Status::Ok();
  }

  void SetListed(NodeId node, RegimeMask mask) {
    for (model::Regime regime : {model::Regime::kUs, model::Regime::kEu, model::Regime::kUk}) {
      if (mask & graph::RegimeBit(regime)) builder_.SetListed(node, regime);
    }
  }

  // ---- the main graph ------------------------------------------------------------------------

  static uint64_t PairKey(uint32_t a, uint32_t b) {
    return static_cast<uint64_t>(std::min(a, b)) << 32 | std::max(a, b);
  }

  // An owner drawn by fitness among the nodes created so far, as a creation index.
  size_t DrawOwnerGen() { return fitness_.Find(rng_.Below(fitness_.total())); }

  // An officer: a person, the earliest ones (nominee directors) far more often.
  NodeId DrawOfficer() {
    return persons_[static_cast<size_t>(static_cast<double>(persons_.size()) *
                                        std::pow(rng_.Unit() - 0x1.0p-53, 2.5))];
  }

  // `count` distinct owners by fitness, fewer when the draws keep repeating.
  void DrawOwners(uint32_t count, std::vector<uint32_t>& gens) {
    gens.clear();
    for (int round = 0; round < 8 && gens.size() < count; ++round) {
      while (gens.size() < count) gens.push_back(static_cast<uint32_t>(DrawOwnerGen()));
      std::sort(gens.begin(), gens.end());
      gens.erase(std::unique(gens.begin(), gens.end()), gens.end());
    }
    rng_.Shuffle(gens);
  }

  // A share edge as a register gives it: mostly exact, some bands, some unknown.
  Share Blur(uint32_t bp) {
    const double u = rng_.Unit();
    if (u <= 0.05) return BandOf(bp);
    if (u <= 0.08) return Share::Unknown();
    return ExactBp(bp);
  }

  enum class Tag : uint8_t { kPlain, kOfficer, kMutual, kTriangle };
  void Pend(const Edge& edge, Tag tag = Tag::kPlain) {
    pending_.push_back(edge);
    tags_.push_back(tag);
  }

  Status AddMainNode(size_t gen, size_t main_nodes) {
    const NodeId node = NodeOf(gen);
    // Persons and funds that nobody owns: 15 %, and every node until some can own.
    if (gen < 16 || fitness_.total() == 0 || rng_.Chance(0.15)) {
      persons_.push_back(node);
      const uint32_t weight = rng_.Chance(0.8) ? rng_.Pareto(48, 2.0) : 0;
      return Finish(gen, node, weight);
    }
    pending_.clear();
    tags_.clear();
    DrawCapTable(rng_, std::min<uint32_t>(DrawOwnerCount(rng_), owners_so_far_ / 2 + 1), weights_,
                 stakes_);
    DrawOwners(static_cast<uint32_t>(stakes_.size()), owner_gens_);
    stakes_.resize(owner_gens_.size());
    uint32_t held = 0;
    for (size_t i = 0; i < owner_gens_.size(); ++i) {
      const NodeId owner = NodeOf(owner_gens_[i]);
      const uint32_t bp = stakes_[i];
      held += bp;
      Edge edge{.owner = owner, .asset = node, .share = Blur(bp)};
      const double u = rng_.Unit();
      if (u <= 0.03) {
        // Sold to a successor on a date: the stake is held by one, then the other.
        const DateKey sold = rng_.Date(2000, 2025);
        if (rng_.Chance(0.5)) edge.start = rng_.Date(1985, sold / 10000 - 1);
        edge.end = sold;
        const NodeId buyer = NodeOf(DrawOwnerGen());
        // A holder buying its own stake is no sale: the stake then simply ends.
        if (buyer != owner) Pend({.owner = buyer, .asset = node, .share = Blur(bp), .start = sold});
      } else if (u <= 0.09) {
        edge.start = rng_.Date(1995, 2025);  // acquired
      } else if (u <= 0.10) {
        edge.end = rng_.Date(2000, 2025);  // divested to holders the register does not name
      }
      Pend(edge);
      if (i == 0) first_owner_[node] = owner;
      // Cross-holdings with companies that have owners of their own.
      if (first_owner_[owner] == kNoNode) continue;
      if (rng_.Chance(0.004) && free_bp_[owner] >= 500) {
        const uint32_t back = std::min<uint32_t>(3000, free_bp_[owner]);
        free_bp_[owner] = static_cast<uint16_t>(free_bp_[owner] - back);
        Pend({.owner = node, .asset = owner, .share = ExactBp(back)}, Tag::kMutual);
      }
      const NodeId grand = first_owner_[owner];
      if (rng_.Chance(0.002) && grand != node && first_owner_[grand] != kNoNode &&
          free_bp_[grand] >= 500) {
        const uint32_t back = std::min<uint32_t>(2000, free_bp_[grand]);
        free_bp_[grand] = static_cast<uint16_t>(free_bp_[grand] - back);
        Pend({.owner = node, .asset = grand, .share = ExactBp(back)}, Tag::kTriangle);
      }
    }
    free_bp_[node] = static_cast<uint16_t>(kFull - std::min(held, kFull));
    AddControlEdges(node);
    const size_t non_officer = pending_.size();
    AddOfficers(node, gen, main_nodes);
    for (size_t i = 0; i < pending_.size() && emitted_ < edges_; ++i) {
      if (tags_[i] == Tag::kMutual) ++mutual_holdings_;
      if (tags_[i] == Tag::kTriangle) ++triangles_;
      RETURN_IF_ERROR(Emit(pending_[i]));
    }
    ++assets_;
    non_officer_edges_ += non_officer;
    return Finish(gen, node, rng_.Chance(0.25) ? rng_.Pareto(16, 1.5) : 0);
  }

  // Voting rights, board appointment, other control and voting pacts, for a few assets.
  void AddControlEdges(NodeId node) {
    const size_t owners = owner_gens_.size();
    auto some_holder = [&]() -> NodeId {
      return rng_.Chance(0.5) ? NodeOf(owner_gens_[rng_.Below(owners)]) : NodeOf(DrawOwnerGen());
    };
    if (rng_.Chance(0.05)) {
      if (rng_.Chance(0.6)) {  // one vote per share
        for (size_t i = 0; i < std::min<size_t>(owners, 5); ++i) {
          Pend({.owner = NodeOf(owner_gens_[i]),
                .asset = node,
                .share = ExactBp(stakes_[i]),
                .kind = EdgeKind::kVoting});
        }
      } else {  // a super-voting class
        Pend({.owner = some_holder(),
              .asset = node,
              .share = ExactBp(rng_.Between(5100, 9000)),
              .kind = EdgeKind::kVoting});
      }
    }
    if (rng_.Chance(0.025)) {
      Pend({.owner = some_holder(),
            .asset = node,
            .share = Share::Unknown(),
            .kind = EdgeKind::kBoard});
    }
    if (rng_.Chance(0.015)) {
      Pend({.owner = some_holder(),
            .asset = node,
            .share = Share::Unknown(),
            .kind = EdgeKind::kControl});
    }
    // A pact binds two holders once, however many assets they hold together.
    if (owners >= 2 && rng_.Chance(0.02) &&
        joint_pairs_.insert(PairKey(owner_gens_[0], owner_gens_[1])).second) {
      Pend({.owner = NodeOf(owner_gens_[0]),
            .asset = NodeOf(owner_gens_[1]),
            .share = Share::Unknown(),
            .kind = EdgeKind::kJoint});
    }
  }

  // Officers, as many as keep the edge count on course for exactly `edges_`.
  void AddOfficers(NodeId node, size_t gen, size_t main_nodes) {
    const double assets_left = std::max(1.0, 0.85 * static_cast<double>(main_nodes - gen));
    const double per_asset =
        assets_ >= 1000 ? static_cast<double>(non_officer_edges_) / static_cast<double>(assets_)
                        : 3.0;
    const double budget_left = static_cast<double>(edges_ - std::min(edges_, emitted_));
    const double mean = std::clamp(budget_left / assets_left - per_asset, 0.0, 4.0);
    const size_t first = pending_.size();
    for (uint32_t n = rng_.Poisson(mean); n > 0; --n) {
      const NodeId officer = DrawOfficer();
      bool again = false;
      for (size_t i = first; i < pending_.size(); ++i) again |= pending_[i].owner == officer;
      if (again) continue;
      Pend(OfficerEdge(officer, node), Tag::kOfficer);
    }
  }

  Edge OfficerEdge(NodeId officer, NodeId company) {
    Edge edge{
        .owner = officer, .asset = company, .share = Share::Unknown(), .kind = EdgeKind::kOfficer};
    if (rng_.Chance(0.10)) {
      edge.start = rng_.Date(1995, 2024);                                        // appointed
      if (rng_.Chance(0.3)) edge.end = rng_.Date(edge.start / 10000 + 1, 2025);  // resigned
    }
    return edge;
  }

  Status Finish(size_t gen, NodeId node, uint32_t weight) {
    // Owners are listed more often than the companies at the bottom of the chains, and the
    // largest holders (state conglomerates, oligarchs) far more often.
    const double listed = weight >= 5000 ? 0.25 : weight > 0 ? 0.01 : 0.0025;
    if (rng_.Chance(listed * listing_factor_)) SetListed(node, DrawRegimes(rng_));
    if (weight > 0) {
      fitness_.Add(gen, weight);
      ++owners_so_far_;
    }
    return Status::Ok();
  }

  // Officers on random companies when the last assets did not reach the edge count.
  Status TopUp(size_t main_nodes) {
    while (emitted_ < edges_) {
      const NodeId company = NodeOf(rng_.Below(main_nodes));
      if (first_owner_[company] == kNoNode) continue;
      RETURN_IF_ERROR(Emit(OfficerEdge(DrawOfficer(), company)));
    }
    return Status::Ok();
  }

  graph::GraphBuilder& builder_;
  Rng rng_;
  const size_t edges_;
  const double listing_factor_;
  const size_t nodes_;
  size_t stride_ = 1;
  size_t offset_ = 0;
  size_t next_sealed_ = nodes_;
  size_t emitted_ = 0;

  FitnessTree fitness_;              // by creation index
  std::vector<uint16_t> free_bp_;    // by NodeId: stake not yet held by anyone, in basis points
  std::vector<NodeId> first_owner_;  // by NodeId: kNoNode for persons and unowned nodes
  std::vector<NodeId> persons_;
  std::unordered_set<uint64_t> joint_pairs_;  // PairKey of the holders of each pact
  uint32_t owners_so_far_ = 0;
  size_t assets_ = 0;
  size_t non_officer_edges_ = 0;
  size_t mutual_holdings_ = 0;
  size_t triangles_ = 0;

  // Scratch for one asset.
  std::vector<Edge> pending_;
  std::vector<Tag> tags_;
  std::vector<uint32_t> stakes_;
  std::vector<double> weights_;
  std::vector<uint32_t> owner_gens_;
};

}  // namespace

Result<PlantedStructures> GenerateOwnershipGraph(const OwnershipGraphOptions& options,
                                                 graph::GraphBuilder& builder) {
  if (options.edges < 1000) {
    return InvalidArgumentError("ownership graph generator: at least 1,000 edges");
  }
  if (!(options.listing_factor >= 0 && options.listing_factor <= 100)) {
    return InvalidArgumentError("ownership graph generator: listing_factor outside [0, 100]");
  }
  if (builder.node_count() != 0 || builder.edge_count() != 0) {
    return InvalidArgumentError("ownership graph generator: the builder is not empty");
  }
  return Generator(options, builder).Run();
}

}  // namespace cordon::bench
