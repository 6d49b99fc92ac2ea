#include "ingest/internal/uk_fcdo_parser.h"

#include <algorithm>
#include <array>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/csv.h"
#include "ingest/internal/uk_fcdo_designation.h"
#include "ingest/internal/xml_document.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

using model::PartialDate;

constexpr std::string_view kXmlFormat = "uk-fcdo-xml";
constexpr std::string_view kCsvFormat = "uk-fcdo-csv";

// ---------------------------------------------------------------------------------------------
// Text input, for the CSV as well as the XML (which reads no encoding declaration: the FCDO
// publishes UTF-8). The XML helpers are in xml_document.h.

// The document as UTF-8: a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is
// transcoded, and invalid UTF-8 is repaired (U+FFFD) with one warning.
Result<Utf8Text> DecodeText(const InputFile& file, DiagnosticSink* diagnostics) {
  if (file.bytes.starts_with("\xFF\xFE") || file.bytes.starts_with("\xFE\xFF")) {
    ASSIGN_OR_RETURN(Utf8Text converted, ConvertToUtf8(file, file.bytes, "UTF-16"));
    // The byte-order mark comes out as a UTF-8 one.
    return Utf8Text::Own(std::string(text::StripUtf8Bom(converted.text())));
  }
  return DecodeUtf8Text(file, NotUtf8::kRepairWithWarning, diagnostics);
}

// ---------------------------------------------------------------------------------------------
// XML.

// The texts of `parent`/`wrapper`/`item` elements ("DOBs"/"DOB"), appended to `out`.
void AppendTexts(pugi::xml_node parent, std::string_view wrapper, std::string_view item,
                 std::vector<std::string>& out) {
  ForEachChild(parent, wrapper, [&](pugi::xml_node list) {
    ForEachChild(list, item, [&](pugi::xml_node node) {
      AppendDistinct(out, CollapseWhitespace(node.child_value()));
    });
  });
}

void ReadIndividual(pugi::xml_node individual, FcdoDesignation& d) {
  AppendTexts(individual, "DOBs", "DOB", d.dobs);
  AppendTexts(individual, "Nationalities", "Nationality", d.nationalities);
  AppendTexts(individual, "Positions", "Position", d.positions);
  AppendTexts(individual, "Genders", "Gender", d.genders);
  AppendTexts(individual, "Titles", "Title", d.titles);
  ForEachChild(individual, "BirthDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "Location", [&](pugi::xml_node location) {
      AppendDistinct(d.birth_places, FcdoBirthPlace{ChildText(location, "TownOfBirth"),
                                                    ChildText(location, "CountryOfBirth")});
    });
  });
  ForEachChild(individual, "PassportDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "Passport", [&](pugi::xml_node passport) {
      AppendDistinct(d.passports,
                     FcdoDocument{ChildText(passport, "PassportNumber"),
                                  ChildText(passport, "PassportAdditionalInformation")});
    });
  });
  ForEachChild(individual, "NationalIdentifierDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "NationalIdentifier", [&](pugi::xml_node id) {
      AppendDistinct(d.national_ids,
                     FcdoDocument{ChildText(id, "NationalIdentifierNumber"),
                                  ChildText(id, "NationalIdentifierAdditionalInformation")});
    });
  });
}

FcdoDesignation ReadXmlDesignation(pugi::xml_node node, const LineIndex& lines) {
  FcdoDesignation d;
  d.line = lines.LineOf(node.offset_debug());
  d.unique_id = ChildText(node, "UniqueID");
  d.last_updated = ChildText(node, "LastUpdated");
  d.date_designated = ChildText(node, "DateDesignated");
  d.ofsi_group_id = ChildText(node, "OFSIGroupID");
  d.un_reference = ChildText(node, "UNReferenceNumber");
  d.regime = ChildText(node, "RegimeName");
  d.type = ChildText(node, "IndividualEntityShip");
  d.source = ChildText(node, "DesignationSource");
  d.sanctions_imposed = ChildText(node, "SanctionsImposed");
  d.other_information = ChildText(node, "OtherInformation");
  d.statement_of_reasons = ChildText(node, "UKStatementofReasons");
  ForEachChild(node, "Names", [&](pugi::xml_node names) {
    ForEachChild(names, "Name", [&](pugi::xml_node name) {
      FcdoName raw;
      for (size_t i = 0; i < raw.parts.size(); ++i) {
        raw.parts[i] = ChildText(name, "Name" + std::to_string(i + 1));
      }
      raw.type = ChildText(name, "NameType");
      raw.strength = ChildText(name, "AliasStrength");
      AppendDistinct(d.names, std::move(raw));
    });
  });
  ForEachChild(node, "NonLatinNames", [&](pugi::xml_node names) {
    ForEachChild(names, "NonLatinName", [&](pugi::xml_node name) {
      AppendDistinct(d.non_latin_names,
                     FcdoNonLatinName{ChildText(name, "NameNonLatinScript"),
                                      ChildText(name, "NonLatinScriptType"),
                                      ChildText(name, "NonLatinScriptLanguage")});
    });
  });
  AppendTexts(node, "Titles", "Title", d.titles);
  ForEachChild(node, "Addresses", [&](pugi::xml_node addresses) {
    ForEachChild(addresses, "Address", [&](pugi::xml_node address) {
      FcdoAddress raw;
      for (size_t i = 0; i < raw.lines.size(); ++i) {
        raw.lines[i] = ChildText(address, "AddressLine" + std::to_string(i + 1));
      }
      raw.postal_code = ChildText(address, "AddressPostalCode");
      raw.country = ChildText(address, "AddressCountry");
      AppendDistinct(d.addresses, std::move(raw));
    });
  });
  AppendTexts(node, "PhoneNumbers", "PhoneNumber", d.phones);
  AppendTexts(node, "EmailAddresses", "EmailAddress", d.emails);
  AppendTexts(node, "Websites", "Website", d.websites);
  ForEachChild(node, "IndividualDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "Individual",
                 [&](pugi::xml_node individual) { ReadIndividual(individual, d); });
  });
  ForEachChild(node, "EntityDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "Entity", [&](pugi::xml_node entity) {
      AppendTexts(entity, "TypeOfEntities", "TypeOfEntity", d.entity_types);
      AppendTexts(entity, "BusinessRegistrationNumbers", "BusinessRegistrationNumber",
                  d.registration_numbers);
      AppendTexts(entity, "ParentCompanies", "ParentCompany", d.parent_companies);
      AppendTexts(entity, "Subsidiaries", "Subsidiary", d.subsidiaries);
    });
  });
  ForEachChild(node, "ShipDetails", [&](pugi::xml_node details) {
    ForEachChild(details, "Ship", [&](pugi::xml_node ship) {
      AppendTexts(ship, "IMONumbers", "IMONumber", d.imo_numbers);
      AppendTexts(ship, "CurrentOwnerOperators", "CurrentOwnerOperator", d.current_owners);
      AppendTexts(ship, "PreviousOwnerOperators", "PreviousOwnerOperator", d.previous_owners);
      AppendTexts(ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip", d.current_flags);
      AppendTexts(ship, "PreviousFlags", "PreviousFlag", d.previous_flags);
      AppendTexts(ship, "TypeOfShipDetails", "TypeOfShip", d.ship_types);
      AppendTexts(ship, "TonnageOfShipDetails", "TonnageOfShip", d.tonnages);
      AppendTexts(ship, "LengthOfShipDetails", "LengthOfShip", d.lengths);
      AppendTexts(ship, "YearsBuilt", "YearBuilt", d.years_built);
    });
  });
  return d;
}

// DateGenerated "02/09/2026" -> "2026-09-02"; an ISO date or date-time is kept as written.
std::optional<std::string> PublishedDate(std::string_view text) {
  if (std::optional<PartialDate> date = PartialDate::FromIso(text); date && date->day) {
    return std::string(text);
  }
  std::string_view day_part = text.substr(0, text.find_first_of(" T"));
  if (std::optional<PartialDate> date = ParseFcdoDate(day_part); date && date->day) {
    return date->ToIso();
  }
  return std::nullopt;
}

class UkFcdoXmlParser final : public ListParser {
 public:
  std::string_view format() const override { return kXmlFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    ASSIGN_OR_RETURN(
        std::unique_ptr<XmlInput> input,
        LoadXml(document.main, "Designations", "a UK Sanctions List document", diagnostics));
    const LineIndex& lines = input->lines;
    const pugi::xml_node root = input->root;

    ListMetadata metadata;
    const std::string generated = ChildText(root, "DateGenerated");
    if (!generated.empty()) {
      if (std::optional<std::string> published = PublishedDate(generated)) {
        metadata.published = *published;
      } else {
        diagnostics->Report({Diagnostic::Severity::kWarning, file,
                             lines.LineOf(root.offset_debug()), "",
                             "cannot read DateGenerated '" + generated + "'"});
      }
    }

    const FcdoBuildContext context{
        .source = source, .format = kXmlFormat, .file = file, .diagnostics = diagnostics};
    std::unordered_map<std::string, int64_t> seen;
    ForEachChild(root, "Designation", [&](pugi::xml_node node) {
      FcdoDesignation designation = ReadXmlDesignation(node, lines);
      if (!designation.unique_id.empty()) {
        auto [it, inserted] = seen.emplace(designation.unique_id, designation.line);
        if (!inserted) {
          diagnostics->Report(
              {Diagnostic::Severity::kError, file, designation.line, designation.unique_id,
               "duplicate UniqueID (first at line " + std::to_string(it->second) + "); skipped"});
          return;
        }
      }
      if (std::optional<model::Entity> entity = BuildFcdoEntity(designation, context)) {
        on_entity(std::move(*entity));
      }
    });
    return metadata;
  }
};

// ---------------------------------------------------------------------------------------------
// CSV.

enum CsvColumn : size_t {
  kLastUpdated,
  kUniqueId,
  kOfsiGroupId,
  kUnReference,
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kName6,
  kNameType,
  kAliasStrength,
  kTitle,
  kNonLatinName,
  kNonLatinScript,
  kNonLatinLanguage,
  kRegime,
  kDesignationType,
  kDesignationSource,
  kSanctionsImposed,
  kOtherInformation,
  kStatementOfReasons,
  kAddressLine1,
  kAddressLine2,
  kAddressLine3,
  kAddressLine4,
  kAddressLine5,
  kAddressLine6,
  kPostalCode,
  kAddressCountry,
  kPhone,
  kWebsite,
  kEmail,
  kDateDesignated,
  kDob,
  kNationality,
  kNationalIdNumber,
  kNationalIdInfo,
  kPassportNumber,
  kPassportInfo,
  kPosition,
  kGender,
  kTownOfBirth,
  kCountryOfBirth,
  kTypeOfEntity,
  kSubsidiaries,
  kParentCompany,
  kRegistrationNumber,
  kImoNumber,
  kCurrentOwner,
  kPreviousOwner,
  kCurrentFlag,
  kPreviousFlags,
  kTypeOfShip,
  kTonnage,
  kLength,
  kYearBuilt,
  kHullId,
  kCsvColumnCount,
};

// Header names, letters and digits only, lower case ("D.O.B" -> "dob"). The designation type
// column is "Designation Type" in most published copies and "Individual, Entity, Ship" in some.
constexpr std::pair<std::string_view, CsvColumn> kCsvHeaders[] = {
    {"lastupdated", kLastUpdated},
    {"uniqueid", kUniqueId},
    {"ofsigroupid", kOfsiGroupId},
    {"unreferencenumber", kUnReference},
    {"name1", kName1},
    {"name2", kName2},
    {"name3", kName3},
    {"name4", kName4},
    {"name5", kName5},
    {"name6", kName6},
    {"nametype", kNameType},
    {"aliasstrength", kAliasStrength},
    {"title", kTitle},
    {"namenonlatinscript", kNonLatinName},
    {"nonlatinscripttype", kNonLatinScript},
    {"nonlatinscriptlanguage", kNonLatinLanguage},
    {"regimename", kRegime},
    {"designationtype", kDesignationType},
    {"individualentityship", kDesignationType},
    {"designationsource", kDesignationSource},
    {"sanctionsimposed", kSanctionsImposed},
    {"otherinformation", kOtherInformation},
    {"ukstatementofreasons", kStatementOfReasons},
    {"addressline1", kAddressLine1},
    {"addressline2", kAddressLine2},
    {"addressline3", kAddressLine3},
    {"addressline4", kAddressLine4},
    {"addressline5", kAddressLine5},
    {"addressline6", kAddressLine6},
    {"addresspostalcode", kPostalCode},
    {"addresscountry", kAddressCountry},
    {"phonenumber", kPhone},
    {"website", kWebsite},
    {"emailaddress", kEmail},
    {"datedesignated", kDateDesignated},
    {"dob", kDob},
    {"nationalityies", kNationality},
    {"nationality", kNationality},
    {"nationalidentifiernumber", kNationalIdNumber},
    {"nationalidentifieradditionalinformation", kNationalIdInfo},
    {"passportnumber", kPassportNumber},
    {"passportadditionalinformation", kPassportInfo},
    {"position", kPosition},
    {"gender", kGender},
    {"townofbirth", kTownOfBirth},
    {"countryofbirth", kCountryOfBirth},
    {"typeofentity", kTypeOfEntity},
    {"subsidiaries", kSubsidiaries},
    {"parentcompany", kParentCompany},
    {"businessregistrationnumbers", kRegistrationNumber},
    {"imonumber", kImoNumber},
    {"currentowneroperators", kCurrentOwner},
    {"previousowneroperators", kPreviousOwner},
    {"currentbelievedflagofship", kCurrentFlag},
    {"previousflags", kPreviousFlags},
    {"typeofship", kTypeOfShip},
    {"tonnageofship", kTonnage},
    {"lengthofship", kLength},
    {"yearbuilt", kYearBuilt},
    {"hullidentificationnumberhin", kHullId},
};

std::string HeaderKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      key.push_back(c);
    }
  }
  return key;
}

// "Report Date: 13-Feb-2026" -> "2026-02-13".
std::optional<std::string> ReportDate(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string text(StripWhitespace(line.substr(colon + 1)));
  if (std::optional<PartialDate> date = ParseFcdoDate(text); date && date->day) {
    return date->ToIso();
  }
  std::replace(text.begin(), text.end(), '-', ' ');
  if (std::optional<PartialDate> date = PartialDate::FromText(text); date && date->day) {
    return date->ToIso();
  }
  return std::nullopt;
}

// Rows of one Unique ID merged into one designation.
class CsvDesignation {
 public:
  CsvDesignation(int64_t line, std::string unique_id) {
    d_.line = line;
    d_.unique_id = std::move(unique_id);
  }

  const FcdoDesignation& designation() const { return d_; }

  // Adds one row. `cell(column)` is the row's whitespace-collapsed cell, "" when absent.
  template <typename Cell>
  void AddRow(int64_t line, const Cell& cell, const std::string& file,
              DiagnosticSink* diagnostics) {
    auto scalar = [&](std::string& field, CsvColumn column, std::string_view what) {
      const std::string& value = cell(column);
      if (value.empty()) return;
      if (field.empty()) {
        field = value;
      } else if (field != value && conflicts_reported_.insert_unique(std::string(what))) {
        diagnostics->Report({Diagnostic::Severity::kWarning, file, line, d_.unique_id,
                             "rows disagree on " + std::string(what) + " ('" + field + "', '" +
                                 value + "'); the first is used"});
      }
    };
    scalar(d_.last_updated, kLastUpdated, "Last Updated");
    scalar(d_.date_designated, kDateDesignated, "Date Designated");
    scalar(d_.ofsi_group_id, kOfsiGroupId, "OFSI Group ID");
    scalar(d_.un_reference, kUnReference, "UN Reference Number");
    scalar(d_.regime, kRegime, "Regime Name");
    scalar(d_.type, kDesignationType, "Designation Type");
    scalar(d_.source, kDesignationSource, "Designation source");
    scalar(d_.sanctions_imposed, kSanctionsImposed, "Sanctions Imposed");
    scalar(d_.other_information, kOtherInformation, "Other Information");
    scalar(d_.statement_of_reasons, kStatementOfReasons, "UK Statement of Reasons");

    FcdoName name;
    bool has_name = false;
    for (size_t i = 0; i < 6; ++i) {
      name.parts[i] = cell(static_cast<CsvColumn>(kName1 + i));
      has_name = has_name || !name.parts[i].empty();
    }
    if (has_name) {
      name.type = cell(kNameType);
      name.strength = cell(kAliasStrength);
      AppendDistinct(d_.names, std::move(name));
    }
    if (!cell(kNonLatinName).empty()) {
      AppendDistinct(
          d_.non_latin_names,
          FcdoNonLatinName{cell(kNonLatinName), cell(kNonLatinScript), cell(kNonLatinLanguage)});
    }
    AppendDistinct(d_.titles, cell(kTitle));
    FcdoAddress address;
    for (size_t i = 0; i < 6; ++i) {
      address.lines[i] = cell(static_cast<CsvColumn>(kAddressLine1 + i));
    }
    address.postal_code = cell(kPostalCode);
    address.country = cell(kAddressCountry);
    AppendDistinct(d_.addresses, std::move(address));
    AppendDistinct(d_.phones, cell(kPhone));
    AppendDistinct(d_.websites, cell(kWebsite));
    AppendDistinct(d_.emails, cell(kEmail));
    AppendDistinct(d_.dobs, cell(kDob));
    AppendDistinct(d_.nationalities, cell(kNationality));
    AppendDistinct(d_.national_ids, FcdoDocument{cell(kNationalIdNumber), cell(kNationalIdInfo)});
    AppendDistinct(d_.passports, FcdoDocument{cell(kPassportNumber), cell(kPassportInfo)});
    AppendDistinct(d_.positions, cell(kPosition));
    AppendDistinct(d_.genders, cell(kGender));
    AppendDistinct(d_.birth_places, FcdoBirthPlace{cell(kTownOfBirth), cell(kCountryOfBirth)});
    AppendDistinct(d_.entity_types, cell(kTypeOfEntity));
    AppendDistinct(d_.subsidiaries, cell(kSubsidiaries));
    AppendDistinct(d_.parent_companies, cell(kParentCompany));
    AppendDistinct(d_.registration_numbers, cell(kRegistrationNumber));
    AppendDistinct(d_.imo_numbers, cell(kImoNumber));
    AppendDistinct(d_.current_owners, cell(kCurrentOwner));
    AppendDistinct(d_.previous_owners, cell(kPreviousOwner));
    AppendDistinct(d_.current_flags, cell(kCurrentFlag));
    AppendDistinct(d_.previous_flags, cell(kPreviousFlags));
    AppendDistinct(d_.ship_types, cell(kTypeOfShip));
    AppendDistinct(d_.tonnages, cell(kTonnage));
    AppendDistinct(d_.lengths, cell(kLength));
    AppendDistinct(d_.years_built, cell(kYearBuilt));
    AppendDistinct(d_.hull_ids, cell(kHullId));
  }

 private:
  struct SeenValues {
    std::vector<std::string> values;
    bool insert_unique(std::string value) { return AppendDistinct(values, std::move(value)); }
  };

  FcdoDesignation d_;
  SeenValues conflicts_reported_;
};

class UkFcdoCsvParser final : public ListParser {
 public:
  std::string_view format() const override { return kCsvFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    if (StripWhitespace(document.main.bytes).empty()) {
      return CorruptionError(file + ":1: empty document");
    }
    ASSIGN_OR_RETURN(Utf8Text input, DecodeText(document.main, diagnostics));
    CsvReader reader(input.text());
    CsvRecord record;
    auto read_error = [&]() {
      std::string message = reader.status().message();
      if (message.rfind("line ", 0) == 0) message.erase(0, 5);
      return CorruptionError(file + ":" + message);
    };
    if (!reader.Next(&record)) {
      if (!reader.status().ok()) return read_error();
      return CorruptionError(file + ":1: empty document");
    }

    ListMetadata metadata;
    const std::string first = CollapseWhitespace(record.fields.front());
    if (StartsWithIgnoreCase(first, "Report Date")) {
      if (std::optional<std::string> date = ReportDate(first)) {
        metadata.published = *date;
      } else {
        diagnostics->Report({Diagnostic::Severity::kWarning, file, record.line, "",
                             "cannot read the report date in '" + first + "'"});
      }
      if (!reader.Next(&record)) {
        if (!reader.status().ok()) return read_error();
        return CorruptionError(file + ":" + std::to_string(reader.line()) +
                               ": no header row after the report date");
      }
    }

    std::array<std::optional<size_t>, kCsvColumnCount> index;
    const size_t width = record.fields.size();
    for (size_t field = 0; field < width; ++field) {
      const std::string key = HeaderKey(record.fields[field]);
      for (const auto& [name, column] : kCsvHeaders) {
        if (key == name && !index[column]) index[column] = field;
      }
    }
    for (const auto& [column, name] :
         {std::pair{kUniqueId, "Unique ID"}, std::pair{kName6, "Name 6"},
          std::pair{kDesignationType, "Designation Type"}}) {
      if (!index[column]) {
        return CorruptionError(file + ":" + std::to_string(record.line) +
                               ": not a UK Sanctions List CSV header: no '" + name + "' column");
      }
    }

    std::vector<CsvDesignation> designations;
    std::unordered_map<std::string, size_t> by_id;
    std::array<std::string, kCsvColumnCount> cells;
    while (reader.Next(&record)) {
      if (record.fields.size() != width) {
        diagnostics->Report({Diagnostic::Severity::kError, file, record.line, "",
                             "row has " + std::to_string(record.fields.size()) +
                                 " fields, the header has " + std::to_string(width) + "; skipped"});
        continue;
      }
      for (size_t column = 0; column < kCsvColumnCount; ++column) {
        cells[column] = index[column] ? CollapseWhitespace(record.fields[*index[column]]) : "";
      }
      const std::string& id = cells[kUniqueId];
      if (id.empty()) {
        diagnostics->Report({Diagnostic::Severity::kError, file, record.line, "",
                             "row without Unique ID; skipped"});
        continue;
      }
      auto [it, inserted] = by_id.emplace(id, designations.size());
      if (inserted) designations.emplace_back(record.line, id);
      designations[it->second].AddRow(
          record.line, [&](CsvColumn column) -> const std::string& { return cells[column]; }, file,
          diagnostics);
    }
    if (!reader.status().ok()) return read_error();

    const FcdoBuildContext context{
        .source = source, .format = kCsvFormat, .file = file, .diagnostics = diagnostics};
    for (const CsvDesignation& designation : designations) {
      if (std::optional<model::Entity> entity =
              BuildFcdoEntity(designation.designation(), context)) {
        on_entity(std::move(*entity));
      }
    }
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewUkFcdoXmlParser() { return std::make_unique<UkFcdoXmlParser>(); }
std::unique_ptr<ListParser> NewUkFcdoCsvParser() { return std::make_unique<UkFcdoCsvParser>(); }

}  // namespace cordon::ingest::internal
