#include "regimes/json.h"

namespace cordon::regimes {

using Json = nlohmann::ordered_json;

Json SubjectJson(const Subject& s) {
  Json j;
  j["subject"] = s.id;
  j["caption"] = s.caption;
  j["schema"] = model::SchemaName(s.schema);
  j["entities"] = s.entity_ids;
  j["un_references"] = s.un_references;
  Json links = Json::array();
  for (const Evidence& l : s.links) {
    links.push_back({{"from", l.from},
                     {"to", l.to},
                     {"kind", EvidenceKindName(l.kind)},
                     {"detail", l.detail},
                     {"score", l.score}});
  }
  j["links"] = std::move(links);
  return j;
}

Json DivergenceLineJson(const SubjectListings& s) {
  Json j;
  j["subject"] = s.subject->id;
  j["caption"] = s.subject->caption;
  j["schema"] = model::SchemaName(s.subject->schema);
  j["entities"] = s.subject->entity_ids;
  Json listed = Json::object();
  for (const auto& [regime, listing] : s.listed) {
    listed[std::string(model::RegimeName(regime))] = {
        {"since", listing.since}, {"programmes", listing.programmes}, {"sources", listing.sources}};
  }
  j["listed"] = std::move(listed);
  Json not_listed = Json::array();
  for (model::Regime r : s.not_listed) not_listed.push_back(model::RegimeName(r));
  j["not_listed"] = std::move(not_listed);
  Json delisted = Json::object();
  for (const auto& [regime, date] : s.delisted) {
    delisted[std::string(model::RegimeName(regime))] = date;
  }
  j["delisted"] = std::move(delisted);
  return j;
}

Json DivergenceSummaryJson(const DivergenceReport& report) {
  Json j;
  j["as_of"] = report.as_of;
  j["matrix"] = report.matrix;
  Json series = Json::array();
  for (const auto& [date, matrix] : report.series) {
    series.push_back({{"date", date}, {"matrix", matrix}});
  }
  j["series"] = std::move(series);
  j["third_country"] = report.third_country;
  return j;
}

}  // namespace cordon::regimes
