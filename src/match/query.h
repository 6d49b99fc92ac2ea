// match/query.h: what a screening request asks about, and how the answer is explained.
//
// A Query is a customer, counterparty or vessel as the caller knows it: one or more names in
// any script, and whatever else is at hand. A Match is one listed entity it may be, with a
// calibrated score and an Explanation a reviewer can read.
//
// Score bands (calibrated on the evaluation sets, see docs/design/matching.md):
//   >= 0.95  near-certain: the same name, or an identifier that decides it
//   0.70 .. 0.95  review: a human should look
//   < 0.30  clear
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/entity.h"

namespace cordon::match {

inline constexpr double kDefaultThreshold = 0.70;

struct Query {
  std::string id;                       // the caller's record id, echoed back
  std::optional<model::Schema> schema;  // nullopt: any kind of entity
  std::vector<std::string> names;       // full names, any script ("PUTIN, Vladimir" is fine)
  std::vector<model::PartialDate> birth_dates;
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2 (nationality, citizenship, flag, ...)
  std::vector<model::Identifier> identifiers;  // IMO, MMSI, LEI, INN, passport, ...
  // Fields of the input record that could not be read and were left out ("f.csv:3:
  // date_of_birth: '1974-01-32' is not a date"); the record is screened without them.
  std::vector<std::string> warnings;
};

// One query word aligned with one word of the entity's name.
struct TokenPair {
  std::string query;   // folded query word(s) ("patr ushev" when two were merged)
  std::string entity;  // folded entity word(s)
  double similarity = 0;
  // "exact", "typo", "phonetic", "symbol:BIN", "given-name:JOSEPH" (the name in another
  // language's form), "initial", "merged", "script" (read across scripts)
  std::string how;
};

// One feature's effect on the score (name, birth_date, country, identifier, schema, alias).
struct Contribution {
  std::string feature;
  double delta = 0;    // added to the score (negative lowers it)
  std::string detail;  // "1952-10-07 = 1952-10-07", "IMO 9187629", "nationality RU != IR"
};

struct Explanation {
  std::string query_name;   // the query name that matched best, as given
  std::string entity_name;  // the entity's name it matched, as listed
  std::string name_kind;    // "primary", "strong_alias", "weak_alias", "original_script", ...
  double name_score = 0;
  std::vector<TokenPair> pairs;
  std::vector<std::string> unmatched_query;   // query words with no counterpart
  std::vector<std::string> unmatched_entity;  // entity words with no counterpart
  std::string legal_form;  // "ooo = llc (LLC)", "ag != gmbh" when both names carry one
  std::vector<Contribution> contributions;

  // One line for people: "PUTIN, Vladimir Vladimirovich [primary] vladimir=vladimir exact, ..."
  std::string Summary() const;
};

struct Match {
  const model::Entity* entity = nullptr;  // owned by the index that produced the match
  std::string source_id;  // the list's own id: UN reference, OFAC ent_num, EU logical id, ...
  std::vector<model::Regime> regimes;  // regimes that list it (from its sanctions and source)
  double score = 0;
  Explanation explanation;
};

}  // namespace cordon::match
