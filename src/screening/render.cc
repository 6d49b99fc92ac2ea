#include "screening/render.h"

#include <fmt/format.h>

#include "graph/derive.h"
#include "match/json.h"
#include "model/ftm.h"

namespace cordon::screening {
namespace {

using Json = nlohmann::ordered_json;

Json StatusesJson(const std::vector<graph::RegimeStatus>& statuses) {
  Json j = Json::object();
  for (const graph::RegimeStatus& s : statuses) {
    j[std::string(s.test_name())] = s.name();
  }
  return j;
}

Json HeldJson(const graph::HeldAsset& held) {
  Json j;
  j["asset"] = held.asset;
  j["kind"] = graph::EdgeKindName(held.kind);
  j["share"] = held.share ? Json(*held.share) : Json(nullptr);
  if (held.start != graph::kNoStart) j["start"] = graph::FormatDateKey(held.start);
  if (held.end != graph::kNoEnd) j["end"] = graph::FormatDateKey(held.end);
  if (!held.source.empty()) j["source"] = held.source;
  if (!held.asset_caption.empty()) j["asset_caption"] = held.asset_caption;
  j["status"] = StatusesJson(held.statuses);
  return j;
}

}  // namespace

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json OwnershipJson(const graph::EntityOwnership& ownership) {
  Json j = StatusesJson(ownership.statuses);
  if (!ownership.merged_into.empty()) j["node"] = ownership.merged_into;
  Json owns = Json::array(), controls = Json::array();
  for (const graph::HeldAsset& held : ownership.owns) owns.push_back(HeldJson(held));
  for (const graph::HeldAsset& held : ownership.controls) controls.push_back(HeldJson(held));
  if (!owns.empty()) j["owns"] = std::move(owns);
  if (!controls.empty()) j["controls"] = std::move(controls);
  return j;
}

Json VersionsJson(const std::vector<store::VersionInfo>& versions) {
  Json j = Json::array();
  for (const store::VersionInfo& v : versions) {
    j.push_back({{"source", v.source},
                 {"version", v.number},
                 {"list_date", v.published},
                 {"retrieved", v.retrieved}});
  }
  return j;
}

std::string RenderEntityMembers(const model::Entity& e, const graph::EntityOwnership* ownership,
                                std::span<const licences::Licence* const> licences) {
  Json j;
  j["id"] = e.id;
  j["entity_id"] = e.id;
  j["source"] = e.provenance.source;
  j["source_id"] = match::SourceId(e);
  j["caption"] = e.caption();
  j["schema"] = model::SchemaName(e.schema);
  j["properties"] = model::FtmProperties(e);
  j["datasets"] = Json::array({e.provenance.source});
  j["regimes"] = Json::array();
  for (model::Regime r : match::Regimes(e)) j["regimes"].push_back(model::RegimeName(r));
  Json sanctions = Json::array();
  for (const model::Sanction& s : e.sanctions) {
    Json sj;
    sj["regime"] = model::RegimeName(s.regime);
    sj["authority"] = s.authority;
    sj["program"] = s.program;
    sj["list"] = s.list;
    if (!s.listed_on.empty()) sj["listed_on"] = s.listed_on.ToIso();
    sanctions.push_back(std::move(sj));
  }
  j["sanctions"] = std::move(sanctions);
  if (ownership != nullptr) j["ownership"] = OwnershipJson(*ownership);
  if (!licences.empty()) {
    Json list = Json::array();
    for (const licences::Licence* l : licences) {
      list.push_back({{"id", l->id}, {"number", l->number}, {"expires", l->expires}});
    }
    j["licences"] = std::move(list);
  }
  std::string text = DumpJson(j);
  return text.substr(1, text.size() - 2);  // the members, without the braces
}

void AppendMatchJson(std::string& out, const Snapshot& snapshot, const ScreenedMatch& screened,
                     double threshold) {
  const match::Match& m = screened.match;
  out += '{';
  const std::string& prerendered = snapshot.PrerenderedMembers(snapshot.EntityIndex(*m.entity));
  if (!prerendered.empty()) {
    out += prerendered;
  } else {
    out += RenderEntityMembers(*m.entity, screened.ownership,
                               snapshot.LicencesOf(snapshot.EntityIndex(*m.entity)));
  }
  const double score = match::RoundScore(m.score);
  fmt::format_to(std::back_inserter(out), ",\"score\":{},\"match\":{},\"features\":{{", score,
                 m.score >= threshold ? "true" : "false");
  bool first = true;
  for (const match::Contribution& c : m.explanation.contributions) {
    if (!first) out += ',';
    first = false;
    out += DumpJson(Json(c.feature));
    fmt::format_to(std::back_inserter(out), ":{}", match::RoundScore(c.delta));
  }
  out += "},\"explanation\":";
  out += DumpJson(match::ExplanationJson(m.explanation));
  out += '}';
}

}  // namespace cordon::screening
