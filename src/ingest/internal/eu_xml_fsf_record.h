// ingest/internal/eu_xml_fsf_record.h: one record of the EU Financial Sanctions Files, as the
// FSF XML and the FSF CSV both carry it, and how it becomes a model::Entity.
//
//   eu_fsf::Record record;  // filled by the XML reader or the CSV reader
//   record.logical_id = "13";  record.subject_type = "person";
//   record.names.push_back({.whole = "Saddam Hussein Al-Tikriti", .strong = true});
//   model::Entity entity = eu_fsf::BuildEntity(record, "eu_fsf", "eu-fsf-xml", warn);
//
// The XML <sanctionEntity> and a group of CSV rows sharing an entity logical id hold the same
// parts: regulations, name aliases, addresses, birth dates, identifications and citizenships
// (the CSV is the XML flattened, one row per part). Both parsers read into Record, so one list
// reads the same in either format. Format notes: docs/formats/eu_xml.md, eu_csv.md.
//
// Header-only: the two parsers are separate libraries and neither links the other.
// Thread safety: plain functions over values.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/values.h"
#include "ingest/list_parser.h"
#include "model/entity.h"
#include "text/countries.h"

namespace cordon::ingest::internal::eu_fsf {

// Every field below is text as the list gives it, whitespace already collapsed by the reader.
// `line` is the 1-based source line the part came from, for diagnostics.

struct Regulation {
  std::string type;              // "regulation", "amendment", ...
  std::string publication_date;  // "2003-07-08"
  std::string number_title;      // "1210/2003 (OJ L169)"
  std::string programme;         // "IRQ", "UKR", "RUS", "TERR", ...
  std::string url;               // publicationUrl
  int64_t line = 0;
};

// The regulation that added one part (a name, an address, ...): XML <regulationSummary>, the
// CSV's per-part regulation columns. Parts cannot predate the listing, so the earliest of these
// dates the listing when the record has no designation date.
struct PartRegulation {
  std::string publication_date;
  std::string programme;  // "" when the format does not say (XML)
  int64_t line = 0;

  friend bool operator==(const PartRegulation& a, const PartRegulation& b) {
    return a.publication_date == b.publication_date && a.programme == b.programme;
  }
};

struct NameAlias {
  std::string first;
  std::string middle;
  std::string last;
  std::string whole;
  std::string function;  // the person's position, per name in the EU data
  std::string gender;    // "M", "F"
  std::string title;
  std::string language;  // nameLanguage: "", "EN", "RU", "BG", ...
  std::string remark;
  bool strong = true;  // strong="false" marks a weak alias (XML only)
  int64_t line = 0;
};

struct ContactInfo {
  std::string key;  // "PHONE", "FAX", "EMAIL", "WEB"
  std::string value;
};

struct AddressPart {
  std::string street;
  std::string po_box;
  std::string city;
  std::string zip_code;
  std::string region;
  std::string place;
  std::string country_iso2;         // "RU"; "00" means unknown
  std::string country_description;  // "RUSSIAN FEDERATION", or an ISO alpha-3 code (CSV 1.0)
  std::string remark;
  bool as_at_listing_time = false;
  std::vector<ContactInfo> contacts;
  int64_t line = 0;
};

struct BirthDatePart {
  std::string date;  // "1960-01-01"
  std::string day;
  std::string month;
  std::string year;
  std::string year_from;
  std::string year_to;
  std::string calendar;  // "GREGORIAN"
  bool circa = false;
  std::string city;
  std::string region;
  std::string place;
  std::string country_iso2;
  std::string country_description;
  std::string remark;
  int64_t line = 0;
};

struct IdentificationPart {
  std::string number;
  std::string latin_number;
  std::string type_code;         // "passport", "id", "regnumber", "fiscalcode", "imo", ...
  std::string type_description;  // "National passport"
  std::string country_iso2;
  std::string country_description;
  std::string region;
  std::string issued_by;
  std::string issue_date;
  std::string valid_from;
  std::string valid_to;
  std::string name_on_document;
  std::string remark;
  bool diplomatic = false;
  bool known_expired = false;
  bool known_false = false;
  bool reported_lost = false;
  bool revoked_by_issuer = false;
  int64_t line = 0;
};

struct CitizenshipPart {
  std::string country_iso2;
  std::string country_description;
  std::string region;
  std::string remark;
  int64_t line = 0;
};

struct Record {
  std::string logical_id;  // the record id
  std::string eu_reference;
  std::string un_id;
  std::string designation_date;
  std::string designation_details;
  std::string delisting_date;
  std::string subject_type;  // "person"/"P", "enterprise"/"E"
  std::vector<std::string> remarks;
  std::vector<Regulation> regulations;
  std::vector<PartRegulation> part_regulations;
  std::vector<NameAlias> names;
  std::vector<AddressPart> addresses;
  std::vector<BirthDatePart> birth_dates;
  std::vector<IdentificationPart> identifications;
  std::vector<CitizenshipPart> citizenships;
  int64_t line = 0;  // where the record starts
};

// Receives (line, message) for data the builder repaired or set aside.
using WarnFn = std::function<void(int64_t line, std::string message)>;

// ---------------------------------------------------------------------------------------------
// Helpers, also used by the readers.

inline bool IsTrue(std::string_view value) {
  value = StripWhitespace(value);
  return EqualsIgnoreCase(value, "true") || value == "1" || EqualsIgnoreCase(value, "yes");
}

inline std::string JoinNonEmpty(std::initializer_list<std::string_view> parts,
                                std::string_view separator) {
  std::string out;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// The next code point of UTF-8 `text` at `pos` (advanced past it); U+FFFD for a bad sequence.
inline char32_t NextCodePoint(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  if ((lead >= 0x80 && lead < 0xC0) || lead >= 0xF8 || pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = length == 1   ? lead
                : length == 2 ? (lead & 0x1F)
                : length == 3 ? (lead & 0x0F)
                              : (lead & 0x07);
  for (size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(pos + i) & 0x3F);
  pos += length;
  return cp;
}

// True when `text` has a letter outside the Latin script (Cyrillic, Greek, Arabic, CJK, ...).
inline bool HasNonLatinLetters(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const char32_t cp = NextCodePoint(text, pos);
    if (cp < 0x0370 || cp == 0xFFFD) continue;   // ASCII, Latin-1, Latin Extended A/B, IPA
    if (cp >= 0x1E00 && cp <= 0x1EFF) continue;  // Latin Extended Additional
    if (cp >= 0x2000 && cp <= 0x2BFF) continue;  // punctuation, symbols, arrows
    if (cp >= 0x2C60 && cp <= 0x2C7F) continue;  // Latin Extended-C
    if (cp >= 0xA720 && cp <= 0xA7FF) continue;  // Latin Extended-D
    if (cp >= 0xFB00 && cp <= 0xFB06) continue;  // Latin ligatures
    if (cp >= 0xFE00 && cp <= 0xFE0F) continue;  // variation selectors
    return true;
  }
  return false;
}

// ISO code for a part's country: the ISO2 code when it is a real one, else the description
// mapped through text::CountryCode (which also knows ISO alpha-3 codes). "" when unknown.
inline std::string CountryOf(std::string_view iso2, std::string_view description) {
  iso2 = StripWhitespace(iso2);
  if (iso2.size() == 2 && iso2 != "00") {
    const std::string upper = AsciiUpper(iso2);
    if (upper == "XK") return upper;
    if (text::CountryCode(upper) == upper) return upper;
  }
  if (description.empty() || EqualsIgnoreCase(description, "UNKNOWN")) return "";
  return text::CountryCode(description);
}

// The list's own wording for a country, "" for the EU's "UNKNOWN" placeholder.
inline std::string CountryText(std::string_view description) {
  if (EqualsIgnoreCase(description, "UNKNOWN")) return "";
  return std::string(description);
}

// EU dates: ISO "2003-07-08" (with or without time), also "DD/MM/YYYY".
inline std::optional<model::PartialDate> ParseDate(std::string_view text) {
  text = StripWhitespace(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = model::PartialDate::FromIso(text)) return iso;
  return model::PartialDate::FromSlashed(text, /*day_first=*/true);
}

// ---------------------------------------------------------------------------------------------
// The mapping.

namespace detail {

inline model::IdentifierType IdentifierTypeOf(const IdentificationPart& part,
                                              std::string_view country, bool* known) {
  using model::IdentifierType;
  *known = true;
  const std::string code = AsciiLower(part.type_code);
  const std::string context = AsciiLower(part.type_description + " " + part.remark);
  // Whole words only: "inn" but not "innovation".
  auto mentions = [&](std::string_view word) {
    for (size_t pos = context.find(word); pos != std::string::npos;
         pos = context.find(word, pos + 1)) {
      const auto letter = [&](size_t i) { return context[i] >= 'a' && context[i] <= 'z'; };
      const size_t end = pos + word.size();
      if ((pos == 0 || !letter(pos - 1)) && (end >= context.size() || !letter(end))) return true;
    }
    return false;
  };
  std::string digits;
  for (char c : part.number) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  const bool russian = country == "RU";
  if (mentions("ogrn") || (russian && code == "regnumber" && digits.size() == part.number.size() &&
                           (digits.size() == 13 || digits.size() == 15))) {
    return IdentifierType::kOgrn;
  }
  if (mentions("inn")) {
    if (code == "fiscalcode" || code == "regnumber" || code == "other" || code == "id") {
      return IdentifierType::kInn;
    }
  }
  if (russian && code == "fiscalcode" && digits.size() == part.number.size() &&
      (digits.size() == 10 || digits.size() == 12)) {
    return IdentifierType::kInn;
  }
  if (code == "passport") return IdentifierType::kPassport;
  if (code == "id" || code == "nrn" || code == "ssn" || code == "nationcert") {
    return IdentifierType::kNationalId;
  }
  if (code == "regnumber" || code == "tradelic") return IdentifierType::kRegistration;
  if (code == "fiscalcode") return IdentifierType::kTaxId;
  if (code == "swiftbic") return IdentifierType::kBic;
  if (code == "imo") return IdentifierType::kImo;
  if (code == "other" || code == "birthcert" || code == "travelcardid" || code == "electionid" ||
      code == "residentperm" || code == "drivinglicence" || code.empty()) {
    return IdentifierType::kOther;
  }
  *known = false;
  return IdentifierType::kOther;
}

class Builder {
 public:
  Builder(const Record& record, std::string_view source, std::string_view format,
          const WarnFn& warn)
      : record_(record), source_(source), format_(format), warn_(warn) {}

  model::Entity Build() {
    SetProvenance(entity_, source_, record_.logical_id, format_);
    ReadSchema();
    ReadNames();
    for (const CitizenshipPart& part : record_.citizenships) ReadCitizenship(part);
    for (const BirthDatePart& part : record_.birth_dates) ReadBirthDate(part);
    for (const AddressPart& part : record_.addresses) ReadAddress(part);
    for (const IdentificationPart& part : record_.identifications) ReadIdentification(part);
    ReadSanctions();
    std::vector<std::string> remarks;
    for (const std::string& remark : record_.remarks) AddUnique(remarks, remark);
    for (std::string& remark : remarks_) AddUnique(remarks, std::move(remark));
    entity_.remarks = Join(remarks, "; ");
    return std::move(entity_);
  }

 private:
  void ReadSchema() {
    const std::string& type = record_.subject_type;
    if (EqualsIgnoreCase(type, "person") || EqualsIgnoreCase(type, "P")) {
      entity_.schema = model::Schema::kPerson;
    } else if (EqualsIgnoreCase(type, "enterprise") || EqualsIgnoreCase(type, "E")) {
      entity_.schema = model::Schema::kOrganization;
    } else {
      entity_.schema = model::Schema::kLegalEntity;
      warn_(record_.line, type.empty()
                              ? std::string("no subject type; read as a LegalEntity")
                              : "unknown subject type '" + type + "'; read as a LegalEntity");
    }
  }

  static bool IsEnglishOrUnstated(const NameAlias& alias) {
    return alias.language.empty() || EqualsIgnoreCase(alias.language, "EN");
  }

  static std::string FullName(const NameAlias& alias) {
    if (!alias.whole.empty()) return alias.whole;
    return JoinNonEmpty({alias.first, alias.middle, alias.last}, " ");
  }

  // The primary name is the first strong English (or language-less) name; failing that the
  // first strong Latin-script name, the first strong name, the first name.
  size_t PrimaryIndex() const {
    const std::vector<NameAlias>& names = record_.names;
    auto find = [&](auto&& accept) -> std::optional<size_t> {
      for (size_t i = 0; i < names.size(); ++i) {
        if (!FullName(names[i]).empty() && accept(names[i])) return i;
      }
      return std::nullopt;
    };
    if (auto i = find([](const NameAlias& a) { return a.strong && IsEnglishOrUnstated(a); })) {
      return *i;
    }
    if (auto i =
            find([](const NameAlias& a) { return a.strong && !HasNonLatinLetters(FullName(a)); })) {
      return *i;
    }
    if (auto i = find([](const NameAlias& a) { return a.strong; })) return *i;
    if (auto i = find([](const NameAlias&) { return true; })) return *i;
    return 0;
  }

  void ReadNames() {
    if (record_.names.empty()) return;
    const size_t primary = PrimaryIndex();
    ReadName(record_.names[primary], /*primary=*/true);
    for (size_t i = 0; i < record_.names.size(); ++i) {
      if (i != primary) ReadName(record_.names[i], /*primary=*/false);
    }
  }

  void ReadName(const NameAlias& alias, bool primary) {
    model::Name name;
    name.full = FullName(alias);
    name.given = alias.first;
    name.middle = alias.middle;
    name.family = alias.last;
    name.title = alias.title;
    name.lang = AsciiLower(alias.language);
    bool weak = !alias.strong;
    if (!alias.remark.empty()) {
      const std::string lower = AsciiLower(alias.remark);
      if (lower.find("low quality") != std::string::npos) {
        weak = true;
      } else if (lower.find("good quality") == std::string::npos &&
                 lower.find("high quality") == std::string::npos) {
        remarks_.push_back(name.full.empty() ? alias.remark : name.full + ": " + alias.remark);
      }
    }
    if (primary) {
      name.kind = model::NameKind::kPrimary;
    } else if (weak) {
      name.kind = model::NameKind::kWeakAlias;
    } else if (!IsEnglishOrUnstated(alias) && HasNonLatinLetters(name.full)) {
      name.kind = model::NameKind::kOriginalScript;
    } else {
      name.kind = model::NameKind::kStrongAlias;
    }
    // The same name again (in another language's entry, or with another function) adds nothing.
    const bool seen =
        std::any_of(entity_.names.begin(), entity_.names.end(),
                    [&](const model::Name& other) { return other.full == name.full; });
    if (!seen) model::AddName(entity_, std::move(name));

    AddUnique(entity_.titles, alias.title);
    std::string function = alias.function;
    while (!function.empty() && (function.back() == ';' || function.back() == ',')) {
      function.pop_back();
    }
    if (!function.empty()) {
      if (entity_.schema == model::Schema::kPerson) {
        AddUnique(entity_.positions, std::move(function));
      } else {
        remarks_.push_back("Function: " + function);
      }
    }
    if (entity_.gender.empty()) {
      if (EqualsIgnoreCase(alias.gender, "M") || EqualsIgnoreCase(alias.gender, "male")) {
        entity_.gender = "male";
      } else if (EqualsIgnoreCase(alias.gender, "F") || EqualsIgnoreCase(alias.gender, "female")) {
        entity_.gender = "female";
      }
    }
  }

  void ReadCitizenship(const CitizenshipPart& part) {
    const std::string text = CountryText(part.country_description);
    const std::string code = CountryOf(part.country_iso2, part.country_description);
    if (code.empty() && !text.empty()) {
      warn_(part.line, "unknown citizenship country '" + text + "'; kept as text");
    }
    model::AddCountry(entity_, code, model::CountryRole::kCitizenship, text);
    if (!part.remark.empty()) remarks_.push_back("Citizenship: " + part.remark);
  }

  void ReadBirthDate(const BirthDatePart& part) {
    model::DateSpec spec;
    spec.approximate = part.circa;
    std::vector<std::string> unread;  // date text that could not be read, kept as the date's text
    if (!part.date.empty() && !EqualsIgnoreCase(part.date, "N/A")) {
      if (std::optional<model::PartialDate> date = ParseDate(part.date)) {
        spec.date = *date;
      } else {
        warn_(part.line, "cannot read birth date '" + part.date + "'; kept as text");
        unread.push_back(part.date);
      }
    } else if (!part.year.empty() && !part.calendar.empty() &&
               !EqualsIgnoreCase(part.calendar, "GREGORIAN")) {
      // A year of another calendar ("1343" Iranian Hijri) is no Gregorian year: kept as text.
      unread.push_back(JoinNonEmpty({part.year, part.month, part.day}, "-"));
    } else if (!part.year.empty()) {
      const std::optional<int64_t> year = ParseInt(part.year);
      const std::optional<int64_t> month = part.month.empty() ? 0 : ParseInt(part.month);
      const std::optional<int64_t> day = part.day.empty() ? 0 : ParseInt(part.day);
      const bool valid = year && month && day && *year > 0 && *year < 10000 && *month >= 0 &&
                         *month <= 12 && *day >= 0 && *day <= 31 && (*month > 0 || *day == 0);
      if (valid) {
        spec.date = {static_cast<int16_t>(*year), static_cast<int8_t>(*month),
                     static_cast<int8_t>(*day)};
      } else {
        const std::string text = JoinNonEmpty({part.year, part.month, part.day}, "-");
        warn_(part.line, "cannot read birth date parts '" + text + "'; kept as text");
        unread.push_back(text);
      }
    }
    if ((!part.year_from.empty() || !part.year_to.empty()) && spec.date.empty()) {
      const std::optional<int64_t> from = ParseInt(part.year_from);
      const std::optional<int64_t> to = ParseInt(part.year_to);
      const bool from_ok = part.year_from.empty() || (from && *from > 0 && *from < 10000);
      const bool to_ok = part.year_to.empty() || (to && *to > 0 && *to < 10000);
      if (from_ok && to_ok) {
        if (from) spec.date = {static_cast<int16_t>(*from), 0, 0};
        if (to) spec.until = {static_cast<int16_t>(*to), 0, 0};
      } else {
        warn_(part.line, "cannot read birth year range '" + part.year_from + "' to '" +
                             part.year_to + "'; kept as text");
        unread.push_back("between " + part.year_from + " and " + part.year_to);
      }
    }
    if (!spec.date.empty() || !spec.until.empty() || !unread.empty()) {
      if (!part.calendar.empty() && !EqualsIgnoreCase(part.calendar, "GREGORIAN")) {
        unread.push_back(part.calendar + " calendar");
      }
      if (!part.remark.empty()) unread.push_back(part.remark);
      spec.text = Join(unread, "; ");
      AddDistinct(entity_.birth_dates, std::move(spec));
    } else if (!part.remark.empty()) {
      remarks_.push_back("Birth: " + part.remark);
    }
    AddUnique(entity_.birth_places, JoinNonEmpty({part.place, part.city, part.region}, ", "));
    const std::string text = CountryText(part.country_description);
    const std::string code = CountryOf(part.country_iso2, part.country_description);
    if (code.empty() && !text.empty()) {
      warn_(part.line, "unknown birth country '" + text + "'; kept as text");
    }
    model::AddCountry(entity_, code, model::CountryRole::kBirthCountry, text);
  }

  void ReadAddress(const AddressPart& part) {
    model::Address address;
    address.street = part.street;
    address.city = part.city;
    address.postal_code = part.zip_code;
    address.region = JoinNonEmpty({part.region, part.place}, ", ");
    address.country_text = CountryText(part.country_description);
    address.country_code = CountryOf(part.country_iso2, part.country_description);
    // poBox holds the number, sometimes already with its "P.O. Box" prefix.
    std::string po_box = part.po_box;
    if (!po_box.empty() && AsciiLower(po_box).find("box") == std::string::npos) {
      po_box = "PO Box " + po_box;
    }
    // The 1.0 CSV gives the country as an ISO alpha-3 code ("PAK"): spelled out in `full`.
    std::string country_name = address.country_text;
    if (country_name.size() == 3 && !address.country_code.empty() &&
        std::all_of(country_name.begin(), country_name.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; })) {
      country_name = text::CountryName(address.country_code);
    }
    address.full = JoinNonEmpty(
        {address.street, po_box, address.city, address.postal_code, address.region, country_name},
        ", ");
    address.note =
        JoinNonEmpty({part.remark, part.as_at_listing_time ? "as at listing time" : ""}, "; ");
    for (const ContactInfo& contact : part.contacts) ReadContact(contact, part.line);
    if (address.full.empty()) {
      if (!part.remark.empty()) remarks_.push_back("Address: " + part.remark);
      return;
    }
    if (address.country_code.empty() && !address.country_text.empty()) {
      warn_(part.line, "unknown address country '" + address.country_text + "'; kept as text");
    }
    if (!address.country_text.empty() || !address.country_code.empty()) {
      model::AddCountry(entity_, address.country_code, model::CountryRole::kAddressCountry,
                        address.country_text);
    }
    AddDistinct(entity_.addresses, std::move(address));
  }

  void ReadContact(const ContactInfo& contact, int64_t line) {
    std::vector<std::string>* target = nullptr;
    if (EqualsIgnoreCase(contact.key, "PHONE") || EqualsIgnoreCase(contact.key, "FAX") ||
        EqualsIgnoreCase(contact.key, "TEL")) {
      target = &entity_.phones;
    } else if (EqualsIgnoreCase(contact.key, "EMAIL")) {
      target = &entity_.emails;
    } else if (EqualsIgnoreCase(contact.key, "WEB") || EqualsIgnoreCase(contact.key, "WEBSITE")) {
      target = &entity_.websites;
    }
    if (target == nullptr) {
      warn_(line, "unknown contact info '" + contact.key + "'; kept in remarks");
      remarks_.push_back(JoinNonEmpty({contact.key, contact.value}, ": "));
      return;
    }
    std::string value = contact.value;
    std::replace(value.begin(), value.end(), ';', ',');
    for (std::string_view item : Split(value, ',')) {
      AddUnique(*target, std::string(StripWhitespace(item)));
    }
  }

  void ReadIdentification(const IdentificationPart& part) {
    model::Identifier identifier;
    identifier.value = part.number.empty() ? part.latin_number : part.number;
    identifier.country = CountryOf(part.country_iso2, part.country_description);
    identifier.label = part.type_description.empty() ? part.type_code : part.type_description;
    bool known = true;
    identifier.type = IdentifierTypeOf(part, identifier.country, &known);
    std::vector<std::string> notes;
    if (!part.issued_by.empty()) notes.push_back("issued by " + part.issued_by);
    if (!part.issue_date.empty()) notes.push_back("issued " + part.issue_date);
    if (!part.valid_from.empty()) notes.push_back("valid from " + part.valid_from);
    if (!part.valid_to.empty()) notes.push_back("valid to " + part.valid_to);
    if (part.diplomatic) notes.push_back("diplomatic");
    if (part.known_expired) notes.push_back("known expired");
    if (part.known_false) notes.push_back("known false");
    if (part.reported_lost) notes.push_back("reported lost");
    if (part.revoked_by_issuer) notes.push_back("revoked by issuer");
    if (!part.name_on_document.empty()) {
      notes.push_back("name on document: " + part.name_on_document);
    }
    if (!part.latin_number.empty() && part.latin_number != identifier.value) {
      notes.push_back("latin number: " + part.latin_number);
    }
    if (!part.region.empty()) notes.push_back("region: " + part.region);
    const std::string country_text = CountryText(part.country_description);
    if (identifier.country.empty() && !country_text.empty()) {
      notes.push_back("country: " + country_text);
    }
    if (!part.remark.empty()) notes.push_back(part.remark);
    identifier.note = Join(notes, "; ");
    if (identifier.value.empty()) {
      if (!identifier.label.empty() || !identifier.note.empty()) {
        warn_(part.line,
              "identification '" + identifier.label + "' without a number; kept in " + "remarks");
        remarks_.push_back(JoinNonEmpty({identifier.label, identifier.note}, ": "));
      }
      return;
    }
    if (!known) {
      warn_(part.line, "unknown identification type '" + part.type_code + "'; read as other");
    }
    AddDistinct(entity_.identifiers, std::move(identifier));
  }

  // One sanction per programme: the EU reference number, listed since the designation date (or
  // the earliest regulation of the record or of one of its parts), modified by the latest one;
  // the record's regulation number titles go to the reason after the designation details, their
  // URLs to sourceUrl properties.
  void ReadSanctions() {
    std::vector<std::string> programmes;
    for (const Regulation& regulation : record_.regulations) {
      if (std::find(programmes.begin(), programmes.end(), regulation.programme) ==
          programmes.end()) {
        programmes.push_back(regulation.programme);
      }
    }
    if (programmes.empty()) programmes.emplace_back();
    std::optional<model::PartialDate> designated;
    if (!record_.designation_date.empty()) {
      designated = ParseDate(record_.designation_date);
      if (!designated) {
        warn_(record_.line, "cannot read designation date '" + record_.designation_date + "'");
      }
    }
    for (const std::string& programme : programmes) {
      model::Sanction sanction;
      sanction.regime = model::Regime::kEu;
      sanction.authority = "EU Council";
      sanction.program = programme;
      sanction.reference = record_.eu_reference;
      std::vector<std::string> reasons;
      AddUnique(reasons, record_.designation_details);
      model::PartialDate earliest;
      model::PartialDate latest;
      auto consider = [&](const std::string& text, int64_t line) {
        if (text.empty()) return;
        std::optional<model::PartialDate> date = ParseDate(text);
        if (!date) {
          warn_(line, "cannot read regulation publication date '" + text + "'");
          return;
        }
        if (earliest.empty() || *date < earliest) earliest = *date;
        if (latest.empty() || *date > latest) latest = *date;
      };
      for (const Regulation& regulation : record_.regulations) {
        if (regulation.programme != programme) continue;
        AddUnique(reasons, regulation.number_title);
        consider(regulation.publication_date, regulation.line);
      }
      for (const PartRegulation& regulation : record_.part_regulations) {
        if (!regulation.programme.empty() && regulation.programme != programme) continue;
        consider(regulation.publication_date, regulation.line);
      }
      sanction.listed_on = designated ? *designated : earliest;
      if (!latest.empty() && latest > sanction.listed_on) sanction.modified_on = latest;
      sanction.reason = Join(reasons, "; ");
      entity_.sanctions.push_back(std::move(sanction));
    }
    for (const Regulation& regulation : record_.regulations) {
      if (regulation.url.empty()) continue;
      std::pair<std::string, std::string> property("sourceUrl", regulation.url);
      AddDistinct(entity_.properties, std::move(property));
    }
    if (!record_.un_id.empty()) entity_.properties.emplace_back("unscId", record_.un_id);
    if (!record_.delisting_date.empty()) {
      if (std::optional<model::PartialDate> date = ParseDate(record_.delisting_date)) {
        entity_.properties.emplace_back("endDate", date->ToIso());
      } else {
        warn_(record_.line, "cannot read delisting date '" + record_.delisting_date + "'");
      }
    }
  }

  const Record& record_;
  std::string_view source_;
  std::string_view format_;
  const WarnFn& warn_;
  model::Entity entity_;
  std::vector<std::string> remarks_;
};

}  // namespace detail

// True when the record has at least one name to file it under.
inline bool HasName(const Record& record) {
  for (const NameAlias& alias : record.names) {
    if (!alias.whole.empty() || !alias.first.empty() || !alias.middle.empty() ||
        !alias.last.empty()) {
      return true;
    }
  }
  return false;
}

// The entity for `record`: provenance {source, logical_id, format}, schema from the subject type,
// names (primary first), countries, dates, addresses, identifiers, one sanction per programme.
// Defects it repairs or sets aside go to `warn`.
// REQUIRES: !record.logical_id.empty() && HasName(record).
inline model::Entity BuildEntity(const Record& record, std::string_view source,
                                 std::string_view format, const WarnFn& warn) {
  return detail::Builder(record, source, format, warn).Build();
}

}  // namespace cordon::ingest::internal::eu_fsf
