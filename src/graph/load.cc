#include "graph/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "base/file.h"
#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/ownership_csv_parser.h"
#include "text/encoding.h"

namespace cordon::graph {
namespace {

using model::IdentifierType;
using model::LinkKind;

// Identifiers that name one legal person wherever they appear.
bool IsDecisive(IdentifierType type) {
  switch (type) {
    case IdentifierType::kLei:
    case IdentifierType::kInn:
    case IdentifierType::kOgrn:
    case IdentifierType::kImo:
    case IdentifierType::kBic:
      return true;
    default:
      return false;
  }
}

// "IMO 9187629", "9187629" -> "9187629"; BICs compare on their first 8 characters (the
// institution; the branch suffix "XXX" is the head office).
std::string IdentifierKey(const model::Identifier& id) {
  std::string value;
  for (char c : id.value) {
    if (std::isalnum(static_cast<unsigned char>(c))) value += static_cast<char>(std::toupper(c));
  }
  if (id.type == IdentifierType::kImo && value.rfind("IMO", 0) == 0) value.erase(0, 3);
  if (id.type == IdentifierType::kBic && value.size() == 11) value.resize(8);
  if (value.size() < 5) return "";  // too short to name anyone
  return fmt::format("{}:{}", model::IdentifierTypeName(id.type), value);
}

// The node id of an entity: a record id with ':' is a reference to another source's entity.
std::string_view NodeIdOf(const model::Entity& entity) {
  const std::string& record = entity.provenance.record_id;
  return record.find(':') != std::string::npos ? std::string_view(record)
                                               : std::string_view(entity.id);
}

// The edge kind a link states, and whether it points from the owner (true) or the asset.
struct LinkReading {
  EdgeKind kind;
  bool from_asset;  // the entity carrying the link is the asset; the target is the owner
};

std::optional<LinkReading> ReadLink(const model::Link& link) {
  std::optional<EdgeKind> interest =
      link.interest.empty() ? std::nullopt : EdgeKindFromName(link.interest);
  switch (link.kind) {
    case LinkKind::kOwnedBy:
      return LinkReading{interest.value_or(EdgeKind::kShares), true};
    case LinkKind::kOwns:
      return LinkReading{interest.value_or(EdgeKind::kShares), false};
    case LinkKind::kControlledBy:
      return LinkReading{interest.value_or(EdgeKind::kControl), true};
    case LinkKind::kDirector:
      return LinkReading{interest.value_or(EdgeKind::kOfficer), false};
    case LinkKind::kAssociate:
      if (interest == EdgeKind::kJoint) return LinkReading{EdgeKind::kJoint, true};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool Freezes(const model::Sanction& sanction) {
  switch (sanction.regime) {
    case model::Regime::kUs: {
      const bool ofac =
          sanction.authority == "OFAC" || sanction.authority == "Office of Foreign Assets Control";
      return ofac && (sanction.list == "SDN" || sanction.list == "us_ofac_sdn");
    }
    case model::Regime::kEu:
      return sanction.list != "eu_travel_bans";
    case model::Regime::kUk:
      return sanction.list != "gb_coh_disqualified";
    case model::Regime::kUn:
      return true;
    case model::Regime::kOther:
      return false;
  }
  return false;
}

bool ExtendedByAffiliatesRule(const model::Sanction& sanction) {
  if (sanction.regime != model::Regime::kUs) return false;
  if (sanction.authority == "BIS" || sanction.authority == "Bureau of Industry and Security") {
    return sanction.list == "EL" || sanction.list == "Entity List" || sanction.list == "MEU" ||
           sanction.list == "Military End User";
  }
  if (!Freezes(sanction)) return false;
  // EAR 744.8(a)(1), as amended by 89 FR 20107 (2024): the SDNs of these OFAC programmes.
  static constexpr std::string_view kPrograms[] = {"BELARUS",
                                                   "UKRAINE-EO13660",
                                                   "UKRAINE-EO13661",
                                                   "UKRAINE-EO13662",
                                                   "UKRAINE-EO13685",
                                                   "RUSSIA-EO14024",
                                                   "BELARUS-EO14038",
                                                   "FTO",
                                                   "SDGT",
                                                   "NPWMD",
                                                   "TCO",
                                                   "ILLICIT-DRUGS-EO14059",
                                                   "SDNT",
                                                   "SDNTK"};
  for (std::string_view program : kPrograms) {
    if (sanction.program == program) return true;
  }
  return false;
}

struct GraphLoader::State {
  // Millions of records in a large edges file: two strings each and nothing else per record.
  struct Record {
    std::string id;
    std::string caption;
    uint32_t source = 0;  // index into `sources`: the first that named it (0: none yet)
    RegimeMask listed = 0;
    bool counted = false;  // in LoadStats::entities
  };
  struct PendingEdge {
    uint32_t owner;
    uint32_t asset;
    Share share;
    EdgeKind kind;
    DateKey start;
    DateKey end;
    uint32_t source;
  };
  struct NameTarget {  // a link that names its other party only by name
    uint32_t record;
    std::string source;
    std::string name;
    LinkReading reading;
    Share share;
    DateKey start, end;
    uint32_t edge_source;
  };

  bool ids_as_written = false;
  DateKey listed_by = kNoEnd;
  // A deque, so that records never move and `by_id` can view their ids.
  std::deque<Record> records;
  std::unordered_map<std::string_view, uint32_t> by_id;
  std::unordered_map<std::string, uint32_t> by_identifier;  // IdentifierKey -> first record
  std::unordered_map<std::string, uint32_t> by_name;        // source + "\n" + upper-case name
  std::vector<std::pair<uint32_t, uint32_t>> same;          // records sharing an identifier
  std::vector<PendingEdge> edges;
  std::vector<NameTarget> name_targets;
  std::deque<std::string> sources{""};
  std::unordered_map<std::string_view, uint32_t> source_index{{sources[0], 0}};
  LoadStats stats;

  uint32_t RecordFor(std::string_view id) {
    if (auto it = by_id.find(id); it != by_id.end()) return it->second;
    const auto record = static_cast<uint32_t>(records.size());
    records.push_back({.id = std::string(id)});
    by_id.emplace(records.back().id, record);
    return record;
  }
  // A party named by id, holding or held: its record, named `caption` unless it has a name.
  uint32_t Party(std::string_view id, std::string_view caption) {
    const uint32_t record = RecordFor(id);
    if (!caption.empty() && records[record].caption.empty()) records[record].caption = caption;
    return record;
  }
  uint32_t SourceIndex(std::string_view name) {
    if (auto it = source_index.find(name); it != source_index.end()) return it->second;
    const auto index = static_cast<uint32_t>(sources.size());
    sources.emplace_back(name);
    source_index.emplace(sources.back(), index);
    return index;
  }
  // Every edge enters here, from Add's links, AddHolding and the name-only links.
  void AddEdge(uint32_t owner, uint32_t asset, Share share, EdgeKind kind, DateKey start,
               DateKey end, uint32_t source) {
    edges.push_back({.owner = owner,
                     .asset = asset,
                     .share = share,
                     .kind = kind,
                     .start = start,
                     .end = end,
                     .source = source});
  }
  void Warn(const model::Entity& entity, size_t link, std::string what) {
    stats.warnings.push_back(fmt::format("{}: links[{}]: {}", entity.id, link, what));
  }
};

GraphLoader::GraphLoader(bool ids_as_written) : state_(std::make_unique<State>()) {
  state_->ids_as_written = ids_as_written;
}
GraphLoader::~GraphLoader() = default;
GraphLoader::GraphLoader(GraphLoader&&) noexcept = default;
GraphLoader& GraphLoader::operator=(GraphLoader&&) noexcept = default;

void GraphLoader::Add(const model::Entity& entity) {
  State& s = *state_;
  ++s.stats.entities;
  const uint32_t record = s.RecordFor(
      s.ids_as_written ? std::string_view(entity.provenance.record_id) : NodeIdOf(entity));
  const uint32_t source = s.SourceIndex(entity.provenance.source);
  State::Record& r = s.records[record];  // a deque: stays valid as records are added
  r.counted = true;
  if (r.caption.empty()) r.caption = entity.caption();
  if (r.source == 0) r.source = source;
  for (const model::Name& name : entity.names) {
    s.by_name.try_emplace(entity.provenance.source + "\n" + AsciiUpper(name.full), record);
  }
  for (const model::Sanction& sanction : entity.sanctions) {
    // A listing dated after the date asked about did not exist yet.
    if (DateKeyOf(sanction.listed_on, /*as_end=*/false) > s.listed_by) continue;
    if (Freezes(sanction)) r.listed |= RegimeBit(sanction.regime);
    if (ExtendedByAffiliatesRule(sanction)) r.listed |= kEarListedBit;
  }
  for (const model::Identifier& identifier : entity.identifiers) {
    if (!IsDecisive(identifier.type)) continue;
    const std::string key = IdentifierKey(identifier);
    if (key.empty()) continue;
    auto [it, added] = s.by_identifier.try_emplace(key, record);
    if (!added && it->second != record) s.same.emplace_back(it->second, record);
  }

  for (size_t i = 0; i < entity.links.size(); ++i) {
    const model::Link& link = entity.links[i];
    std::optional<LinkReading> reading = ReadLink(link);
    if (!reading) {
      if (!link.interest.empty() && !EdgeKindFromName(link.interest)) {
        s.Warn(entity, i,
               fmt::format("interest \"{}\" is not one of shares, voting, board, "
                           "control, officer, joint",
                           link.interest));
      }
      continue;
    }
    Result<Share> share = ParseShare(link.share);
    if (!share.ok()) {
      s.Warn(entity, i, share.status().message() + "; read as unknown");
      share = Share::Unknown();
    }
    const DateKey start = DateKeyOf(link.start, /*as_end=*/false);
    const DateKey end = DateKeyOf(link.end, /*as_end=*/true);
    if (start >= end) {
      s.Warn(entity, i,
             fmt::format("starts {} but ends {}; left out", link.start.ToIso(), link.end.ToIso()));
      continue;
    }
    if (link.target_id.empty()) {
      if (link.target_name.empty()) continue;
      s.name_targets.push_back({record, entity.provenance.source, link.target_name, *reading,
                                *share, start, end, source});
      continue;
    }
    const uint32_t other =
        s.ids_as_written || link.target_id.find(':') != std::string::npos
            ? s.Party(link.target_id, link.target_name)
            : s.Party(entity.provenance.source + ":" + link.target_id, link.target_name);
    s.AddEdge(reading->from_asset ? other : record, reading->from_asset ? record : other, *share,
              reading->kind, start, end, source);
  }
}

void GraphLoader::AddHolding(const Holding& holding) {
  State& s = *state_;
  if (holding.start >= holding.end) {
    s.stats.warnings.push_back(
        fmt::format("{}: {} -> {}: starts {} but ends {}; left out", holding.source, holding.owner,
                    holding.asset, FormatDateKey(holding.start), FormatDateKey(holding.end)));
    return;
  }
  const uint32_t source = s.SourceIndex(holding.source);
  const uint32_t owner = s.Party(holding.owner, holding.owner_caption);
  const uint32_t asset = s.Party(holding.asset, holding.asset_caption);
  for (const uint32_t record : {owner, asset}) {
    State::Record& r = s.records[record];
    if (r.source == 0) r.source = source;
    if (!r.counted) {
      r.counted = true;
      ++s.stats.entities;
    }
  }
  s.AddEdge(owner, asset, holding.share, holding.kind, holding.start, holding.end, source);
}

void GraphLoader::SetListedBy(DateKey date) { state_->listed_by = date; }

void GraphLoader::AddListing(std::string_view id, model::Regime regime) {
  AddListings(id, RegimeBit(regime));
}

void GraphLoader::AddListings(std::string_view id, RegimeMask mask) {
  state_->records[state_->RecordFor(id)].listed |= mask;
}

OwnershipGraph GraphLoader::Build(LoadStats* stats) && {
  State& s = *state_;

  // Links that name their other party only: the entity with that name (any of its names) in
  // the same source.
  for (const State::NameTarget& t : s.name_targets) {
    auto it = s.by_name.find(t.source + "\n" + AsciiUpper(t.name));
    if (it == s.by_name.end() || it->second == t.record) {
      ++s.stats.unresolved;
      continue;
    }
    s.AddEdge(t.reading.from_asset ? it->second : t.record,
              t.reading.from_asset ? t.record : it->second, t.share, t.reading.kind, t.start, t.end,
              t.edge_source);
  }
  std::vector<State::NameTarget>().swap(s.name_targets);

  // Records sharing a decisive identifier become one node.
  std::vector<uint32_t> root(s.records.size());
  std::iota(root.begin(), root.end(), 0u);
  auto find = [&root](uint32_t r) {
    while (root[r] != r) r = root[r] = root[root[r]];
    return r;
  };
  for (const auto& [a, b] : s.same) {
    const uint32_t ra = find(a), rb = find(b);
    if (ra == rb) continue;
    // A listed record names the merged node, so that listed ids stay findable as themselves.
    const bool b_first = s.records[rb].listed != 0 && s.records[ra].listed == 0;
    root[b_first ? ra : rb] = b_first ? rb : ra;
    ++s.stats.merged;
  }

  GraphBuilder builder;
  std::vector<NodeId> node_of(s.records.size(), kNoNode);
  for (uint32_t r = 0; r < s.records.size(); ++r) {
    const uint32_t top = find(r);
    if (node_of[top] == kNoNode) node_of[top] = builder.AddNode(s.records[top].id);
    node_of[r] = node_of[top];
    if (r != top) builder.AddAlias(node_of[r], s.records[r].id);
    builder.SetCaption(node_of[r], s.records[top].caption);
    builder.SetCaption(node_of[r], s.records[r].caption);
    builder.AddListings(node_of[r], s.records[r].listed);
  }
  std::vector<uint32_t> source_ids;
  for (const std::string& name : s.sources) source_ids.push_back(builder.AddSource(name));
  // The nodes are made: what named them is no longer needed while the edges are copied.
  std::deque<State::Record>().swap(s.records);
  std::unordered_map<std::string_view, uint32_t>().swap(s.by_id);
  std::unordered_map<std::string, uint32_t>().swap(s.by_identifier);
  std::unordered_map<std::string, uint32_t>().swap(s.by_name);

  // The same relation seen from both ends, or repeated, is one edge: sort and drop repeats
  // (in place, so the pending edges cost no second copy).
  for (State::PendingEdge& e : s.edges) {
    e.owner = node_of[e.owner];
    e.asset = node_of[e.asset];
  }
  auto key = [](const State::PendingEdge& e) {
    return std::tuple(e.owner, e.asset, e.share.min, e.share.max, e.kind, e.start, e.end);
  };
  std::sort(s.edges.begin(), s.edges.end(),
            [&](const State::PendingEdge& a, const State::PendingEdge& b) {
              return key(a) < key(b) || (key(a) == key(b) && a.source < b.source);
            });
  for (size_t i = 0; i < s.edges.size(); ++i) {
    const State::PendingEdge& e = s.edges[i];
    if (e.owner == e.asset) continue;  // merged into one: a holding in itself says nothing
    if (i > 0 && key(e) == key(s.edges[i - 1])) {
      ++s.stats.duplicate_edges;
      continue;
    }
    Status added = builder.AddEdge({.owner = e.owner,
                                    .asset = e.asset,
                                    .share = e.share,
                                    .kind = e.kind,
                                    .start = e.start,
                                    .end = e.end,
                                    .source = source_ids[e.source]});
    if (added.ok()) ++s.stats.edges;
  }
  std::vector<State::PendingEdge>().swap(s.edges);
  if (stats != nullptr) *stats = std::move(s.stats);
  const bool ids_as_written = s.ids_as_written;
  const DateKey listed_by = s.listed_by;
  state_ = std::make_unique<State>();
  state_->ids_as_written = ids_as_written;
  state_->listed_by = listed_by;
  return std::move(builder).Build();
}

Result<LoadedGraph> LoadGraph(store::Store& store, const std::string& as_of, DateKey listed_by) {
  LoadedGraph loaded;
  ASSIGN_OR_RETURN(loaded.versions, store.VersionsAsOf(as_of));
  if (loaded.versions.empty()) {
    return FailedPreconditionError(
        as_of.empty() ? std::string("the store holds no lists: run `cordon load` or `cordon "
                                    "ingest FILE` first")
                      : "no list version is dated on or before " + as_of);
  }
  GraphLoader loader;
  loader.SetListedBy(listed_by);
  std::map<std::string, int64_t> seen;
  RETURN_IF_ERROR(store.ForEachEntityAsOf(as_of, [&](const model::Entity& entity) {
    ++seen[entity.provenance.source];
    loader.Add(entity);
    return Status::Ok();
  }));
  for (const store::VersionInfo& version : loaded.versions) {
    if (seen[version.source] != version.entity_count) {
      return UnavailableError("the store changed while the graph was loading (" + version.source +
                              "); try again");
    }
  }
  loaded.graph = std::move(loader).Build(&loaded.stats);
  return loaded;
}

Result<LoadedGraph> LoadGraphFromFiles(const std::string& edges_path,
                                       const std::string& listed_path) {
  GraphLoader loader(/*ids_as_written=*/true);
  LoadedGraph loaded;
  {
    // The file is read whole, so its bytes are freed before the graph is built.
    ASSIGN_OR_RETURN(std::string edges_bytes, ReadFile(edges_path));
    const ingest::InputFile file{std::string(StripCompressionSuffix(edges_path)), edges_bytes};
    ingest::CollectingDiagnosticSink diagnostics;
    std::vector<std::string> warnings;
    RETURN_IF_ERROR(ingest::internal::ReadOwnershipRows(
        file,
        [&](const ingest::internal::OwnershipRow& row) {
          // The parser has checked the share and the kind; the graph reads them its own way.
          Result<Share> share = ParseShare(row.share);
          if (!share.ok()) {
            warnings.push_back(fmt::format("{}:{}: {}; read as unknown", file.name, row.line,
                                           share.status().message()));
            share = Share::Unknown();
          }
          const std::optional<EdgeKind> kind = EdgeKindFromName(row.kind);
          if (!kind) {
            warnings.push_back(fmt::format("{}:{}: kind '{}' is not an edge kind; row left out",
                                           file.name, row.line, row.kind));
            return;
          }
          loader.AddHolding({.owner = row.owner,
                             .asset = row.asset,
                             .share = *share,
                             .kind = *kind,
                             .start = DateKeyOf(row.start, /*as_end=*/false),
                             .end = DateKeyOf(row.end, /*as_end=*/true),
                             .source = "edges",
                             .owner_caption = row.owner_name,
                             .asset_caption = row.asset_name});
        },
        &diagnostics));
    for (const ingest::Diagnostic& d : diagnostics.diagnostics()) {
      loaded.stats.warnings.push_back(d.ToString());
    }
    loaded.stats.warnings.insert(loaded.stats.warnings.end(), warnings.begin(), warnings.end());
  }

  std::vector<std::string> listed_ids;
  if (!listed_path.empty()) {
    ASSIGN_OR_RETURN(std::string listed_bytes, ReadFile(listed_path));
    ingest::CsvReader reader(text::StripUtf8Bom(listed_bytes));
    ingest::CsvRecord record;
    int id_column = -1, regime_column = -1;
    bool header = true;
    while (reader.Next(&record)) {
      if (header) {
        for (size_t i = 0; i < record.fields.size(); ++i) {
          const std::string name = AsciiLower(StripWhitespace(record.fields[i]));
          if (name == "id") id_column = static_cast<int>(i);
          if (name == "regime") regime_column = static_cast<int>(i);
        }
        if (id_column < 0 || regime_column < 0) {
          return CorruptionError(listed_path + ": line 1: expected a header with id,regime");
        }
        header = false;
        continue;
      }
      const auto column = [&](int i) {
        return static_cast<size_t>(i) < record.fields.size()
                   ? StripWhitespace(record.fields[static_cast<size_t>(i)])
                   : std::string_view();
      };
      const std::string_view id = column(id_column);
      const std::string_view regime_text = column(regime_column);
      const std::string regime_name = AsciiLower(regime_text);
      std::optional<model::Regime> regime = model::RegimeFromName(regime_name);
      // "us_bis": on the Entity List or the MEU list, the parties BIS's Affiliates Rule extends.
      const bool ear = regime_name == "us_bis";
      if (id.empty() || (!ear && (!regime || *regime == model::Regime::kOther))) {
        return CorruptionError(fmt::format(
            "{}: line {}: {}", listed_path, record.line,
            id.empty()
                ? std::string("empty id")
                : fmt::format("regime \"{}\" is not one of us, eu, uk, un, us_bis", regime_text)));
      }
      if (ear) {
        loader.AddListings(id, kEarListedBit);
      } else {
        loader.AddListing(id, *regime);
      }
      listed_ids.emplace_back(id);
    }
    RETURN_IF_ERROR(reader.status().WithContext(listed_path));
  }
  LoadStats stats;
  loaded.graph = std::move(loader).Build(&stats);
  // A listed id that no edge mentions is most likely a typo in one of the two files.
  std::sort(listed_ids.begin(), listed_ids.end());
  listed_ids.erase(std::unique(listed_ids.begin(), listed_ids.end()), listed_ids.end());
  for (const std::string& id : listed_ids) {
    const NodeId node = loaded.graph.Find(id);
    if (loaded.graph.out_edges(node).empty() && loaded.graph.in_edges(node).empty()) {
      stats.warnings.push_back(
          fmt::format("{}: listed id \"{}\" is in no edge of {}", listed_path, id, edges_path));
    }
  }
  stats.warnings.insert(stats.warnings.begin(), loaded.stats.warnings.begin(),
                        loaded.stats.warnings.end());
  loaded.stats = std::move(stats);
  return loaded;
}

}  // namespace cordon::graph
