// model/entity.h: the one entity model every list is read into.
//
//   Entity e;
//   e.id = "us_ofac_sdn:36";  e.schema = Schema::kCompany;
//   e.names.push_back({.full = "AEROCARIBBEAN AIRLINES", .kind = NameKind::kPrimary});
//   e.sanctions.push_back({.regime = Regime::kUs, .authority = "OFAC", .program = "CUBA"});
//
// Modelled on FollowTheMoney (FtM) so that data maps both ways: schemata, name kinds and
// identifier types correspond to FtM schemata and properties (see docs/formats/ftm.md).
// Entities are plain values: no invariants beyond "id and schema are set", no pointers.
// Provenance sits on the entity: every name, identifier and date in it came from the one
// source record that `provenance` names; the store adds the list version.
//
// Thread safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cordon::model {

// FtM schemata. LegalEntity is the FtM parent of Person/Organization used when a list does
// not say which; Organization is any non-company body (a party, an armed group, a ministry).
enum class Schema : uint8_t {
  kLegalEntity,
  kPerson,
  kOrganization,
  kCompany,
  kVessel,
  kAircraft,
};

enum class NameKind : uint8_t {
  kPrimary,         // the name the list files the record under
  kStrongAlias,     // "a.k.a.", good quality alias
  kWeakAlias,       // "low quality a.k.a." (OFAC "weak", UN quality "Low")
  kFormerName,      // "f.k.a.", former name of a company or vessel
  kOriginalScript,  // the name in its own script (UN NAME_ORIGINAL_SCRIPT, FCDO non-Latin)
};

// A name as the list wrote it, with its parts where the list gives them.
struct Name {
  std::string full;  // as written in the list (UTF-8), whitespace collapsed
  NameKind kind = NameKind::kPrimary;
  std::string given;       // first / given name(s)
  std::string middle;      // middle name(s)
  std::string family;      // last / family name
  std::string patronymic;  // father's name (Russian, Arabic "bin ..." where separated)
  std::string title;       // "Sheikh", "Dr", "Maulavi"
  std::string lang;        // ISO 639 code or script hint when the list says ("ru", "ar")

  friend bool operator==(const Name&, const Name&) = default;
};

enum class IdentifierType : uint8_t {
  kImo,
  kMmsi,
  kCallSign,
  kPassport,
  kNationalId,
  kInn,    // Russian taxpayer number
  kOgrn,   // Russian state registration number
  kTaxId,  // any other tax number (VAT, TIN, ...)
  kLei,
  kBic,           // SWIFT/BIC
  kRegistration,  // company / business registration number
  kCryptoAddress,
  kAircraftSerial,      // manufacturer serial number
  kAircraftTailNumber,  // registration mark
  kOther,
};

struct Identifier {
  IdentifierType type = IdentifierType::kOther;
  std::string value;    // as written, trimmed ("9187629", "RU1234", "0x7f3...")
  std::string country;  // ISO 3166-1 alpha-2 of the issuer, when given
  std::string label;    // the list's own label ("Passport", "Digital Currency Address - ETH")
  std::string note;     // issue date, expiry and other free text attached to it

  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// A date the lists often give only in part: "1971", "1971-03", "1971-03-21".
// year == 0 means no date. month/day == 0 mean unknown.
struct PartialDate {
  int16_t year = 0;
  int8_t month = 0;
  int8_t day = 0;

  bool empty() const { return year == 0; }
  // "1971", "1971-03", "1971-03-21"; "" when empty.
  std::string ToIso() const;
  // Accepts "YYYY", "YYYY-MM", "YYYY-MM-DD" (also with a "T..." time suffix).
  static std::optional<PartialDate> FromIso(std::string_view s);
  // "DD/MM/YYYY" with 00 for unknown parts ("00/00/1980" -> 1980), "MM/DD/YYYY" with
  // day_first=false. nullopt if the text is not such a date or the values are out of range.
  static std::optional<PartialDate> FromSlashed(std::string_view s, bool day_first);
  // Free text as OFAC and others write it: "21 Mar 1971", "Mar 1971", "1971", "circa 1971",
  // ISO forms. nullopt when no date can be read.
  static std::optional<PartialDate> FromText(std::string_view s);

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
  friend auto operator<=>(const PartialDate&, const PartialDate&) = default;
};

// A date as a list states it: one date, or a range ("between 1960 and 1962"), maybe approximate.
struct DateSpec {
  PartialDate date;          // the date, or the start of a range
  PartialDate until;         // end of a range; empty for a single date
  bool approximate = false;  // "circa", "approximately"
  std::string text;          // the list's own text when it was not a plain date

  friend bool operator==(const DateSpec&, const DateSpec&) = default;
};

enum class CountryRole : uint8_t {
  kNationality,
  kCitizenship,
  kJurisdiction,    // country of incorporation / registration
  kAddressCountry,  // country of an address (also listed in addresses)
  kFlag,            // vessel or aircraft flag
  kBirthCountry,
  kResidence,
  kOther,  // "country" with no role stated (OFAC legacy CSV, CSL)
};

struct CountryRef {
  std::string code;  // ISO 3166-1 alpha-2, upper case ("RU"); "XK" Kosovo; "" if unknown
  CountryRole role = CountryRole::kOther;
  std::string text;  // the list's own wording when it could not be mapped, or for context

  friend bool operator==(const CountryRef&, const CountryRef&) = default;
};

struct Address {
  std::string full;  // single-line form as the list gives it, or assembled from parts
  std::string street;
  std::string city;
  std::string postal_code;
  std::string region;
  std::string country_code;  // ISO 3166-1 alpha-2
  std::string country_text;  // as written
  std::string note;

  friend bool operator==(const Address&, const Address&) = default;
};

enum class Regime : uint8_t {
  kUs,
  kEu,
  kUk,
  kUn,
  kOther,
};

struct Sanction {
  Regime regime = Regime::kOther;
  std::string authority;  // "OFAC", "BIS", "EU Council", "OFSI", "FCDO", "UN Security Council"
  std::string program;    // "RUSSIA-EO14024", "UKRAINE-EO13662", "RUS", "Russia", "DPRK", ...
  std::string list;       // the list inside the authority: "SDN", "Entity List", "SSI", ...
  PartialDate listed_on;
  PartialDate modified_on;
  std::string reference;  // regulation / UN reference number ("QDi.001", "2014/145 (OJ L78)")
  std::string reason;     // statement of reasons or remarks, when the list gives them

  friend bool operator==(const Sanction&, const Sanction&) = default;
};

enum class LinkKind : uint8_t {
  kOwnedBy,
  kControlledBy,  // "owned or controlled by" also maps here
  kOwns,
  kAssociate,  // OFAC "Linked To:", associates
  kFamily,
  kDirector,  // officer / director of
  kOther,
};

// A relationship a list names. The target is named as the list names it: by record id when
// the list gives one (FtM ids, OFAC XML uids), else by name only; resolving it is graph/'s job.
struct Link {
  LinkKind kind = LinkKind::kOther;
  std::string target_id;    // source-local id of the other record, if known
  std::string target_name;  // the other party's name as written
  std::string note;         // relationship wording, share, dates
  // Ownership and control particulars, when the source states them (FtM Ownership and
  // Directorship, BODS, ownership CSV); graph/ reads these rather than the note.
  std::string share;     // percent as written: "30", "25-50", "" when not stated
  std::string interest;  // "shares", "voting", "board", "control", "officer", "joint", or ""
  PartialDate start;     // the period the relationship held, when known
  PartialDate end;

  friend bool operator==(const Link&, const Link&) = default;
};

struct Provenance {
  std::string source;     // store source name: "us_ofac_sdn", "un_sc", "eu_fsf", ...
  std::string record_id;  // the record id inside that list ("36", "6907993", "EU.27.28")
  std::string format;     // parser that read it: "ofac-legacy-csv", "un-sc-xml", ...

  friend bool operator==(const Provenance&, const Provenance&) = default;
};

struct Entity {
  std::string id;  // "<source>:<record_id>", unique within a list version
  Schema schema = Schema::kLegalEntity;
  Provenance provenance;

  std::vector<Name> names;  // names[0] is the primary name when the list has one
  std::vector<Identifier> identifiers;
  std::vector<DateSpec> birth_dates;  // persons
  std::vector<std::string> birth_places;
  std::vector<DateSpec> incorporation_dates;  // companies and organisations
  std::vector<CountryRef> countries;
  std::vector<Address> addresses;
  std::vector<Sanction> sanctions;
  std::vector<Link> links;

  std::string gender;               // "male", "female" or ""
  std::vector<std::string> titles;  // "Minister of ...", honorifics as the list gives them
  std::vector<std::string> positions;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> websites;
  // Vessel and aircraft particulars and anything else typed that has no field above, as
  // (FtM property name, value) pairs: ("type", "Crude Oil Tanker"), ("tonnage", "81,225"),
  // ("model", "Boeing 737"). Kept in list order.
  std::vector<std::pair<std::string, std::string>> properties;
  std::string remarks;  // the list's free text that no field above absorbed

  friend bool operator==(const Entity&, const Entity&) = default;

  // The primary name, or the first name of any kind, or "" when there is none.
  const std::string& caption() const;
};

std::string_view SchemaName(Schema schema);  // "Person", "Vessel", ... (FtM names)
std::optional<Schema> SchemaFromName(std::string_view name);
std::string_view NameKindName(NameKind kind);  // "primary", "strong_alias", ...
std::optional<NameKind> NameKindFromName(std::string_view name);
std::string_view IdentifierTypeName(IdentifierType type);  // "imo", "mmsi", "passport", ...
std::optional<IdentifierType> IdentifierTypeFromName(std::string_view name);
std::string_view CountryRoleName(CountryRole role);  // "nationality", "flag", ...
std::optional<CountryRole> CountryRoleFromName(std::string_view name);
std::string_view RegimeName(Regime regime);  // "us", "eu", "uk", "un", "other"
std::optional<Regime> RegimeFromName(std::string_view name);
std::string_view LinkKindName(LinkKind kind);  // "owned_by", "associate", ...
std::optional<LinkKind> LinkKindFromName(std::string_view name);

// Adds `code` with `role` unless the same (code, role) is already there. Empty codes with no
// text are ignored.
void AddCountry(Entity& entity, std::string code, CountryRole role, std::string text = {});
// Adds a name unless an identical full name of the same kind is already there.
void AddName(Entity& entity, Name name);

}  // namespace cordon::model
