#include "ingest/internal/test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "base/file.h"
#include "model/entity_json.h"
#include "text/encoding.h"

namespace cordon::model {
namespace {
// Prints `field[0]` of the canonical JSON of an entity that holds only `value`.
template <typename T>
void PrintPart(std::vector<T> Entity::*field, const char* key, const T& value, std::ostream* os) {
  Entity holder;
  (holder.*field).push_back(value);
  *os << EntityToJsonValue(holder)[key][0].dump();
}
}  // namespace

void PrintTo(const PartialDate& value, std::ostream* os) { *os << '"' << value.ToIso() << '"'; }
void PrintTo(const DateSpec& value, std::ostream* os) {
  PrintPart(&Entity::birth_dates, "birth_dates", value, os);
}
void PrintTo(const Name& value, std::ostream* os) { PrintPart(&Entity::names, "names", value, os); }
void PrintTo(const Identifier& value, std::ostream* os) {
  PrintPart(&Entity::identifiers, "identifiers", value, os);
}
void PrintTo(const CountryRef& value, std::ostream* os) {
  PrintPart(&Entity::countries, "countries", value, os);
}
void PrintTo(const Address& value, std::ostream* os) {
  PrintPart(&Entity::addresses, "addresses", value, os);
}
void PrintTo(const Sanction& value, std::ostream* os) {
  PrintPart(&Entity::sanctions, "sanctions", value, os);
}
void PrintTo(const Link& value, std::ostream* os) { PrintPart(&Entity::links, "links", value, os); }
void PrintTo(const Entity& value, std::ostream* os) { *os << EntityToJson(value); }
}  // namespace cordon::model

namespace cordon::ingest::internal {

std::string ReadRealList(const std::string& relative_path) {
  const std::string shared = std::string(CORDON_SHARED_DATA) + "/" + relative_path;
  const std::string bundled = std::string(CORDON_BUNDLED_DATA) + "/lists/" + relative_path + ".zst";
  for (const std::string& path : {shared, bundled}) {
    if (!std::filesystem::exists(path)) continue;
    Result<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) {
      ADD_FAILURE() << bytes.status().ToString();
      return "";
    }
    return std::move(bytes).value();
  }
  ADD_FAILURE() << "real list not found: " << shared << " nor " << bundled;
  return "";
}

std::string ReadFixture(const std::string& relative_path) {
  Result<std::string> bytes = ReadFile(std::string(CORDON_TEST_DATA) + "/" + relative_path);
  if (!bytes.ok()) {
    ADD_FAILURE() << bytes.status().ToString();
    return "";
  }
  return std::move(bytes).value();
}

const model::Entity* ParsedList::Find(const std::string& id) const {
  for (const model::Entity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Diagnostic* ParsedList::FindDiagnostic(int64_t line, std::string_view part) const {
  for (const Diagnostic& d : diagnostics.diagnostics()) {
    if (d.line == line && d.message.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

std::vector<std::string> ParsedList::Ids() const {
  std::vector<std::string> ids;
  for (const model::Entity& e : entities) ids.push_back(e.id);
  return ids;
}

std::string ParsedList::DiagnosticsText(size_t max) const {
  std::string out;
  size_t n = 0;
  for (const Diagnostic& d : diagnostics.diagnostics()) {
    if (n++ >= max) {
      out += "...\n";
      break;
    }
    out += d.ToString() + "\n";
  }
  return out;
}

ParsedList ParseDocument(ListParser& parser, std::string_view source, const std::string& main_name,
                         std::string_view main_bytes,
                         const std::vector<std::pair<std::string, std::string_view>>& companions) {
  ParsedList out;
  Document doc;
  doc.main = {main_name, main_bytes};
  for (const auto& [role, bytes] : companions)
    doc.companions.emplace_back(role, InputFile{role, bytes});
  Result<ListMetadata> meta = parser.Parse(
      doc, source, [&](model::Entity&& e) { out.entities.push_back(std::move(e)); },
      &out.diagnostics);
  if (meta.ok()) {
    out.metadata = *meta;
  } else {
    out.status = meta.status();
  }
  return out;
}

std::string CheckEntityInvariants(const ParsedList& list, std::string_view source,
                                  const InvariantOptions& options) {
  std::set<std::string> ids;
  for (const model::Entity& e : list.entities) {
    if (!ids.insert(e.id).second) return "duplicate id " + e.id;
    if (e.provenance.source != source)
      return e.id + ": provenance.source is " + e.provenance.source;
    if (e.id != std::string(source) + ":" + e.provenance.record_id)
      return e.id + ": id != source:record_id";
    if (e.provenance.format.empty()) return e.id + ": no provenance.format";
    if (e.names.empty() && !options.allow_nameless) return e.id + ": no name";
    for (const model::Name& n : e.names) {
      if (!text::IsValidUtf8(n.full)) return e.id + ": name is not UTF-8";
      if (n.full.empty()) return e.id + ": empty name";
    }
  }
  return "";
}

}  // namespace cordon::ingest::internal
