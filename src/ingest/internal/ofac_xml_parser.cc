#include "ingest/internal/ofac_xml_parser.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/ofac_common.h"
#include "ingest/internal/ofac_xml_id_types.h"
#include "ingest/internal/values.h"
#include "ingest/internal/xml_document.h"
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

constexpr std::string_view kFormat = "ofac-sdn-xml";

// ---------------------------------------------------------------------------------------------
// Values.

// ISO "YYYY-MM-DD" for a date OFAC wrote as "21 Mar 1971", else the text as written.
std::string DateForNote(std::string_view text) {
  std::optional<PartialDate> date = PartialDate::FromText(text);
  return date ? date->ToIso() : std::string(text);
}

// ---------------------------------------------------------------------------------------------
// Entries.

struct Context {
  std::string file;
  std::string_view source;
  const LineIndex* lines = nullptr;
  DiagnosticSink* diagnostics = nullptr;
  std::string list_name;
  // Upper-case primary name ("NAME" for entities, "LAST, First" for persons) -> uid; "" when
  // two entries share the name, so a "Linked To" is never resolved to the wrong one.
  std::unordered_map<std::string, std::string> uid_by_name;
};

void Report(const Context& ctx, Diagnostic::Severity severity, pugi::xml_node node,
            const std::string& record_id, std::string message) {
  ctx.diagnostics->Report(
      {severity, ctx.file, ctx.lines->LineOf(node.offset_debug()), record_id, std::move(message)});
}

std::string NameKey(std::string_view first, std::string_view last) {
  return AsciiUpper(first.empty() ? std::string(last)
                                  : std::string(last) + ", " + std::string(first));
}

Name MakeName(const std::string& first, const std::string& last, NameKind kind, bool person) {
  Name name;
  name.full = first.empty() ? last : last.empty() ? first : first + " " + last;
  name.kind = kind;
  if (person) {
    name.given = first;
    name.family = last;
  }
  return name;
}

class EntryReader {
 public:
  EntryReader(const Context& ctx, pugi::xml_node entry, std::string uid)
      : ctx_(ctx), entry_(entry), uid_(std::move(uid)) {}

  // REQUIRES: the entry has a uid and a name (checked by the caller).
  Entity Read() {
    SetProvenance(entity_, ctx_.source, uid_, kFormat);
    const std::string type = ChildText(entry_, "sdnType");
    ReadSchema(type);
    const bool person = entity_.schema == Schema::kPerson;
    model::AddName(entity_, MakeName(ChildText(entry_, "firstName"), ChildText(entry_, "lastName"),
                                     NameKind::kPrimary, person));
    const std::string titles = ChildText(entry_, "title");
    for (std::string_view title : Split(titles, ';')) {
      AddUnique(entity_.titles, std::string(StripWhitespace(title)));
    }
    ForEachChild(Child(entry_, "idList"), "id", [&](pugi::xml_node id) { ReadId(id); });
    ForEachChild(Child(entry_, "akaList"), "aka",
                 [&](pugi::xml_node aka) { ReadAka(aka, person); });
    ForEachChild(Child(entry_, "addressList"), "address",
                 [&](pugi::xml_node address) { ReadAddress(address); });
    ForEachChild(Child(entry_, "nationalityList"), "nationality", [&](pugi::xml_node n) {
      AddCountryText(ChildText(n, "country"), CountryRole::kNationality);
    });
    ForEachChild(Child(entry_, "citizenshipList"), "citizenship", [&](pugi::xml_node n) {
      AddCountryText(ChildText(n, "country"), CountryRole::kCitizenship);
    });
    ForEachChild(Child(entry_, "dateOfBirthList"), "dateOfBirthItem", [&](pugi::xml_node item) {
      AddDate(Child(item, "dateOfBirth"), entity_.birth_dates);
    });
    ForEachChild(Child(entry_, "placeOfBirthList"), "placeOfBirthItem", [&](pugi::xml_node item) {
      AddOfacBirthPlace(entity_, ChildText(item, "placeOfBirth"));
    });
    ReadVesselInfo(Child(entry_, "vesselInfo"));
    ReadRemarks(ChildText(entry_, "remarks"));
    if (entity_.schema == Schema::kOrganization && LooksLikeOfacCompany(entity_)) {
      entity_.schema = Schema::kCompany;
    }
    ReadSanctions();
    return std::move(entity_);
  }

 private:
  void Warn(pugi::xml_node node, std::string message) {
    Report(ctx_, Diagnostic::Severity::kWarning, node, uid_, std::move(message));
  }

  void ReadSchema(const std::string& type) {
    // An Organization is refined to Company at the end (LooksLikeOfacCompany).
    if (std::optional<Schema> schema = OfacEntitySchema(type)) {
      entity_.schema = *schema;
    } else {
      entity_.schema = Schema::kLegalEntity;
      Warn(entry_, "unknown sdnType '" + type + "'; read as LegalEntity");
    }
  }

  // The list's wording is kept only when it cannot be mapped to a code.
  void AddCountryText(const std::string& text, CountryRole role) {
    if (IsOfacNoCountry(text)) return;
    std::string code = OfacXmlCountryCode(text);
    model::AddCountry(entity_, code, role, code.empty() ? text : std::string());
  }

  void AddDate(pugi::xml_node node, std::vector<DateSpec>& dates) {
    const std::string text = Text(node);
    if (text.empty()) return;
    std::optional<DateSpec> spec = ParseOfacXmlDate(text);
    if (!spec) {
      Warn(node, "cannot read date '" + text + "'; kept as text");
      spec = DateSpec{.text = text};
    }
    if (std::find(dates.begin(), dates.end(), *spec) == dates.end()) dates.push_back(*spec);
  }

  void AddLink(LinkKind kind, std::string_view target_name, std::string note) {
    Link link;
    link.kind = kind;
    link.target_name = std::string(target_name);
    link.note = std::move(note);
    auto it = ctx_.uid_by_name.find(AsciiUpper(target_name));
    if (it != ctx_.uid_by_name.end() && it->second != uid_) link.target_id = it->second;
    if (std::find(entity_.links.begin(), entity_.links.end(), link) == entity_.links.end()) {
      entity_.links.push_back(std::move(link));
    }
  }

  void ReadId(pugi::xml_node id) {
    const std::string type = ChildText(id, "idType");
    const std::string value = ChildText(id, "idNumber");
    if (value.empty()) {
      Warn(id, "idList entry '" + type + "' without idNumber; skipped");
      return;
    }
    const OfacIdTypeInfo info = ClassifyOfacIdType(type);
    switch (info.field) {
      case OfacIdField::kIdentifier:
        AddIdentifier(id, info.identifier_type, type, value);
        break;
      case OfacIdField::kSanctionInfo:
        AddUnique(sanction_notes_, type + " " + value);
        break;
      case OfacIdField::kSourceUrl:
        entity_.properties.emplace_back("sourceUrl", value);
        break;
      case OfacIdField::kWebsite:
        AddUnique(entity_.websites, value);
        break;
      case OfacIdField::kEmail:
        AddUnique(entity_.emails, value);
        break;
      case OfacIdField::kPhone:
        AddUnique(entity_.phones, value);
        break;
      case OfacIdField::kGender:
        if (EqualsIgnoreCase(value, "Male") || EqualsIgnoreCase(value, "Female")) {
          entity_.gender = AsciiLower(value);
        } else {
          leftover_remarks_.push_back("Gender: " + value);
        }
        break;
      case OfacIdField::kEstablishedDate:
        AddDate(Child(id, "idNumber"), entity_.incorporation_dates);
        break;
      case OfacIdField::kBirthDate:
        AddDate(Child(id, "idNumber"), entity_.birth_dates);
        break;
      case OfacIdField::kBirthPlace:
        AddOfacBirthPlace(entity_, value);
        break;
      case OfacIdField::kCountry:
        AddCountryText(value, info.country_role);
        break;
      case OfacIdField::kPastFlag:
        if (!IsOfacNoCountry(value)) {
          std::string code = OfacXmlCountryCode(value);
          entity_.properties.emplace_back("pastFlags", code.empty() ? value : code);
        }
        break;
      case OfacIdField::kProperty:
        entity_.properties.emplace_back(std::string(info.property), value);
        break;
      case OfacIdField::kTitle:
        AddUnique(entity_.titles, value);
        break;
      case OfacIdField::kOwner:
        AddLink(LinkKind::kOwnedBy, value, "Vessel Owner");
        break;
    }
  }

  void AddIdentifier(pugi::xml_node id, IdentifierType type, const std::string& label,
                     const std::string& value) {
    const std::string country_text = ChildText(id, "idCountry");
    std::string country = OfacXmlCountryCode(country_text);
    std::vector<std::string> notes;
    if (country.empty() && !IsOfacNoCountry(country_text)) {
      notes.push_back("country: " + country_text);
    }
    if (std::string issued = ChildText(id, "issueDate"); !issued.empty()) {
      notes.push_back("issued " + DateForNote(issued));
    }
    if (std::string expires = ChildText(id, "expirationDate"); !expires.empty()) {
      notes.push_back("expires " + DateForNote(expires));
    }
    Identifier identifier =
        MakeOfacIdentifier(type, label, value, std::move(country), Join(notes, "; "));
    if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), identifier) ==
        entity_.identifiers.end()) {
      entity_.identifiers.push_back(std::move(identifier));
    }
  }

  void ReadAka(pugi::xml_node aka, bool person) {
    const std::string type = ChildText(aka, "type");
    const std::string category = ChildText(aka, "category");
    NameKind kind = NameKind::kStrongAlias;
    if (EqualsIgnoreCase(type, "f.k.a.")) {
      kind = NameKind::kFormerName;
    } else if (EqualsIgnoreCase(category, "weak")) {
      kind = NameKind::kWeakAlias;
    }
    Name name = MakeName(ChildText(aka, "firstName"), ChildText(aka, "lastName"), kind, person);
    if (name.full.empty()) {
      Warn(aka, "aka without a name; skipped");
      return;
    }
    model::AddName(entity_, std::move(name));
  }

  void ReadAddress(pugi::xml_node node) {
    Address address;
    std::vector<std::string> street;
    for (std::string_view part : {"address1", "address2", "address3"}) {
      if (std::string line = ChildText(node, part); !line.empty()) street.push_back(line);
    }
    address.street = Join(street, ", ");
    address.city = ChildText(node, "city");
    address.region = ChildText(node, "stateOrProvince");
    address.postal_code = ChildText(node, "postalCode");
    address.country_text = ChildText(node, "country");
    address.country_code = OfacXmlCountryCode(address.country_text);
    std::vector<std::string> parts;
    for (const std::string* part : {&address.street, &address.city, &address.region,
                                    &address.postal_code, &address.country_text}) {
      if (!part->empty()) parts.push_back(*part);
    }
    if (parts.empty()) return;
    address.full = Join(parts, ", ");
    AddCountryText(address.country_text, CountryRole::kAddressCountry);
    if (std::find(entity_.addresses.begin(), entity_.addresses.end(), address) ==
        entity_.addresses.end()) {
      entity_.addresses.push_back(std::move(address));
    }
  }

  void ReadVesselInfo(pugi::xml_node info) {
    if (!info) return;
    if (std::string call_sign = ChildText(info, "callSign"); !call_sign.empty()) {
      Identifier identifier{
          .type = IdentifierType::kCallSign, .value = call_sign, .label = "Call Sign"};
      if (std::find(entity_.identifiers.begin(), entity_.identifiers.end(), identifier) ==
          entity_.identifiers.end()) {
        entity_.identifiers.push_back(std::move(identifier));
      }
    }
    if (std::string type = ChildText(info, "vesselType"); !type.empty()) {
      entity_.properties.emplace_back("type", type);
    }
    AddCountryText(ChildText(info, "vesselFlag"), CountryRole::kFlag);
    if (std::string owner = ChildText(info, "vesselOwner"); !owner.empty()) {
      AddLink(LinkKind::kOwnedBy, owner, "Vessel Owner");
    }
    if (std::string tonnage = ChildText(info, "tonnage"); !tonnage.empty()) {
      entity_.properties.emplace_back("tonnage", tonnage);
    }
    if (std::string grt = ChildText(info, "grossRegisteredTonnage"); !grt.empty()) {
      entity_.properties.emplace_back("grossRegisteredTonnage", grt);
    }
  }

  // Remarks are "; "-separated; "(Linked To: NAME)" becomes a Link and "Telephone ..." a
  // phone number, the rest stays remarks.
  void ReadRemarks(const std::string& remarks) {
    for (std::string_view segment : SplitOfacXmlRemarks(remarks)) {
      std::string_view inner = segment;
      if (inner.front() == '(' && inner.back() == ')') {
        inner = StripWhitespace(inner.substr(1, inner.size() - 2));
      }
      if (StartsWithIgnoreCase(inner, "Linked To:")) {
        std::string_view target = StripWhitespace(inner.substr(10));
        while (!target.empty() && target.back() == '.') target.remove_suffix(1);
        if (!target.empty()) {
          AddLink(LinkKind::kAssociate, target, "Linked To");
          continue;
        }
      }
      if (std::string_view phone = OfacRemarkPhone(segment); !phone.empty()) {
        AddUnique(entity_.phones, std::string(phone));
      } else {
        leftover_remarks_.emplace_back(segment);
      }
    }
    entity_.remarks = Join(leftover_remarks_, "; ");
  }

  void ReadSanctions() {
    std::vector<std::string> programs;
    ForEachChild(Child(entry_, "programList"), "program",
                 [&](pugi::xml_node program) { AddUnique(programs, Text(program)); });
    if (programs.empty()) {
      Warn(entry_, "no program; sanction recorded without one");
      programs.emplace_back();
    }
    const std::string reason = Join(sanction_notes_, "; ");
    for (std::string& program : programs) {
      model::Sanction sanction;
      sanction.regime = model::Regime::kUs;
      sanction.authority = "OFAC";
      sanction.program = std::move(program);
      sanction.list = ctx_.list_name;
      sanction.reason = reason;
      entity_.sanctions.push_back(std::move(sanction));
    }
  }

  const Context& ctx_;
  pugi::xml_node entry_;
  std::string uid_;
  Entity entity_;
  std::vector<std::string> sanction_notes_;
  std::vector<std::string> leftover_remarks_;
};

class OfacXmlParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    const std::string& file = document.main.name;
    ASSIGN_OR_RETURN(std::unique_ptr<XmlInput> input,
                     LoadXml(document.main, "sdnList", "an OFAC sdnList document", diagnostics));
    const LineIndex& lines = input->lines;
    const pugi::xml_node root = input->root;

    Context ctx;
    ctx.file = file;
    ctx.source = source;
    ctx.lines = &lines;
    ctx.diagnostics = diagnostics;
    ctx.list_name = source == "us_ofac_sdn" ? "SDN" : "Consolidated";

    ListMetadata metadata;
    pugi::xml_node count_node;
    pugi::xml_node info = Child(root, "publshInformation");  // sic: OFAC's spelling
    if (!info) info = Child(root, "publishInformation");
    if (info) {
      const pugi::xml_node date_node = Child(info, "Publish_Date");
      if (const std::string date = Text(date_node); !date.empty()) {
        std::optional<PartialDate> published = PartialDate::FromSlashed(date, /*day_first=*/false);
        if (!published) published = PartialDate::FromIso(date);
        if (published) {
          metadata.published = published->ToIso();
        } else {
          Report(ctx, Diagnostic::Severity::kWarning, date_node, "",
                 "cannot read Publish_Date '" + date + "'");
        }
      }
      count_node = Child(info, "Record_Count");
      if (std::optional<int64_t> count = ParseInt(Text(count_node))) {
        metadata.declared_count = *count;
      }
    }

    // First pass: primary names to uids, to resolve "Linked To" and vessel owners.
    for (pugi::xml_node entry = root.first_child(); entry; entry = entry.next_sibling()) {
      if (entry.type() != pugi::node_element || LocalName(entry.name()) != "sdnEntry") continue;
      std::string uid = ChildText(entry, "uid");
      std::string key = NameKey(ChildText(entry, "firstName"), ChildText(entry, "lastName"));
      if (uid.empty() || key.empty()) continue;
      auto [it, inserted] = ctx.uid_by_name.emplace(std::move(key), uid);
      if (!inserted && it->second != uid) it->second.clear();
    }

    int64_t emitted = 0;
    std::unordered_map<std::string, int64_t> seen_uids;
    for (pugi::xml_node entry = root.first_child(); entry; entry = entry.next_sibling()) {
      if (entry.type() != pugi::node_element || LocalName(entry.name()) != "sdnEntry") continue;
      std::string uid = ChildText(entry, "uid");
      if (uid.empty()) {
        Report(ctx, Diagnostic::Severity::kError, entry, "", "sdnEntry without uid; skipped");
        continue;
      }
      if (ChildText(entry, "lastName").empty() && ChildText(entry, "firstName").empty()) {
        Report(ctx, Diagnostic::Severity::kError, entry, uid,
               "sdnEntry without firstName or lastName; skipped");
        continue;
      }
      const int64_t line = lines.LineOf(entry.offset_debug());
      if (auto [it, inserted] = seen_uids.emplace(uid, line); !inserted) {
        Report(ctx, Diagnostic::Severity::kError, entry, uid,
               "duplicate uid (first at line " + std::to_string(it->second) + "); skipped");
        continue;
      }
      on_entity(EntryReader(ctx, entry, uid).Read());
      ++emitted;
    }

    if (metadata.declared_count >= 0 && metadata.declared_count != emitted) {
      Report(ctx, Diagnostic::Severity::kWarning, count_node, "",
             "Record_Count says " + std::to_string(metadata.declared_count) + " but " +
                 std::to_string(emitted) + " entries were read");
    }
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewOfacXmlParser() { return std::make_unique<OfacXmlParser>(); }

}  // namespace cordon::ingest::internal
