#include "ingest/internal/un_xml_parser.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/legal_form.h"
#include "ingest/internal/values.h"
#include "ingest/internal/xml_document.h"
#include "text/countries.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

using model::Address;
using model::CountryRole;
using model::DateSpec;
using model::Entity;
using model::Identifier;
using model::IdentifierType;
using model::Link;
using model::LinkKind;
using model::Name;
using model::NameKind;
using model::PartialDate;
using model::Schema;

constexpr std::string_view kFormat = "un-sc-xml";

// ---------------------------------------------------------------------------------------------
// Values.

// ISO code for a country as the UN writes it, "" when unknown. Works around spellings
// text::CountryCode does not know yet ("Bosnia and Herzegovina" for ICU's "&", "China, Hong
// Kong Special Administrative Region").
std::string MapCountry(std::string_view text) {
  if (text.empty() || EqualsIgnoreCase(text, "Unknown")) return "";
  std::string code = text::CountryCode(text);
  if (!code.empty()) return code;
  constexpr std::string_view kSar = " Special Administrative Region";
  if (text.ends_with(kSar)) {
    std::string_view region = text.substr(0, text.size() - kSar.size());
    if (size_t comma = region.rfind(','); comma != std::string_view::npos) {
      region = StripWhitespace(region.substr(comma + 1));
    }
    return text::CountryCode(region);
  }
  if (size_t pos = text.find(" and "); pos != std::string_view::npos) {
    return text::CountryCode(std::string(text.substr(0, pos)) + " & " +
                             std::string(text.substr(pos + 5)));
  }
  return "";
}

// "2012-12-31", also with the time-zone suffix some records carry ("2015-04-07-04:00").
std::optional<PartialDate> ParseUnDate(std::string_view text) {
  text = StripWhitespace(text);
  if (text.size() > 10 && (text[10] == '-' || text[10] == '+' || text[10] == 'T')) {
    text = text.substr(0, 10);
  }
  return PartialDate::FromIso(text);
}

// East Slavic patronymics as the UN transliterates them ("KHAMATOVICH", "Ruslanovich").
bool IsPatronymic(std::string_view word) {
  const std::string lower = AsciiLower(word);
  for (std::string_view suffix : {"ovich", "evich", "yevich", "ovna", "evna", "yevna", "ichna"}) {
    if (lower.size() > suffix.size() + 2 && lower.ends_with(suffix)) return true;
  }
  return false;
}

std::string JoinNonEmpty(std::initializer_list<const std::string*> parts, std::string_view sep) {
  std::string out;
  for (const std::string* part : parts) {
    if (part->empty()) continue;
    if (!out.empty()) out += sep;
    out += *part;
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A UN reference such as "QDi.001" or "KPe.020" starting at `pos`.
bool IsReferenceAt(std::string_view text, size_t pos) {
  if (pos + 7 > text.size()) return false;
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!upper(text[pos]) || !upper(text[pos + 1])) return false;
  if (text[pos + 2] != 'i' && text[pos + 2] != 'e') return false;
  if (text[pos + 3] != '.') return false;
  if (!IsDigit(text[pos + 4]) || !IsDigit(text[pos + 5]) || !IsDigit(text[pos + 6])) return false;
  auto alnum = [&](size_t i) {
    return IsDigit(text[i]) || upper(text[i]) || (text[i] >= 'a' && text[i] <= 'z');
  };
  if (pos > 0 && alnum(pos - 1)) return false;
  if (pos + 7 < text.size() && IsDigit(text[pos + 7])) return false;
  return true;
}

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True when the ". " at `dot` ends a sentence, i.e. does not follow an abbreviation such as
// "Ltd.", "Dec.", "No." or "a.k.a.".
bool EndsSentence(std::string_view text, size_t dot) {
  size_t start = text.rfind(' ', dot);
  start = start == std::string_view::npos ? 0 : start + 1;
  std::string_view word = text.substr(start, dot - start);
  if (word.empty()) return true;
  const bool letters_and_dots =
      std::all_of(word.begin(), word.end(), [](char c) { return IsLetter(c) || c == '.'; });
  if (!letters_and_dots) return true;                          // "2009.", "(TAi.004)."
  if (word.find('.') != std::string_view::npos) return false;  // "a.k.a."
  return !(word.size() <= 3 && word[0] >= 'A' && word[0] <= 'Z');
}

// The sentence of `text` around position `pos`.
std::string_view SentenceAround(std::string_view text, size_t pos) {
  size_t start = 0;
  for (size_t dot = text.rfind(". ", pos); dot != std::string_view::npos;
       dot = dot == 0 ? std::string_view::npos : text.rfind(". ", dot - 1)) {
    if (EndsSentence(text, dot)) {
      start = dot + 2;
      break;
    }
  }
  size_t end = text.size();
  for (size_t dot = text.find(". ", pos); dot != std::string_view::npos;
       dot = text.find(". ", dot + 1)) {
    if (EndsSentence(text, dot)) {
      end = dot + 1;
      break;
    }
  }
  return StripWhitespace(text.substr(start, end - start));
}

// The number in a document description that lacks NUMBER: "Libyan passport number 347834,
// issued ..." -> "347834"; "Moroccan national identity card DE- 473900" -> "DE- 473900";
// "04643632 issued on 18 Jun. 1999" -> "04643632". "" when there is none ("issued in 1993").
std::string ExtractDocumentNumber(std::string_view text) {
  text = StripWhitespace(text);
  if (StartsWithIgnoreCase(text, "issued")) return "";
  size_t digit = 0;
  while (digit < text.size() && !IsDigit(text[digit])) ++digit;
  if (digit == text.size()) return "";
  size_t start = text.rfind(' ', digit);
  start = start == std::string_view::npos ? 0 : start + 1;
  // A short prefix written apart from the digits belongs to the number: "L 191609", "DE- 473900".
  if (start >= 2) {
    size_t prev_end = start - 1;
    size_t prev_start = text.rfind(' ', prev_end - 1);
    prev_start = prev_start == std::string_view::npos ? 0 : prev_start + 1;
    std::string_view prev = text.substr(prev_start, prev_end - prev_start);
    if (!prev.empty() && (prev.size() <= 2 || prev.back() == '-') &&
        std::all_of(prev.begin(), prev.end(),
                    [](char c) { return (c >= 'A' && c <= 'Z') || c == '-'; })) {
      start = prev_start;
    }
  }
  std::string_view rest = text.substr(start);
  size_t end = rest.size();
  for (std::string_view stop : {",", ";", " issued", " under", " (", " expire", " by "}) {
    end = std::min(end, rest.find(stop));
  }
  std::string_view number = StripWhitespace(rest.substr(0, end));
  while (!number.empty() && (number.back() == '.' || number.back() == ':')) number.remove_suffix(1);
  return std::string(number);
}

// Identifier type from the UN's two document-type fields; the second is the more specific.
std::optional<IdentifierType> DocumentTypeFrom(std::string_view description) {
  const std::string lower = AsciiLower(description);
  auto has = [&](std::string_view word) { return lower.find(word) != std::string::npos; };
  if (has("passport") || has("passeport") || has("pasaporte")) return IdentifierType::kPassport;
  if (has("fiscal code") || has("tax")) return IdentifierType::kTaxId;
  if (has("social security")) return IdentifierType::kNationalId;
  if (has("birth certificate") || has("ration card") || has("driver") || has("voter") ||
      has("student") || has("military") || has("serviceman") || has("residential card") ||
      has("certificate of")) {
    return IdentifierType::kOther;
  }
  if (has("identi") || has("national number")) return IdentifierType::kNationalId;
  for (std::string_view word : Split(lower, ' ')) {
    if (word == "id") return IdentifierType::kNationalId;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Records.

struct Listed {
  std::string dataid;
  std::string name;
};

struct Context {
  std::string file;
  std::string_view source;
  const LineIndex* lines = nullptr;
  DiagnosticSink* diagnostics = nullptr;
  std::unordered_map<std::string, Listed> by_reference;  // "TAi.004" -> its record
};

void Report(const Context& ctx, Diagnostic::Severity severity, pugi::xml_node node,
            const std::string& record_id, std::string message) {
  ctx.diagnostics->Report(
      {severity, ctx.file, ctx.lines->LineOf(node.offset_debug()), record_id, std::move(message)});
}

// The primary name of a record: its name fields joined in the list's order.
std::string FullName(pugi::xml_node record) {
  std::vector<std::string> parts;
  for (std::string_view field : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    if (std::string part = ChildText(record, field); !part.empty()) parts.push_back(part);
  }
  return Join(parts, " ");
}

class RecordReader {
 public:
  RecordReader(const Context& ctx, pugi::xml_node record, std::string dataid, bool individual)
      : ctx_(ctx),
        record_(record),
        dataid_(std::move(dataid)),
        individual_(individual),
        prefix_(individual ? "INDIVIDUAL_" : "ENTITY_") {}

  // REQUIRES: the record has a DATAID and a name (checked by the caller).
  Entity Read() {
    SetProvenance(entity_, ctx_.source, dataid_, kFormat);
    entity_.schema = individual_ ? Schema::kPerson : Schema::kOrganization;
    ReadPrimaryName();
    if (std::string original = ChildText(record_, "NAME_ORIGINAL_SCRIPT"); !original.empty()) {
      model::AddName(entity_, {.full = original, .kind = NameKind::kOriginalScript});
    }
    ForEachValue("TITLE", [&](std::string value) { AddUnique(entity_.titles, std::move(value)); });
    ForEachValue("DESIGNATION",
                 [&](std::string value) { AddUnique(entity_.positions, std::move(value)); });
    ForEachValue("NATIONALITY",
                 [&](std::string value) { AddCountryText(value, CountryRole::kNationality); });
    if (std::string gender = ChildText(record_, "GENDER"); !gender.empty()) {
      if (EqualsIgnoreCase(gender, "Male") || EqualsIgnoreCase(gender, "Female")) {
        entity_.gender = AsciiLower(gender);
      } else {
        remarks_.push_back("Gender: " + gender);
      }
    }
    const std::string comments = ChildText(record_, "COMMENTS1");
    // The record's own dates and places of birth come before those given for an alias.
    ForEachChild(record_, "INDIVIDUAL_DATE_OF_BIRTH",
                 [&](pugi::xml_node dob) { ReadDateOfBirth(dob); });
    ForEachChild(record_, "INDIVIDUAL_PLACE_OF_BIRTH",
                 [&](pugi::xml_node pob) { ReadPlaceOfBirth(pob); });
    ForEachChild(record_, prefix_ + "ALIAS", [&](pugi::xml_node alias) { ReadAlias(alias); });
    ForEachChild(record_, prefix_ + "ADDRESS",
                 [&](pugi::xml_node address) { ReadAddress(address); });
    ForEachChild(record_, "INDIVIDUAL_DOCUMENT", [&](pugi::xml_node doc) { ReadDocument(doc); });
    ReadComments(comments);
    if (!individual_) {
      for (const Name& name : entity_.names) {
        if (HasCompanyLegalForm(name.full)) entity_.schema = Schema::kCompany;
      }
    }
    ReadSanction();
    if (!comments.empty()) remarks_.insert(remarks_.begin(), comments);
    entity_.remarks = Join(remarks_, "; ");
    return std::move(entity_);
  }

 private:
  void Warn(pugi::xml_node node, std::string message) {
    Report(ctx_, Diagnostic::Severity::kWarning, node, dataid_, std::move(message));
  }

  // Calls `fn` with each non-empty <NAME><VALUE>...</VALUE></NAME> value.
  template <typename Fn>
  void ForEachValue(std::string_view name, Fn&& fn) {
    ForEachChild(record_, name, [&](pugi::xml_node list) {
      ForEachChild(list, "VALUE", [&](pugi::xml_node value) {
        if (std::string text = Text(value); !text.empty()) fn(std::move(text));
      });
    });
  }

  void ReadPrimaryName() {
    Name name{.full = FullName(record_), .kind = NameKind::kPrimary};
    if (individual_) {
      name.given = ChildText(record_, "FIRST_NAME");
      std::vector<std::string> rest;
      for (std::string_view field : {"SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
        if (std::string part = ChildText(record_, field); !part.empty()) rest.push_back(part);
      }
      if (!rest.empty()) {
        name.family = rest.back();
        rest.pop_back();
      }
      std::vector<std::string> middle;
      for (std::string& part : rest) {
        if (name.patronymic.empty() && IsPatronymic(part)) {
          name.patronymic = std::move(part);
        } else {
          middle.push_back(std::move(part));
        }
      }
      name.middle = Join(middle, " ");
    }
    model::AddName(entity_, std::move(name));
  }

  // The list's wording is kept only when it cannot be mapped to a code.
  void AddCountryText(const std::string& text, CountryRole role) {
    if (text.empty()) return;
    std::string code = MapCountry(text);
    model::AddCountry(entity_, code, role, code.empty() ? text : std::string());
  }

  void AddBirthDate(DateSpec spec) {
    if (std::find(entity_.birth_dates.begin(), entity_.birth_dates.end(), spec) ==
        entity_.birth_dates.end()) {
      entity_.birth_dates.push_back(std::move(spec));
    }
  }

  void AddBirthPlace(std::string place, const std::string& country) {
    AddUnique(entity_.birth_places, std::move(place));
    if (!country.empty()) {
      AddCountryText(country, CountryRole::kBirthCountry);
    }
  }

  void ReadAlias(pugi::xml_node alias) {
    std::string full = ChildText(alias, "ALIAS_NAME");
    while (!full.empty() && (full.back() == ',' || full.back() == ';')) full.pop_back();
    if (full.empty()) return;  // the UN writes <ALIAS_NAME/> for "no alias"
    const std::string quality = ChildText(alias, "QUALITY");
    NameKind kind = NameKind::kStrongAlias;
    if (EqualsIgnoreCase(quality, "Low")) {
      kind = NameKind::kWeakAlias;
    } else if (EqualsIgnoreCase(quality, "f.k.a.")) {
      kind = NameKind::kFormerName;
    } else if (!quality.empty() && !EqualsIgnoreCase(quality, "Good") &&
               !EqualsIgnoreCase(quality, "a.k.a.")) {
      Warn(alias, "unknown alias QUALITY '" + quality + "'; read as a strong alias");
    }
    model::AddName(entity_, {.full = full, .kind = kind});

    if (const std::string dob = ChildText(alias, "DATE_OF_BIRTH"); !dob.empty()) {
      std::optional<PartialDate> date = ParseUnDate(dob);
      if (!date) date = PartialDate::FromText(dob);
      if (date) {
        AddBirthDate({.date = *date});
      } else {
        Warn(alias, "cannot read alias DATE_OF_BIRTH '" + dob + "'; kept as text");
        AddBirthDate({.text = dob});
      }
    }
    const std::string city = ChildText(alias, "CITY_OF_BIRTH");
    const std::string country = ChildText(alias, "COUNTRY_OF_BIRTH");
    if (!city.empty() || !country.empty()) {
      AddBirthPlace(JoinNonEmpty({&city, &country}, ", "), country);
    }
    if (const std::string note = ChildText(alias, "NOTE"); !note.empty()) {
      // "original script: Абу Банат", "... In Arabic: سيف العدل"
      const std::string lower = AsciiLower(note);
      bool only_script = false;
      for (std::string_view marker : {"original script:", "in arabic script:", "in arabic:"}) {
        if (size_t pos = lower.find(marker); pos != std::string::npos) {
          std::string script(StripWhitespace(std::string_view(note).substr(pos + marker.size())));
          model::AddName(entity_, {.full = script, .kind = NameKind::kOriginalScript});
          only_script = pos == 0;
          break;
        }
      }
      if (!only_script) remarks_.push_back(full + ": " + note);
    }
  }

  void ReadAddress(pugi::xml_node node) {
    Address address;
    address.street = ChildText(node, "STREET");
    address.city = ChildText(node, "CITY");
    address.region = ChildText(node, "STATE_PROVINCE");
    address.postal_code = ChildText(node, "ZIP_CODE");
    address.country_text = ChildText(node, "COUNTRY");
    address.country_code = MapCountry(address.country_text);
    address.note = ChildText(node, "NOTE");
    address.full = JoinNonEmpty({&address.street, &address.city, &address.region,
                                 &address.postal_code, &address.country_text},
                                ", ");
    if (address.full.empty()) {
      if (!address.note.empty()) remarks_.push_back("Address: " + address.note);
      return;
    }
    if (!address.country_text.empty()) {
      AddCountryText(address.country_text, CountryRole::kAddressCountry);
    }
    if (std::find(entity_.addresses.begin(), entity_.addresses.end(), address) ==
        entity_.addresses.end()) {
      entity_.addresses.push_back(std::move(address));
    }
  }

  // TYPE_OF_DATE EXACT/APPROXIMATELY with DATE or YEAR, or BETWEEN with FROM_YEAR and TO_YEAR;
  // a NOTE that is a date ("Nov. 1973") stands in for a missing one, other notes are kept as
  // the date's text.
  void ReadDateOfBirth(pugi::xml_node node) {
    const std::string type = ChildText(node, "TYPE_OF_DATE");
    const std::string date = ChildText(node, "DATE");
    const std::string year = ChildText(node, "YEAR");
    const std::string from = ChildText(node, "FROM_YEAR");
    const std::string to = ChildText(node, "TO_YEAR");
    std::string note = ChildText(node, "NOTE");
    DateSpec spec;
    spec.approximate = EqualsIgnoreCase(type, "APPROXIMATELY");
    if (StartsWithIgnoreCase(note, "approximately")) {
      spec.approximate = true;
      note = std::string(StripWhitespace(std::string_view(note).substr(13)));
    }
    bool unreadable = false;
    auto read = [&](const std::string& text, PartialDate& out) {
      if (text.empty()) return;
      if (std::optional<PartialDate> d = ParseUnDate(text)) {
        out = *d;
      } else {
        unreadable = true;
        AddUnique(unread_, text);
      }
    };
    if (EqualsIgnoreCase(type, "BETWEEN") || !from.empty() || !to.empty()) {
      read(from, spec.date);
      read(to, spec.until);
    } else {
      read(date.empty() ? year : date, spec.date);
    }
    if (!note.empty()) {
      std::optional<PartialDate> from_note =
          spec.date.empty() ? PartialDate::FromText(note) : std::nullopt;
      if (from_note) {
        spec.date = *from_note;
      } else {
        spec.text = note;
      }
    }
    if (unreadable) {
      Warn(node, "cannot read date of birth '" + Join(unread_, "', '") + "'; kept as text");
      spec.text = JoinNonEmpty({&date, &year, &from, &to, &note}, " ");
      unread_.clear();
    }
    if (spec.date.empty() && spec.text.empty()) return;  // <TYPE_OF_DATE/> only: no date
    AddBirthDate(std::move(spec));
  }

  void ReadPlaceOfBirth(pugi::xml_node node) {
    const std::string street = ChildText(node, "STREET");
    const std::string city = ChildText(node, "CITY");
    const std::string region = ChildText(node, "STATE_PROVINCE");
    const std::string country = ChildText(node, "COUNTRY");
    const std::string note = ChildText(node, "NOTE");
    std::string place = JoinNonEmpty({&street, &city, &region, &country}, ", ");
    if (!note.empty()) {
      if (place.empty()) {
        place = note;
      } else {
        place += note.front() == '(' ? " " + note : " (" + note + ")";
      }
    }
    if (place.empty()) return;
    AddBirthPlace(std::move(place), country);
  }

  void ReadDocument(pugi::xml_node node) {
    const std::string type = ChildText(node, "TYPE_OF_DOCUMENT");
    std::string type2 = ChildText(node, "TYPE_OF_DOCUMENT2");
    while (!type2.empty() && (type2.back() == ':' || type2.back() == ' ')) type2.pop_back();
    std::string number = ChildText(node, "NUMBER");
    const std::string issuing_country = ChildText(node, "ISSUING_COUNTRY");
    const std::string country_of_issue = ChildText(node, "COUNTRY_OF_ISSUE");
    const std::string issued = ChildText(node, "DATE_OF_ISSUE");
    const std::string city = ChildText(node, "CITY_OF_ISSUE");
    const std::string note = ChildText(node, "NOTE");
    if (type.empty() && type2.empty() && number.empty() && note.empty()) return;  // <..._DOCUMENT/>

    Identifier identifier;
    identifier.label = type.empty() ? type2 : type;
    identifier.type =
        DocumentTypeFrom(type2).value_or(DocumentTypeFrom(type).value_or(IdentifierType::kOther));
    if (number.empty()) number = ExtractDocumentNumber(type2);
    if (number.empty()) {
      // The NOTE then describes the document: "Italian Fiscal Code: DAOMMD74T11Z352Z".
      number = ExtractDocumentNumber(note);
      if (!number.empty()) {
        identifier.type = DocumentTypeFrom(note).value_or(identifier.type);
      }
    }
    identifier.value = number;
    identifier.country = MapCountry(issuing_country.empty() ? country_of_issue : issuing_country);
    std::vector<std::string> notes;
    if (!type2.empty() && !EqualsIgnoreCase(type2, type)) notes.push_back(type2);
    if (!issued.empty()) notes.push_back("issued " + issued);
    if (!city.empty()) notes.push_back("issued in " + city);
    if (!country_of_issue.empty() && country_of_issue != issuing_country) {
      notes.push_back("country of issue: " + country_of_issue);
    } else if (identifier.country.empty() && !issuing_country.empty()) {
      notes.push_back("issuing country: " + issuing_country);
    }
    if (!note.empty()) notes.push_back(note);
    identifier.note = Join(notes, "; ");
    if (identifier.value.empty()) {
      Warn(node, "document '" + identifier.label + "' without a number; kept in remarks");
      remarks_.push_back(identifier.label + ": " + identifier.note);
      return;
    }
    if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), identifier) ==
        entity_.identifiers.end()) {
      entity_.identifiers.push_back(std::move(identifier));
    }
  }

  // Links to other listed records named by reference, and IMO numbers of shipping companies.
  void ReadComments(std::string_view comments) {
    for (size_t pos = 0; pos + 7 <= comments.size(); ++pos) {
      if (!IsReferenceAt(comments, pos)) continue;
      const std::string reference(comments.substr(pos, 7));
      auto it = ctx_.by_reference.find(reference);
      // A reference to a record no longer on the list names no one we can point to; the
      // comment stays in remarks either way.
      if (it != ctx_.by_reference.end() && it->second.dataid != dataid_) {
        Link link{.kind = LinkKind::kAssociate,
                  .target_id = it->second.dataid,
                  .target_name = it->second.name,
                  .note = std::string(SentenceAround(comments, pos))};
        bool seen = false;
        for (const Link& existing : entity_.links) seen |= existing.target_id == link.target_id;
        if (!seen) entity_.links.push_back(std::move(link));
      }
      pos += 6;
    }
    // "International Maritime Organization (IMO) Number: 1790183", "IMO number: 5571322".
    for (size_t pos = comments.find("IMO"); pos != std::string_view::npos;
         pos = comments.find("IMO", pos + 3)) {
      size_t cursor = pos + 3;
      while (cursor < comments.size() && cursor < pos + 24 && !IsDigit(comments[cursor])) {
        char c = comments[cursor];
        if (!(c == ' ' || c == ')' || c == ':' || c == '.' || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z'))) {
          break;
        }
        ++cursor;
      }
      size_t end = cursor;
      while (end < comments.size() && IsDigit(comments[end])) ++end;
      if (end - cursor != 7) continue;
      Identifier imo{.type = IdentifierType::kImo,
                     .value = std::string(comments.substr(cursor, 7)),
                     .label = "IMO number (COMMENTS1)"};
      if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), imo) ==
          entity_.identifiers.end()) {
        entity_.identifiers.push_back(std::move(imo));
      }
    }
  }

  void ReadSanction() {
    model::Sanction sanction;
    sanction.regime = model::Regime::kUn;
    sanction.authority = "UN Security Council";
    sanction.program = ChildText(record_, "UN_LIST_TYPE");
    sanction.reference = ChildText(record_, "REFERENCE_NUMBER");
    std::vector<std::string> lists;
    ForEachValue("LIST_TYPE", [&](std::string value) { AddUnique(lists, std::move(value)); });
    sanction.list = Join(lists, "; ");
    const pugi::xml_node listed = Child(record_, "LISTED_ON");
    if (const std::string text = Text(listed); !text.empty()) {
      if (std::optional<PartialDate> date = ParseUnDate(text)) {
        sanction.listed_on = *date;
      } else {
        Warn(listed, "cannot read LISTED_ON '" + text + "'");
      }
    }
    ForEachChild(record_, "LAST_DAY_UPDATED", [&](pugi::xml_node list) {
      ForEachChild(list, "VALUE", [&](pugi::xml_node value) {
        const std::string text = Text(value);
        if (text.empty()) return;
        if (std::optional<PartialDate> date = ParseUnDate(text)) {
          sanction.modified_on = std::max(sanction.modified_on, *date);
        } else {
          Warn(value, "cannot read LAST_DAY_UPDATED '" + text + "'");
        }
      });
    });
    entity_.sanctions.push_back(std::move(sanction));
  }

  const Context& ctx_;
  pugi::xml_node record_;
  std::string dataid_;
  bool individual_;
  std::string prefix_;
  Entity entity_;
  std::vector<std::string> remarks_;
  std::vector<std::string> unread_;
};

class UnXmlParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    ASSIGN_OR_RETURN(std::unique_ptr<XmlInput> input,
                     LoadXml(document.main, "CONSOLIDATED_LIST", "a UN CONSOLIDATED_LIST document",
                             diagnostics));
    const LineIndex& lines = input->lines;
    const pugi::xml_node root = input->root;

    Context ctx;
    ctx.file = file;
    ctx.source = source;
    ctx.lines = &lines;
    ctx.diagnostics = diagnostics;

    ListMetadata metadata;
    const std::string generated = CollapseWhitespace(root.attribute("dateGenerated").value());
    if (!generated.empty()) {
      if (ParseUnDate(generated)) {
        metadata.published = generated;
      } else {
        Report(ctx, Diagnostic::Severity::kWarning, root, "",
               "cannot read dateGenerated '" + generated + "'");
      }
    }

    // (record, is_individual) in document order.
    std::vector<std::pair<pugi::xml_node, bool>> records;
    for (pugi::xml_node group = root.first_child(); group; group = group.next_sibling()) {
      const std::string_view group_name = LocalName(group.name());
      const bool individuals = group_name == "INDIVIDUALS";
      if (!individuals && group_name != "ENTITIES") continue;
      ForEachChild(group, individuals ? "INDIVIDUAL" : "ENTITY",
                   [&](pugi::xml_node record) { records.emplace_back(record, individuals); });
    }
    // First pass: references to records, to resolve the references in comments.
    for (const auto& [record, individual] : records) {
      std::string reference = ChildText(record, "REFERENCE_NUMBER");
      std::string dataid = ChildText(record, "DATAID");
      if (reference.empty() || dataid.empty()) continue;
      ctx.by_reference.emplace(std::move(reference), Listed{std::move(dataid), FullName(record)});
    }

    std::unordered_map<std::string, int64_t> seen;
    for (const auto& [record, individual] : records) {
      std::string dataid = ChildText(record, "DATAID");
      const char* what = individual ? "INDIVIDUAL" : "ENTITY";
      if (dataid.empty()) {
        Report(ctx, Diagnostic::Severity::kError, record, "",
               std::string(what) + " without DATAID; skipped");
        continue;
      }
      if (FullName(record).empty()) {
        Report(ctx, Diagnostic::Severity::kError, record, dataid,
               std::string(what) + " without a name; skipped");
        continue;
      }
      const int64_t line = lines.LineOf(record.offset_debug());
      if (auto [it, inserted] = seen.emplace(dataid, line); !inserted) {
        Report(ctx, Diagnostic::Severity::kError, record, dataid,
               "duplicate DATAID (first at line " + std::to_string(it->second) + "); skipped");
        continue;
      }
      on_entity(RecordReader(ctx, record, std::move(dataid), individual).Read());
    }
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewUnXmlParser() { return std::make_unique<UnXmlParser>(); }

}  // namespace cordon::ingest::internal
