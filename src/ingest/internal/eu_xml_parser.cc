#include "ingest/internal/eu_xml_parser.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/eu_xml_fsf_record.h"
#include "ingest/internal/xml_document.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

constexpr std::string_view kFormat = "eu-fsf-xml";

// An attribute's value with whitespace collapsed; "" when absent.
std::string Attr(pugi::xml_node node, const char* name) {
  return CollapseWhitespace(node.attribute(name).value());
}

// The texts of the <remark> children, joined.
std::string Remarks(pugi::xml_node node) {
  std::vector<std::string> remarks;
  ForEachChild(node, "remark", [&](pugi::xml_node remark) {
    AddUnique(remarks, CollapseWhitespace(remark.child_value()));
  });
  return Join(remarks, "; ");
}

// ---------------------------------------------------------------------------------------------
// <sanctionEntity> to eu_fsf::Record.

class EntityReader {
 public:
  EntityReader(const LineIndex& lines, pugi::xml_node entity) : lines_(lines), entity_(entity) {}

  eu_fsf::Record Read() {
    eu_fsf::Record record;
    record.logical_id = Attr(entity_, "logicalId");
    record.eu_reference = Attr(entity_, "euReferenceNumber");
    record.un_id = Attr(entity_, "unitedNationId");
    record.designation_date = Attr(entity_, "designationDate");
    record.designation_details = Attr(entity_, "designationDetails");
    record.delisting_date = Attr(entity_, "delistingDate");
    record.line = Line(entity_);
    ForEachChild(entity_, "remark", [&](pugi::xml_node remark) {
      AddUnique(record.remarks, CollapseWhitespace(remark.child_value()));
    });
    ForEachChild(entity_, "additionalInformation", [&](pugi::xml_node info) {
      AddUnique(record.remarks, eu_fsf::JoinNonEmpty({Attr(info, "key"), Attr(info, "value"),
                                                      CollapseWhitespace(info.child_value())},
                                                     ": "));
    });
    ForEachChild(entity_, "subjectType", [&](pugi::xml_node type) {
      if (record.subject_type.empty()) record.subject_type = Attr(type, "code");
      if (record.subject_type.empty()) record.subject_type = Attr(type, "classificationCode");
    });
    ForEachChild(entity_, "regulation", [&](pugi::xml_node node) {
      eu_fsf::Regulation regulation;
      regulation.type = Attr(node, "regulationType");
      regulation.publication_date = Attr(node, "publicationDate");
      regulation.number_title = Attr(node, "numberTitle");
      regulation.programme = Attr(node, "programme");
      regulation.url = CollapseWhitespace(node.child_value("publicationUrl"));
      if (regulation.url.empty()) regulation.url = Attr(node, "publicationUrl");
      regulation.line = Line(node);
      record.regulations.push_back(std::move(regulation));
    });
    ForEachChild(entity_, "nameAlias", [&](pugi::xml_node node) {
      ReadPartRegulations(node, record);
      eu_fsf::NameAlias alias;
      alias.first = Attr(node, "firstName");
      alias.middle = Attr(node, "middleName");
      alias.last = Attr(node, "lastName");
      alias.whole = Attr(node, "wholeName");
      alias.function = Attr(node, "function");
      alias.gender = Attr(node, "gender");
      alias.title = Attr(node, "title");
      alias.language = Attr(node, "nameLanguage");
      alias.remark = Remarks(node);
      const std::string strong = Attr(node, "strong");
      alias.strong = strong.empty() || eu_fsf::IsTrue(strong);
      alias.line = Line(node);
      record.names.push_back(std::move(alias));
    });
    ForEachChild(entity_, "citizenship", [&](pugi::xml_node node) {
      ReadPartRegulations(node, record);
      record.citizenships.push_back({.country_iso2 = Attr(node, "countryIso2Code"),
                                     .country_description = Attr(node, "countryDescription"),
                                     .region = Attr(node, "region"),
                                     .remark = Remarks(node),
                                     .line = Line(node)});
    });
    ForEachChild(entity_, "birthdate", [&](pugi::xml_node node) {
      ReadPartRegulations(node, record);
      eu_fsf::BirthDatePart part;
      part.date = Attr(node, "birthdate");
      part.day = Attr(node, "dayOfMonth");
      part.month = Attr(node, "monthOfYear");
      part.year = Attr(node, "year");
      part.year_from = Attr(node, "yearRangeFrom");
      part.year_to = Attr(node, "yearRangeTo");
      part.calendar = Attr(node, "calendarType");
      part.circa = eu_fsf::IsTrue(Attr(node, "circa"));
      part.city = Attr(node, "city");
      part.region = Attr(node, "region");
      part.place = Attr(node, "place");
      part.country_iso2 = Attr(node, "countryIso2Code");
      part.country_description = Attr(node, "countryDescription");
      part.remark = Remarks(node);
      part.line = Line(node);
      record.birth_dates.push_back(std::move(part));
    });
    ForEachChild(entity_, "address", [&](pugi::xml_node node) {
      ReadPartRegulations(node, record);
      eu_fsf::AddressPart part;
      part.street = Attr(node, "street");
      part.po_box = Attr(node, "poBox");
      part.city = Attr(node, "city");
      part.zip_code = Attr(node, "zipCode");
      part.region = Attr(node, "region");
      part.place = Attr(node, "place");
      part.as_at_listing_time = eu_fsf::IsTrue(Attr(node, "asAtListingTime"));
      part.country_iso2 = Attr(node, "countryIso2Code");
      part.country_description = Attr(node, "countryDescription");
      part.remark = Remarks(node);
      ForEachChild(node, "contactInfo", [&](pugi::xml_node contact) {
        part.contacts.push_back({Attr(contact, "key"), Attr(contact, "value")});
      });
      part.line = Line(node);
      record.addresses.push_back(std::move(part));
    });
    ForEachChild(entity_, "identification", [&](pugi::xml_node node) {
      ReadPartRegulations(node, record);
      eu_fsf::IdentificationPart part;
      part.number = Attr(node, "number");
      part.latin_number = Attr(node, "latinNumber");
      part.type_code = Attr(node, "identificationTypeCode");
      part.type_description = Attr(node, "identificationTypeDescription");
      part.country_iso2 = Attr(node, "countryIso2Code");
      part.country_description = Attr(node, "countryDescription");
      part.region = Attr(node, "region");
      part.issued_by = Attr(node, "issuedBy");
      // The schema names it issueDate; the CSV export calls the column IssuedDate.
      part.issue_date = Attr(node, "issueDate");
      if (part.issue_date.empty()) part.issue_date = Attr(node, "issuedDate");
      part.valid_from = Attr(node, "validFrom");
      part.valid_to = Attr(node, "validTo");
      part.name_on_document = Attr(node, "nameOnDocument");
      part.diplomatic = eu_fsf::IsTrue(Attr(node, "diplomatic"));
      part.known_expired = eu_fsf::IsTrue(Attr(node, "knownExpired"));
      part.known_false = eu_fsf::IsTrue(Attr(node, "knownFalse"));
      part.reported_lost = eu_fsf::IsTrue(Attr(node, "reportedLost"));
      part.revoked_by_issuer = eu_fsf::IsTrue(Attr(node, "revokedByIssuer"));
      part.remark = Remarks(node);
      part.line = Line(node);
      record.identifications.push_back(std::move(part));
    });
    return record;
  }

 private:
  int64_t Line(pugi::xml_node node) const { return lines_.LineOf(node.offset_debug()); }

  // The <regulationSummary> of a part: when that part was added.
  void ReadPartRegulations(pugi::xml_node part, eu_fsf::Record& record) const {
    ForEachChild(part, "regulationSummary", [&](pugi::xml_node summary) {
      eu_fsf::PartRegulation regulation{Attr(summary, "publicationDate"), "", Line(summary)};
      if (regulation.publication_date.empty()) return;
      AddDistinct(record.part_regulations, std::move(regulation));
    });
  }

  const LineIndex& lines_;
  pugi::xml_node entity_;
};

class EuXmlParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    ASSIGN_OR_RETURN(std::unique_ptr<XmlInput> input,
                     LoadXml(document.main, "export", "an EU FSF export document", diagnostics));
    const LineIndex& lines = input->lines;
    const pugi::xml_node root = input->root;

    auto report = [&](Diagnostic::Severity severity, int64_t line, std::string record_id,
                      std::string message) {
      diagnostics->Report({severity, file, line, std::move(record_id), std::move(message)});
    };

    ListMetadata metadata;
    const std::string generated = Attr(root, "generationDate");
    if (!generated.empty()) {
      if (eu_fsf::ParseDate(generated)) {
        metadata.published = generated;
      } else {
        report(Diagnostic::Severity::kWarning, lines.LineOf(root.offset_debug()), "",
               "cannot read generationDate '" + generated + "'");
      }
    }

    std::unordered_map<std::string, int64_t> seen;
    ForEachChild(root, "sanctionEntity", [&](pugi::xml_node node) {
      eu_fsf::Record record = EntityReader(lines, node).Read();
      if (record.logical_id.empty()) {
        report(Diagnostic::Severity::kError, record.line, record.eu_reference,
               "sanctionEntity without logicalId; skipped");
        return;
      }
      if (!eu_fsf::HasName(record)) {
        report(Diagnostic::Severity::kError, record.line, record.logical_id,
               "sanctionEntity without a name; skipped");
        return;
      }
      if (auto [it, inserted] = seen.emplace(record.logical_id, record.line); !inserted) {
        report(Diagnostic::Severity::kError, record.line, record.logical_id,
               "duplicate logicalId (first at line " + std::to_string(it->second) + "); skipped");
        return;
      }
      const eu_fsf::WarnFn warn = [&](int64_t line, std::string message) {
        report(Diagnostic::Severity::kWarning, line, record.logical_id, std::move(message));
      };
      on_entity(eu_fsf::BuildEntity(record, source, kFormat, warn));
    });
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewEuXmlParser() { return std::make_unique<EuXmlParser>(); }

}  // namespace cordon::ingest::internal
