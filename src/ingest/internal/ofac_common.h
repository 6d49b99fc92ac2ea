// ingest/internal/ofac_common.h: how OFAC's two XML formats (sdn.xml and the enhanced XML) read
// the values they write alike, so that a record read from either comes out the same.
//
//   std::string code = OfacXmlCountryCode("Bosnia and Herzegovina");       // "BA"
//   std::optional<model::DateSpec> dob = ParseOfacXmlDate("circa 1962");   // 1962, approximate
//   for (std::string_view clause : SplitOfacXmlRemarks(remarks)) { ... }
//
// The legacy CSV reads its free text by rules of its own (ofac_csv_remarks.h: ParseOfacDate,
// OfacCountryCode), which differ from these: there a trailing '.' is ignored and "Region: X"
// is no country.
//
// Thread safety: pure functions (the Add* ones write only the entity they are given).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/entity.h"

namespace cordon::ingest::internal {

// True for a wording that means "no country": "", "None Identified" (OFAC's unknown vessel
// flag) and "Unknown", ignoring case.
bool IsOfacNoCountry(std::string_view text);

// The ISO alpha-2 code of a country as OFAC writes it; "" for a no-country wording
// (IsOfacNoCountry) and for anything unknown. text::CountryCode, plus "Region: X" read as X and
// "A and B" read as ICU's "A & B".
std::string OfacXmlCountryCode(std::string_view text);

// An OFAC date: "21 Mar 1971", "Mar 1971", "1962", "circa 1962" (also "approx", "ca.",
// "about": approximate), "01 Jan 1960 to 31 Dec 1962" (a range). nullopt when the text, or
// either end of a range, is not a date; the caller decides whether to keep it as text.
std::optional<model::DateSpec> ParseOfacXmlDate(std::string_view text);

// Adds `place` ("Behbahan, Iran") to entity.birth_places unless empty or already there, and
// the country its last comma-separated part names, when it names one, as a kBirthCountry.
void AddOfacBirthPlace(model::Entity& entity, const std::string& place);

// The clauses of a remarks text: split on ';' outside parentheses ("A; (Linked To: B; C)" ->
// "A", "(Linked To: B; C)"), each trimmed, empty ones dropped. Views into `remarks`.
std::vector<std::string_view> SplitOfacXmlRemarks(std::string_view remarks);

// The number of a phone clause: "Telephone Number: (98)(21)" -> "(98)(21)" (also "Phone ...",
// "Tel. ...", with an optional "Number"/"No."/"No" and ':'). "" when `clause` does not start
// with one of those labels or what follows holds no digit. A view into `clause`.
std::string_view OfacRemarkPhone(std::string_view clause);

// The schema of OFAC's entry type (sdn.xml sdnType, enhanced entityType), ignoring case:
// "Individual" -> kPerson, "Entity" -> kOrganization (see LooksLikeOfacCompany), "Vessel" ->
// kVessel, "Aircraft" -> kAircraft. nullopt for any other type; the caller reports it.
std::optional<model::Schema> OfacEntitySchema(std::string_view type);

// Whether an OFAC "Entity" is a company: an identifier only companies have (registration,
// INN, OGRN, LEI, BIC, or one labelled "BIK (RU)"), or a name with a company legal form
// (HasCompanyLegalForm).
bool LooksLikeOfacCompany(const model::Entity& entity);

}  // namespace cordon::ingest::internal
