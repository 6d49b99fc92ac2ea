#include "trade/screen.h"

#include <algorithm>
#include <functional>

#include "screening/render.h"

namespace cordon::trade {
namespace {

// "BIS Entity List", "OFAC SDN RUSSIA-EO14024": a sanction as a reviewer names it. The
// Consolidated Screening List abbreviates the export-control lists.
std::string Programme(const model::Sanction& s) {
  static constexpr std::pair<std::string_view, std::string_view> kLists[] = {
      {"EL", "Entity List"},
      {"MEU", "Military End User List"},
      {"DPL", "Denied Persons List"},
      {"UVL", "Unverified List"}};
  std::string_view list = s.list;
  for (const auto& [code, name] : kLists) {
    if (list == code) list = name;
  }
  std::string out = s.authority;
  for (std::string_view part : {list, std::string_view(s.program)}) {
    if (part.empty() || out.find(part) != std::string::npos) continue;
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

// The cache key of a party's query: everything Screen reads of it.
std::string QueryKey(const match::Query& q) {
  // Each part prefixed by its length, so that no value can end one part and begin another.
  std::string key;
  auto part = [&](std::string_view text) {
    key += std::to_string(text.size());
    key += ':';
    key += text;
  };
  part(q.schema ? model::SchemaName(*q.schema) : "");
  part(std::to_string(q.names.size()));
  for (const std::string& n : q.names) part(n);
  part(std::to_string(q.countries.size()));
  for (const std::string& c : q.countries) part(c);
  part(std::to_string(q.identifiers.size()));
  for (const model::Identifier& id : q.identifiers) {
    part(model::IdentifierTypeName(id.type));
    part(id.value);
  }
  return key;
}

}  // namespace

ShipmentScreener::ShipmentScreener(std::shared_ptr<const screening::Snapshot> snapshot,
                                   const TradeRules& rules, TradeScreenOptions options)
    : snapshot_(std::move(snapshot)), rules_(rules), options_(std::move(options)) {
  lists_json_ = screening::DumpJson(screening::VersionsJson(snapshot_->versions()));
}

Result<std::vector<PartyHit>> ShipmentScreener::ScreenParties(const Shipment& shipment) const {
  std::vector<PartyHit> hits;
  screening::ScreenOptions options;
  options.search = options_.search;
  options.search.threshold = options_.threshold;
  options.search.limit = 0;  // every match: a listed one may rank below others
  for (const PartyToScreen& party : PartiesOf(shipment)) {
    const std::string key = QueryKey(party.query);
    CacheShard& shard = cache_[std::hash<std::string>{}(key) % kCacheShards];
    std::vector<PartyHit> found;
    bool cached = false;
    if (options_.cache_parties) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      if (auto it = shard.hits.find(key); it != shard.hits.end()) {
        found = it->second;
        cached = true;
      }
    }
    if (cached) {
      cached_.fetch_add(1, std::memory_order_relaxed);
    } else {
      screened_.fetch_add(1, std::memory_order_relaxed);
      ASSIGN_OR_RETURN(std::vector<screening::ScreenedMatch> matches,
                       screening::Screen(*snapshot_, party.query, options));
      for (const screening::ScreenedMatch& m : matches) {
        const model::Entity& e = *m.match.entity;
        PartyHit hit;
        hit.entity_id = e.id;
        hit.caption = e.caption();
        hit.schema = std::string(model::SchemaName(e.schema));
        hit.score = m.match.score;
        for (model::Regime r : m.match.regimes) hit.regimes.emplace_back(model::RegimeName(r));
        hit.sources.push_back(e.provenance.source);
        for (const model::Sanction& s : e.sanctions) {
          std::string programme = Programme(s);
          if (!programme.empty() && std::find(hit.programmes.begin(), hit.programmes.end(),
                                              programme) == hit.programmes.end()) {
            hit.programmes.push_back(std::move(programme));
          }
        }
        hit.listed = !e.sanctions.empty();
        if (m.ownership != nullptr) {
          for (const graph::RegimeStatus& status : m.ownership->statuses) {
            if (status.status == graph::NodeStatus::kOwned ||
                status.status == graph::NodeStatus::kControlled) {
              hit.owned_under.emplace_back(std::string(status.test_name()),
                                           std::string(status.name()));
            }
          }
        }
        hit.explanation = m.match.explanation.Summary();
        if (hit.listed || !hit.owned_under.empty()) found.push_back(std::move(hit));
      }
      if (options_.cache_parties) {
        std::lock_guard<std::mutex> lock(shard.mutex);
        if (shard.hits.size() >= kCachePerShard) shard.hits.clear();
        shard.hits.emplace(key, found);
      }
    }
    for (PartyHit& hit : found) {
      hit.role = party.role;
      hit.party_name = party.name;
      hits.push_back(std::move(hit));
    }
  }
  return hits;
}

Result<Assessment> ShipmentScreener::Screen(const Shipment& shipment) const {
  ASSIGN_OR_RETURN(std::vector<PartyHit> hits, ScreenParties(shipment));
  return Assess(shipment, rules_, hits);
}

std::string ShipmentScreener::ResultLine(const Shipment& shipment, const Assessment& a) const {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& f : a.findings) findings.push_back(FindingJson(f));
  nlohmann::ordered_json head = {{"id", shipment.id}, {"risk", a.risk}, {"level", a.level}};
  std::string line = screening::DumpJson(head);
  line.pop_back();  // '}'
  line += ",\"findings\":" + screening::DumpJson(findings);
  line += ",\"because\":" + screening::DumpJson(nlohmann::ordered_json(a.because));
  line += ",\"lists\":" + lists_json_;
  if (!shipment.warnings.empty()) {
    line += ",\"warnings\":" + screening::DumpJson(nlohmann::ordered_json(shipment.warnings));
  }
  line += '}';
  return line;
}

}  // namespace cordon::trade
