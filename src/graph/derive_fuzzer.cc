// Derive on any graph the bytes describe: never crashes, and under every regime the statuses,
// counts, evidence and chains are well formed.
//
// Layout: node count, as-of date, one listing mask per node, then edge records until the input
// ends: owner, asset, a byte of kind / share form / date form, then the share and the dates.
// Shares come as units, as a band, as unknown, or as text through ParseShare; dates as one of the
// rule changes' neighbours, as raw integers, or as text through ParseDateKey.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/derive.h"
#include "graph/graph.h"
#include "graph/rules.h"

namespace cordon::graph {
namespace {

#define CHECK(condition)                \
  do {                                  \
    if (!(condition)) __builtin_trap(); \
  } while (0)

constexpr size_t kMaxNodes = 40;
constexpr size_t kMaxEdges = 400;
constexpr DateKey kDates[] = {kNoStart, 20100101, 20140812, 20140813, 20140814, 20200101,
                              20240702, 20240703, 20240704, 20250101, kNoEnd};
constexpr uint32_t kPercent = kShareScale / 100;
constexpr uint32_t kShares[] = {0,
                                1,
                                25 * kPercent,
                                25 * kPercent + 1,
                                50 * kPercent - 1,
                                50 * kPercent,
                                50 * kPercent + 1,
                                kShareScale};

class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }
  uint32_t Word() {
    uint32_t word = 0;
    for (int i = 0; i < 4; ++i) word = word << 8 | Byte();
    return word;
  }
  // Up to `max` bytes, as text.
  std::string_view Text(size_t max) {
    const size_t length = std::min<size_t>(Byte() % (max + 1), size_ - std::min(at_, size_));
    const std::string_view text(reinterpret_cast<const char*>(data_ + at_), length);
    at_ += length;
    return text;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

// A share in any form; nullopt when the text does not parse (which must then say why).
std::optional<Share> ReadShare(Input& in, uint8_t form) {
  switch (form % 5) {
    case 0:
      return Share::Exact(kShares[in.Byte() % std::size(kShares)]);
    case 1:
      return Share::Exact(in.Word() % (kShareScale + 1));
    case 2:  // raw ends, which may be out of order or above 100 %: AddEdge must refuse those
      return Share{in.Word(), in.Word()};
    case 3:
      return Share::Unknown();
    default: {
      const Result<Share> parsed = ParseShare(in.Text(24));
      if (!parsed.ok()) {
        CHECK(parsed.status().code() == StatusCode::kInvalidArgument);
        return std::nullopt;
      }
      const Share share = parsed.value();
      CHECK(share.min <= share.max && share.max <= kShareScale);
      // FormatShare is ParseShare's inverse.
      const Result<Share> again = ParseShare(FormatShare(share));
      CHECK(again.ok() && again.value() == share);
      return share;
    }
  }
}

DateKey ReadDate(Input& in, uint8_t form, bool as_end) {
  switch (form % 3) {
    case 0:
      return kDates[in.Byte() % std::size(kDates)];
    case 1:
      return static_cast<DateKey>(in.Word());
    default: {
      const Result<DateKey> parsed = ParseDateKey(in.Text(12), as_end);
      return parsed.ok() ? parsed.value() : (as_end ? kNoEnd : kNoStart);
    }
  }
}

RegimeMask Binding(const RegimeRule& rule) {
  RegimeMask mask = RegimeBit(rule.regime);
  if (rule.un_listings_bind) mask |= RegimeBit(model::Regime::kUn);
  return mask;
}

void CheckDerivation(const OwnershipGraph& graph, const Derivation& derivation,
                     model::Regime regime, DateKey as_of) {
  CHECK(derivation.rule().regime == regime && derivation.as_of() == as_of);
  const RegimeMask binding = Binding(derivation.rule());
  const size_t nodes = graph.node_count();
  const std::vector<size_t> counts = derivation.Counts();
  CHECK(counts.size() == static_cast<size_t>(NodeStatus::kListed) + 1);
  CHECK(std::accumulate(counts.begin(), counts.end(), size_t{0}) == nodes);
  bool any_listed = false;
  for (NodeId node = 0; node < nodes; ++node) {
    const NodeStatus status = derivation.status(node);
    CHECK(status <= NodeStatus::kListed);
    CHECK(!StatusName(status, regime).empty());
    const bool listed = (graph.listed(node) & binding) != 0;
    any_listed |= listed;
    CHECK(listed == (status == NodeStatus::kListed));
    // The US rule does not make anything controlled.
    CHECK(!(regime == model::Regime::kUs && status == NodeStatus::kControlled));

    const std::vector<Evidence> evidence = derivation.EvidenceFor(node);
    const std::vector<Path> paths = derivation.Explain(node);
    const std::vector<NodeId> holders = derivation.ListedHolders(node);
    if (status == NodeStatus::kClear || status == NodeStatus::kListed) {
      CHECK(evidence.empty() && paths.empty() && holders.empty());
      continue;
    }
    CHECK(!evidence.empty());
    for (const Evidence& e : evidence) {
      CHECK(e.edge < graph.edge_count());
      const Edge& edge = graph.edge(e.edge);
      CHECK(edge.asset == node && edge.ActiveOn(as_of));
      CHECK(e.owner_status == derivation.status(edge.owner));
      CHECK(e.owner_status != NodeStatus::kClear);
      CHECK(e.effect != Effect::kNone && e.effect == derivation.rule().EffectOf(edge.kind));
    }
    CHECK(!paths.empty() && paths.size() <= 16);
    std::set<NodeId> tops;
    for (size_t p = 0; p < paths.size(); ++p) {
      const std::vector<uint32_t>& edges = paths[p].edges;
      CHECK(!edges.empty() && edges.size() < nodes);
      CHECK(p == 0 || paths[p - 1].edges.size() <= edges.size());
      for (uint32_t e : edges) CHECK(e < graph.edge_count() && graph.edge(e).ActiveOn(as_of));
      const NodeId top = graph.edge(edges.front()).owner;
      CHECK((graph.listed(top) & binding) != 0);
      CHECK(tops.insert(top).second);
      CHECK(std::binary_search(holders.begin(), holders.end(), top));
      CHECK(graph.edge(edges.back()).asset == node);
      std::set<NodeId> seen{top};
      for (size_t i = 0; i < edges.size(); ++i) {
        const Edge& edge = graph.edge(edges[i]);
        if (i + 1 < edges.size()) CHECK(edge.asset == graph.edge(edges[i + 1]).owner);
        CHECK(seen.insert(edge.asset).second);
      }
    }
    CHECK(!holders.empty() && std::is_sorted(holders.begin(), holders.end()));
    CHECK(std::adjacent_find(holders.begin(), holders.end()) == holders.end());
    for (NodeId holder : holders) CHECK((graph.listed(holder) & binding) != 0);
    CHECK(holders.size() >= paths.size());
  }
  if (!any_listed) CHECK(counts[static_cast<size_t>(NodeStatus::kClear)] == nodes);
}

void DeriveAnyGraph(const uint8_t* data, size_t size) {
  Input in(data, size);
  const size_t nodes = 1 + in.Byte() % kMaxNodes;
  const uint8_t date_form = in.Byte();
  // Dates before kNoStart are outside RuleFor's domain: it answers the first US rule for every
  // regime there. Edges may still carry any date.
  const DateKey as_of = std::max(ReadDate(in, date_form, false), kNoStart);

  GraphBuilder builder;
  for (size_t node = 0; node < nodes; ++node) {
    const NodeId id = builder.AddNode(std::string(1, static_cast<char>('A' + node)));
    CHECK(id == node);
    const uint8_t mask = in.Byte();
    for (unsigned bit = 0; bit <= static_cast<unsigned>(model::Regime::kOther); ++bit) {
      if (mask & (1u << bit)) builder.SetListed(id, static_cast<model::Regime>(bit));
    }
  }
  while (!in.empty() && builder.edge_count() < kMaxEdges) {
    Edge edge;
    edge.owner = in.Byte() % nodes;
    edge.asset = in.Byte() % nodes;
    const uint8_t form = in.Byte();
    edge.kind = static_cast<EdgeKind>(form % 6);
    const std::optional<Share> share = ReadShare(in, static_cast<uint8_t>(form / 6 % 5));
    if (!share) continue;
    edge.share = *share;
    if (form / 30 % 2 == 1) {  // about half the edges are dated
      const uint8_t dates = in.Byte();
      edge.start = ReadDate(in, dates, false);
      edge.end = ReadDate(in, dates / 3, true);
    }
    const bool valid = edge.owner != edge.asset && edge.start < edge.end &&
                       edge.share.min <= edge.share.max && edge.share.max <= kShareScale;
    CHECK(builder.AddEdge(edge).ok() == valid);
  }
  const OwnershipGraph graph = std::move(builder).Build();
  CHECK(graph.node_count() == nodes);
  for (model::Regime regime : OwnershipRegimes()) {
    const Derivation derivation = Derive(graph, regime, as_of);
    CheckDerivation(graph, derivation, regime, as_of);
    (void)derivation.MemoryBytes();
  }
}

}  // namespace
}  // namespace cordon::graph

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cordon::graph::DeriveAnyGraph(data, size);
  return 0;
}
