// ingest/internal/ofac_csv_remarks.h: the Remarks field of OFAC's legacy CSV, clause by clause.
//
//   model::Entity entity;
//   OfacRemarks facts = ApplyOfacRemarks("DOB 21 Mar 1971; POB Moscow, Russia; a.k.a. 'IVAN'.",
//                                        {.person = true}, entity);
//   // entity.birth_dates = {1971-03-21}, birth_places = {"Moscow, Russia"}, a weak alias "IVAN"
//
// OFAC packs everything its legacy files have no column for into one free-text Remarks field:
// `;`-separated clauses such as `DOB 1960 to 1962`, `Passport 123 (Russia) expires ...`,
// `Linked To: NAME.` or `a.k.a. 'X'`. A table of clause labels (ofac_csv_remarks.cc) says what
// each clause becomes; clauses no label claims are kept, verbatim, in Entity::remarks.
// The a.k.a.'s in Remarks are OFAC's low-quality ("weak") aliases: the strong ones are in
// alt.csv (see docs/formats/ofac_csv.md for the evidence).
//
// Thread safety: pure functions over immutable tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/entity.h"

namespace cordon::ingest::internal {

struct OfacRemarksOptions {
  // Split "LAST, First" alias names into family/given (individuals).
  bool person = false;
  // The field reached OFAC's 1000-character cut and no comments row continued it: the last
  // clause may be cut short, so it is kept verbatim in remarks instead of being read.
  bool last_clause_may_be_cut = false;
};

// What the remarks said that has no place on the entity itself.
struct OfacRemarks {
  // Statements about the sanction ("Secondary sanctions risk: ...", "Listing Date (EO 14024
  // Directive 2): 24 Feb 2022"), in order, without duplicates: they become Sanction::reason.
  std::vector<std::string> sanction_notes;
  // The schema a "Target Type ..." clause implies, if there was one.
  std::optional<model::Schema> target_type_schema;
  // A company register number, LEI, SWIFT/BIC, ISIN or "Organization Type:" clause was seen.
  bool commercial_evidence = false;
};

// The clauses of `remarks`, trimmed, in order. Splits on `;` except inside the quotes of an
// `a.k.a. '...'` (and f.k.a., n.k.a., d.b.a.) clause. Views into `remarks`.
std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks);

// Reads every clause of `remarks` into `entity` (names, identifiers, dates, places, countries,
// contacts, links, properties; the rest appended to entity.remarks, `; `-joined) and returns
// what belongs to the sanction. Never fails: an unreadable clause is kept as remarks text.
OfacRemarks ApplyOfacRemarks(std::string_view remarks, const OfacRemarksOptions& options,
                             model::Entity& entity);

// An OFAC date phrase: "21 Mar 1971", "Mar 1971", "1971", "circa 1951", "1951 to 1953",
// "01 Jan 1961 to 31 Dec 1962", "circa 1979-1982" (a trailing '.' is ignored). When no date can
// be read the result has an empty date and `text` set to the phrase.
model::DateSpec ParseOfacDate(std::string_view text);

// The ISO alpha-2 code of a country as OFAC spells it ("Russia", "Korea, North", "Bosnia and
// Herzegovina", "Man, Isle of"); "" for "None Identified", "undetermined" and anything unknown
// ("Region: Gaza"). text::CountryCode plus the OFAC spellings it misses.
std::string OfacCountryCode(std::string_view name);

// Adds a CountryRef with `role` for OFAC's `text`: the code when it maps, else the text alone;
// nothing for "", "None Identified" and "undetermined".
void AddOfacCountry(model::Entity& entity, std::string_view text, model::CountryRole role);

// A name as OFAC writes it. For a person "LAST, First Middle" gives family "LAST" and given
// "First Middle"; `full` is always the text as written, whitespace collapsed.
model::Name OfacName(std::string_view full, model::NameKind kind, bool person);

}  // namespace cordon::ingest::internal
