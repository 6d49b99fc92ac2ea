#include "match/json.h"

#include <cmath>

namespace cordon::match {

double RoundScore(double score) { return std::round(score * 1000) / 1000; }

nlohmann::ordered_json ExplanationJson(const match::Explanation& e) {
  nlohmann::ordered_json j;
  j["query_name"] = e.query_name;
  j["entity_name"] = e.entity_name;
  j["name_kind"] = e.name_kind;
  j["name_score"] = RoundScore(e.name_score);
  j["pairs"] = nlohmann::ordered_json::array();
  for (const match::TokenPair& p : e.pairs) {
    j["pairs"].push_back({{"query", p.query},
                          {"entity", p.entity},
                          {"similarity", RoundScore(p.similarity)},
                          {"how", p.how}});
  }
  j["unmatched_query"] = e.unmatched_query;
  j["unmatched_entity"] = e.unmatched_entity;
  j["legal_form"] = e.legal_form;
  j["contributions"] = nlohmann::ordered_json::array();
  for (const match::Contribution& c : e.contributions) {
    j["contributions"].push_back(
        {{"feature", c.feature}, {"delta", RoundScore(c.delta)}, {"detail", c.detail}});
  }
  j["summary"] = e.Summary();
  return j;
}

}  // namespace cordon::match
