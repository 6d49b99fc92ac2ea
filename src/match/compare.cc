#include "match/compare.h"

#include "match/name_score.h"
#include "match/prepared.h"

namespace cordon::match {

NameComparison CompareNames(std::string_view query_name, std::string_view listed_name,
                            std::optional<model::Schema> schema) {
  // Without a schema the names are read both as a person's and as an organisation's, and the
  // better reading counts: "Tactical Missiles Corp" is not a person's name.
  std::vector<NameRole> roles;
  if (schema) {
    roles = {RoleOf(*schema)};
  } else {
    roles = {NameRole::kPerson, NameRole::kOrganization};
  }
  Vocabulary vocabulary;
  NameComparison out;
  out.score = -1;
  for (NameRole role : roles) {
    const PreparedName listed = PrepareName(listed_name, role, vocabulary);
    for (const PreparedName& query : PrepareQueryName(query_name, role, vocabulary)) {
      const NameScore score = ScoreNames(query.view(), listed.view());
      if (score.score <= out.score) continue;
      out.score = score.score;
      out.explanation = Explanation();
      out.explanation.query_name = std::string(query_name);
      out.explanation.entity_name = std::string(listed_name);
      out.explanation.name_score = score.score;
      ExplainNames(query.view(), listed.view(), score, out.explanation);
      out.explanation.contributions.push_back(
          {"name", score.score,
           role == NameRole::kPerson ? "as a person's name" : "as an organisation's name"});
    }
  }
  if (out.score < 0) out.score = 0;
  return out;
}

}  // namespace cordon::match
