#include "graph/graph.h"

#include <chrono>
#include <ctime>

#include "base/strings.h"
#include "fmt/format.h"

namespace cordon::graph {
namespace {

constexpr std::string_view kEdgeKindNames[] = {"shares",  "voting",  "board",
                                               "control", "officer", "joint"};

uint64_t HashId(std::string_view id) {
  // FNV-1a, then a final mix so that ids differing only at the end spread over the table.
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
  hash ^= hash >> 29;
  hash *= 0xbf58476d1ce4e5b9ull;
  return hash ^ (hash >> 32);
}

// Reads "30", "30.5", "0.125" into share units (millionths of a percent). Exact: no floats.
std::optional<uint32_t> ParsePercent(std::string_view text) {
  text = StripWhitespace(text);
  if (!text.empty() && text.back() == '%') text = StripWhitespace(text.substr(0, text.size() - 1));
  if (text.empty()) return std::nullopt;
  uint64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    whole = whole * 10 + static_cast<uint64_t>(text[i] - '0');
    if (whole > 100) return std::nullopt;
  }
  uint64_t fraction = 0;
  uint64_t scale = kShareScale / 100;  // units per percent
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    ++i;
    if (i == text.size()) return std::nullopt;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      // Digits beyond a millionth of a percent are dropped: they cannot change a finding.
      if (scale > 1) {
        scale /= 10;
        fraction += static_cast<uint64_t>(text[i] - '0') * scale;
      }
    }
  }
  if (i != text.size() || (i > 0 && text[0] == '.')) return std::nullopt;
  const uint64_t units = whole * (kShareScale / 100) + fraction;
  if (units > kShareScale) return std::nullopt;
  return static_cast<uint32_t>(units);
}

std::string FormatUnits(uint32_t units) {
  std::string text =
      fmt::format("{}.{:06}", units / (kShareScale / 100), units % (kShareScale / 100));
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// The day after year-month-day, as a DateKey.
DateKey NextDay(int year, int month, int day) {
  if (++day > DaysIn(year, month)) {
    day = 1;
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return year * 10000 + month * 100 + day;
}

}  // namespace

// Ids live back to back in one buffer; an open-addressing table of node numbers finds them.
struct OwnershipGraph::Interner {
  std::string bytes;
  std::vector<uint64_t> offsets{0};  // node -> start in bytes; offsets[n + 1] is its end
  std::vector<NodeId> slots;         // kNoNode when empty
  size_t mask = 0;

  Interner() : slots(1024, kNoNode), mask(1023) {}

  size_t size() const { return offsets.size() - 1; }
  std::string_view id(NodeId node) const {
    return std::string_view(bytes).substr(offsets[node], offsets[node + 1] - offsets[node]);
  }
  NodeId Find(std::string_view key) const {
    for (size_t slot = HashId(key) & mask;; slot = (slot + 1) & mask) {
      const NodeId node = slots[slot];
      if (node == kNoNode || id(node) == key) return node;
    }
  }
  NodeId Add(std::string_view key) {
    size_t slot = HashId(key) & mask;
    for (;; slot = (slot + 1) & mask) {
      const NodeId node = slots[slot];
      if (node == kNoNode) break;
      if (id(node) == key) return node;
    }
    const auto node = static_cast<NodeId>(size());
    bytes.append(key);
    offsets.push_back(bytes.size());
    slots[slot] = node;
    if (size() * 2 > slots.size()) Grow();
    return node;
  }
  void Grow() {
    slots.assign(slots.size() * 2, kNoNode);
    mask = slots.size() - 1;
    for (NodeId node = 0; node < size(); ++node) {
      size_t slot = HashId(id(node)) & mask;
      while (slots[slot] != kNoNode) slot = (slot + 1) & mask;
      slots[slot] = node;
    }
  }
  size_t MemoryBytes() const {
    return bytes.capacity() + offsets.capacity() * sizeof(uint64_t) +
           slots.capacity() * sizeof(NodeId);
  }
};

Result<Share> ParseShare(std::string_view text) {
  std::string_view trimmed = StripWhitespace(text);
  if (trimmed.empty()) return Share::Unknown();
  // A band: "25-50", "25 – 50 %", "25 to 50".
  for (std::string_view dash :
       {std::string_view("\xE2\x80\x93"), std::string_view("-"), std::string_view(" to ")}) {
    const size_t at = trimmed.find(dash, 1);
    if (at == std::string_view::npos) continue;
    std::optional<uint32_t> low = ParsePercent(trimmed.substr(0, at));
    std::optional<uint32_t> high = ParsePercent(trimmed.substr(at + dash.size()));
    if (!low || !high) break;
    if (*low > *high) std::swap(*low, *high);
    return Share{*low, *high};
  }
  std::optional<uint32_t> exact = ParsePercent(trimmed);
  if (!exact) {
    return InvalidArgumentError(
        fmt::format("share \"{}\": not a percentage between 0 and 100 or a band like 25-50", text));
  }
  return Share::Exact(*exact);
}

std::string FormatShare(Share share) {
  if (!share.known()) return "";
  if (share.exact()) return FormatUnits(share.min);
  return FormatUnits(share.min) + "-" + FormatUnits(share.max);
}

double SharePercent(uint32_t units) {
  return static_cast<double>(units) * 100.0 / static_cast<double>(kShareScale);
}

std::string_view EdgeKindName(EdgeKind kind) { return kEdgeKindNames[static_cast<size_t>(kind)]; }

std::optional<EdgeKind> EdgeKindFromName(std::string_view name) {
  for (size_t i = 0; i < std::size(kEdgeKindNames); ++i) {
    if (EqualsIgnoreCase(name, kEdgeKindNames[i])) return static_cast<EdgeKind>(i);
  }
  return std::nullopt;
}

Result<DateKey> ParseDateKey(std::string_view text, bool as_end) {
  std::optional<model::PartialDate> date = model::PartialDate::FromIso(StripWhitespace(text));
  if (!date || date->empty()) {
    return InvalidArgumentError(fmt::format("date \"{}\": expected YYYY-MM-DD", text));
  }
  return DateKeyOf(*date, as_end);
}

DateKey DateKeyOf(const model::PartialDate& date, bool as_end) {
  if (date.empty()) return as_end ? kNoEnd : kNoStart;
  if (!as_end)
    return date.year * 10000 + std::max<int>(date.month, 1) * 100 + std::max<int>(date.day, 1);
  // An end known only to the month or year ends after its last day.
  if (date.month == 0) return (date.year + 1) * 10000 + 101;
  if (date.day == 0) return NextDay(date.year, date.month, DaysIn(date.year, date.month));
  return date.year * 10000 + date.month * 100 + date.day;
}

std::string FormatDateKey(DateKey date) {
  if (date == kNoStart || date == kNoEnd) return "";
  return fmt::format("{:04}-{:02}-{:02}", date / 10000, date / 100 % 100, date % 100);
}

DateKey Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return (utc.tm_year + 1900) * 10000 + (utc.tm_mon + 1) * 100 + utc.tm_mday;
}

std::string_view OwnershipGraph::node_id(NodeId node) const { return ids_->id(node); }

NodeId OwnershipGraph::Find(std::string_view id) const {
  const NodeId node = ids_ ? ids_->Find(id) : kNoNode;
  if (node != kNoNode || aliases_.empty()) return node;
  auto it = aliases_.find(std::string(id));
  return it == aliases_.end() ? kNoNode : it->second;
}

std::string_view OwnershipGraph::caption(NodeId node) const {
  auto it = captions_.find(node);
  return it == captions_.end() ? std::string_view() : std::string_view(it->second);
}

std::span<const uint32_t> OwnershipGraph::out_edges(NodeId owner) const {
  return std::span<const uint32_t>(out_index_)
      .subspan(out_offsets_[owner], out_offsets_[owner + 1] - out_offsets_[owner]);
}

size_t OwnershipGraph::MemoryBytes() const {
  size_t bytes =
      listed_.capacity() + edges_.capacity() * sizeof(Edge) +
      (in_offsets_.capacity() + out_offsets_.capacity() + out_index_.capacity()) * sizeof(uint32_t);
  for (const std::string& source : sources_) bytes += sizeof(std::string) + source.capacity();
  for (const auto& [node, caption] : captions_) bytes += 48 + caption.capacity();
  if (ids_) bytes += ids_->MemoryBytes();
  return bytes;
}

struct GraphBuilder::State {
  std::shared_ptr<OwnershipGraph::Interner> ids = std::make_shared<OwnershipGraph::Interner>();
  std::vector<RegimeMask> listed;
  std::vector<Edge> edges;
  std::vector<std::string> sources{""};
  std::unordered_map<std::string, uint32_t> source_index{{"", 0}};
  std::unordered_map<NodeId, std::string> captions;
  std::unordered_map<std::string, NodeId> aliases;
};

GraphBuilder::GraphBuilder() : state_(std::make_unique<State>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

NodeId GraphBuilder::AddNode(std::string_view id) {
  const NodeId node = state_->ids->Add(id);
  if (node == state_->listed.size()) state_->listed.push_back(0);
  return node;
}

NodeId GraphBuilder::Find(std::string_view id) const { return state_->ids->Find(id); }

void GraphBuilder::AddAlias(NodeId node, std::string_view id) {
  if (state_->ids->Find(id) == kNoNode) state_->aliases.try_emplace(std::string(id), node);
}

void GraphBuilder::SetCaption(NodeId node, std::string_view caption) {
  if (!caption.empty()) state_->captions.try_emplace(node, caption);
}

void GraphBuilder::SetListed(NodeId node, model::Regime regime) {
  state_->listed[node] |= RegimeBit(regime);
}

void GraphBuilder::AddListings(NodeId node, RegimeMask mask) { state_->listed[node] |= mask; }

uint32_t GraphBuilder::AddSource(std::string_view name) {
  auto [it, added] = state_->source_index.try_emplace(
      std::string(name), static_cast<uint32_t>(state_->sources.size()));
  if (added) state_->sources.emplace_back(name);
  return it->second;
}

Status GraphBuilder::AddEdge(const Edge& edge) {
  const size_t nodes = state_->listed.size();
  if (edge.owner >= nodes || edge.asset >= nodes) {
    return InvalidArgumentError("edge names a node that was not added");
  }
  if (edge.owner == edge.asset) {
    return InvalidArgumentError(fmt::format("edge from {} to itself", state_->ids->id(edge.owner)));
  }
  if (edge.start >= edge.end) {
    return InvalidArgumentError(fmt::format(
        "edge {} -> {}: starts on {}, not before its end {}", state_->ids->id(edge.owner),
        state_->ids->id(edge.asset), FormatDateKey(edge.start), FormatDateKey(edge.end)));
  }
  if (edge.share.min > edge.share.max || edge.share.max > kShareScale ||
      edge.source >= state_->sources.size()) {
    return InvalidArgumentError("edge with a share band or source out of range");
  }
  state_->edges.push_back(edge);
  return Status::Ok();
}

size_t GraphBuilder::node_count() const { return state_->listed.size(); }
size_t GraphBuilder::edge_count() const { return state_->edges.size(); }

OwnershipGraph GraphBuilder::Build() && {
  OwnershipGraph graph;
  State& state = *state_;
  const size_t nodes = state.listed.size();
  const size_t edge_count = state.edges.size();

  // Counting sort by asset: the in-lists are then ranges of the edge array itself.
  graph.in_offsets_.assign(nodes + 1, 0);
  for (const Edge& edge : state.edges) ++graph.in_offsets_[edge.asset + 1];
  for (size_t n = 0; n < nodes; ++n) graph.in_offsets_[n + 1] += graph.in_offsets_[n];
  {
    std::vector<uint32_t> next(graph.in_offsets_.begin(), graph.in_offsets_.end() - 1);
    graph.edges_.resize(edge_count);
    for (const Edge& edge : state.edges) graph.edges_[next[edge.asset]++] = edge;
    std::vector<Edge>().swap(state.edges);
  }

  graph.out_offsets_.assign(nodes + 1, 0);
  for (const Edge& edge : graph.edges_) ++graph.out_offsets_[edge.owner + 1];
  for (size_t n = 0; n < nodes; ++n) graph.out_offsets_[n + 1] += graph.out_offsets_[n];
  graph.out_index_.resize(edge_count);
  {
    std::vector<uint32_t> next(graph.out_offsets_.begin(), graph.out_offsets_.end() - 1);
    for (uint32_t e = 0; e < edge_count; ++e) graph.out_index_[next[graph.edges_[e].owner]++] = e;
  }

  graph.listed_ = std::move(state.listed);
  graph.sources_ = std::move(state.sources);
  graph.captions_ = std::move(state.captions);
  graph.aliases_ = std::move(state.aliases);
  graph.ids_ = std::move(state.ids);
  state_ = std::make_unique<State>();
  return graph;
}

}  // namespace cordon::graph
