// regimes/divergence.h: which regimes list each subject, since when, under which programmes, and
// which do not (or no longer do).
//
//   ASSIGN_OR_RETURN(ListingHistory history, ReadListingHistory(store, DefaultRegimeSources()));
//   ASSIGN_OR_RETURN(SubjectSet subjects, ResolveSubjects(history.entities, overrides));
//   DivergenceReport report = ComputeDivergence(history, subjects, {.as_of = "2026-12-07"});
//
// A regime lists a subject on a date when one of the subject's entities is in the version of one
// of the regime's sources in force that day (store::Store::VersionsAsOf's rule), and the source
// was not retired by then (OFSI's Consolidated List on 2026-01-28: the FCDO's UK Sanctions List
// is the UK's list since). "Since" is the earliest listing date the regime's records give, else
// the date of the first version that carried the record. A regime delisted a subject when a
// version of its source dropped the subject's last record and no record of it is listed on the
// date: the date is that version's. A source retiring is no delisting.
//
// Thread safety: plain values; ReadListingHistory uses the store it is given.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/entity.h"
#include "regimes/subjects.h"
#include "store/store.h"

namespace cordon::regimes {

struct RegimeSource {
  std::string source;  // "us_ofac_sdn"
  model::Regime regime = model::Regime::kOther;
  std::string retired;  // "YYYY-MM-DD" from which the source is no regime's list; "" never
};

// The allies' own sanctions lists: OFAC's SDN and consolidated lists (us), the EU FSF (eu),
// the FCDO's UK Sanctions List and, until 2026-01-28, OFSI's Consolidated List (uk), and the
// UN Security Council's list (un). Export-control lists and aggregators are not a regime's
// sanctions list.
std::vector<RegimeSource> DefaultRegimeSources();

struct SourceVersion {
  int64_t number = 0;
  std::string effective;  // "YYYY-MM-DD" (store::EffectiveDate)
};

// Every record the regimes' sources ever held, and in which versions.
struct ListingHistory {
  std::vector<RegimeSource> sources;                           // those the store holds
  std::map<std::string, std::vector<SourceVersion>> versions;  // by source, oldest first
  // Every entity of those sources: the current record, or the last one before it was removed.
  std::vector<model::Entity> entities;
  // For each entity (same order): the version numbers of its source that held it.
  std::vector<std::vector<int64_t>> held_in;
};

// NotFound when the store holds none of `sources`.
Result<ListingHistory> ReadListingHistory(store::Store& store,
                                          std::span<const RegimeSource> sources);

struct Listing {
  std::string since;  // "YYYY-MM-DD"
  std::vector<std::string> programmes;
  std::vector<std::string> sources;
};

struct SubjectListings {
  const Subject* subject = nullptr;
  std::map<model::Regime, Listing> listed;
  std::vector<model::Regime> not_listed;          // of the regimes asked about
  std::map<model::Regime, std::string> delisted;  // date of the version that dropped it
  // Where a listed company or organisation is registered (ISO codes: its jurisdiction, else its
  // addresses' countries); empty for persons and vessels or when no list says.
  std::vector<std::string> registered_in;
};

struct DivergenceOptions {
  std::vector<model::Regime> regimes = {model::Regime::kUs, model::Regime::kEu, model::Regime::kUk,
                                        model::Regime::kUn};
  std::string programme;  // "russia", "belarus", "iran", "dprk", ...; "" any
  std::string as_of;      // "YYYY-MM-DD"; "" today (UTC)
};

struct DivergenceReport {
  std::string as_of;
  std::vector<SubjectListings> subjects;  // listed or delisted by one of the regimes asked
  // Subjects listed by exactly this combination of regimes ("us", "eu+uk", "us+eu+uk+un").
  std::map<std::string, int> matrix;
  // The matrix on the date of each version of a source, and of each retirement, up to as_of.
  std::vector<std::pair<std::string, std::map<std::string, int>>> series;
  // Companies and organisations listed under a Russia programme and registered outside Russia
  // and Belarus, counted by country.
  std::map<std::string, int> third_country;
};

// InvalidArgument for an unknown programme or a malformed date.
Result<DivergenceReport> ComputeDivergence(const ListingHistory& history,
                                           const SubjectSet& subjects,
                                           const DivergenceOptions& options);

// "us+eu+uk" for the regimes in us, eu, uk, un order.
std::string RegimeCombination(const std::vector<model::Regime>& regimes);

// Whether sanction programme `program` (as a list writes it: "RUSSIA-EO14024", "UKR", "The
// Russia (Sanctions) (EU Exit) Regulations 2019") belongs to programme `key` ("russia").
bool ProgrammeMatches(std::string_view key, std::string_view program);
// The programme keys ProgrammeMatches knows.
std::vector<std::string> ProgrammeKeys();

}  // namespace cordon::regimes
