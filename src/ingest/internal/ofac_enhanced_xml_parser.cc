#include "ingest/internal/ofac_enhanced_xml_parser.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "ingest/internal/ofac_common.h"
#include "ingest/internal/ofac_xml_id_types.h"
#include "ingest/internal/values.h"
#include "ingest/internal/xml_document.h"

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

constexpr std::string_view kFormat = "ofac-enhanced-xml";

// ---------------------------------------------------------------------------------------------
// Values. Dates, countries, remarks and the company test are read as the legacy sdn.xml parser
// reads them (ofac_common.h), so that a record read from either format comes out the same.

// ISO 15924 code for OFAC's script names, as the Name::lang script hint; "" when unknown.
std::string ScriptCode(std::string_view script) {
  static constexpr std::pair<std::string_view, std::string_view> kScripts[] = {
      {"Cyrillic", "Cyrl"},
      {"Chinese Simplified", "Hans"},
      {"Chinese Traditional", "Hant"},
      {"Arabic", "Arab"},
      {"Hebrew", "Hebr"},
      {"Greek", "Grek"},
      {"Georgian", "Geor"},
      {"Armenian", "Armn"},
      {"Korean", "Kore"},
      {"Hangul", "Hang"},
      {"Japanese", "Jpan"},
      {"Chinese Commercial Code", ""},
  };
  for (const auto& [name, code] : kScripts) {
    if (EqualsIgnoreCase(script, name)) return std::string(code);
  }
  return "";
}

// "Sectoral Sanctions Identifications List" -> "SSI": the short names OFAC uses in its
// program tags and in the legacy files. Unknown lists keep their name without " List".
std::string ShortListName(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kLists[] = {
      {"SDN List", "SDN"},
      {"Consolidated List", "Consolidated"},
      {"Sectoral Sanctions Identifications List", "SSI"},
      {"Non-SDN Palestinian Legislative Council List", "NS-PLC"},
      {"Non-SDN Menu-Based Sanctions List", "NS-MBS"},
      {"Non-SDN CMIC List", "CMIC"},
      {"Foreign Sanctions Evaders List", "FSE"},
      {"FSE List", "FSE"},
      {"CAPTA List", "CAPTA"},
      {"Non-SDN Iranian Sanctions Act List", "NS-ISA"},
  };
  for (const auto& [full, code] : kLists) {
    if (EqualsIgnoreCase(name, full)) return std::string(code);
  }
  if (name.ends_with(" List")) name.remove_suffix(5);
  return std::string(name);
}

struct RelationshipRule {
  std::string_view type;
  LinkKind kind;
  std::string_view interest;  // Link::interest
};

// OFAC's RELATIONSHIP TYPE reference values. The legacy files flatten all of them into
// "(Linked To: NAME)", read there as kAssociate; here the ownership and family ones keep theirs.
constexpr RelationshipRule kRelationships[] = {
    {"Owned or Controlled By", LinkKind::kControlledBy, ""},
    {"Owns, controls, or operates", LinkKind::kOwns, "control"},
    {"Family member of", LinkKind::kFamily, ""},
    {"Leader or official of", LinkKind::kDirector, ""},
    {"Principal Executive Officer", LinkKind::kDirector, ""},
    {"Associate Of", LinkKind::kAssociate, ""},
    {"Acting for or on behalf of", LinkKind::kAssociate, ""},
    {"Providing support to", LinkKind::kAssociate, ""},
    {"playing a significant role in", LinkKind::kAssociate, ""},
    {"Property in the interest of", LinkKind::kAssociate, ""},
};

// ---------------------------------------------------------------------------------------------
// Entities.

struct ReferenceValue {
  std::string type;   // "COUNTRY", "PROGRAM", ...
  std::string value;  // "Russia"
  std::string iso;    // "RU" for countries
};

struct Context {
  std::string file;
  std::string_view source;
  const LineIndex* lines = nullptr;
  DiagnosticSink* diagnostics = nullptr;
  std::string list_name;  // "SDN" for us_ofac_sdn, else "Consolidated" (as the legacy)
  std::string own_list;   // the membership that list_name stands for: "SDN List", ...
  std::unordered_map<std::string, ReferenceValue> refs;  // by refId
  std::unordered_set<std::string> entity_ids;            // every id in the document
  // Upper-case primary name -> id; "" when two entities share it (vessel owners by name).
  std::unordered_map<std::string, std::string> id_by_name;
};

void Report(const Context& ctx, Diagnostic::Severity severity, pugi::xml_node node,
            const std::string& record_id, std::string message) {
  ctx.diagnostics->Report(
      {severity, ctx.file, ctx.lines->LineOf(node.offset_debug()), record_id, std::move(message)});
}

// The primary Latin name as the document writes it ("HANIYA, Ismail Abdul Salah"), or "".
std::string PrimaryName(pugi::xml_node entity) {
  std::string found;
  ForEachChild(Child(entity, "names"), "name", [&](pugi::xml_node name) {
    if (!found.empty() || ChildText(name, "isPrimary") != "true") return;
    ForEachChild(Child(name, "translations"), "translation", [&](pugi::xml_node translation) {
      if (found.empty()) found = ChildText(translation, "formattedFullName");
    });
  });
  return found;
}

class EntityReader {
 public:
  EntityReader(const Context& ctx, pugi::xml_node node, std::string id)
      : ctx_(ctx), node_(node), id_(std::move(id)) {}

  // REQUIRES: the entity has an id (checked by the caller). Returns nullopt when it has no name.
  std::optional<Entity> Read() {
    SetProvenance(entity_, ctx_.source, id_, kFormat);
    const pugi::xml_node general = Child(node_, "generalInfo");
    ReadSchema(Child(general, "entityType"));
    ReadNames(entity_.schema == Schema::kPerson);
    if (entity_.names.empty()) return std::nullopt;
    ForEachChild(Child(node_, "addresses"), "address",
                 [&](pugi::xml_node address) { ReadAddress(address); });
    ForEachChild(Child(node_, "features"), "feature",
                 [&](pugi::xml_node feature) { ReadFeature(feature); });
    ForEachChild(Child(node_, "identityDocuments"), "identityDocument",
                 [&](pugi::xml_node document) { ReadDocument(document); });
    ForEachChild(Child(node_, "relationships"), "relationship",
                 [&](pugi::xml_node relationship) { ReadRelationship(relationship); });
    ReadRemarks(ChildText(general, "remarks"));
    if (entity_.schema == Schema::kOrganization && LooksLikeOfacCompany(entity_)) {
      entity_.schema = Schema::kCompany;
    }
    ReadSanctions();
    return std::move(entity_);
  }

 private:
  void Warn(pugi::xml_node node, std::string message) {
    Report(ctx_, Diagnostic::Severity::kWarning, node, id_, std::move(message));
  }

  // ISO code of a node with a refId into the COUNTRY reference values, else of its text.
  std::string CountryOf(pugi::xml_node node, const std::string& ref_id) const {
    if (!ref_id.empty()) {
      auto it = ctx_.refs.find(ref_id);
      if (it != ctx_.refs.end() && !it->second.iso.empty()) return it->second.iso;
    }
    return OfacXmlCountryCode(Text(node));
  }

  void ReadSchema(pugi::xml_node type_node) {
    const std::string type = Text(type_node);
    // An Organization is refined to Company at the end (LooksLikeOfacCompany).
    if (std::optional<Schema> schema = OfacEntitySchema(type)) {
      entity_.schema = *schema;
    } else {
      entity_.schema = Schema::kLegalEntity;
      Warn(type_node ? type_node : node_, "unknown entityType '" + type + "'; read as LegalEntity");
    }
  }

  // The list's wording is kept only when it cannot be mapped to a code.
  void AddCountry(std::string code, const std::string& text, CountryRole role) {
    if (code.empty() && IsOfacNoCountry(text)) return;
    model::AddCountry(entity_, code, role, code.empty() ? text : std::string());
  }

  // ---- Names.

  void ReadNames(bool person) {
    // The primary name first, so that names[0] is it.
    for (const bool primary : {true, false}) {
      ForEachChild(Child(node_, "names"), "name", [&](pugi::xml_node name) {
        if ((ChildText(name, "isPrimary") == "true") == primary) ReadName(name, person);
      });
    }
    if (!entity_.names.empty() && entity_.names.front().kind != NameKind::kPrimary) {
      Warn(node_, "no primary name; '" + entity_.names.front().full + "' used as the caption");
    }
  }

  void ReadName(pugi::xml_node node, bool person) {
    NameKind kind = NameKind::kPrimary;
    if (ChildText(node, "isPrimary") != "true") {
      const std::string alias_type = ChildText(node, "aliasType");
      kind = NameKind::kStrongAlias;  // A.K.A. and N.K.A. (now known as)
      if (EqualsIgnoreCase(alias_type, "F.K.A.")) {
        kind = NameKind::kFormerName;
      } else if (ChildText(node, "isLowQuality") == "true") {
        kind = NameKind::kWeakAlias;
      } else if (!alias_type.empty() && !EqualsIgnoreCase(alias_type, "A.K.A.") &&
                 !EqualsIgnoreCase(alias_type, "N.K.A.")) {
        Warn(node, "unknown aliasType '" + alias_type + "'; read as a.k.a.");
      }
    }
    // A name with no Latin translation keeps its kind on the first one, so that an entity
    // written only in another script still has a primary name.
    bool has_latin = false;
    ForEachChild(Child(node, "translations"), "translation", [&](pugi::xml_node translation) {
      has_latin |= IsLatin(ChildText(translation, "script"));
    });
    bool first = true;
    ForEachChild(Child(node, "translations"), "translation", [&](pugi::xml_node translation) {
      const std::string script = ChildText(translation, "script");
      const bool original_script = !IsLatin(script) && (has_latin || !first);
      first = false;
      Name name = MakeName(translation, person);
      if (name.full.empty()) {
        Warn(translation, "name translation without text; skipped");
        return;
      }
      name.kind = original_script ? NameKind::kOriginalScript : kind;
      if (!IsLatin(script)) name.lang = ScriptCode(script);
      model::AddName(entity_, std::move(name));
    });
  }

  static bool IsLatin(std::string_view script) {
    return script.empty() || EqualsIgnoreCase(script, "Latin");
  }

  // formattedFullName as written ("HANIYA, Ismail Abdul Salah", the legacy CSV form); for
  // persons the parts from formattedFirstName / formattedLastName and the nameParts.
  static Name MakeName(pugi::xml_node translation, bool person) {
    Name name;
    name.full = ChildText(translation, "formattedFullName");
    std::vector<std::string> parts;
    ForEachChild(Child(translation, "nameParts"), "namePart", [&](pugi::xml_node part) {
      const std::string type = ChildText(part, "type");
      std::string value = ChildText(part, "value");
      if (person && EqualsIgnoreCase(type, "Middle Name")) name.middle = value;
      if (person && EqualsIgnoreCase(type, "Patronymic")) name.patronymic = value;
      AddUnique(parts, std::move(value));
    });
    if (name.full.empty()) name.full = Join(parts, " ");
    if (person) {
      name.given = ChildText(translation, "formattedFirstName");
      name.family = ChildText(translation, "formattedLastName");
    }
    return name;
  }

  // ---- Addresses.

  void ReadAddress(pugi::xml_node node) {
    Address address;
    const pugi::xml_node country = Child(node, "country");
    address.country_text = Text(country);
    address.country_code = CountryOf(country, country.attribute("refId").value());
    // The primary translation gives the fields; any other (an address in Cyrillic) the note.
    pugi::xml_node main;
    std::vector<pugi::xml_node> others;
    ForEachChild(Child(node, "translations"), "translation", [&](pugi::xml_node translation) {
      if (!main && ChildText(translation, "isPrimary") == "true") {
        main = translation;
      } else {
        others.push_back(translation);
      }
    });
    if (!main && !others.empty()) {
      main = others.front();
      others.erase(others.begin());
    }
    std::vector<std::string> street, region, extra;
    ForEachChild(Child(main, "addressParts"), "addressPart", [&](pugi::xml_node part) {
      const std::string type = ChildText(part, "type");
      std::string value = ChildText(part, "value");
      if (value.empty()) return;
      if (StartsWithIgnoreCase(type, "ADDRESS")) {
        street.push_back(std::move(value));
      } else if (EqualsIgnoreCase(type, "CITY")) {
        address.city = std::move(value);
      } else if (EqualsIgnoreCase(type, "STATE/PROVINCE") || EqualsIgnoreCase(type, "REGION")) {
        AddUnique(region, std::move(value));
      } else if (EqualsIgnoreCase(type, "POSTAL CODE")) {
        address.postal_code = std::move(value);
      } else {
        extra.push_back(type + ": " + value);
      }
    });
    address.street = Join(street, ", ");
    address.region = Join(region, ", ");
    std::vector<std::string> notes = std::move(extra);
    for (pugi::xml_node translation : others) {
      std::vector<std::string> values;
      ForEachChild(Child(translation, "addressParts"), "addressPart",
                   [&](pugi::xml_node part) { AddUnique(values, ChildText(part, "value")); });
      if (values.empty()) continue;
      const std::string script = ChildText(translation, "script");
      notes.push_back((script.empty() ? std::string() : script + ": ") + Join(values, ", "));
    }
    address.note = Join(notes, "; ");
    std::vector<std::string> parts;
    for (const std::string* part : {&address.street, &address.city, &address.region,
                                    &address.postal_code, &address.country_text}) {
      if (!part->empty() && !IsOfacNoCountry(*part)) parts.push_back(*part);
    }
    if (parts.empty()) return;
    address.full = Join(parts, ", ");
    AddCountry(address.country_code, address.country_text, CountryRole::kAddressCountry);
    AddDistinct(entity_.addresses, std::move(address));
  }

  // ---- Features and identity documents: sorted by type as the legacy idList is.

  void AddDate(pugi::xml_node feature, std::vector<DateSpec>& dates) {
    const std::string text = ChildText(feature, "value");
    const pugi::xml_node value_date = Child(feature, "valueDate");
    std::optional<DateSpec> spec = ParseOfacXmlDate(text);
    if (!spec && value_date) {
      // The structured form: fromDateBegin, and toDateEnd for a range.
      std::optional<PartialDate> from =
          PartialDate::FromIso(ChildText(value_date, "fromDateBegin"));
      if (from) {
        spec = DateSpec{.date = *from};
        if (ChildText(value_date, "isDateRange") == "true") {
          if (auto until = PartialDate::FromIso(ChildText(value_date, "toDateEnd"))) {
            spec->until = *until;
          }
        }
      }
    }
    if (!spec) {
      if (text.empty()) {
        Warn(feature, "date feature without a value; skipped");
        return;
      }
      Warn(feature, "cannot read date '" + text + "'; kept as text");
      spec = DateSpec{.text = text};
    }
    if (ChildText(value_date, "isApproximate") == "true") spec->approximate = true;
    AddDistinct(dates, *spec);
  }

  void AddIdentifier(IdentifierType type, const std::string& label, const std::string& value,
                     const std::string& country, const std::vector<std::string>& notes) {
    AddDistinct(entity_.identifiers,
                MakeOfacIdentifier(type, label, value, country, Join(notes, "; ")));
  }

  // One typed value (a feature, or a document whose type is not an identifier's).
  // `value_ref` is the feature's valueRefId (a country for COUNTRY features).
  void ApplyTyped(pugi::xml_node node, const std::string& type, const std::string& value,
                  const std::string& value_ref, const std::string& id_country,
                  const std::vector<std::string>& id_notes) {
    const OfacIdTypeInfo info = ClassifyOfacIdType(type);
    switch (info.field) {
      case OfacIdField::kIdentifier:
        AddIdentifier(info.identifier_type, type, value, id_country, id_notes);
        return;
      case OfacIdField::kSanctionInfo:
        AddUnique(sanction_notes_, type + " " + value);
        break;
      case OfacIdField::kSourceUrl:
        AddDistinct(entity_.properties, std::pair<std::string, std::string>("sourceUrl", value));
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
        AddDate(node, entity_.incorporation_dates);
        break;
      case OfacIdField::kBirthDate:
        AddDate(node, entity_.birth_dates);
        break;
      case OfacIdField::kBirthPlace:
        AddOfacBirthPlace(entity_, value);
        break;
      case OfacIdField::kCountry:
        AddCountry(CountryOf(Child(node, "value"), value_ref), value, info.country_role);
        break;
      case OfacIdField::kPastFlag:
        if (!IsOfacNoCountry(value)) {
          std::string code = CountryOf(Child(node, "value"), value_ref);
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
        AddLinkByName(LinkKind::kOwnedBy, value, "Vessel Owner");
        break;
    }
    // A comment on a fact that is not an identifier has nowhere else to go.
    for (const std::string& note : id_notes)
      leftover_remarks_.push_back(type + " " + value + ": " + note);
  }

  void ReadFeature(pugi::xml_node feature) {
    const std::string type = ChildText(feature, "type");
    const std::string value = ChildText(feature, "value");
    if (value.empty() && !Child(feature, "valueDate")) {
      Warn(feature, "feature '" + type + "' without a value; skipped");
      return;
    }
    std::vector<std::string> notes;
    if (std::string comment = ChildText(feature, "comments"); !comment.empty()) {
      notes.push_back(std::move(comment));
    }
    ApplyTyped(feature, type, value, ChildText(feature, "valueRefId"), /*id_country=*/"", notes);
  }

  void ReadDocument(pugi::xml_node document) {
    const std::string type = ChildText(document, "type");
    const std::string number = ChildText(document, "documentNumber");
    if (number.empty()) {
      Warn(document, "identityDocument '" + type + "' without documentNumber; skipped");
      return;
    }
    const pugi::xml_node country_node = Child(document, "issuingCountry");
    const std::string country_text = Text(country_node);
    const std::string country = CountryOf(country_node, country_node.attribute("refId").value());
    std::vector<std::string> notes;
    if (country.empty() && !IsOfacNoCountry(country_text))
      notes.push_back("country: " + country_text);
    for (pugi::xml_node child = document.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = LocalName(child.name());
      const std::string text = Text(child);
      if (name == "type" || name == "name" || name == "documentNumber" ||
          name == "issuingCountry" || text.empty()) {
        continue;
      }
      if (name == "isValid") {
        if (text == "false") notes.emplace_back("not valid");
      } else if (name == "issuingAuthority") {
        notes.push_back("issued by " + text);
      } else if (name == "issuingLocation") {
        notes.push_back("issued in " + text);
      } else {
        // Issue and expiry dates and whatever else a document states, under its own name.
        std::optional<PartialDate> date = PartialDate::FromIso(text);
        notes.push_back(std::string(name) + " " + (date ? date->ToIso() : text));
      }
    }
    ApplyTyped(document, type, number, /*value_ref=*/"", country, notes);
  }

  // ---- Links.

  void AddLinkByName(LinkKind kind, const std::string& target_name, std::string note) {
    Link link{.kind = kind, .target_name = target_name, .note = std::move(note)};
    auto it = ctx_.id_by_name.find(AsciiUpper(target_name));
    if (it != ctx_.id_by_name.end() && it->second != id_) link.target_id = it->second;
    AddDistinct(entity_.links, std::move(link));
  }

  void ReadRelationship(pugi::xml_node relationship) {
    const std::string type = ChildText(relationship, "type");
    const pugi::xml_node related = Child(relationship, "relatedEntity");
    const std::string target = related.attribute("entityId").value();
    Link link{.target_name = Text(related)};
    if (target.empty() && link.target_name.empty()) {
      Warn(relationship, "relationship without relatedEntity; skipped");
      return;
    }
    const RelationshipRule* rule = nullptr;
    for (const RelationshipRule& r : kRelationships) {
      if (EqualsIgnoreCase(r.type, type)) rule = &r;
    }
    if (rule == nullptr) {
      Warn(relationship, "unknown relationship type '" + type + "'; read as an associate");
      link.kind = LinkKind::kAssociate;
    } else {
      link.kind = rule->kind;
      link.interest = std::string(rule->interest);
    }
    // An id the document does not hold is an entity on another OFAC list: named only, as the
    // legacy parser names a "Linked To" it cannot resolve, so no dangling id enters the graph.
    if (ctx_.entity_ids.contains(target) && target != id_) link.target_id = target;
    link.note = type;
    if (std::string quality = ChildText(relationship, "quality"); !quality.empty()) {
      link.note += "; quality: " + quality;
    }
    AddDistinct(entity_.links, std::move(link));
  }

  // ---- Remarks and sanctions.

  // Remarks are "; "-separated; "Telephone ..." becomes a phone number, the rest stays remarks.
  void ReadRemarks(const std::string& remarks) {
    std::vector<std::string> kept;
    for (std::string_view segment : SplitOfacXmlRemarks(remarks)) {
      if (std::string_view phone = OfacRemarkPhone(segment); !phone.empty()) {
        AddUnique(entity_.phones, std::string(phone));
      } else {
        kept.emplace_back(segment);
      }
    }
    kept.insert(kept.end(), leftover_remarks_.begin(), leftover_remarks_.end());
    entity_.remarks = Join(kept, "; ");
  }

  // One Sanction per programme, on the source's own list (as the legacy parsers), dated by the
  // membership of that list; one more per other sanctionsList membership ("SSI", "SDN", "CMIC"),
  // dated by its datePublished, so that the earliest listing date is where divergence reads it.
  void ReadSanctions() {
    std::vector<std::string> programs, types, authorities;
    ForEachChild(Child(node_, "sanctionsPrograms"), "sanctionsProgram",
                 [&](pugi::xml_node n) { AddUnique(programs, Text(n)); });
    ForEachChild(Child(node_, "sanctionsTypes"), "sanctionsType",
                 [&](pugi::xml_node n) { AddUnique(types, Text(n)); });
    ForEachChild(Child(node_, "legalAuthorities"), "legalAuthority",
                 [&](pugi::xml_node n) { AddUnique(authorities, Text(n)); });
    struct Membership {
      std::string name;
      PartialDate date;
    };
    std::vector<Membership> memberships;
    ForEachChild(Child(node_, "sanctionsLists"), "sanctionsList", [&](pugi::xml_node n) {
      Membership m{.name = Text(n)};
      const std::string published = n.attribute("datePublished").value();
      if (std::optional<PartialDate> date = PartialDate::FromIso(published)) {
        m.date = *date;
      } else if (!published.empty()) {
        Warn(n, "cannot read datePublished '" + published + "'");
      }
      if (!m.name.empty()) memberships.push_back(std::move(m));
    });
    PartialDate own_date;
    for (const Membership& m : memberships) {
      if (EqualsIgnoreCase(m.name, ctx_.own_list)) own_date = m.date;
    }
    if (own_date.empty()) {  // not on the source's own list: its earliest listing
      for (const Membership& m : memberships) {
        if (!m.date.empty() && (own_date.empty() || m.date < own_date)) own_date = m.date;
      }
    }
    std::vector<std::string> reasons;
    if (!types.empty()) reasons.push_back("Sanctions type: " + Join(types, ", "));
    reasons.insert(reasons.end(), sanction_notes_.begin(), sanction_notes_.end());
    const std::string reason = Join(reasons, "; ");
    const std::string reference = Join(authorities, "; ");
    if (programs.empty()) {
      Warn(node_, "no sanctionsProgram; sanction recorded without one");
      programs.emplace_back();
    }
    for (std::string& program : programs) {
      entity_.sanctions.push_back({.regime = model::Regime::kUs,
                                   .authority = "OFAC",
                                   .program = std::move(program),
                                   .list = ctx_.list_name,
                                   .listed_on = own_date,
                                   .reference = reference,
                                   .reason = reason});
    }
    for (const Membership& m : memberships) {
      if (EqualsIgnoreCase(m.name, ctx_.own_list)) continue;
      AddDistinct(entity_.sanctions, model::Sanction{.regime = model::Regime::kUs,
                                                     .authority = "OFAC",
                                                     .list = ShortListName(m.name),
                                                     .listed_on = m.date});
    }
  }

  const Context& ctx_;
  pugi::xml_node node_;
  std::string id_;
  Entity entity_;
  std::vector<std::string> sanction_notes_;
  std::vector<std::string> leftover_remarks_;
};

class OfacEnhancedXmlParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    ASSIGN_OR_RETURN(
        std::unique_ptr<XmlInput> input,
        LoadXml(document.main, "sanctionsData", "an OFAC enhanced XML document", diagnostics));
    const pugi::xml_node root = input->root;

    Context ctx;
    ctx.file = document.main.name;
    ctx.source = source;
    ctx.lines = &input->lines;
    ctx.diagnostics = diagnostics;
    const bool sdn = source == "us_ofac_sdn";
    ctx.list_name = sdn ? "SDN" : "Consolidated";
    ctx.own_list = sdn ? "SDN List" : "Consolidated List";

    ListMetadata metadata;
    const pugi::xml_node as_of = Child(Child(root, "publicationInfo"), "dataAsOf");
    if (const std::string date = Text(as_of); !date.empty()) {
      if (std::optional<PartialDate> published = PartialDate::FromIso(date)) {
        metadata.published = published->ToIso();
      } else {
        Report(ctx, Diagnostic::Severity::kWarning, as_of, "",
               "cannot read dataAsOf '" + date + "'");
      }
    }

    ForEachChild(Child(root, "referenceValues"), "referenceValue", [&](pugi::xml_node ref) {
      ctx.refs[ref.attribute("refId").value()] = {ChildText(ref, "type"), ChildText(ref, "value"),
                                                  ChildText(ref, "isoCode")};
    });

    const pugi::xml_node entities = Child(root, "entities");
    if (!entities) {
      Report(ctx, Diagnostic::Severity::kWarning, root, "", "no <entities> element; no records");
      return metadata;
    }
    // First pass: the ids relationships may point to, and primary names for vessel owners.
    ForEachChild(entities, "entity", [&](pugi::xml_node entity) {
      const std::string id = CollapseWhitespace(entity.attribute("id").value());
      if (id.empty()) return;
      ctx.entity_ids.insert(id);
      if (std::string name = AsciiUpper(PrimaryName(entity)); !name.empty()) {
        auto [it, inserted] = ctx.id_by_name.emplace(std::move(name), id);
        if (!inserted && it->second != id) it->second.clear();
      }
    });

    std::unordered_map<std::string, int64_t> seen;
    ForEachChild(entities, "entity", [&](pugi::xml_node entity) {
      const std::string id = CollapseWhitespace(entity.attribute("id").value());
      if (id.empty()) {
        Report(ctx, Diagnostic::Severity::kError, entity, "", "entity without id; skipped");
        return;
      }
      const int64_t line = input->lines.LineOf(entity.offset_debug());
      if (auto [it, inserted] = seen.emplace(id, line); !inserted) {
        Report(ctx, Diagnostic::Severity::kError, entity, id,
               "duplicate entity id (first at line " + std::to_string(it->second) + "); skipped");
        return;
      }
      std::optional<Entity> read = EntityReader(ctx, entity, id).Read();
      if (!read) {
        Report(ctx, Diagnostic::Severity::kError, entity, id, "entity without a name; skipped");
        return;
      }
      on_entity(std::move(*read));
    });
    return metadata;
  }
};

}  // namespace

std::unique_ptr<ListParser> NewOfacEnhancedXmlParser() {
  return std::make_unique<OfacEnhancedXmlParser>();
}

}  // namespace cordon::ingest::internal
