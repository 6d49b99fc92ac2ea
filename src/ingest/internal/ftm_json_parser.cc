#include "ingest/internal/ftm_json_parser.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "model/entity.h"
#include "model/ftm.h"
#include "text/countries.h"

namespace cordon::ingest::internal {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "ftm-json";

// One FtM entity read from a line.
struct Record {
  int64_t line = 0;
  std::string id;
  std::string schema;
  json entity;  // the FtM entity object
};

std::optional<model::Schema> EmittedSchema(std::string_view schema) {
  if (schema == "Person") return model::Schema::kPerson;
  if (schema == "Organization" || schema == "PublicBody") return model::Schema::kOrganization;
  if (schema == "Company") return model::Schema::kCompany;
  if (schema == "LegalEntity") return model::Schema::kLegalEntity;
  if (schema == "Vessel") return model::Schema::kVessel;
  if (schema == "Airplane" || schema == "Aircraft") return model::Schema::kAircraft;
  return std::nullopt;
}

const json* Member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string StringMember(const json& object, const char* key) {
  const json* value = Member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// The string values of FtM property `name`, trimmed, empty ones left out.
std::vector<std::string_view> Values(const json& entity, std::string_view name) {
  std::vector<std::string_view> out;
  const json* properties = Member(entity, "properties");
  if (properties == nullptr) return out;
  const json* values = Member(*properties, name);
  if (values == nullptr) return out;
  auto add = [&out](const json& value) {
    if (!value.is_string()) return;
    std::string_view text = StripWhitespace(value.get_ref<const std::string&>());
    if (!text.empty()) out.push_back(text);
  };
  if (values->is_array()) {
    for (const json& value : *values) add(value);
  } else {
    add(*values);
  }
  return out;
}

std::string First(const json& entity, const char* name) {
  std::vector<std::string_view> values = Values(entity, name);
  return values.empty() ? std::string() : std::string(values.front());
}

std::string JoinValues(const json& entity, const char* name, std::string_view separator) {
  std::vector<std::string> parts;
  for (std::string_view value : Values(entity, name)) parts.emplace_back(value);
  return Join(parts, separator);
}

// True when most letters of `text` are outside the Latin script (Cyrillic, Arabic, CJK, ...).
bool IsNonLatin(std::string_view text) {
  int latin = 0;
  int other = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    uint32_t cp = lead;
    size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
      cp = lead & 0x07;
    } else if (lead >= 0xE0) {
      length = 3;
      cp = lead & 0x0F;
    } else if (lead >= 0xC0) {
      length = 2;
      cp = lead & 0x1F;
    }
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
      ++latin;
    } else if (cp >= 0x370 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) &&
               !(cp >= 0xFE00 && cp <= 0xFE6F) && !(cp >= 0xFF00 && cp <= 0xFF20)) {
      ++other;
    }
  }
  return other > latin;
}

bool IsWordBoundary(std::string_view text, size_t pos) {
  if (pos == 0 || pos >= text.size()) return true;
  const char c = text[pos];
  return c == ' ' || c == ',';
}

// Where `part` occurs in `full` as whole words, or npos; exact match first, then ASCII-case-blind.
size_t FindWords(std::string_view full, std::string_view part,
                 const std::vector<std::pair<size_t, size_t>>& taken) {
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t pos = 0; pos + part.size() <= full.size(); ++pos) {
      std::string_view candidate = full.substr(pos, part.size());
      const bool same = pass == 0 ? candidate == part : EqualsIgnoreCase(candidate, part);
      if (!same) continue;
      if (pos > 0 && !IsWordBoundary(full, pos - 1)) continue;
      if (pos + part.size() < full.size() && !IsWordBoundary(full, pos + part.size())) continue;
      bool overlaps = false;
      for (const auto& [begin, end] : taken) {
        overlaps |= pos < end && begin < pos + part.size();
      }
      if (!overlaps) return pos;
    }
  }
  return std::string_view::npos;
}

// Fills the parts of `name` from the entity-level FtM name-part properties that occur in it as
// whole words (FtM gives parts per entity, not per name): family name first, then patronymic,
// middle and given names, each the longest candidate that does not overlap a part already taken.
void AssignNameParts(model::Name& name, const json& entity) {
  struct Part {
    std::string model::Name::*field;
    std::vector<const char*> properties;
  };
  const Part parts[] = {
      {&model::Name::family, {"lastName"}},
      {&model::Name::patronymic, {"fatherName"}},
      {&model::Name::middle, {"middleName", "secondName"}},
      {&model::Name::given, {"firstName"}},
  };
  std::vector<std::pair<size_t, size_t>> taken;
  for (const Part& part : parts) {
    std::vector<std::string_view> candidates;
    for (const char* property : part.properties) {
      for (std::string_view value : Values(entity, property)) candidates.push_back(value);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
    for (std::string_view candidate : candidates) {
      const size_t pos = FindWords(name.full, candidate, taken);
      if (pos == std::string_view::npos) continue;
      name.*part.field = name.full.substr(pos, candidate.size());
      taken.emplace_back(pos, pos + candidate.size());
      break;
    }
  }
}

model::Regime RegimeOf(const json& sanction) {
  for (std::string_view authority : Values(sanction, "authority")) {
    if (authority.find("United Nations") != std::string_view::npos ||
        authority.find("Security Council") != std::string_view::npos) {
      return model::Regime::kUn;
    }
  }
  if (!Values(sanction, "unscId").empty()) return model::Regime::kUn;
  for (std::string_view country : Values(sanction, "country")) {
    if (EqualsIgnoreCase(country, "us")) return model::Regime::kUs;
    if (EqualsIgnoreCase(country, "eu")) return model::Regime::kEu;
    if (EqualsIgnoreCase(country, "gb")) return model::Regime::kUk;
  }
  return model::Regime::kOther;
}

// The earliest (or latest) ISO date among the values of `property`; empty when none parses.
model::PartialDate DateValue(const json& entity, const char* property, bool latest) {
  std::optional<model::PartialDate> best;
  for (std::string_view value : Values(entity, property)) {
    std::optional<model::PartialDate> date = model::PartialDate::FromIso(value);
    if (!date) continue;
    if (!best || (latest ? *best < *date : *date < *best)) best = date;
  }
  return best.value_or(model::PartialDate{});
}

// Relationship wording for a Link note: role, share and period.
std::string RelationNote(const json& relation, const char* wording_property) {
  std::vector<std::string> parts;
  for (std::string_view value : Values(relation, wording_property)) parts.emplace_back(value);
  for (std::string_view value : Values(relation, "percentage")) {
    parts.push_back(std::string(value) + "%");
  }
  for (std::string_view value : Values(relation, "sharesCount")) {
    parts.push_back("shares " + std::string(value));
  }
  for (std::string_view value : Values(relation, "startDate")) {
    parts.push_back("from " + std::string(value));
  }
  for (std::string_view value : Values(relation, "endDate")) {
    parts.push_back("until " + std::string(value));
  }
  return Join(parts, ", ");
}

// How an FtM relation schema becomes Links: `from` gets a `forward` link to `to`, `to` gets a
// `backward` link to `from`. For symmetric kinds the backward note is prefixed "reverse: ",
// because the wording ("son of") is said of `from`.
struct RelationRule {
  std::string_view schema;
  const char* from;
  const char* to;
  model::LinkKind forward;
  model::LinkKind backward;
  const char* wording;
  const char* interest;  // Link::interest for ownership and control relations, else ""
};

constexpr RelationRule kRelationRules[] = {
    {"Ownership", "owner", "asset", model::LinkKind::kOwns, model::LinkKind::kOwnedBy, "role",
     "shares"},
    {"Directorship", "director", "organization", model::LinkKind::kDirector,
     model::LinkKind::kControlledBy, "role", "officer"},
    {"Family", "person", "relative", model::LinkKind::kFamily, model::LinkKind::kFamily,
     "relationship", ""},
    {"Associate", "person", "associate", model::LinkKind::kAssociate, model::LinkKind::kAssociate,
     "relationship", ""},
    {"UnknownLink", "subject", "object", model::LinkKind::kAssociate, model::LinkKind::kAssociate,
     "role", ""},
    {"Representation", "agent", "client", model::LinkKind::kOther, model::LinkKind::kOther, "role",
     ""},
    {"Employment", "employee", "employer", model::LinkKind::kOther, model::LinkKind::kOther, "role",
     ""},
    {"Membership", "member", "organization", model::LinkKind::kOther, model::LinkKind::kOther,
     "role", ""},
};

// Properties read into fields above, or that name other entities; everything else of an entity
// schema is kept in `properties` under its FtM name.
bool IsMappedProperty(std::string_view property) {
  static constexpr std::string_view kMapped[] = {"name",
                                                 "alias",
                                                 "weakAlias",
                                                 "previousName",
                                                 "abbreviation",
                                                 "firstName",
                                                 "middleName",
                                                 "secondName",
                                                 "fatherName",
                                                 "lastName",
                                                 "title",
                                                 "birthDate",
                                                 "birthPlace",
                                                 "gender",
                                                 "position",
                                                 "idNumber",
                                                 "registrationNumber",
                                                 "serialNumber",
                                                 "email",
                                                 "phone",
                                                 "website",
                                                 "notes",
                                                 "summary",
                                                 "description",
                                                 "address",
                                                 "addressEntity",
                                                 "incorporationDate",
                                                 "pastNames"};
  for (std::string_view mapped : kMapped) {
    if (property == mapped) return true;
  }
  if (model::FtmIdentifierType(property, model::Schema::kLegalEntity)) return true;
  for (const model::FtmCountryReading& reading : model::FtmCountryProperties()) {
    if (property == reading.property) return true;
  }
  return false;
}

class FtmJsonParser final : public ListParser {
 public:
  std::string_view format() const override { return kFormat; }

  Result<ListMetadata> Parse(const Document& document, std::string_view source,
                             const EntityCallback& on_entity,
                             DiagnosticSink* diagnostics) override {
    file_ = document.main.name;
    report_ = Reporter(file_, diagnostics);
    records_.clear();
    index_.clear();
    deletes_.clear();
    op_lines_ = plain_lines_ = 0;
    try {
      RETURN_IF_ERROR(ReadLines(document.main.bytes));
      ListMetadata metadata = Metadata();
      // A document of ADD, MOD and DEL ops only (OpenSanctions' entities.delta.json) is a delta
      // the store applies to the source's previous version. A DEL among plain entities is not.
      metadata.delta = op_lines_ > 0 && plain_lines_ == 0;
      for (const auto& [line, id] : deletes_) {
        if (metadata.delta) {
          metadata.deleted.push_back(id);
        } else {
          report_.Report(Diagnostic::Severity::kWarning, line, id,
                         "DEL op in a document of entities: not applied (a delta file holds ops "
                         "only)");
        }
      }
      Emit(source, on_entity);
      return metadata;
    } catch (const json::exception& e) {
      // Accessors above check types before reading; this is a last line of defence.
      return InternalError(file_ + ": JSON access failed: " + e.what());
    }
  }

 private:
  // Pass 1: every line to a Record; indexes ids and referents.
  Status ReadLines(std::string_view input) {
    int64_t line_number = 0;
    int64_t first_line = 0;
    bool any_object = false;
    size_t pos = 0;
    while (pos < input.size()) {
      size_t end = input.find('\n', pos);
      if (end == std::string_view::npos) end = input.size();
      std::string_view line = input.substr(pos, end - pos);
      pos = end + 1;
      ++line_number;
      if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      line = StripWhitespace(line);
      if (line.empty()) continue;
      if (first_line == 0) first_line = line_number;
      json parsed = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) {
        report_.Report(Diagnostic::Severity::kError, line_number, "", "the line is not valid JSON");
        continue;
      }
      if (!parsed.is_object()) {
        report_.Report(Diagnostic::Severity::kError, line_number, "",
                       "the line is not a JSON object");
        continue;
      }
      any_object = true;
      ReadObject(std::move(parsed), line_number);
    }
    if (first_line == 0) return CorruptionError(file_ + ":1: empty document");
    if (!any_object) {
      return CorruptionError(file_ + ":" + std::to_string(first_line) +
                             ": not FtM JSON lines: no line is a JSON object");
    }
    for (size_t record_idx = 0; record_idx < records_.size(); ++record_idx) {
      const json* referents = Member(records_[record_idx].entity, "referents");
      if (referents == nullptr || !referents->is_array()) continue;
      for (const json& referent : *referents) {
        if (referent.is_string()) index_.emplace(referent.get<std::string>(), record_idx);
      }
    }
    return Status::Ok();
  }

  void ReadObject(json object, int64_t line) {
    json entity;
    if (const json* op = Member(object, "op"); op != nullptr) {
      const std::string op_name = op->is_string() ? op->get<std::string>() : "";
      json* inner = object.contains("entity") ? &object["entity"] : nullptr;
      const std::string id = inner != nullptr ? StringMember(*inner, "id") : "";
      ++op_lines_;
      if (op_name == "DEL") {
        if (id.empty()) {
          report_.Report(Diagnostic::Severity::kError, line, "",
                         "DEL op with no entity id; skipped");
        } else {
          deletes_.emplace_back(line, id);
        }
        return;
      }
      if ((op_name != "ADD" && op_name != "MOD") || inner == nullptr || !inner->is_object()) {
        report_.Report(Diagnostic::Severity::kError, line, id,
                       "delta line with op '" + op_name + "' and no entity object; skipped");
        return;
      }
      entity = std::move(*inner);
    } else {
      ++plain_lines_;
      entity = std::move(object);
    }
    Record record{.line = line,
                  .id = StringMember(entity, "id"),
                  .schema = StringMember(entity, "schema"),
                  .entity = std::move(entity)};
    if (record.id.empty() || record.schema.empty()) {
      report_.Report(Diagnostic::Severity::kError, line, record.id,
                     "the entity has no id or no schema; skipped");
      return;
    }
    auto [it, inserted] = index_.emplace(record.id, records_.size());
    if (!inserted) {
      report_.Report(Diagnostic::Severity::kWarning, line, record.id,
                     "the id was already read on line " +
                         std::to_string(records_[it->second].line) + "; this line replaces it");
      records_[it->second] = std::move(record);
      return;
    }
    records_.push_back(std::move(record));
  }

  // The record `reference` names, by id or referent; nullptr when it is not in the document.
  const Record* Resolve(std::string_view reference) const {
    auto it = index_.find(std::string(reference));
    return it == index_.end() ? nullptr : &records_[it->second];
  }

  ListMetadata Metadata() const {
    ListMetadata metadata;
    std::map<std::string, int> dataset_count;
    for (const Record& record : records_) {
      const std::string last_seen = StringMember(record.entity, "last_seen");
      if (last_seen > metadata.published) metadata.published = last_seen;
      const json* datasets = Member(record.entity, "datasets");
      if (datasets == nullptr || !datasets->is_array()) continue;
      for (const json& dataset : *datasets) {
        if (dataset.is_string()) ++dataset_count[dataset.get<std::string>()];
      }
    }
    int best = 0;
    for (const auto& [name, count] : dataset_count) {
      if (count > best) {  // ties: the alphabetically first, as the map is ordered
        best = count;
        metadata.dataset = name;
      }
    }
    return metadata;
  }

  static std::string Caption(const Record& record) {
    std::string caption = CollapseWhitespace(StringMember(record.entity, "caption"));
    if (caption.empty()) caption = CollapseWhitespace(First(record.entity, "name"));
    return caption;
  }

  // Pass 2: entities, then the auxiliary records folded into them, then emission in file order.
  void Emit(std::string_view source, const EntityCallback& on_entity) {
    std::vector<model::Entity> entities;
    entity_by_record_.assign(records_.size(), -1);
    for (size_t record_idx = 0; record_idx < records_.size(); ++record_idx) {
      std::optional<model::Entity> entity = BuildEntity(records_[record_idx], source);
      if (!entity) continue;
      entity_by_record_[record_idx] = static_cast<int>(entities.size());
      entities.push_back(std::move(*entity));
    }
    for (const Record& record : records_) {
      if (record.schema == "Sanction") {
        FoldSanction(record, entities);
      } else if (record.schema == "Passport" || record.schema == "Identification" ||
                 record.schema == "CryptoWallet") {
        FoldIdentification(record, entities);
      } else {
        for (const RelationRule& rule : kRelationRules) {
          if (record.schema == rule.schema) FoldRelation(record, rule, entities);
        }
      }
    }
    for (model::Entity& entity : entities) on_entity(std::move(entity));
  }

  // The emitted entity `reference` names, or nullptr.
  model::Entity* Target(std::string_view reference, std::vector<model::Entity>& entities) const {
    const Record* record = Resolve(reference);
    if (record == nullptr) return nullptr;
    const int idx = entity_by_record_[static_cast<size_t>(record - records_.data())];
    return idx < 0 ? nullptr : &entities[static_cast<size_t>(idx)];
  }

  void AddNameOfKind(model::Entity& entity, const json& ftm, std::string_view value,
                     model::NameKind kind) {
    model::Name name{.full = CollapseWhitespace(value), .kind = kind};
    if (name.full.empty()) return;
    if (entity.schema == model::Schema::kPerson) AssignNameParts(name, ftm);
    for (const model::Name& existing : entity.names) {
      if (existing.full == name.full) return;  // the same text under a second property
    }
    entity.names.push_back(std::move(name));
  }

  model::Address ReadAddress(const json& ftm) {
    model::Address address;
    address.full = CollapseWhitespace(First(ftm, "full"));
    address.street = CollapseWhitespace(JoinValues(ftm, "street", " "));
    if (std::string street2 = First(ftm, "street2"); !street2.empty()) {
      address.street += (address.street.empty() ? "" : ", ") + street2;
    }
    address.city = First(ftm, "city");
    address.postal_code = First(ftm, "postalCode");
    address.region = First(ftm, "region");
    if (address.region.empty()) address.region = First(ftm, "state");
    const std::string country = First(ftm, "country");
    address.country_code = text::CountryCode(country);
    if (address.country_code.empty()) address.country_text = country;
    address.note = JoinValues(ftm, "remarks", "; ");
    if (address.full.empty()) {
      std::vector<std::string> parts;
      for (std::string_view po_box : Values(ftm, "postOfficeBox")) parts.emplace_back(po_box);
      for (const std::string* part : std::initializer_list<const std::string*>{
               &address.street, &address.city, &address.region, &address.postal_code, &country}) {
        if (!part->empty()) parts.push_back(*part);
      }
      address.full = Join(parts, ", ");
    }
    return address;
  }

  void AddAddress(model::Entity& entity, model::Address address) {
    if (address.full.empty()) return;
    for (const model::Address& existing : entity.addresses) {
      if (EqualsIgnoreCase(existing.full, address.full)) return;
    }
    if (!address.country_code.empty()) {
      model::AddCountry(entity, address.country_code, model::CountryRole::kAddressCountry);
    }
    entity.addresses.push_back(std::move(address));
  }

  std::optional<model::Entity> BuildEntity(const Record& record, std::string_view source) {
    std::optional<model::Schema> schema = EmittedSchema(record.schema);
    if (!schema) return std::nullopt;
    const json& ftm = record.entity;
    model::Entity entity;
    SetProvenance(entity, source, record.id, kFormat);
    entity.schema = *schema;

    // Names: the caption is the primary name; then former names; the other `name` values and
    // `alias` are strong aliases, or original-script names when mostly non-Latin; a text
    // already read under an earlier property is not repeated.
    std::string caption = Caption(record);
    if (caption.empty()) {
      std::string first = CollapseWhitespace(First(ftm, "firstName"));
      std::string last = CollapseWhitespace(First(ftm, "lastName"));
      caption = CollapseWhitespace(first + " " + last);
    }
    if (caption.empty()) {
      report_.Report(Diagnostic::Severity::kError, record.line, record.id,
                     "the " + record.schema + " has no name; skipped");
      return std::nullopt;
    }
    AddNameOfKind(entity, ftm, caption, model::NameKind::kPrimary);
    for (const char* property : {"previousName", "pastNames"}) {
      for (std::string_view value : Values(ftm, property)) {
        AddNameOfKind(entity, ftm, value, model::NameKind::kFormerName);
      }
    }
    for (const char* property : {"name", "alias"}) {
      for (std::string_view value : Values(ftm, property)) {
        if (CollapseWhitespace(value) == caption) continue;
        AddNameOfKind(
            entity, ftm, value,
            IsNonLatin(value) ? model::NameKind::kOriginalScript : model::NameKind::kStrongAlias);
      }
    }
    for (const char* property : {"weakAlias", "abbreviation"}) {
      for (std::string_view value : Values(ftm, property)) {
        AddNameOfKind(entity, ftm, value, model::NameKind::kWeakAlias);
      }
    }

    for (std::string_view value : Values(ftm, "birthDate")) {
      model::DateSpec spec;
      if (std::optional<model::PartialDate> date = model::PartialDate::FromIso(value)) {
        spec.date = *date;
      } else {
        spec.text = std::string(value);
      }
      entity.birth_dates.push_back(std::move(spec));
    }
    for (std::string_view value : Values(ftm, "incorporationDate")) {
      model::DateSpec spec;
      if (std::optional<model::PartialDate> date = model::PartialDate::FromIso(value)) {
        spec.date = *date;
      } else {
        spec.text = std::string(value);
      }
      entity.incorporation_dates.push_back(std::move(spec));
    }
    for (std::string_view value : Values(ftm, "birthPlace"))
      entity.birth_places.emplace_back(value);
    for (const model::FtmCountryReading& reading : model::FtmCountryProperties()) {
      for (std::string_view value : Values(ftm, reading.property)) {
        std::string code = text::CountryCode(value);
        model::AddCountry(entity, code, reading.role, code.empty() ? std::string(value) : "");
      }
    }
    entity.gender = First(ftm, "gender");
    for (std::string_view value : Values(ftm, "title")) entity.titles.emplace_back(value);
    for (std::string_view value : Values(ftm, "position")) entity.positions.emplace_back(value);
    for (std::string_view value : Values(ftm, "email")) entity.emails.emplace_back(value);
    for (std::string_view value : Values(ftm, "phone")) entity.phones.emplace_back(value);
    for (std::string_view value : Values(ftm, "website")) entity.websites.emplace_back(value);

    for (std::string_view property : model::FtmIdentifierProperties()) {
      const model::IdentifierType type = *model::FtmIdentifierType(property, entity.schema);
      for (std::string_view value : Values(ftm, property)) {
        entity.identifiers.push_back(
            {.type = type, .value = std::string(value), .label = std::string(property)});
      }
    }

    for (std::string_view reference : Values(ftm, "addressEntity")) {
      // A reference to an Address that is not in the document (a partial export) is normal.
      const Record* address = Resolve(reference);
      if (address != nullptr && address->schema == "Address") {
        AddAddress(entity, ReadAddress(address->entity));
      }
    }
    // Plain address strings last: most repeat the `full` of an Address entity.
    for (std::string_view value : Values(ftm, "address")) {
      AddAddress(entity, {.full = CollapseWhitespace(value)});
    }

    std::vector<std::string> remarks;
    for (const char* property : {"notes", "summary", "description"}) {
      for (std::string_view value : Values(ftm, property)) remarks.emplace_back(value);
    }
    entity.remarks = Join(remarks, "\n");

    // Everything else typed: FtM property name and value, in the order of the JSON object.
    if (const json* properties = Member(ftm, "properties");
        properties != nullptr && properties->is_object()) {
      for (auto it = properties->begin(); it != properties->end(); ++it) {
        if (IsMappedProperty(it.key())) continue;
        for (std::string_view value : Values(ftm, it.key().c_str())) {
          entity.properties.emplace_back(it.key(), std::string(value));
        }
      }
    }
    return entity;
  }

  void FoldSanction(const Record& record, std::vector<model::Entity>& entities) {
    const json& ftm = record.entity;
    model::Sanction sanction;
    sanction.regime = RegimeOf(ftm);
    sanction.authority = JoinValues(ftm, "authority", "; ");
    sanction.program = JoinValues(ftm, "program", "; ");
    if (sanction.program.empty()) sanction.program = JoinValues(ftm, "programId", "; ");
    if (const json* datasets = Member(ftm, "datasets");
        datasets != nullptr && datasets->is_array() && !datasets->empty() &&
        datasets->front().is_string()) {
      sanction.list = datasets->front().get<std::string>();
    }
    sanction.listed_on = DateValue(ftm, "startDate", /*latest=*/false);
    if (sanction.listed_on.empty()) {
      sanction.listed_on = DateValue(ftm, "listingDate", /*latest=*/false);
    }
    sanction.modified_on = DateValue(ftm, "modifiedAt", /*latest=*/true);
    sanction.reference = JoinValues(ftm, "unscId", "; ");
    if (sanction.reference.empty()) sanction.reference = JoinValues(ftm, "authorityId", "; ");
    if (sanction.reference.empty()) sanction.reference = JoinValues(ftm, "recordId", "; ");
    std::vector<std::string> reasons;
    for (const char* property : {"reason", "summary"}) {
      for (std::string_view value : Values(ftm, property)) reasons.emplace_back(value);
    }
    sanction.reason = Join(reasons, "; ");
    for (std::string_view reference : Values(ftm, "entity")) {
      if (model::Entity* target = Target(reference, entities))
        target->sanctions.push_back(sanction);
    }
  }

  void FoldIdentification(const Record& record, std::vector<model::Entity>& entities) {
    const json& ftm = record.entity;
    model::Identifier id;
    if (record.schema == "CryptoWallet") {
      id.type = model::IdentifierType::kCryptoAddress;
      id.value = First(ftm, "publicKey");
      id.label = First(ftm, "currency");
    } else {
      id.value = First(ftm, "number");
      id.label = First(ftm, "type");
      const bool passport =
          record.schema == "Passport" || AsciiLower(id.label).find("passport") != std::string::npos;
      id.type = passport ? model::IdentifierType::kPassport : model::IdentifierType::kNationalId;
      if (id.label.empty()) id.label = record.schema;
      const std::string country = First(ftm, "country");
      id.country = text::CountryCode(country);
      std::vector<std::string> note;
      if (std::string start = First(ftm, "startDate"); !start.empty()) {
        note.push_back("issued " + start);
      }
      if (std::string end = First(ftm, "endDate"); !end.empty()) note.push_back("expires " + end);
      if (std::string authority = First(ftm, "authority"); !authority.empty()) {
        note.push_back(authority);
      }
      id.note = Join(note, ", ");
    }
    // A document without its number (the FCDO lists passports only by holder) adds nothing.
    if (id.value.empty()) return;
    for (std::string_view reference : Values(ftm, "holder")) {
      if (model::Entity* target = Target(reference, entities)) target->identifiers.push_back(id);
    }
  }

  void FoldRelation(const Record& record, const RelationRule& rule,
                    std::vector<model::Entity>& entities) {
    const json& ftm = record.entity;
    const std::string note = RelationNote(ftm, rule.wording);
    std::string share;
    for (std::string_view value : Values(ftm, "percentage")) {
      share = std::string(value);
      break;
    }
    const model::PartialDate start = DateValue(ftm, "startDate", /*latest=*/false);
    const model::PartialDate end = DateValue(ftm, "endDate", /*latest=*/true);
    const bool symmetric = rule.forward == rule.backward;
    for (std::string_view from : Values(ftm, rule.from)) {
      for (std::string_view to : Values(ftm, rule.to)) {
        const Record* from_record = Resolve(from);
        const Record* to_record = Resolve(to);
        if (model::Entity* source_entity = Target(from, entities)) {
          source_entity->links.push_back(
              {.kind = rule.forward,
               .target_id = to_record != nullptr ? to_record->id : std::string(to),
               .target_name = to_record != nullptr ? Caption(*to_record) : "",
               .note = note,
               .share = share,
               .interest = rule.interest,
               .start = start,
               .end = end});
        }
        if (model::Entity* target_entity = Target(to, entities)) {
          target_entity->links.push_back(
              {.kind = rule.backward,
               .target_id = from_record != nullptr ? from_record->id : std::string(from),
               .target_name = from_record != nullptr ? Caption(*from_record) : "",
               .note = symmetric && !note.empty() ? "reverse: " + note : note,
               .share = share,
               .interest = rule.interest,
               .start = start,
               .end = end});
        }
      }
    }
  }

  std::string file_;
  Reporter report_;
  std::vector<Record> records_;
  std::unordered_map<std::string, size_t> index_;         // id or referent -> record
  std::vector<int> entity_by_record_;                     // record -> entity index, -1 if none
  std::vector<std::pair<int64_t, std::string>> deletes_;  // DEL ops: line, record id
  size_t op_lines_ = 0;     // lines with an "op" (ADD, MOD, DEL, or another)
  size_t plain_lines_ = 0;  // lines that are an entity without an op
};

}  // namespace

std::unique_ptr<ListParser> NewFtmJsonParser() { return std::make_unique<FtmJsonParser>(); }

}  // namespace cordon::ingest::internal
