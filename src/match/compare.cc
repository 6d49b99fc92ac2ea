#include "match/compare.h"

#include "match/name_score.h"
#include "match/prepared.h"

namespace cordon::match {

NameComparison CompareNames(std::string_view query_name, std::string_view listed_name,
                            std::optional<model::Schema> schema) {
  Vocabulary vocabulary;
  NameRole role = schema ? RoleOf(*schema) : NameRole::kPerson;
  PreparedName query = PrepareName(query_name, role, vocabulary);
  PreparedName listed = PrepareName(listed_name, role, vocabulary);
  if (!schema && (!query.legal_form.empty() || !listed.legal_form.empty())) {
    // No schema given, but a legal form says an organisation is meant.
    role = NameRole::kOrganization;
  } else if (!schema) {
    PreparedName as_org_query = PrepareName(query_name, NameRole::kOrganization, vocabulary);
    PreparedName as_org_listed = PrepareName(listed_name, NameRole::kOrganization, vocabulary);
    if (!as_org_query.legal_form.empty() || !as_org_listed.legal_form.empty()) {
      role = NameRole::kOrganization;
      query = std::move(as_org_query);
      listed = std::move(as_org_listed);
    }
  }
  NameComparison out;
  NameScore score = ScoreNames(query.view(), listed.view());
  out.score = score.score;
  out.explanation.query_name = std::string(query_name);
  out.explanation.entity_name = std::string(listed_name);
  out.explanation.name_score = score.score;
  ExplainNames(query.view(), listed.view(), score, out.explanation);
  out.explanation.contributions.push_back(
      {"name", score.score,
       role == NameRole::kPerson ? "as a person's name" : "as an organisation's name"});
  return out;
}

}  // namespace cordon::match
