// match/features.h: what besides the name says a query is, or is not, a listed entity.
//
//   FeatureScore f = ScoreFeatures(query, entity);
//   double score = Combine(name_score, f);
//
// Birth dates: the same full date adds kExactBirthDateBonus; the same year (when either side
// gives only the year) or a day/month swap adds less; a different year lowers the score, by
// more when it is further off. Countries: a shared country adds a little; none shared when the
// entity states a nationality, citizenship, jurisdiction or flag lowers it. Identifiers: the
// same IMO, MMSI, LEI, INN, OGRN, BIC, passport or national id decides the match (>= 0.96
// whatever the name); two different IMO or MMSI numbers lower it sharply.
#pragma once

#include <vector>

#include "match/query.h"
#include "model/entity.h"

namespace cordon::match {

inline constexpr double kExactBirthDateBonus = 0.06;
inline constexpr double kCountryBonus = 0.02;

struct FeatureScore {
  double delta = 0;
  bool decisive_identifier = false;
  std::vector<Contribution> contributions;
};

FeatureScore ScoreFeatures(const Query& query, const model::Entity& entity);

// The most ScoreFeatures can add for this query (identifiers aside): the index's bound.
double MaxFeatureBonus(const Query& query);

// The final score from the best name score (alias strength applied) and the features.
double Combine(double name_score, const FeatureScore& features);

// Identifier value as compared: upper case letters and digits only, an "IMO" prefix dropped.
std::string CanonicalIdentifier(model::IdentifierType type, std::string_view value);

// Whether entities of these schemata can be the same thing (a Person is never a Vessel).
bool SchemataCompatible(model::Schema a, model::Schema b);

// Alias strength: a weak alias ("low quality a.k.a.") counts for less.
double NameKindFactor(model::NameKind kind);

}  // namespace cordon::match
