#include "ingest/internal/csl_csv_parser.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/decode.h"
#include "ingest/internal/dpl_name_rules.h"
#include "model/entity.h"
#include "text/countries.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

constexpr std::string_view kFormat = "us-csl-csv";
constexpr std::string_view kEntityListFormat = "us-bis-el-csv";

// The columns this parser reads, by header name.
enum Column : size_t {
  kId,
  kSource,
  kEntityNumber,
  kType,
  kPrograms,
  kName,
  kTitle,
  kAddresses,
  kFederalRegisterNotice,
  kStartDate,
  kEndDate,
  kStandardOrder,
  kLicenseRequirement,
  kLicensePolicy,
  kCallSign,
  kVesselType,
  kGrossTonnage,
  kGrossRegisteredTonnage,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kAltNames,
  kCitizenships,
  kDatesOfBirth,
  kNationalities,
  kPlacesOfBirth,
  kSourceInformationUrl,
  kIds,
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
};

// What an entry of the `ids` column ("Passport, 123, RU") becomes.
enum class IdsKind {
  kIdentifier,  // a typed identifier: value, optional issuing country, note
  kWebsite,
  kEmail,
  kPhone,
  kGender,
  kNationality,   // "Nationality Country, PS"
  kJurisdiction,  // "Nationality of Registration, Russia"
  kIncorporated,  // "Organization Established Date, 17 Oct 1990"
  kAlias,         // "Issuer Name, China Telecom Corp Ltd" (CMIC)
  kProperty,      // an FtM property without a field of its own
  kListingDate,   // "Listing Date (CMIC), 2021-06-03": the listing date when start_date is empty
};

struct IdsLabel {
  std::string_view label;
  IdsKind kind;
  model::IdentifierType type = model::IdentifierType::kOther;
  std::string_view property = {};  // FtM property name for kProperty
};

// OFAC's identification types as the CSL writes them. Labels not here are sanction notes
// ("Secondary sanctions risk:", "Executive Order 13662 Directive Determination -") and go to
// remarks as written.
constexpr IdsLabel kIdsLabels[] = {
    {"Passport", IdsKind::kIdentifier, model::IdentifierType::kPassport},
    {"Diplomatic Passport", IdsKind::kIdentifier, model::IdentifierType::kPassport},
    {"British National Overseas Passport", IdsKind::kIdentifier, model::IdentifierType::kPassport},
    {"Travel Document Number", IdsKind::kIdentifier, model::IdentifierType::kPassport},
    {"National ID No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Cedula No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"D.N.I.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"C.U.R.P.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Identification Number", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Personal ID Card", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Kenyan ID No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Moroccan Personal ID No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Bosnian Personal ID No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Electoral Registry No.", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Credencial electoral", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"National Foreign ID Number", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"SSN", IdsKind::kIdentifier, model::IdentifierType::kNationalId},
    {"Public Security and Immigration No.", IdsKind::kIdentifier,
     model::IdentifierType::kNationalId},
    {"Tax ID No.", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"NIT #", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"R.F.C.", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"RFC", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"RUC #", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"Italian Fiscal Code", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"US FEIN", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"V.A.T. Number", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"C.U.I.T.", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"Paraguayan tax identification number", IdsKind::kIdentifier, model::IdentifierType::kTaxId},
    {"Registration ID", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Registration Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Public Registration Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Business Registration Document #", IdsKind::kIdentifier,
     model::IdentifierType::kRegistration},
    {"Business Registration Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"C.R. No.", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Certificate of Incorporation Number", IdsKind::kIdentifier,
     model::IdentifierType::kRegistration},
    {"Company Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"UK Company Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Unified Social Credit Code (USCC)", IdsKind::kIdentifier,
     model::IdentifierType::kRegistration},
    {"LE Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Registered Charity No.", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Government Gazette Number", IdsKind::kIdentifier, model::IdentifierType::kRegistration},
    {"Legal Entity Number", IdsKind::kIdentifier, model::IdentifierType::kLei},
    {"SWIFT/BIC", IdsKind::kIdentifier, model::IdentifierType::kBic},
    {"Vessel Registration Identification", IdsKind::kIdentifier, model::IdentifierType::kImo},
    {"MMSI", IdsKind::kIdentifier, model::IdentifierType::kMmsi},
    {"Aircraft Manufacturer's Serial Number (MSN)", IdsKind::kIdentifier,
     model::IdentifierType::kAircraftSerial},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", IdsKind::kIdentifier,
     model::IdentifierType::kAircraftSerial},
    {"Aircraft Tail Number", IdsKind::kIdentifier, model::IdentifierType::kAircraftTailNumber},
    {"ISIN", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"BIK (RU)", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"Serial No.", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"License", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"Driver's License No.", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"Immigration No.", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"VisaNumberID", IdsKind::kIdentifier, model::IdentifierType::kOther},
    {"Website", IdsKind::kWebsite},
    {"Email Address", IdsKind::kEmail},
    {"Phone Number", IdsKind::kPhone},
    {"Gender", IdsKind::kGender},
    {"Nationality Country", IdsKind::kNationality},
    {"Nationality of Registration", IdsKind::kJurisdiction},
    {"Organization Established Date", IdsKind::kIncorporated},
    {"Issuer Name", IdsKind::kAlias},
    {"Target Type", IdsKind::kProperty, model::IdentifierType::kOther, "legalForm"},
    {"Organization Type:", IdsKind::kProperty, model::IdentifierType::kOther, "sector"},
    {"Equity Ticker", IdsKind::kProperty, model::IdentifierType::kOther, "ticker"},
    {"Aircraft Model", IdsKind::kProperty, model::IdentifierType::kOther, "model"},
    {"Aircraft Operator", IdsKind::kProperty, model::IdentifierType::kOther, "operator"},
    {"Aircraft Manufacture Date", IdsKind::kProperty, model::IdentifierType::kOther, "buildDate"},
    {"Listing Date (CMIC)", IdsKind::kListingDate},
};

const IdsLabel* FindIdsLabel(std::string_view label) {
  for (const IdsLabel& entry : kIdsLabels) {
    if (entry.label == label) return &entry;
  }
  if (StartsWithIgnoreCase(label, "Digital Currency Address")) {
    static constexpr IdsLabel kCrypto = {"", IdsKind::kIdentifier,
                                         model::IdentifierType::kCryptoAddress};
    return &kCrypto;
  }
  return nullptr;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Two upper-case letters that name a country: "RU", "KP".
bool IsIsoCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
         !text::CountryName(s).empty();
}

// US ZIP code "79905" or ZIP+4 "79905-1234".
bool IsZip(std::string_view s) {
  return (s.size() == 5 && AllDigits(s)) ||
         (s.size() == 10 && s[5] == '-' && AllDigits(s.substr(0, 5)) && AllDigits(s.substr(6)));
}

// Splits a multi-valued field on "; " and drops the "and " that Entity List entries put before
// their last value ("...; and CETC Research Institute 13").
std::vector<std::string> SplitValues(std::string_view field) {
  std::vector<std::string> values;
  if (StripWhitespace(field).empty()) return values;
  for (std::string_view part : SplitOn(field, "; ")) {
    std::string value = CollapseWhitespace(part);
    if (StartsWithIgnoreCase(value, "and ")) value = CollapseWhitespace(value.substr(4));
    if (!value.empty()) values.push_back(std::move(value));
  }
  return values;
}

// "Specially Designated Nationals (SDN) - Treasury Department" -> authority "OFAC", list "SDN".
struct ListSource {
  std::string authority;
  std::string list;
};

ListSource ReadSource(std::string_view source) {
  ListSource out;
  std::string_view list_part = source;
  std::string_view department;
  if (size_t dash = source.rfind(" - "); dash != std::string_view::npos) {
    list_part = source.substr(0, dash);
    department = StripWhitespace(source.substr(dash + 3));
  }
  if (department == "Treasury Department") {
    out.authority = "OFAC";
  } else if (department == "Bureau of Industry and Security") {
    out.authority = "BIS";
  } else if (department == "State Department") {
    out.authority = "State";
  } else {
    out.authority = std::string(department);
  }
  size_t open = list_part.rfind('(');
  size_t close = list_part.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open + 1) {
    std::string code(StripWhitespace(list_part.substr(open + 1, close - open - 1)));
    if (code.size() > 5 && code.substr(code.size() - 5) == " List") code.resize(code.size() - 5);
    out.list = code;
  } else {
    out.list = std::string(StripWhitespace(list_part));
  }
  return out;
}

// Removes "(Linked To: A; Linked To: B)" blocks from OFAC remarks and returns the targets.
std::vector<std::string> ExtractLinkedTo(std::string& remarks) {
  static constexpr std::string_view kOpen = "(Linked To: ";
  std::vector<std::string> targets;
  size_t open;
  while ((open = remarks.find(kOpen)) != std::string::npos) {
    int depth = 0;
    size_t close = std::string::npos;
    for (size_t i = open; i < remarks.size(); ++i) {
      if (remarks[i] == '(') ++depth;
      if (remarks[i] == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close == std::string::npos) break;  // unbalanced: leave the text as it is
    std::string_view inside =
        std::string_view(remarks).substr(open + kOpen.size(), close - open - kOpen.size());
    for (std::string_view target : SplitOn(inside, "; Linked To: ")) {
      std::string name = CollapseWhitespace(target);
      if (!name.empty()) targets.push_back(std::move(name));
    }
    remarks.erase(open, close - open + 1);
  }
  // Tidy the separators the removed blocks leave behind.
  std::string_view tidy = StripWhitespace(remarks);
  while (!tidy.empty() && (tidy.back() == ';' || tidy.back() == ' ')) tidy.remove_suffix(1);
  while (!tidy.empty() && (tidy.front() == ';' || tidy.front() == ' ')) tidy.remove_prefix(1);
  remarks = std::string(tidy);
  return targets;
}

class CslCsvParser final : public ListParser {
 public:
  CslCsvParser(std::string_view format, std::vector<std::string> lists)
      : format_(format), lists_(std::move(lists)) {}

  std::string_view format() const override { return format_; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    file_ = document.main.name;
    report_ = Reporter(file_, diagnostics);
    if (StripWhitespace(text::StripUtf8Bom(document.main.bytes)).empty()) {
      return CorruptionError(file_ + ":1: empty document");
    }
    ASSIGN_OR_RETURN(const Utf8Text decoded,
                     DecodeUtf8Text(document.main, NotUtf8::kWindows1252WithWarning, diagnostics));
    const std::string_view input = decoded.text();

    // Pass 1: the header, and how often each id occurs (OFAC numbers repeat across lists).
    CsvReader counter(input);
    CsvRecord record;
    if (!counter.Next(&record)) {
      return CorruptionError(
          file_ + ": " +
          (counter.status().ok() ? std::string("no header line") : counter.status().message()));
    }
    header_ = CsvHeader(record);
    columns_ = header_.FindAll(kColumnNames);
    if (columns_[kName] < 0 || columns_[kSource] < 0 ||
        (columns_[kId] < 0 && columns_[kEntityNumber] < 0)) {
      return CorruptionError(file_ + ":" + std::to_string(record.line) +
                             ": not a Consolidated Screening List: the header lacks name, "
                             "source or _id");
    }
    std::unordered_map<std::string, int> id_count;
    while (counter.Next(&record)) {
      if (header_.IsRepeatedBy(record) || record.fields.size() != header_.size()) continue;
      ++id_count[BaseId(record)];  // over every row: ids are the same whichever rows are kept
    }
    if (!counter.status().ok()) return CorruptionError(file_ + ": " + counter.status().message());

    // Pass 2: one entity per row.
    CsvReader reader(input);
    reader.Next(&record);  // the header again
    std::unordered_set<std::string> used_ids;
    while (reader.Next(&record)) {
      if (header_.IsRepeatedBy(record)) continue;  // the 2023 file repeats its header line
      if (record.fields.size() == header_.size() && !Kept(record)) continue;
      if (record.fields.size() != header_.size()) {
        report_.Report(Diagnostic::Severity::kError, record.line, "",
                       "the row has " + std::to_string(record.fields.size()) +
                           " fields, the header " + std::to_string(header_.size()) +
                           "; row skipped");
        continue;
      }
      std::string record_id = BaseId(record);
      if (record_id.empty()) {
        report_.Report(Diagnostic::Severity::kError, record.line, "",
                       "the row has neither _id nor entity_number; row skipped");
        continue;
      }
      if (id_count[record_id] > 1) {
        record_id += "-" + ReadSource(Get(record, kSource)).list;
      }
      if (!used_ids.insert(record_id).second) {
        std::string unique;
        for (int n = 2; !used_ids.insert(unique = record_id + "-" + std::to_string(n)).second;) {
          ++n;
        }
        report_.Report(Diagnostic::Severity::kWarning, record.line, record_id,
                       "a second row with this id and source list; read as " + unique);
        record_id = unique;
      }
      std::optional<model::Entity> entity = BuildEntity(record, source, record_id);
      if (entity) on_entity(std::move(*entity));
    }
    return ListMetadata{};
  }

 private:
  std::string_view Get(const CsvRecord& record, Column column) const {
    return CsvHeader::Field(record, columns_[column]);
  }

  std::string BaseId(const CsvRecord& record) const {
    std::string_view id = Get(record, kId);
    if (id.empty()) id = Get(record, kEntityNumber);
    return std::string(id);
  }

  // The ISO code for a country column value; a warning and "" when it is not a country.
  std::string Country(std::string_view value, std::string_view column) {
    std::string code = UsListCountryCode(value);
    if (code.empty()) {
      report_.Report(
          Diagnostic::Severity::kWarning, line_, record_id_,
          std::string(column) + ": unknown country '" + std::string(value) + "'; kept as text");
    }
    return code;
  }

  std::optional<model::PartialDate> Date(std::string_view value, std::string_view column) {
    if (value.empty()) return std::nullopt;
    std::optional<model::PartialDate> date = model::PartialDate::FromText(value);
    if (!date) {
      report_.Report(Diagnostic::Severity::kWarning, line_, record_id_,
                     std::string(column) + " '" + std::string(value) + "' is not a date; ignored");
    }
    return date;
  }

  // "RIM, Ryong Nam" as OFAC writes individuals: family name, comma, given names.
  static model::Name PersonName(std::string full, model::NameKind kind) {
    model::Name name{.full = std::move(full), .kind = kind};
    const size_t comma = name.full.find(", ");
    if (comma != std::string::npos && name.full.find(", ", comma + 2) == std::string::npos &&
        comma > 0 && comma + 2 < name.full.size()) {
      name.family = name.full.substr(0, comma);
      name.given = name.full.substr(comma + 2);
    }
    return name;
  }

  // Addresses are "street, city, state, postal code, country" with empty parts left out, so
  // only the ends can be read safely: an ISO code or country name last, and in US addresses a
  // ZIP code after the state.
  static model::Address ReadAddress(const std::string& text) {
    model::Address address;
    address.full = text;
    std::vector<std::string_view> parts = SplitOn(text, ", ");
    for (std::string_view& part : parts) part = StripWhitespace(part);
    if (parts.empty()) return address;
    std::string_view last = parts.back();
    if (IsIsoCode(last)) {
      address.country_code = std::string(last);
      parts.pop_back();
    } else if (last.size() > 2 && !AllDigits(last)) {
      if (std::string code = UsListCountryCode(last); !code.empty()) {
        address.country_code = code;
        address.country_text = std::string(last);
        parts.pop_back();
      }
    }
    if ((address.country_code.empty() || address.country_code == "US") && parts.size() >= 3 &&
        IsZip(parts.back()) && IsUsStateCode(parts[parts.size() - 2])) {
      address.postal_code = std::string(parts.back());
      address.region = std::string(parts[parts.size() - 2]);
      address.city = std::string(parts[parts.size() - 3]);
      std::vector<std::string> street(parts.begin(), parts.end() - 3);
      address.street = Join(street, ", ");
      address.country_code = "US";
    }
    return address;
  }

  // One "label, value[, country][, note...]" entry of the `ids` column.
  void ReadIdsEntry(std::string_view entry, model::Entity& entity,
                    std::vector<std::string>& remarks, model::PartialDate& listing_date) {
    const size_t comma = entry.find(", ");
    if (comma == std::string_view::npos) {
      remarks.push_back(CollapseWhitespace(entry));
      return;
    }
    const std::string_view label = StripWhitespace(entry.substr(0, comma));
    const std::string rest = CollapseWhitespace(entry.substr(comma + 2));
    const IdsLabel* known = FindIdsLabel(label);
    if (known == nullptr || rest.empty()) {
      remarks.push_back(std::string(label) + " " + rest);
      return;
    }
    switch (known->kind) {
      case IdsKind::kIdentifier: {
        std::vector<std::string_view> pieces = SplitOn(rest, ", ");
        model::Identifier id{
            .type = known->type, .value = std::string(pieces[0]), .label = std::string(label)};
        std::vector<std::string> note;
        for (size_t i = 1; i < pieces.size(); ++i) {
          std::string_view piece = StripWhitespace(pieces[i]);
          if (id.country.empty() && IsIsoCode(piece)) {
            id.country = std::string(piece);
          } else if (!piece.empty()) {
            note.emplace_back(piece);
          }
        }
        id.note = Join(note, ", ");
        if (id.type == model::IdentifierType::kImo && StartsWithIgnoreCase(id.value, "IMO ")) {
          id.value = CollapseWhitespace(id.value.substr(4));
        }
        // Russian numbers have their own types: INN (10 or 12 digits), OGRN (13 or 15).
        if (id.country == "RU" && AllDigits(id.value)) {
          if (id.type == model::IdentifierType::kTaxId &&
              (id.value.size() == 10 || id.value.size() == 12)) {
            id.type = model::IdentifierType::kInn;
          } else if (id.type == model::IdentifierType::kRegistration &&
                     known->label != "Government Gazette Number" &&
                     (id.value.size() == 13 || id.value.size() == 15)) {
            id.type = model::IdentifierType::kOgrn;
          }
        }
        entity.identifiers.push_back(std::move(id));
        break;
      }
      case IdsKind::kWebsite:
        entity.websites.push_back(rest);
        break;
      case IdsKind::kEmail:
        entity.emails.push_back(rest);
        break;
      case IdsKind::kPhone:
        entity.phones.push_back(rest);
        break;
      case IdsKind::kGender:
        entity.gender = AsciiLower(rest);
        break;
      case IdsKind::kNationality:
      case IdsKind::kJurisdiction: {
        const model::CountryRole role = known->kind == IdsKind::kNationality
                                            ? model::CountryRole::kNationality
                                            : model::CountryRole::kJurisdiction;
        std::string code = Country(rest, "ids");
        model::AddCountry(entity, code, role, code.empty() ? rest : "");
        break;
      }
      case IdsKind::kIncorporated: {
        model::DateSpec spec;
        if (std::optional<model::PartialDate> date = Date(rest, "ids")) {
          spec.date = *date;
        } else {
          spec.text = rest;
        }
        entity.incorporation_dates.push_back(std::move(spec));
        break;
      }
      case IdsKind::kAlias:
        AddNameOnce(entity, {.full = rest, .kind = model::NameKind::kStrongAlias});
        break;
      case IdsKind::kProperty:
        entity.properties.emplace_back(std::string(known->property), rest);
        break;
      case IdsKind::kListingDate:
        if (std::optional<model::PartialDate> date = Date(rest, "ids")) {
          listing_date = *date;
        }
        remarks.push_back(std::string(label) + " " + rest);
        break;
    }
  }

  std::optional<model::Entity> BuildEntity(const CsvRecord& record, std::string_view source,
                                           const std::string& record_id) {
    line_ = record.line;
    record_id_ = record_id;
    model::Entity entity;
    SetProvenance(entity, source, record_id, format_);
    std::vector<std::string> remarks;

    // The State Department writes "Sinobright ...; and any successor, sub-unit, or subsidiary
    // thereof" into the name: the name ends at the first "; ".
    std::string name = CollapseWhitespace(Get(record, kName));
    if (size_t semicolon = name.find("; "); semicolon != std::string::npos) {
      remarks.push_back(CollapseWhitespace(std::string_view(name).substr(semicolon + 2)));
      name = CollapseWhitespace(std::string_view(name).substr(0, semicolon));
    }
    if (name.empty()) {
      report_.Report(Diagnostic::Severity::kError, line_, record_id,
                     "the row has no name; row skipped");
      return std::nullopt;
    }

    const std::string_view type = Get(record, kType);
    if (type == "Individual") {
      entity.schema = model::Schema::kPerson;
    } else if (type == "Entity") {
      entity.schema =
          HasCompanyLegalForm(name) ? model::Schema::kCompany : model::Schema::kOrganization;
    } else if (type == "Vessel") {
      entity.schema = model::Schema::kVessel;
    } else if (type == "Aircraft") {
      entity.schema = model::Schema::kAircraft;
    } else {
      if (!type.empty()) {
        report_.Report(Diagnostic::Severity::kWarning, line_, record_id,
                       "unknown type '" + std::string(type) + "'; schema taken from the name");
      }
      entity.schema = InferSchemaFromName(name);
    }
    const bool person = entity.schema == model::Schema::kPerson;
    entity.names.push_back(person ? PersonName(name, model::NameKind::kPrimary)
                                  : model::Name{.full = name});
    for (std::string& alias : SplitValues(Get(record, kAltNames))) {
      AddNameOnce(entity, person ? PersonName(std::move(alias), model::NameKind::kStrongAlias)
                                 : model::Name{.full = std::move(alias),
                                               .kind = model::NameKind::kStrongAlias});
    }
    for (std::string& title : SplitValues(Get(record, kTitle))) {
      entity.titles.push_back(std::move(title));
    }

    for (const std::string& text : SplitValues(Get(record, kAddresses))) {
      model::Address address = ReadAddress(text);
      if (!address.country_code.empty()) {
        model::AddCountry(entity, address.country_code, model::CountryRole::kAddressCountry);
      }
      entity.addresses.push_back(std::move(address));
    }
    for (const std::string& value : SplitValues(Get(record, kNationalities))) {
      std::string code = Country(value, "nationalities");
      model::AddCountry(entity, code, model::CountryRole::kNationality, code.empty() ? value : "");
    }
    for (const std::string& value : SplitValues(Get(record, kCitizenships))) {
      std::string code = Country(value, "citizenships");
      model::AddCountry(entity, code, model::CountryRole::kCitizenship, code.empty() ? value : "");
    }
    for (const std::string& value : SplitValues(Get(record, kDatesOfBirth))) {
      model::DateSpec spec;
      std::string_view date_text = value;
      if (StartsWithIgnoreCase(date_text, "circa ")) {
        spec.approximate = true;
        date_text.remove_prefix(6);
      }
      if (std::optional<model::PartialDate> date = Date(date_text, "dates_of_birth")) {
        spec.date = *date;
      } else {
        spec.text = value;
      }
      entity.birth_dates.push_back(std::move(spec));
    }
    for (std::string& place : SplitValues(Get(record, kPlacesOfBirth))) {
      entity.birth_places.push_back(std::move(place));
    }

    // Vessel particulars.
    if (std::string_view call_sign = Get(record, kCallSign); !call_sign.empty()) {
      entity.identifiers.push_back({.type = model::IdentifierType::kCallSign,
                                    .value = std::string(call_sign),
                                    .label = "call_sign"});
    }
    if (std::string_view v = Get(record, kVesselType); !v.empty()) {
      entity.properties.emplace_back("type", std::string(v));
    }
    if (std::string_view v = Get(record, kGrossTonnage); !v.empty()) {
      entity.properties.emplace_back("tonnage", std::string(v));
    }
    if (std::string_view v = Get(record, kGrossRegisteredTonnage); !v.empty()) {
      entity.properties.emplace_back("grossRegisteredTonnage", std::string(v));
    }
    if (std::string_view flag = Get(record, kVesselFlag); !flag.empty()) {
      std::string code = Country(flag, "vessel_flag");
      model::AddCountry(entity, code, model::CountryRole::kFlag,
                        code.empty() ? std::string(flag) : "");
    }
    if (std::string_view owner = Get(record, kVesselOwner); !owner.empty()) {
      entity.links.push_back({.kind = model::LinkKind::kOwnedBy,
                              .target_name = CollapseWhitespace(owner),
                              .note = "vessel_owner"});
    }

    model::PartialDate listing_date;
    if (std::string_view ids = Get(record, kIds); !ids.empty()) {
      for (std::string_view entry : SplitOn(ids, "; ")) {
        if (!StripWhitespace(entry).empty()) ReadIdsEntry(entry, entity, remarks, listing_date);
      }
    }

    std::string list_remarks = CollapseWhitespace(Get(record, kRemarks));
    for (std::string& target : ExtractLinkedTo(list_remarks)) {
      entity.links.push_back({.kind = model::LinkKind::kAssociate,
                              .target_name = std::move(target),
                              .note = "Linked To"});
    }
    if (!list_remarks.empty()) remarks.insert(remarks.begin(), std::move(list_remarks));
    entity.remarks = Join(remarks, "; ");

    // The sanction: one per program, all from the row's source list.
    const ListSource list = ReadSource(Get(record, kSource));
    model::Sanction sanction{.regime = model::Regime::kUs,
                             .authority = list.authority,
                             .list = list.list,
                             .reference = CollapseWhitespace(Get(record, kFederalRegisterNotice))};
    if (std::optional<model::PartialDate> start = Date(Get(record, kStartDate), "start_date")) {
      sanction.listed_on = *start;
    } else {
      sanction.listed_on = listing_date;
    }
    std::vector<std::string> programs = SplitValues(Get(record, kPrograms));
    if (programs.empty()) programs.emplace_back();
    for (std::string& program : programs) {
      model::Sanction one = sanction;
      one.program = std::move(program);
      entity.sanctions.push_back(std::move(one));
    }
    if (std::optional<model::PartialDate> end = Date(Get(record, kEndDate), "end_date")) {
      entity.properties.emplace_back("endDate", end->ToIso());
    }
    if (std::string_view v = Get(record, kStandardOrder); !v.empty()) {
      entity.properties.emplace_back("standardOrder", AsciiUpper(v));
    }
    if (std::string_view v = Get(record, kLicenseRequirement); !v.empty()) {
      entity.properties.emplace_back("licenseRequirement", CollapseWhitespace(v));
    }
    if (std::string_view v = Get(record, kLicensePolicy); !v.empty()) {
      entity.properties.emplace_back("licensePolicy", CollapseWhitespace(v));
    }
    if (std::string_view v = Get(record, kEntityNumber); !v.empty() && v != Get(record, kId)) {
      entity.properties.emplace_back("entityNumber", std::string(v));
    }
    if (std::string_view v = Get(record, kSourceInformationUrl); !v.empty()) {
      entity.properties.emplace_back("sourceUrl", std::string(v));
    }
    return entity;
  }

  // Whether the row's source list is one this parser reads (every list when lists_ is empty).
  bool Kept(const CsvRecord& record) const {
    if (lists_.empty()) return true;
    const std::string list = ReadSource(Get(record, kSource)).list;
    return std::find(lists_.begin(), lists_.end(), list) != lists_.end();
  }

  const std::string_view format_;
  const std::vector<std::string> lists_;  // list codes kept ("EL"); empty: all
  std::string file_;
  Reporter report_;
  CsvHeader header_;
  std::array<int, kColumnCount> columns_{};
  // The row being read, for diagnostics.
  int64_t line_ = 0;
  std::string record_id_;
};

}  // namespace

std::unique_ptr<ListParser> NewCslCsvParser() {
  return std::make_unique<CslCsvParser>(kFormat, std::vector<std::string>{});
}

std::unique_ptr<ListParser> NewBisEntityListParser() {
  return std::make_unique<CslCsvParser>(kEntityListFormat, std::vector<std::string>{"EL"});
}

}  // namespace cordon::ingest::internal
