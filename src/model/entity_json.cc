#include "model/entity_json.h"

namespace cordon::model {
namespace {

using Json = nlohmann::ordered_json;

void PutString(Json& obj, const char* key, const std::string& value) {
  if (!value.empty()) obj[key] = value;
}

void PutStrings(Json& obj, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) obj[key] = values;
}

Json DateToJson(const DateSpec& d) {
  Json j = Json::object();
  PutString(j, "date", d.date.ToIso());
  PutString(j, "until", d.until.ToIso());
  if (d.approximate) j["approximate"] = true;
  PutString(j, "text", d.text);
  return j;
}

template <typename T, typename F>
void PutList(Json& obj, const char* key, const std::vector<T>& values, F to_json) {
  if (values.empty()) return;
  Json arr = Json::array();
  for (const T& v : values) arr.push_back(to_json(v));
  obj[key] = std::move(arr);
}

// Reading helpers throw nlohmann exceptions on type errors; EntityFromJson catches them at
// the module edge and turns them into a Status.
std::string GetString(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : it->get<std::string>();
}

PartialDate GetDate(const Json& obj, const char* key) {
  std::string s = GetString(obj, key);
  if (s.empty()) return {};
  auto d = PartialDate::FromIso(s);
  if (!d) throw std::invalid_argument(std::string("bad date in field '") + key + "': " + s);
  return *d;
}

template <typename E>
E GetEnum(const Json& obj, const char* key, std::optional<E> (*from_name)(std::string_view),
          E fallback) {
  std::string s = GetString(obj, key);
  if (s.empty()) return fallback;
  auto v = from_name(s);
  if (!v) throw std::invalid_argument(std::string("unknown value in field '") + key + "': " + s);
  return *v;
}

DateSpec DateFromJson(const Json& j) {
  DateSpec d;
  d.date = GetDate(j, "date");
  d.until = GetDate(j, "until");
  d.approximate = j.value("approximate", false);
  d.text = GetString(j, "text");
  return d;
}

std::vector<std::string> GetStrings(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  return it->get<std::vector<std::string>>();
}

template <typename T, typename F>
std::vector<T> GetList(const Json& obj, const char* key, F from_json) {
  std::vector<T> out;
  auto it = obj.find(key);
  if (it == obj.end()) return out;
  for (const Json& item : *it) out.push_back(from_json(item));
  return out;
}

}  // namespace

Json EntityToJsonValue(const Entity& e) {
  Json j = Json::object();
  j["id"] = e.id;
  j["schema"] = SchemaName(e.schema);
  Json prov = Json::object();
  PutString(prov, "source", e.provenance.source);
  PutString(prov, "record_id", e.provenance.record_id);
  PutString(prov, "format", e.provenance.format);
  j["provenance"] = std::move(prov);
  PutList(j, "names", e.names, [](const Name& n) {
    Json o = Json::object();
    o["full"] = n.full;
    o["kind"] = NameKindName(n.kind);
    PutString(o, "given", n.given);
    PutString(o, "middle", n.middle);
    PutString(o, "family", n.family);
    PutString(o, "patronymic", n.patronymic);
    PutString(o, "title", n.title);
    PutString(o, "lang", n.lang);
    return o;
  });
  PutList(j, "identifiers", e.identifiers, [](const Identifier& id) {
    Json o = Json::object();
    o["type"] = IdentifierTypeName(id.type);
    o["value"] = id.value;
    PutString(o, "country", id.country);
    PutString(o, "label", id.label);
    PutString(o, "note", id.note);
    return o;
  });
  PutList(j, "birth_dates", e.birth_dates, DateToJson);
  PutStrings(j, "birth_places", e.birth_places);
  PutList(j, "incorporation_dates", e.incorporation_dates, DateToJson);
  PutList(j, "countries", e.countries, [](const CountryRef& c) {
    Json o = Json::object();
    PutString(o, "code", c.code);
    o["role"] = CountryRoleName(c.role);
    PutString(o, "text", c.text);
    return o;
  });
  PutList(j, "addresses", e.addresses, [](const Address& a) {
    Json o = Json::object();
    PutString(o, "full", a.full);
    PutString(o, "street", a.street);
    PutString(o, "city", a.city);
    PutString(o, "postal_code", a.postal_code);
    PutString(o, "region", a.region);
    PutString(o, "country_code", a.country_code);
    PutString(o, "country_text", a.country_text);
    PutString(o, "note", a.note);
    return o;
  });
  PutList(j, "sanctions", e.sanctions, [](const Sanction& s) {
    Json o = Json::object();
    o["regime"] = RegimeName(s.regime);
    PutString(o, "authority", s.authority);
    PutString(o, "program", s.program);
    PutString(o, "list", s.list);
    PutString(o, "listed_on", s.listed_on.ToIso());
    PutString(o, "modified_on", s.modified_on.ToIso());
    PutString(o, "reference", s.reference);
    PutString(o, "reason", s.reason);
    return o;
  });
  PutList(j, "links", e.links, [](const Link& l) {
    Json o = Json::object();
    o["kind"] = LinkKindName(l.kind);
    PutString(o, "target_id", l.target_id);
    PutString(o, "target_name", l.target_name);
    PutString(o, "note", l.note);
    PutString(o, "share", l.share);
    PutString(o, "interest", l.interest);
    PutString(o, "start", l.start.ToIso());
    PutString(o, "end", l.end.ToIso());
    return o;
  });
  PutString(j, "gender", e.gender);
  PutStrings(j, "titles", e.titles);
  PutStrings(j, "positions", e.positions);
  PutStrings(j, "emails", e.emails);
  PutStrings(j, "phones", e.phones);
  PutStrings(j, "websites", e.websites);
  if (!e.properties.empty()) {
    Json arr = Json::array();
    for (const auto& [key, value] : e.properties) arr.push_back(Json::array({key, value}));
    j["properties"] = std::move(arr);
  }
  PutString(j, "remarks", e.remarks);
  return j;
}

std::string EntityToJson(const Entity& entity) { return EntityToJsonValue(entity).dump(); }

Result<Entity> EntityFromJson(std::string_view text) {
  try {
    Json j = Json::parse(text);
    if (!j.is_object()) return CorruptionError("entity JSON is not an object");
    Entity e;
    e.id = GetString(j, "id");
    if (e.id.empty()) return CorruptionError("entity JSON has no 'id'");
    e.schema = GetEnum<Schema>(j, "schema", &SchemaFromName, Schema::kLegalEntity);
    if (auto it = j.find("provenance"); it != j.end()) {
      e.provenance.source = GetString(*it, "source");
      e.provenance.record_id = GetString(*it, "record_id");
      e.provenance.format = GetString(*it, "format");
    }
    e.names = GetList<Name>(j, "names", [](const Json& o) {
      Name n;
      n.full = GetString(o, "full");
      n.kind = GetEnum<NameKind>(o, "kind", &NameKindFromName, NameKind::kPrimary);
      n.given = GetString(o, "given");
      n.middle = GetString(o, "middle");
      n.family = GetString(o, "family");
      n.patronymic = GetString(o, "patronymic");
      n.title = GetString(o, "title");
      n.lang = GetString(o, "lang");
      return n;
    });
    e.identifiers = GetList<Identifier>(j, "identifiers", [](const Json& o) {
      Identifier id;
      id.type = GetEnum<IdentifierType>(o, "type", &IdentifierTypeFromName, IdentifierType::kOther);
      id.value = GetString(o, "value");
      id.country = GetString(o, "country");
      id.label = GetString(o, "label");
      id.note = GetString(o, "note");
      return id;
    });
    e.birth_dates = GetList<DateSpec>(j, "birth_dates", DateFromJson);
    e.birth_places = GetStrings(j, "birth_places");
    e.incorporation_dates = GetList<DateSpec>(j, "incorporation_dates", DateFromJson);
    e.countries = GetList<CountryRef>(j, "countries", [](const Json& o) {
      CountryRef c;
      c.code = GetString(o, "code");
      c.role = GetEnum<CountryRole>(o, "role", &CountryRoleFromName, CountryRole::kOther);
      c.text = GetString(o, "text");
      return c;
    });
    e.addresses = GetList<Address>(j, "addresses", [](const Json& o) {
      Address a;
      a.full = GetString(o, "full");
      a.street = GetString(o, "street");
      a.city = GetString(o, "city");
      a.postal_code = GetString(o, "postal_code");
      a.region = GetString(o, "region");
      a.country_code = GetString(o, "country_code");
      a.country_text = GetString(o, "country_text");
      a.note = GetString(o, "note");
      return a;
    });
    e.sanctions = GetList<Sanction>(j, "sanctions", [](const Json& o) {
      Sanction s;
      s.regime = GetEnum<Regime>(o, "regime", &RegimeFromName, Regime::kOther);
      s.authority = GetString(o, "authority");
      s.program = GetString(o, "program");
      s.list = GetString(o, "list");
      s.listed_on = GetDate(o, "listed_on");
      s.modified_on = GetDate(o, "modified_on");
      s.reference = GetString(o, "reference");
      s.reason = GetString(o, "reason");
      return s;
    });
    e.links = GetList<Link>(j, "links", [](const Json& o) {
      Link l;
      l.kind = GetEnum<LinkKind>(o, "kind", &LinkKindFromName, LinkKind::kOther);
      l.target_id = GetString(o, "target_id");
      l.target_name = GetString(o, "target_name");
      l.note = GetString(o, "note");
      l.share = GetString(o, "share");
      l.interest = GetString(o, "interest");
      l.start = GetDate(o, "start");
      l.end = GetDate(o, "end");
      return l;
    });
    e.gender = GetString(j, "gender");
    e.titles = GetStrings(j, "titles");
    e.positions = GetStrings(j, "positions");
    e.emails = GetStrings(j, "emails");
    e.phones = GetStrings(j, "phones");
    e.websites = GetStrings(j, "websites");
    if (auto it = j.find("properties"); it != j.end()) {
      for (const Json& pair : *it) {
        e.properties.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
      }
    }
    e.remarks = GetString(j, "remarks");
    return e;
  } catch (const std::exception& ex) {
    return CorruptionError(std::string("entity JSON: ") + ex.what());
  }
}

}  // namespace cordon::model
