// licences/licences.h: the general licences that authorise, for a time, what the sanctions
// lists would block, and which of them authorise an activity with a party on a date.
//
//   const LicenceTable& table = LicenceTable::Bundled();  // data/licences/licences.json
//   LicenceCheck check = table.Check({.regime = model::Regime::kUs, .party_name = "Sberbank",
//                                     .activity = "energy", .date = *Date::Parse("2024-06-01")});
//   for (const Licence* l : check.authorising) ...  // GL 8I, in force that day
//
// No authority publishes licences in a machine-readable form, so cordon keeps a curated table
// (data/licences/README.md says where each field comes from; `unverified` names the fields no
// source confirmed). The rules the table is read by:
//   - A licence is in force from its issue date (the whole day) until its expiry instant
//     (OFAC's "12:01 a.m. eastern daylight time, March 12, 2025"), and no longer once a licence
//     that supersedes it is issued. It is in force ON a date when it is in force for the whole
//     of that day in the expiry's own time zone: GL 8L, expiring 2025-03-12T00:01-04:00, is in
//     force on 11 March and not on 12 March.
//   - A licence with no party list covers any party; otherwise a party is covered when it is one
//     of the named parties: by the OFAC entry number, by a shared identifier (INN, OGRN,
//     SWIFT/BIC, LEI), or by name (the matcher's score, 0.85 or more).
//   - Activities are a small shared vocabulary (`energy`, `wind_down`, `taxes_fees`, ...; the
//     table's "activities" object defines each).
//
// Thread safety: immutable after loading.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "match/index.h"
#include "model/entity.h"

namespace cordon::licences {

struct Party {
  std::string name;
  std::string sdn_uid;                   // OFAC entry number, "" when none
  std::vector<std::string> identifiers;  // "INN 7707083893", "SWIFT/BIC SABRRUMM", ...
  bool owned_50_percent_included = false;
};

struct Licence {
  std::string id;  // "us-ofac-gl-8l"
  model::Regime regime = model::Regime::kOther;
  std::string authority, number, programme, title;
  std::optional<Date> issued;
  std::string expires;                // ISO instant with offset, "" for none
  std::optional<int64_t> expires_at;  // the same, as Unix seconds
  int offset_minutes = 0;             // the expiry's offset from UTC (-240 for EDT)
  std::string expires_text;
  std::vector<std::string> supersedes;
  std::vector<std::string> superseded_by;  // filled from the others' `supersedes`
  std::vector<Party> parties;
  std::vector<std::string> activities;
  std::string conditions;
  std::string source_url, federal_register;
  std::vector<std::string> unverified;
};

struct CheckRequest {
  model::Regime regime = model::Regime::kUs;
  std::string party_name;                 // --party
  const model::Entity* entity = nullptr;  // --entity, from the store
  std::string activity;                   // from the vocabulary
  Date date = Date::FromYmd(1970, 1, 1);
};

struct LicenceCheck {
  std::vector<const Licence*> authorising;  // in force on the date, covering party and activity
  // When none does: the licence covering party and activity that was in force most recently
  // before the date, and the date it ended (the day its expiry or its successor's issue fell).
  const Licence* last = nullptr;
  std::string last_ended;
};

class LicenceTable {
 public:
  // The table compiled into cordon (data/licences/licences.json).
  static const LicenceTable& Bundled();
  // InvalidArgument naming the file and the licence's field for a malformed table; an activity
  // outside the vocabulary is malformed too. A `supersedes` naming a licence the table does not
  // hold (one no source was found for) is kept and ends nothing.
  static Result<LicenceTable> Parse(std::string_view json, const std::string& name);

  const std::vector<Licence>& licences() const { return licences_; }
  const std::vector<std::pair<std::string, std::string>>& activities() const { return activities_; }
  const Licence* Find(std::string_view id) const;

  // Whether `licence` is in force for the whole of `date` (the rules above).
  bool InForceOn(const Licence& licence, Date date) const;
  // The day the licence stopped being in force: its expiry's date in its own time zone, or the
  // issue date of the first licence that superseded it, whichever is earlier; "" if neither.
  std::string EndedOn(const Licence& licence) const;
  // Whether the licence names the party (or names none).
  bool Covers(const Licence& licence, const CheckRequest& request) const;
  // Whether the licence names `entity` as a party and the licence's regime lists the entity (an
  // OFAC licence says nothing of an EU listing). A licence that names no party names no one.
  bool NamesAsParty(const Licence& licence, const model::Entity& entity) const;

  LicenceCheck Check(const CheckRequest& request) const;
  // For each entity of `index` (same order), the licences in force on `date` that name it as a
  // party and that its regime's listing is subject to (an OFAC licence covers what the US lists):
  // by OFAC entry number, shared identifier, or name (the index's search, 0.85 or more, companies
  // and organisations only). Licences that name no party cover no one here. A party marked
  // owned_50_percent_included brings the entities `owned_by` says it owns 50 % or more under
  // the licence's regime (blocked or owned by derivation, not listed themselves).
  using OwnedEntities = std::function<std::vector<size_t>(size_t entity_idx, model::Regime regime)>;
  std::vector<std::vector<const Licence*>> LicencesByEntity(
      const match::MatchIndex& index, Date date, const OwnedEntities& owned_by = nullptr) const;

  // Days from `date` to the licence's expiry day in its own time zone (0: it expires that day);
  // nullopt for a licence without an expiry.
  static std::optional<int> DaysToExpiry(const Licence& licence, Date date);
  // Licences in force on `date` whose expiry falls within `days` days after it, soonest first.
  std::vector<const Licence*> Expiring(Date date, int days,
                                       std::optional<model::Regime> regime) const;

 private:
  std::vector<Licence> licences_;
  std::vector<std::pair<std::string, std::string>> activities_;  // name, meaning
};

// A licence as the CLI and the API give it: its fields, "ended" (EndedOn) and "superseded_by".
nlohmann::ordered_json LicenceJson(const LicenceTable& table, const Licence& licence);

// "2025-03-12T00:01:00-04:00" -> Unix seconds and the offset in minutes; nullopt if malformed.
std::optional<std::pair<int64_t, int>> ParseInstant(std::string_view iso);

}  // namespace cordon::licences
