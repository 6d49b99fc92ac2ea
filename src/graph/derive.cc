#include "graph/derive.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <unordered_map>

namespace cordon::graph {
namespace {

// Levels of certainty, one propagation pass each. kLevelListed marks a listed node's own key.
constexpr uint8_t kLevelListed = 0;
constexpr uint8_t kLevelDefinite = 1;
constexpr uint8_t kLevelPossible = 2;
constexpr uint8_t kLevelReview = 3;

// What a key gained at a node means for the node.
enum class Reason : uint8_t { kListed, kOwned, kControlled, kForReview };

// Packed as level | reason << 2.
uint8_t PackGain(uint8_t level, Reason reason) {
  return static_cast<uint8_t>(level | (static_cast<uint8_t>(reason) << 2));
}
uint8_t GainLevel(uint8_t packed) { return packed & 3; }
Reason GainReason(uint8_t packed) { return static_cast<Reason>(packed >> 2); }

NodeStatus StatusOfGain(uint8_t packed) {
  switch (GainLevel(packed)) {
    case kLevelListed:
      return NodeStatus::kListed;
    case kLevelDefinite:
      return GainReason(packed) == Reason::kOwned        ? NodeStatus::kOwned
             : GainReason(packed) == Reason::kControlled ? NodeStatus::kControlled
                                                         : NodeStatus::kReview;
    case kLevelPossible:
      return GainReason(packed) == Reason::kForReview ? NodeStatus::kReview : NodeStatus::kPossible;
    default:
      return NodeStatus::kReview;
  }
}

uint8_t LevelOfStatus(NodeStatus status) {
  switch (status) {
    case NodeStatus::kListed:
      return kLevelListed;
    case NodeStatus::kOwned:
    case NodeStatus::kControlled:
      return kLevelDefinite;
    case NodeStatus::kPossible:
      return kLevelPossible;
    default:
      return kLevelReview;
  }
}

uint64_t PairKey(NodeId node, uint32_t key) { return (static_cast<uint64_t>(node) << 32) | key; }

// Open-addressing map from a (node, holder key) pair to a small value. The derivation touches
// each pair at most once per edge, so a flat table beats node-based maps by a wide margin.
template <typename V>
class PairTable {
 public:
  PairTable() { Rehash(1024); }

  V* Find(uint64_t key) {
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == kEmpty) return nullptr;
      if (keys_[slot] == key) return &values_[slot];
    }
  }
  const V* Find(uint64_t key) const { return const_cast<PairTable*>(this)->Find(key); }

  // The value for `key`, value-initialised when new; `added` says which.
  V& Insert(uint64_t key, bool* added) {
    if ((size_ + 1) * 2 > keys_.size()) Rehash(keys_.size() * 2);
    size_t slot = Slot(key);
    for (; keys_[slot] != kEmpty; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) {
        *added = false;
        return values_[slot];
      }
    }
    keys_[slot] = key;
    values_[slot] = V{};
    ++size_;
    *added = true;
    return values_[slot];
  }

  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (size_t slot = 0; slot < keys_.size(); ++slot) {
      if (keys_[slot] != kEmpty) fn(keys_[slot], values_[slot]);
    }
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return keys_.capacity() * (sizeof(uint64_t) + sizeof(V)); }

 private:
  static constexpr uint64_t kEmpty = UINT64_MAX;

  size_t Slot(uint64_t key) const {
    key ^= key >> 31;
    key *= 0x9e3779b97f4a7c15ull;
    return (key ^ (key >> 29)) & mask_;
  }
  void Rehash(size_t capacity) {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<V> old_values = std::move(values_);
    keys_.assign(capacity, kEmpty);
    values_.assign(capacity, V{});
    mask_ = capacity - 1;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == kEmpty) continue;
      size_t slot = Slot(old_keys[i]);
      while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
      keys_[slot] = old_keys[i];
      values_[slot] = old_values[i];
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<V> values_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Sums of the holdings that reach one (asset, holder key) pair within one pass.
struct Sums {
  uint64_t shares = 0;
  uint64_t voting = 0;
  uint64_t strong_shares = 0;  // from holders that are listed, owned, controlled or possible
  uint64_t strong_voting = 0;
};

RegimeMask ListingMask(const RegimeRule& rule) {
  if (rule.listed_by != 0) return rule.listed_by;
  RegimeMask mask = RegimeBit(rule.regime);
  if (rule.un_listings_bind) mask |= RegimeBit(model::Regime::kUn);
  return mask;
}

}  // namespace

std::string_view StatusName(NodeStatus status, model::Regime regime) {
  return StatusName(status, BlockingTestOf(regime));
}

std::string_view StatusName(NodeStatus status, OwnershipTest test) {
  switch (status) {
    case NodeStatus::kListed:
      return "listed";
    case NodeStatus::kOwned:
      return RuleFor(test, kNoStart).owned_status;
    case NodeStatus::kControlled:
      return "controlled";
    case NodeStatus::kPossible:
      return "possible";
    case NodeStatus::kReview:
      return "review";
    case NodeStatus::kClear:
      return "clear";
  }
  return "clear";
}

// Runs the three passes and fills a Derivation.
class Deriver {
 public:
  Deriver(const OwnershipGraph& graph, const RegimeRule& rule, DateKey as_of, Derivation& out)
      : graph_(graph), rule_(rule), as_of_(as_of), out_(out), listing_mask_(ListingMask(rule)) {}

  void Run() {
    const size_t nodes = graph_.node_count();
    if (!rule_.aggregate) GroupJointHolders();
    for (NodeId node = 0; node < nodes; ++node) {
      if ((graph_.listed(node) & listing_mask_) == 0) continue;
      bool added = false;
      gained_.Insert(PairKey(node, KeyOfListed(node)), &added) =
          PackGain(kLevelListed, Reason::kListed);
    }
    for (uint8_t level : {kLevelDefinite, kLevelPossible, kLevelReview}) Pass(level);
    Finish();
  }

 private:
  uint32_t KeyOfListed(NodeId node) const { return rule_.aggregate ? 0 : out_.group_of_[node]; }

  // Per-person mode: listed persons tied by an active joint edge hold as one.
  void GroupJointHolders() {
    std::vector<uint32_t>& parent = out_.group_of_;
    parent.resize(graph_.node_count());
    for (NodeId node = 0; node < parent.size(); ++node) parent[node] = node;
    auto find = [&parent](uint32_t node) {
      while (parent[node] != node) node = parent[node] = parent[parent[node]];
      return node;
    };
    for (uint32_t e = 0; e < graph_.edge_count(); ++e) {
      const Edge& edge = graph_.edge(e);
      if (edge.kind != EdgeKind::kJoint || !edge.ActiveOn(as_of_)) continue;
      const uint32_t a = find(edge.owner);
      const uint32_t b = find(edge.asset);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    for (NodeId node = 0; node < parent.size(); ++node) parent[node] = find(node);
  }

  // Records that `node` is held by `key` at `level` for `reason`; queues it when new.
  void Gain(NodeId node, uint32_t key, uint8_t level, Reason reason) {
    bool added = false;
    uint8_t& packed = gained_.Insert(PairKey(node, key), &added);
    if (added) {
      packed = PackGain(level, reason);
      queue_.emplace_back(node, key);
      return;
    }
    // Already held at this level: a stronger reason replaces a weaker one (owned over
    // controlled); it was queued when first gained.
    if (GainLevel(packed) == level && reason < GainReason(packed) &&
        GainReason(packed) != Reason::kListed) {
      packed = PackGain(level, reason);
    }
  }

  void Pass(uint8_t level) {
    PairTable<Sums> sums;
    queue_.clear();
    gained_.ForEach([&](uint64_t pair, uint8_t packed) {
      if (GainLevel(packed) < level) {
        queue_.emplace_back(static_cast<NodeId>(pair >> 32), static_cast<uint32_t>(pair));
      }
    });
    for (size_t head = 0; head < queue_.size(); ++head) {
      const auto [holder, key] = queue_[head];
      const uint8_t holder_level = GainLevel(*gained_.Find(PairKey(holder, key)));
      Propagate(holder, key, holder_level, level, sums);
    }
  }

  // Passes the holder's interests on to its assets. Several active edges of one holder into one
  // asset count once, at the largest share: registers repeat a holding across overlapping
  // records far more often than they split it into share classes.
  void Propagate(NodeId holder, uint32_t key, uint8_t holder_level, uint8_t level,
                 PairTable<Sums>& sums) {
    const bool strong = holder_level < kLevelReview;
    std::span<const uint32_t> out = graph_.out_edges(holder);
    for (size_t i = 0; i < out.size();) {
      const NodeId asset = graph_.edge(out[i]).asset;
      uint32_t shares = 0, voting = 0;
      bool has_shares = false, has_voting = false, control = false, review = false;
      for (; i < out.size() && graph_.edge(out[i]).asset == asset; ++i) {
        const Edge& edge = graph_.edge(out[i]);
        if (!edge.ActiveOn(as_of_)) continue;
        const uint32_t share = level == kLevelDefinite ? edge.share.min : edge.share.max;
        switch (rule_.EffectOf(edge.kind)) {
          case Effect::kOwnership:
            if (edge.kind == EdgeKind::kVoting) {
              voting = std::max(voting, share);
              has_voting = true;
            } else {
              shares = std::max(shares, share);
              has_shares = true;
            }
            break;
          case Effect::kMajority:
            voting = std::max(voting, share);
            has_voting = true;
            break;
          case Effect::kControl:
            control = true;
            break;
          case Effect::kReview:
            review = true;
            break;
          case Effect::kNone:
            break;
        }
      }
      if (control) Gain(asset, key, level, Reason::kControlled);
      if (review && strong && level == kLevelReview)
        Gain(asset, key, kLevelReview, Reason::kForReview);
      if (!has_shares && !has_voting) continue;

      bool added = false;
      Sums& sum = sums.Insert(PairKey(asset, key), &added);
      sum.shares += shares;
      sum.voting += voting;
      if (strong) {
        sum.strong_shares += shares;
        sum.strong_voting += voting;
      }
      const bool voting_is_ownership = rule_.voting == Effect::kOwnership;
      if ((has_shares && rule_.Meets(sum.shares)) ||
          (has_voting && voting_is_ownership && rule_.Meets(sum.voting))) {
        Gain(asset, key, level, Reason::kOwned);
      } else if (has_voting && rule_.voting == Effect::kMajority && sum.voting > kShareScale / 2) {
        Gain(asset, key, level, Reason::kControlled);
      } else if (level == kLevelReview && rule_.review_above > 0 &&
                 (sum.strong_shares > rule_.review_above ||
                  sum.strong_voting > rule_.review_above)) {
        Gain(asset, key, kLevelReview, Reason::kForReview);
      }
    }
  }

  void Finish() {
    const size_t nodes = graph_.node_count();
    out_.status_.assign(nodes, NodeStatus::kClear);
    if (!rule_.aggregate) out_.deciding_key_.assign(nodes, 0);
    out_.key_offsets_.assign(nodes + 1, 0);
    gained_.ForEach([&](uint64_t pair, uint8_t) { ++out_.key_offsets_[(pair >> 32) + 1]; });
    for (size_t n = 0; n < nodes; ++n) out_.key_offsets_[n + 1] += out_.key_offsets_[n];
    out_.keys_.resize(gained_.size());
    out_.key_levels_.resize(gained_.size());
    std::vector<uint32_t> next(out_.key_offsets_.begin(), out_.key_offsets_.end() - 1);
    gained_.ForEach([&](uint64_t pair, uint8_t packed) {
      const auto node = static_cast<NodeId>(pair >> 32);
      const auto key = static_cast<uint32_t>(pair);
      const uint32_t slot = next[node]++;
      out_.keys_[slot] = key;
      out_.key_levels_[slot] = packed;
      const NodeStatus status = StatusOfGain(packed);
      if (status > out_.status_[node] ||
          (status == out_.status_[node] && !rule_.aggregate && key < out_.deciding_key_[node])) {
        out_.status_[node] = status;
        if (!rule_.aggregate) out_.deciding_key_[node] = key;
      }
    });
  }

  const OwnershipGraph& graph_;
  const RegimeRule& rule_;
  const DateKey as_of_;
  Derivation& out_;
  const RegimeMask listing_mask_;
  PairTable<uint8_t> gained_;  // (node, key) -> PackGain(level, reason)
  std::vector<std::pair<NodeId, uint32_t>> queue_;
};

Derivation Derive(const OwnershipGraph& graph, model::Regime regime, DateKey as_of) {
  return Derive(graph, BlockingTestOf(regime), as_of);
}

Derivation Derive(const OwnershipGraph& graph, OwnershipTest test, DateKey as_of) {
  Derivation derivation;
  derivation.graph_ = &graph;
  derivation.rule_ = &RuleFor(test, as_of);
  derivation.as_of_ = as_of;
  Deriver(graph, *derivation.rule_, as_of, derivation).Run();
  return derivation;
}

std::optional<uint8_t> Derivation::GainOf(NodeId node, uint32_t key) const {
  for (uint32_t i = key_offsets_[node]; i < key_offsets_[node + 1]; ++i) {
    if (keys_[i] == key) return key_levels_[i];
  }
  return std::nullopt;
}

uint32_t Derivation::DecidingKey(NodeId node) const {
  return deciding_key_.empty() ? 0 : deciding_key_[node];
}

std::vector<Evidence> Derivation::EvidenceFor(NodeId node) const {
  const NodeStatus status = status_[node];
  if (status == NodeStatus::kListed || status == NodeStatus::kClear) return {};
  return EvidenceAt(node, DecidingKey(node), LevelOfStatus(status));
}

std::vector<Evidence> Derivation::EvidenceAt(NodeId node, uint32_t key, uint8_t level) const {
  std::vector<Evidence> evidence;
  for (uint32_t e : graph_->in_edges(node)) {
    const Edge& edge = graph_->edge(e);
    if (!edge.ActiveOn(as_of_)) continue;
    const Effect effect = rule_->EffectOf(edge.kind);
    if (effect == Effect::kNone) continue;
    std::optional<uint8_t> holder = GainOf(edge.owner, key);
    if (!holder || GainLevel(*holder) > level) continue;
    // Reasons to review count only from holders that are more than under review themselves.
    if (effect == Effect::kReview && (level != kLevelReview || GainLevel(*holder) == kLevelReview))
      continue;
    evidence.push_back({.edge = e, .owner_status = status_[edge.owner], .effect = effect});
  }
  return evidence;
}

Derivation::Walk Derivation::WalkUp(NodeId node, size_t max_ends, size_t max_visited) const {
  Walk walk;
  const NodeStatus status = status_[node];
  if (status == NodeStatus::kListed || status == NodeStatus::kClear) return walk;
  const uint32_t key = DecidingKey(node);
  // Breadth first over evidence edges, so the first path found to each listed holder is a
  // shortest one; the parent map also keeps paths free of repeated nodes.
  walk.parent_edge.emplace(node, UINT32_MAX);
  std::deque<NodeId> frontier{node};
  while (!frontier.empty() && walk.ends.size() < max_ends &&
         walk.parent_edge.size() < max_visited) {
    const NodeId current = frontier.front();
    frontier.pop_front();
    std::optional<uint8_t> gain = GainOf(current, key);
    if (!gain) continue;
    for (const Evidence& evidence : EvidenceAt(current, key, GainLevel(*gain))) {
      const NodeId owner = graph_->edge(evidence.edge).owner;
      if (!walk.parent_edge.emplace(owner, evidence.edge).second) continue;
      std::optional<uint8_t> owner_gain = GainOf(owner, key);
      if (owner_gain && GainLevel(*owner_gain) == kLevelListed) {
        walk.ends.push_back(owner);
        if (walk.ends.size() >= max_ends) break;
      } else {
        frontier.push_back(owner);
      }
    }
  }
  return walk;
}

std::vector<Path> Derivation::Explain(NodeId node, size_t max_paths) const {
  // Bounds the work of one explanation: a chain deeper than this is not explained.
  constexpr size_t kMaxVisited = 100'000;
  const Walk walk = WalkUp(node, max_paths, kMaxVisited);
  std::vector<Path> paths;
  for (NodeId end : walk.ends) {
    Path path;
    for (NodeId at = end;;) {
      const uint32_t edge = walk.parent_edge.at(at);
      if (edge == UINT32_MAX) break;
      path.edges.push_back(edge);
      at = graph_->edge(edge).asset;
    }
    paths.push_back(std::move(path));
  }
  std::stable_sort(paths.begin(), paths.end(),
                   [](const Path& a, const Path& b) { return a.edges.size() < b.edges.size(); });
  return paths;
}

std::vector<NodeId> Derivation::ListedHolders(NodeId node) const {
  // Not capped: a holder missing from a deep chain would be a wrong answer, not a short one.
  std::vector<NodeId> holders = WalkUp(node, SIZE_MAX, SIZE_MAX).ends;
  std::sort(holders.begin(), holders.end());
  return holders;
}

uint32_t Derivation::SlotOf(NodeId node, uint32_t key) const {
  for (uint32_t i = key_offsets_[node]; i < key_offsets_[node + 1]; ++i) {
    if (keys_[i] == key) return i;
  }
  return UINT32_MAX;
}

// The holders of a (node, key) pair are the pairs that are listed (level kLevelListed) among
// those its evidence reaches, following evidence for the same key and stopping at listed pairs:
// what WalkUp finds from the pair. They depend on the pair only, not on where a walk started,
// so each pair is solved once, from the pairs it reaches. Evidence can run in cycles (mutual
// holdings below a listed owner), so the pairs are solved a strongly connected component at a
// time, in Tarjan's order, which finishes every component after the components it reaches.
ListedHolderSets Derivation::AllListedHolders() const {
  constexpr uint32_t kUnvisited = UINT32_MAX;
  const size_t nodes = status_.size();
  const size_t slots = keys_.size();
  ListedHolderSets out;
  out.set_of_.assign(nodes, ListedHolderSets::kNoSet);
  out.set_offsets_.push_back(0);

  std::vector<uint32_t> index(slots, kUnvisited), low(slots, 0);
  std::vector<uint32_t> set_of_slot(slots, ListedHolderSets::kNoSet);
  std::vector<bool> on_stack(slots, false);
  // Each visited pair's successors (the pairs of its evidence owners), appended when the pair is
  // first visited: [successor_begin[slot], successor_end[slot]) in successors.
  std::vector<uint32_t> successor_begin(slots, 0), successor_end(slots, 0);
  std::vector<uint32_t> successors;
  std::vector<uint32_t> stack;
  struct Frame {
    uint32_t slot;
    uint32_t next;  // position in successors
  };
  std::vector<Frame> frames;
  uint32_t counter = 0;
  // The node of each pair reached, recorded when an edge leads to it (keys_ holds only keys).
  std::vector<NodeId> node_of_slot(slots, kNoNode);

  // Sets are interned by content: nodes below the same listed persons by different routes
  // (two parents that each reach X and Y) share {X, Y}.
  std::unordered_map<uint64_t, std::vector<uint32_t>> sets_by_hash;
  auto intern = [&out, &sets_by_hash](std::span<const NodeId> holders) -> uint32_t {
    uint64_t hash = holders.size();
    for (NodeId holder : holders) hash = (hash ^ holder) * 0x100000001b3ull;
    std::vector<uint32_t>& candidates = sets_by_hash[hash];
    for (uint32_t set : candidates) {
      const std::span<const NodeId> stored = out.Set(set);
      if (std::equal(stored.begin(), stored.end(), holders.begin(), holders.end())) return set;
    }
    const auto set = static_cast<uint32_t>(out.set_offsets_.size() - 1);
    out.holders_.insert(out.holders_.end(), holders.begin(), holders.end());
    out.set_offsets_.push_back(static_cast<uint32_t>(out.holders_.size()));
    candidates.push_back(set);
    return set;
  };

  auto visit = [&](uint32_t slot, NodeId node) {
    index[slot] = low[slot] = counter++;
    stack.push_back(slot);
    on_stack[slot] = true;
    successor_begin[slot] = static_cast<uint32_t>(successors.size());
    const uint32_t key = keys_[slot];
    const uint8_t level = GainLevel(key_levels_[slot]);
    if (level != kLevelListed) {
      for (const Evidence& evidence : EvidenceAt(node, key, level)) {
        const NodeId owner = graph_->edge(evidence.edge).owner;
        const uint32_t owner_slot = SlotOf(owner, key);
        assert(owner_slot != UINT32_MAX);  // EvidenceAt keeps only owners that hold the key
        node_of_slot[owner_slot] = owner;
        successors.push_back(owner_slot);
      }
    }
    successor_end[slot] = static_cast<uint32_t>(successors.size());
    out.edges_followed_ += successor_end[slot] - successor_begin[slot];
    frames.push_back({slot, successor_begin[slot]});
  };

  std::vector<uint32_t> members, child_sets;
  std::vector<NodeId> merged;
  for (NodeId start = 0; start < nodes; ++start) {
    const NodeStatus status = status_[start];
    if (status == NodeStatus::kListed || status == NodeStatus::kClear) continue;
    const uint32_t start_slot = SlotOf(start, DecidingKey(start));
    assert(start_slot != UINT32_MAX);  // a derived node holds the key that decided it
    if (index[start_slot] == kUnvisited) {
      node_of_slot[start_slot] = start;
      visit(start_slot, start);
    }
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const uint32_t slot = frame.slot;
      if (frame.next < successor_end[slot]) {
        const uint32_t next = successors[frame.next++];
        if (index[next] == kUnvisited) {
          visit(next, node_of_slot[next]);  // invalidates `frame`
        } else if (on_stack[next]) {
          low[slot] = std::min(low[slot], index[next]);
        }
        continue;
      }
      frames.pop_back();
      if (!frames.empty()) {
        const uint32_t parent = frames.back().slot;
        low[parent] = std::min(low[parent], low[slot]);
      }
      if (low[slot] != index[slot]) continue;
      // `slot` roots a component: its members are on the stack above it. Their holders are the
      // listed members and the holders of the components they reach, all finished already.
      members.clear();
      uint32_t member;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack[member] = false;
        members.push_back(member);
      } while (member != slot);
      child_sets.clear();
      merged.clear();
      for (uint32_t m : members) {
        if (GainLevel(key_levels_[m]) == kLevelListed) merged.push_back(node_of_slot[m]);
        for (uint32_t s = successor_begin[m]; s < successor_end[m]; ++s) {
          const uint32_t set = set_of_slot[successors[s]];
          if (set != ListedHolderSets::kNoSet) child_sets.push_back(set);
        }
      }
      std::sort(child_sets.begin(), child_sets.end());
      child_sets.erase(std::unique(child_sets.begin(), child_sets.end()), child_sets.end());
      uint32_t set = ListedHolderSets::kNoSet;
      if (merged.empty() && child_sets.size() == 1) {
        set = child_sets.front();  // a chain: the holders of the one component above
      } else if (!merged.empty() || !child_sets.empty()) {
        for (uint32_t child : child_sets) {
          const std::span<const NodeId> holders = out.Set(child);
          merged.insert(merged.end(), holders.begin(), holders.end());
        }
        std::sort(merged.begin(), merged.end());
        merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
        set = intern(merged);
      }
      for (uint32_t m : members) set_of_slot[m] = set;
    }
    out.set_of_[start] = set_of_slot[start_slot];
  }
  return out;
}

std::vector<size_t> Derivation::Counts() const {
  std::vector<size_t> counts(static_cast<size_t>(NodeStatus::kListed) + 1, 0);
  for (NodeStatus status : status_) ++counts[static_cast<size_t>(status)];
  return counts;
}

std::span<const NodeId> ListedHolderSets::Of(NodeId node) const {
  if (node >= set_of_.size() || set_of_[node] == kNoSet) return {};
  return Set(set_of_[node]);
}

std::span<const NodeId> ListedHolderSets::Set(uint32_t set) const {
  return std::span<const NodeId>(holders_).subspan(set_offsets_[set],
                                                   set_offsets_[set + 1] - set_offsets_[set]);
}

size_t ListedHolderSets::MemoryBytes() const {
  return (set_of_.capacity() + set_offsets_.capacity() + holders_.capacity()) * sizeof(uint32_t);
}

size_t Derivation::MemoryBytes() const {
  return status_.capacity() + deciding_key_.capacity() * sizeof(uint32_t) +
         key_offsets_.capacity() * sizeof(uint32_t) + keys_.capacity() * sizeof(uint32_t) +
         key_levels_.capacity() + group_of_.capacity() * sizeof(uint32_t);
}

}  // namespace cordon::graph
