#include "ingest/internal/ofac_csv_remarks.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "base/strings.h"
#include "text/countries.h"

namespace cordon::ingest::internal {
namespace {

using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::IdentifierType;
using model::NameKind;
using model::Schema;

// What a clause becomes.
enum class Clause : uint8_t {
  kBirthDate,        // DOB ...
  kBirthPlace,       // POB City, Country
  kCountry,          // nationality / citizen / other flag: a CountryRef with `role`
  kPastFlag,         // Former Vessel Flag: property "pastFlags"
  kGender,           // Gender Male
  kIdentifier,       // LABEL VALUE (Country) issued ... expires ...
  kImo,              // LABEL IMO 1234567
  kCryptoAddress,    // Digital Currency Address - XBT ...
  kProperty,         // LABEL text: property `property`
  kDateProperty,     // LABEL date: property `property` as ISO date
  kEstablishedDate,  // Organization Established Date ...
  kClassification,   // Target Type ...: property "classification" and a schema hint
  kSector,           // Organization Type: ...: property "sector"
  kEmail,
  kWebsite,
  kPhone,
  kLinkedTo,      // Linked To: NAME.
  kAlias,         // a.k.a. 'NAME'
  kSanctionNote,  // a statement about the sanction: kept whole for Sanction::reason
  kSourceUrl,     // For more information ...: URL
};

struct ClauseRule {
  std::string_view label;  // matched at the clause start, ignoring case
  Clause clause;
  IdentifierType id_type = IdentifierType::kOther;
  CountryRole role = CountryRole::kOther;
  std::string_view property = {};
  NameKind name_kind = NameKind::kWeakAlias;
  bool commercial = false;  // evidence that the holder is a company
};

constexpr ClauseRule Rule(std::string_view label, Clause clause) { return {label, clause}; }
constexpr ClauseRule Id(std::string_view label, IdentifierType type, bool commercial = false) {
  return {label, Clause::kIdentifier,  type,      CountryRole::kOther,
          {},    NameKind::kWeakAlias, commercial};
}
constexpr ClauseRule Registration(std::string_view label) {
  return Id(label, IdentifierType::kRegistration, /*commercial=*/true);
}
constexpr ClauseRule Country(std::string_view label, CountryRole role) {
  return {label, Clause::kCountry, IdentifierType::kOther, role};
}
constexpr ClauseRule Property(std::string_view label, std::string_view property,
                              Clause clause = Clause::kProperty) {
  return {label, clause, IdentifierType::kOther, CountryRole::kOther, property};
}
constexpr ClauseRule Alias(std::string_view label, NameKind kind) {
  return {label, Clause::kAlias, IdentifierType::kOther, CountryRole::kOther, {}, kind};
}

// Clause labels, from a survey of every clause in the 2024 sdn.csv, the 2021 sdn.csv +
// sdn_comments.csv and cons_prim.csv + cons_comments.csv (docs/formats/ofac_csv.md). Every label
// seen more than a handful of times is here; the longest matching label wins, so "Registration
// Number" and "Company Number IMO" can both be listed. A label matches when the clause starts
// with it and the next character is not a letter or digit.
constexpr std::array kClauseRules = {
    // Person.
    Rule("DOB", Clause::kBirthDate),
    Rule("POB", Clause::kBirthPlace),
    Rule("POB:", Clause::kBirthPlace),
    Country("nationality", CountryRole::kNationality),
    Country("nationality:", CountryRole::kNationality),
    Country("citizen", CountryRole::kCitizenship),
    Rule("Gender", Clause::kGender),
    // Identity documents.
    Id("Passport", IdentifierType::kPassport),
    Id("Passport Booklet", IdentifierType::kPassport),
    Id("Passport Booklet:", IdentifierType::kPassport),
    Id("Diplomatic Passport", IdentifierType::kPassport),
    Id("British National Overseas Passport", IdentifierType::kPassport),
    Id("Stateless Person Passport", IdentifierType::kPassport),
    Id("Travel Document Number", IdentifierType::kPassport),
    Id("National ID No.", IdentifierType::kNationalId),
    Id("National ID No.:", IdentifierType::kNationalId),
    Id("Cedula No.", IdentifierType::kNationalId),
    Id("C.U.R.P.", IdentifierType::kNationalId),
    Id("C.U.R.P. #", IdentifierType::kNationalId),
    Id("CURP #", IdentifierType::kNationalId),
    Id("D.N.I.", IdentifierType::kNationalId),
    Id("SSN", IdentifierType::kNationalId),
    Id("Kenyan ID No.", IdentifierType::kNationalId),
    Id("Personal ID Card", IdentifierType::kNationalId),
    Id("Identification Number", IdentifierType::kNationalId),
    Id("Turkish Identification Number", IdentifierType::kNationalId),
    Id("Numero de Identidad", IdentifierType::kNationalId),
    Id("Citizen's Card Number", IdentifierType::kNationalId),
    Id("Bosnian Personal ID No.", IdentifierType::kNationalId),
    Id("Moroccan Personal ID No.", IdentifierType::kNationalId),
    Id("National Foreign ID Number", IdentifierType::kNationalId),
    Id("Tazkira National ID Card", IdentifierType::kNationalId),
    Id("UAE Identification", IdentifierType::kNationalId),
    Id("Electoral Registry No.", IdentifierType::kNationalId),
    Id("Credencial electoral", IdentifierType::kNationalId),
    Id("I.F.E.", IdentifierType::kNationalId),
    Id("C.U.I.", IdentifierType::kNationalId),
    Id("C.U.I.P.", IdentifierType::kNationalId),
    Id("Birth Certificate Number", IdentifierType::kNationalId),
    Id("Residency Number", IdentifierType::kNationalId),
    Id("Refugee ID Card", IdentifierType::kNationalId),
    Id("N.I.E.", IdentifierType::kNationalId),
    Id("Public Security and Immigration No.", IdentifierType::kNationalId),
    Id("Driver's License No.", IdentifierType::kOther),
    Id("Cartilla de Servicio Militar Nacional", IdentifierType::kOther),
    Id("VisaNumberID", IdentifierType::kOther),
    Id("Immigration No.", IdentifierType::kOther),
    Id("Pilot License Number", IdentifierType::kOther),
    // Tax numbers. A 10- or 12-digit Russian "Tax ID No." is an INN (see RefineType).
    Id("Tax ID No.", IdentifierType::kTaxId),
    Id("NIT #", IdentifierType::kTaxId),
    Id("R.F.C.", IdentifierType::kTaxId),
    Id("R.F.C. #", IdentifierType::kTaxId),
    Id("RFC", IdentifierType::kTaxId),
    Id("RUC #", IdentifierType::kTaxId),
    Id("RIF #", IdentifierType::kTaxId),
    Id("RTN", IdentifierType::kTaxId),
    Id("V.A.T. Number", IdentifierType::kTaxId),
    Id("C.U.I.T.", IdentifierType::kTaxId),
    Id("C.I.F.", IdentifierType::kTaxId),
    Id("US FEIN", IdentifierType::kTaxId),
    Id("Italian Fiscal Code", IdentifierType::kTaxId),
    Id("Italian Fiscal Code:", IdentifierType::kTaxId),
    Id("Paraguayan tax identification number", IdentifierType::kTaxId),
    Id("Numero Unico de Identificacao Tributaria (NUIT)", IdentifierType::kTaxId),
    // Company registers. A 13- or 15-digit Russian one is an OGRN (see RefineType).
    Registration("Registration Number"),
    Registration("Registration ID"),
    Registration("Business Registration Number"),
    Registration("Business Registration Document #"),
    Registration("Company Number"),
    Registration("UK Company Number"),
    Registration("Commercial Registry Number"),
    Registration("Folio Mercantil No."),
    Registration("Matricula Mercantil No"),
    Registration("C.R. No."),
    Registration("Romanian C.R."),
    Registration("Trade License No."),
    Registration("License"),
    Registration("Permit Number"),
    Registration("Unified Social Credit Code (USCC)"),
    Registration("United Social Credit Code Certificate (USCCC)"),
    Registration("Economic Register Number (CBLS)"),
    Registration("Chamber of Commerce Number"),
    Registration("Istanbul Chamber of Comm. No."),
    Registration("Dubai Chamber of Commerce Membership No."),
    Registration("Central Registration System Number"),
    Registration("Enterprise Number"),
    Registration("Business Number"),
    Registration("Branch Unit Number"),
    Registration("Certificate of Incorporation Number"),
    Registration("Public Registration Number"),
    Registration("LE Number"),
    Registration("Organization Code"),
    Registration("File Number"),
    Registration("Afghan Money Service Provider License Number"),
    Id("Government Gazette Number", IdentifierType::kRegistration),  // the Russian OKPO code
    Id("Registered Charity No.", IdentifierType::kRegistration),
    Id("Legal Entity Number", IdentifierType::kLei, /*commercial=*/true),
    Id("SWIFT/BIC", IdentifierType::kBic, /*commercial=*/true),
    Id("BIK (RU)", IdentifierType::kOther, /*commercial=*/true),  // Russian bank code
    Id("D-U-N-S Number", IdentifierType::kOther, /*commercial=*/true),
    Id("ISIN", IdentifierType::kOther, /*commercial=*/true),
    Id("Identification Number ISIN:", IdentifierType::kOther, /*commercial=*/true),
    Id("Equity Ticker", IdentifierType::kOther, /*commercial=*/true),
    // The issuer of the securities listed under the CMIC programme (FtM Security:issuer).
    ClauseRule{.label = "Issuer Name",
               .clause = Clause::kProperty,
               .property = "issuer",
               .commercial = true},
    Id("Chinese Commercial Code", IdentifierType::kOther),  // telegraph code of a Chinese name
    Rule("Digital Currency Address -", Clause::kCryptoAddress),
    // Vessels and aircraft.
    Rule("Vessel Registration Identification", Clause::kImo),
    Rule("Identification Number IMO", Clause::kImo),
    // The IMO number of a ship manager or owner: a company.
    ClauseRule{.label = "Company Number IMO", .clause = Clause::kImo, .commercial = true},
    Id("MMSI", IdentifierType::kMmsi),
    Id("Other Vessel Call Sign", IdentifierType::kCallSign),
    Country("Other Vessel Flag", CountryRole::kFlag),
    Rule("Former Vessel Flag", Clause::kPastFlag),
    Property("Other Vessel Type", "type"),
    Property("Vessel Year of Build", "buildDate", Clause::kDateProperty),
    Country("Nationality of Registration", CountryRole::kJurisdiction),
    Id("Aircraft Manufacturer's Serial Number (MSN)", IdentifierType::kAircraftSerial),
    Id("Aircraft Construction Number (also called L/N or S/N or F/N)",
       IdentifierType::kAircraftSerial),
    Id("Aircraft Serial Identification", IdentifierType::kAircraftSerial),
    Id("Aircraft Tail Number", IdentifierType::kAircraftTailNumber),
    Id("Previous Aircraft Tail Number", IdentifierType::kAircraftTailNumber),
    Id("Aircraft Mode S Transponder Code", IdentifierType::kOther),
    Property("Aircraft Model", "model"),
    Property("Aircraft Operator", "operator"),
    Property("Aircraft Manufacture Date", "buildDate", Clause::kDateProperty),
    // Organisations.
    Rule("Organization Established Date", Clause::kEstablishedDate),
    Rule("Organization Type:", Clause::kSector),
    Rule("Target Type", Clause::kClassification),
    // Contacts.
    Rule("Email Address", Clause::kEmail),
    Rule("Email:", Clause::kEmail),
    Rule("Website", Clause::kWebsite),
    Rule("Website:", Clause::kWebsite),
    Rule("Phone Number", Clause::kPhone),
    Rule("Phone No.", Clause::kPhone),
    Rule("Phone", Clause::kPhone),
    Rule("Telephone", Clause::kPhone),
    Rule("Telephone:", Clause::kPhone),
    Rule("Telephone No.", Clause::kPhone),
    // Names and relationships.
    Rule("Linked To:", Clause::kLinkedTo),
    Alias("a.k.a.", NameKind::kWeakAlias),
    Alias("n.k.a.", NameKind::kWeakAlias),
    Alias("d.b.a.", NameKind::kWeakAlias),
    Alias("f.k.a.", NameKind::kFormerName),
    // About the sanction itself.
    Rule("Additional Sanctions Information -", Clause::kSanctionNote),
    Rule("Secondary sanctions risk:", Clause::kSanctionNote),
    Rule("Executive Order", Clause::kSanctionNote),  // "... Directive Determination -", "...
                                                     // information:"
    Rule("Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:",
         Clause::kSanctionNote),
    Rule("CAATSA Section 235 Information:", Clause::kSanctionNote),
    Rule("IFCA Determination -", Clause::kSanctionNote),
    Rule("PEESA Information:", Clause::kSanctionNote),
    Rule("Listing Date", Clause::kSanctionNote),    // "(EO 14024 Directive 2): 24 Feb 2022"
    Rule("Effective Date", Clause::kSanctionNote),  // "(CMIC) 02 Aug 2021"
    Rule("Purchase/Sales For Divestment Date", Clause::kSanctionNote),
    Rule("For more information on directives, please visit the following link:",
         Clause::kSourceUrl),
    Rule("For more information, please reference the following link:", Clause::kSourceUrl),
    Rule("For more information, please see:", Clause::kSourceUrl),
};

// "Target Type" values and the schema each implies.
struct TargetType {
  std::string_view value;
  Schema schema;
};
constexpr std::array kTargetTypes = {
    TargetType{"Private Company", Schema::kCompany},
    TargetType{"Public Company", Schema::kCompany},
    TargetType{"State-Owned Enterprise", Schema::kCompany},
    TargetType{"Financial Institution", Schema::kCompany},
    TargetType{"Government Entity", Schema::kOrganization},
    TargetType{"Unrecognized Government Entity", Schema::kOrganization},
    TargetType{"Criminal Organization", Schema::kOrganization},
    TargetType{"Charity or Nonprofit Organization", Schema::kOrganization},
};

// Words after which a final '.' belongs to the name ("CO., LTD.", "S.A. DE C.V.").
constexpr auto kDottedWords = std::to_array<std::string_view>(
    {"CO", "LTD", "LTDA", "INC", "CORP", "JR", "SR", "BHD", "PTE", "PVT", "CIA", "ST", "NO", "DR"});

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool HasDigit(std::string_view s) { return std::any_of(s.begin(), s.end(), IsDigit); }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// Drops one trailing '.' (the end of OFAC's sentence): for identifiers, dates, e-mails, URLs.
std::string_view DropFinalDot(std::string_view s) {
  s = StripWhitespace(s);
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return StripWhitespace(s);
}

// True when the last word of `s`, which ends in '.', is an abbreviation whose dot is part of the
// text: "S.A.", "C.V.", "L.L.C.", an initial "C.", or a word of kDottedWords.
bool EndsWithAbbreviation(std::string_view s) {
  size_t space = s.find_last_of(' ');
  std::string_view word = space == std::string_view::npos ? s : s.substr(space + 1);
  word.remove_suffix(1);  // the final '.'
  while (!word.empty() && (word.front() == '(' || word.front() == ',')) word.remove_prefix(1);
  if (word.empty()) return false;
  if (word.size() == 1) return IsAlpha(word[0]);
  if (word.find('.') != std::string_view::npos) {
    for (std::string_view part : Split(word, '.')) {
      if (part.empty() || part.size() > 3) return false;
      if (!std::all_of(part.begin(), part.end(), IsAlpha)) return false;
    }
    return true;
  }
  const std::string upper = AsciiUpper(word);
  return std::find(kDottedWords.begin(), kDottedWords.end(), upper) != kDottedWords.end();
}

// Drops the sentence-ending '.' of a name or text value, but not the dot of "CO., LTD.".
std::string_view DropSentenceDot(std::string_view s) {
  s = StripWhitespace(s);
  if (!s.empty() && s.back() == '.' && !EndsWithAbbreviation(s)) s.remove_suffix(1);
  return StripWhitespace(s);
}

// The rule whose label starts `clause`, the longest if several do; nullptr when none.
const ClauseRule* FindRule(std::string_view clause) {
  const ClauseRule* best = nullptr;
  for (const ClauseRule& rule : kClauseRules) {
    if (clause.size() < rule.label.size()) continue;
    if (!StartsWithIgnoreCase(clause, rule.label)) continue;
    if (clause.size() > rule.label.size() && IsAlnum(rule.label.back()) &&
        IsAlnum(clause[rule.label.size()])) {
      continue;  // "RFC" must not match "RFCX"
    }
    if (best == nullptr || rule.label.size() > best->label.size()) best = &rule;
  }
  return best;
}

// Length of an alias marker ("a.k.a." ...) at the start of `s`, or 0.
size_t AliasMarkerLength(std::string_view s) {
  for (std::string_view marker : {"a.k.a.", "f.k.a.", "n.k.a.", "d.b.a."}) {
    if (StartsWithIgnoreCase(s, marker)) return marker.size();
  }
  return 0;
}

// For an alias clause starting `s` ("a.k.a. 'NAME'"), the offset just past the closing quote and
// its optional '.', when that is followed by ';' or the end; npos when the clause is not quoted.
// A quote inside the name ("AL-MU'MININ") is followed by a letter, so it does not close.
size_t QuotedAliasEnd(std::string_view s, size_t marker) {
  size_t open = marker;
  while (open < s.size() && (s[open] == ' ' || s[open] == ',')) ++open;
  if (open >= s.size() || s[open] != '\'') return std::string_view::npos;
  for (size_t q = s.find('\'', open + 1); q != std::string_view::npos; q = s.find('\'', q + 1)) {
    size_t after = q + 1;
    if (after < s.size() && s[after] == '.') ++after;
    while (after < s.size() && s[after] == ' ') ++after;
    if (after == s.size() || s[after] == ';') return after;
  }
  return std::string_view::npos;
}

void AddUnique(std::vector<std::string>& values, std::string_view value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    values.emplace_back(value);
  }
}

void AddProperty(Entity& entity, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  for (const auto& [n, v] : entity.properties) {
    if (n == name && v == value) return;
  }
  entity.properties.emplace_back(std::string(name), std::string(value));
}

void AddDate(std::vector<DateSpec>& dates, DateSpec date) {
  if (std::find(dates.begin(), dates.end(), date) == dates.end()) dates.push_back(std::move(date));
}

// OFAC spellings text::CountryCode does not know: ICU writes "&" where OFAC writes "and", and
// OFAC inverts some names ("Man, Isle of").
struct CountrySpelling {
  std::string_view name;
  std::string_view code;
};
constexpr std::array kOfacCountrySpellings = {
    CountrySpelling{"Bosnia and Herzegovina", "BA"},
    CountrySpelling{"Trinidad and Tobago", "TT"},
    CountrySpelling{"Saint Kitts and Nevis", "KN"},
    CountrySpelling{"Antigua and Barbuda", "AG"},
    CountrySpelling{"Saint Vincent and the Grenadines", "VC"},
    CountrySpelling{"Turks and Caicos Islands", "TC"},
    CountrySpelling{"Heard Island and McDonald Islands", "HM"},
    CountrySpelling{"Wallis and Futuna", "WF"},
    CountrySpelling{"Saint Pierre and Miquelon", "PM"},
    CountrySpelling{"Man, Isle of", "IM"},
    CountrySpelling{"North Macedonia, The Republic of", "MK"},
    CountrySpelling{"Macedonia, The Former Yugoslav Republic of", "MK"},
    CountrySpelling{"Cote d Ivoire", "CI"},
};

std::string MapCountry(std::string_view name) { return OfacCountryCode(name); }

// A Russian tax number of 10 or 12 digits is an INN; a Russian register number of 13 (OGRN) or
// 15 (OGRNIP) digits is an OGRN.
IdentifierType RefineType(IdentifierType type, std::string_view label, std::string_view value,
                          std::string_view country) {
  if (country != "RU" || !AllDigits(value)) return type;
  if (type == IdentifierType::kTaxId && (value.size() == 10 || value.size() == 12)) {
    return IdentifierType::kInn;
  }
  if (type == IdentifierType::kRegistration && (value.size() == 13 || value.size() == 15) &&
      !StartsWithIgnoreCase(label, "Government Gazette")) {
    return IdentifierType::kOgrn;
  }
  return type;
}

// Splits "VALUE (Country) issued DATE expires DATE" into the identifier's parts.
model::Identifier ReadIdentifierValue(std::string_view text) {
  model::Identifier id;
  std::string_view head = DropFinalDot(text);
  size_t note_at = std::string_view::npos;
  for (std::string_view word : {" issued", " expires", " expired", ", expired"}) {
    size_t at = head.find(word);
    if (at != std::string_view::npos && at < note_at) note_at = at;
  }
  if (StartsWithIgnoreCase(head, "issued ") || StartsWithIgnoreCase(head, "expires ")) note_at = 0;
  std::string_view dates;  // "issued 28 Feb 1992 expires ..."
  if (note_at != std::string_view::npos) {
    dates = StripWhitespace(head.substr(note_at));
    if (!dates.empty() && dates.front() == ',') dates = StripWhitespace(dates.substr(1));
    head = head.substr(0, note_at);
  }
  head = StripWhitespace(head);
  while (!head.empty() && head.back() == ',')
    head = StripWhitespace(head.substr(0, head.size() - 1));
  // "(Germany)": the issuing country. "(Jalisco)", "(Stuttgart)": a place, kept as a note.
  // "D489833(9)" is part of the number.
  std::string_view place;
  for (int paren_idx = 0; paren_idx < 2 && !head.empty() && head.back() == ')'; ++paren_idx) {
    size_t open = head.rfind('(');
    if (open == std::string_view::npos || open == 0) break;
    std::string_view inner = StripWhitespace(head.substr(open + 1, head.size() - open - 2));
    if (inner.empty() || HasDigit(inner)) break;
    std::string code = id.country.empty() ? MapCountry(inner) : std::string();
    if (!code.empty()) {
      id.country = std::move(code);
    } else if (place.empty()) {
      place = inner;
    } else {
      break;
    }
    head = StripWhitespace(head.substr(0, open));
  }
  id.value = CollapseWhitespace(head);
  if (!place.empty() && !dates.empty()) {
    id.note = std::string(place) + "; " + std::string(dates);
  } else {
    id.note = std::string(place.empty() ? dates : place);
  }
  return id;
}

class RemarksReader {
 public:
  RemarksReader(const OfacRemarksOptions& options, Entity& entity)
      : options_(options), entity_(entity) {}

  OfacRemarks Read(std::string_view remarks) {
    std::vector<std::string_view> clauses = SplitOfacRemarks(remarks);
    for (size_t clause_idx = 0; clause_idx < clauses.size(); ++clause_idx) {
      const bool cut = options_.last_clause_may_be_cut && clause_idx + 1 == clauses.size();
      if (cut || !ReadClause(clauses[clause_idx])) leftovers_.emplace_back(clauses[clause_idx]);
    }
    if (!leftovers_.empty()) {
      if (!entity_.remarks.empty()) entity_.remarks += "; ";
      entity_.remarks += Join(leftovers_, "; ");
    }
    return std::move(result_);
  }

 private:
  // Applies one clause; false when no rule could read it.
  bool ReadClause(std::string_view clause) {
    std::string_view body = clause;
    // "alt. DOB ...", "Alt. POB: ...": another value for the same field.
    if (StartsWithIgnoreCase(body, "alt. ")) body = StripWhitespace(body.substr(5));
    const ClauseRule* rule = FindRule(body);
    if (rule == nullptr) return false;
    const std::string_view label = body.substr(0, rule->label.size());
    const std::string_view value = StripWhitespace(body.substr(rule->label.size()));
    switch (rule->clause) {
      case Clause::kBirthDate:
        return AddDateSpec(value, entity_.birth_dates);
      case Clause::kEstablishedDate:
        return AddDateSpec(value, entity_.incorporation_dates);
      case Clause::kBirthPlace:
        return AddBirthPlace(DropSentenceDot(value));
      case Clause::kCountry:
        return AddCountryText(DropSentenceDot(value), rule->role);
      case Clause::kPastFlag: {
        std::string_view flag = DropSentenceDot(value);
        if (flag.empty()) return false;
        if (!EqualsIgnoreCase(flag, "None Identified")) {
          std::string code = MapCountry(flag);
          AddProperty(entity_, "pastFlags", code.empty() ? flag : std::string_view(code));
        }
        return true;
      }
      case Clause::kGender: {
        std::string gender = AsciiLower(DropFinalDot(value));
        if (gender != "male" && gender != "female") return false;
        entity_.gender = std::move(gender);
        return true;
      }
      case Clause::kIdentifier:
        return AddIdentifier(*rule, label, value);
      case Clause::kImo: {
        // "IMO 9187629"; also "15411 (Malta)", "RS 150443 (Russia)": a national registry
        // number of the vessel.
        model::Identifier id = ReadIdentifierValue(value);
        std::string_view number = id.value;
        const bool imo_prefix = StartsWithIgnoreCase(number, "IMO");
        if (imo_prefix) number = StripWhitespace(number.substr(3));
        if (number.empty()) return false;
        id.type = (imo_prefix || number.size() == 7) && AllDigits(number)
                      ? IdentifierType::kImo
                      : IdentifierType::kRegistration;
        id.value = std::string(number);
        id.label = std::string(label);
        return AddIdentifierValue(std::move(id), *rule);
      }
      case Clause::kCryptoAddress: {
        // "Digital Currency Address - XBT 12Qt...": the currency is part of the label.
        size_t space = value.find(' ');
        if (space == std::string_view::npos) return false;
        std::string_view address = DropFinalDot(value.substr(space + 1));
        if (address.empty()) return false;
        const size_t value_at = static_cast<size_t>(value.data() - body.data());
        return AddIdentifierValue(
            {.type = IdentifierType::kCryptoAddress,
             .value = std::string(address),
             .label = std::string(StripWhitespace(body.substr(0, value_at + space)))},
            *rule);
      }
      case Clause::kProperty: {
        std::string_view text = DropSentenceDot(value);
        if (text.empty()) return false;
        AddProperty(entity_, rule->property, text);
        if (rule->commercial) result_.commercial_evidence = true;
        return true;
      }
      case Clause::kDateProperty: {
        // "Aircraft Manufacture Date Sep 1984" -> "1984-09"; a range or "circa" as written.
        const std::string_view text = DropFinalDot(value);
        if (text.empty()) return false;
        DateSpec date = ParseOfacDate(text);
        const bool plain = !date.date.empty() && date.until.empty() && !date.approximate;
        const std::string iso = plain ? date.date.ToIso() : std::string(text);
        AddProperty(entity_, rule->property, iso);
        return true;
      }
      case Clause::kClassification: {
        std::string_view type = DropSentenceDot(value);
        if (type.empty()) return false;
        AddProperty(entity_, "classification", type);
        for (const TargetType& target : kTargetTypes) {
          if (EqualsIgnoreCase(target.value, type)) result_.target_type_schema = target.schema;
        }
        return true;
      }
      case Clause::kSector: {
        std::string_view sector = DropFinalDot(value);
        if (sector.empty()) return false;
        AddProperty(entity_, "sector", sector);
        result_.commercial_evidence = true;
        return true;
      }
      case Clause::kEmail:
        return AddContact(entity_.emails, value);
      case Clause::kWebsite:
        return AddContact(entity_.websites, value);
      case Clause::kPhone:
        return AddContact(entity_.phones, value);
      case Clause::kLinkedTo: {
        std::string_view name = DropSentenceDot(value);
        if (name.empty()) return false;
        model::Link link{.kind = model::LinkKind::kAssociate,
                         .target_name = CollapseWhitespace(name)};
        if (std::find(entity_.links.begin(), entity_.links.end(), link) == entity_.links.end()) {
          entity_.links.push_back(std::move(link));
        }
        return true;
      }
      case Clause::kAlias:
        return AddAlias(value, rule->name_kind);
      case Clause::kSanctionNote:
        AddUnique(result_.sanction_notes, CollapseWhitespace(DropFinalDot(body)));
        return true;
      case Clause::kSourceUrl: {
        std::string_view url = DropFinalDot(value);
        if (url.empty()) return false;
        AddProperty(entity_, "sourceUrl", url);
        return true;
      }
    }
    return false;
  }

  bool AddDateSpec(std::string_view value, std::vector<DateSpec>& dates) {
    if (DropFinalDot(value).empty()) return false;
    AddDate(dates, ParseOfacDate(value));
    return true;
  }

  bool AddBirthPlace(std::string_view place) {
    if (place.empty()) return false;
    AddUnique(entity_.birth_places, place);
    // "Moscow, Russia": the last part names the country when it is one.
    std::string_view last = place;
    if (size_t comma = last.rfind(','); comma != std::string_view::npos) {
      last = StripWhitespace(last.substr(comma + 1));
    }
    std::string code = MapCountry(last);
    if (!code.empty()) model::AddCountry(entity_, std::move(code), CountryRole::kBirthCountry);
    return true;
  }

  bool AddCountryText(std::string_view text, CountryRole role) {
    if (text.empty()) return false;
    AddOfacCountry(entity_, text, role);
    return true;
  }

  bool AddContact(std::vector<std::string>& values, std::string_view value) {
    std::string_view contact = DropFinalDot(value);
    if (contact.empty()) return false;
    AddUnique(values, contact);
    return true;
  }

  bool AddIdentifier(const ClauseRule& rule, std::string_view label, std::string_view value) {
    model::Identifier id = ReadIdentifierValue(value);
    if (id.value.empty()) return false;
    // "Passport issued in Sarajevo", "passport place of issue: ...": prose, not a number.
    if ((rule.id_type == IdentifierType::kPassport ||
         rule.id_type == IdentifierType::kNationalId) &&
        !HasDigit(id.value)) {
      return false;
    }
    id.label = std::string(label);
    id.type = RefineType(rule.id_type, label, id.value, id.country);
    return AddIdentifierValue(std::move(id), rule);
  }

  bool AddIdentifierValue(model::Identifier id, const ClauseRule& rule) {
    if (rule.commercial) result_.commercial_evidence = true;
    if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), id) ==
        entity_.identifiers.end()) {
      entity_.identifiers.push_back(std::move(id));
    }
    return true;
  }

  bool AddAlias(std::string_view value, NameKind kind) {
    std::string_view name = StripWhitespace(value);
    while (!name.empty() && (name.front() == ',' || name.front() == ' ')) name.remove_prefix(1);
    if (!name.empty() && name.front() == '\'') {
      size_t close = name.rfind('\'');
      name = close > 0 ? name.substr(1, close - 1) : name.substr(1);
    } else {
      name = DropSentenceDot(name);
    }
    model::Name alias = OfacName(name, kind, options_.person);
    if (alias.full.empty()) return false;
    model::AddName(entity_, std::move(alias));
    return true;
  }

  const OfacRemarksOptions& options_;
  Entity& entity_;
  OfacRemarks result_;
  std::vector<std::string> leftovers_;
};

}  // namespace

std::string OfacCountryCode(std::string_view name) {
  name = StripWhitespace(name);
  if (name.empty() || EqualsIgnoreCase(name, "None Identified") ||
      EqualsIgnoreCase(name, "undetermined")) {
    return "";
  }
  for (const CountrySpelling& spelling : kOfacCountrySpellings) {
    if (EqualsIgnoreCase(spelling.name, name)) return std::string(spelling.code);
  }
  return text::CountryCode(name);
}

void AddOfacCountry(model::Entity& entity, std::string_view text, model::CountryRole role) {
  text = StripWhitespace(text);
  std::string code = OfacCountryCode(text);
  if (code.empty() && (text.empty() || EqualsIgnoreCase(text, "None Identified") ||
                       EqualsIgnoreCase(text, "undetermined"))) {
    return;
  }
  model::AddCountry(entity, code, role, code.empty() ? std::string(text) : std::string());
}

std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks) {
  std::vector<std::string_view> clauses;
  size_t pos = 0;
  while (pos < remarks.size()) {
    while (pos < remarks.size() && (remarks[pos] == ' ' || remarks[pos] == ';')) ++pos;
    if (pos >= remarks.size()) break;
    std::string_view rest = remarks.substr(pos);
    size_t end = std::string_view::npos;
    if (size_t marker = AliasMarkerLength(rest); marker > 0) {
      end = QuotedAliasEnd(rest, marker);
    }
    if (end == std::string_view::npos) end = rest.find(';');
    if (end == std::string_view::npos) end = rest.size();
    std::string_view clause = StripWhitespace(rest.substr(0, end));
    if (!clause.empty()) clauses.push_back(clause);
    pos += end + 1;
  }
  return clauses;
}

OfacRemarks ApplyOfacRemarks(std::string_view remarks, const OfacRemarksOptions& options,
                             model::Entity& entity) {
  return RemarksReader(options, entity).Read(remarks);
}

DateSpec ParseOfacDate(std::string_view text) {
  DateSpec spec;
  std::string_view phrase = DropFinalDot(text);
  std::string_view rest = phrase;
  for (std::string_view word : {"circa ", "approximately ", "about ", "ca. "}) {
    if (StartsWithIgnoreCase(rest, word)) {
      spec.approximate = true;
      rest = StripWhitespace(rest.substr(word.size()));
      break;
    }
  }
  std::string_view from = rest;
  std::string_view until;
  if (size_t to = rest.find(" to "); to != std::string_view::npos) {
    from = StripWhitespace(rest.substr(0, to));
    until = StripWhitespace(rest.substr(to + 4));
  } else if (rest.size() == 9 && rest[4] == '-' && AllDigits(rest.substr(0, 4)) &&
             AllDigits(rest.substr(5))) {
    from = rest.substr(0, 4);  // "1979-1982"
    until = rest.substr(5);
  }
  std::optional<model::PartialDate> start = model::PartialDate::FromText(from);
  std::optional<model::PartialDate> end;
  if (!until.empty()) end = model::PartialDate::FromText(until);
  if (!start || (!until.empty() && !end) || !HasDigit(from)) {
    return DateSpec{.text = std::string(phrase)};
  }
  spec.date = *start;
  if (end) spec.until = *end;
  return spec;
}

model::Name OfacName(std::string_view full, model::NameKind kind, bool person) {
  model::Name name;
  name.full = CollapseWhitespace(full);
  name.kind = kind;
  if (person) {
    if (size_t comma = name.full.find(','); comma != std::string::npos) {
      name.family = std::string(StripWhitespace(std::string_view(name.full).substr(0, comma)));
      name.given = std::string(StripWhitespace(std::string_view(name.full).substr(comma + 1)));
    }
  }
  return name;
}

}  // namespace cordon::ingest::internal
