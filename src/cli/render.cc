#include "cli/render.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>

#include "base/strings.h"

namespace cordon::cli {
namespace {

std::string DateText(const model::DateSpec& d) {
  std::string s = d.date.ToIso();
  if (!d.until.empty()) s += " to " + d.until.ToIso();
  if (d.approximate) s = "circa " + s;
  if (s.empty()) s = d.text;
  return s;
}

void Line(std::ostream& out, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  fmt::print(out, "  {:<22} {}\n", label, value);
}

}  // namespace

void PrintEntity(std::ostream& out, const model::Entity& e) {
  fmt::print(out, "{}  [{}]\n", e.caption(), model::SchemaName(e.schema));
  fmt::print(out, "  {:<22} {}\n", "id", e.id);
  fmt::print(out, "  {:<22} source {} record {} (format {})\n", "provenance", e.provenance.source,
             e.provenance.record_id, e.provenance.format);
  for (const model::Name& n : e.names) {
    std::string parts;
    auto add = [&](std::string_view label, const std::string& v) {
      if (!v.empty()) parts += fmt::format("{}{}={}", parts.empty() ? "" : ", ", label, v);
    };
    add("given", n.given);
    add("middle", n.middle);
    add("family", n.family);
    add("patronymic", n.patronymic);
    add("title", n.title);
    add("lang", n.lang);
    fmt::print(out, "  {:<22} {}{}\n", fmt::format("name ({})", model::NameKindName(n.kind)),
               n.full, parts.empty() ? "" : "  (" + parts + ")");
  }
  for (const model::Identifier& id : e.identifiers) {
    std::string extra;
    if (!id.country.empty()) extra += " country=" + id.country;
    if (!id.label.empty() && id.label != model::IdentifierTypeName(id.type)) {
      extra += " label=\"" + id.label + "\"";
    }
    if (!id.note.empty()) extra += " note=\"" + id.note + "\"";
    fmt::print(out, "  {:<22} {}{}\n", model::IdentifierTypeName(id.type), id.value, extra);
  }
  for (const auto& d : e.birth_dates) Line(out, "birth date", DateText(d));
  for (const auto& p : e.birth_places) Line(out, "birth place", p);
  for (const auto& d : e.incorporation_dates) Line(out, "incorporated", DateText(d));
  for (const auto& c : e.countries) {
    Line(out, model::CountryRoleName(c.role),
         c.code.empty() ? c.text : (c.text.empty() ? c.code : c.code + " (" + c.text + ")"));
  }
  for (const auto& a : e.addresses) {
    std::string text = a.full;
    if (text.empty()) {
      std::vector<std::string> parts;
      for (const std::string* p :
           {&a.street, &a.city, &a.postal_code, &a.region, &a.country_text}) {
        if (!p->empty()) parts.push_back(*p);
      }
      text = Join(parts, ", ");
    }
    if (!a.country_code.empty()) text += " [" + a.country_code + "]";
    Line(out, "address", text);
  }
  for (const auto& s : e.sanctions) {
    std::string text = fmt::format("{} {}", AsciiUpper(model::RegimeName(s.regime)), s.authority);
    if (!s.list.empty()) text += " / " + s.list;
    if (!s.program.empty()) text += " / " + s.program;
    if (!s.listed_on.empty()) text += ", listed " + s.listed_on.ToIso();
    if (!s.reference.empty()) text += ", ref " + s.reference;
    Line(out, "sanction", text);
  }
  for (const auto& l : e.links) {
    std::string text = l.target_name.empty() ? l.target_id : l.target_name;
    if (!l.target_id.empty() && !l.target_name.empty()) text += " (" + l.target_id + ")";
    // The structured particulars, unless the note already words them (FtM notes do).
    std::vector<std::string> particulars;
    if (!l.interest.empty()) particulars.push_back(l.interest);
    if (!l.share.empty()) particulars.push_back(l.share + " %");
    if (!l.start.empty()) particulars.push_back("from " + l.start.ToIso());
    if (!l.end.empty()) particulars.push_back("until " + l.end.ToIso());
    if (!particulars.empty()) text += " [" + Join(particulars, ", ") + "]";
    if (!l.note.empty()) text += " — " + l.note;
    Line(out, std::string("link ") + std::string(model::LinkKindName(l.kind)), text);
  }
  Line(out, "gender", e.gender);
  for (const auto& t : e.titles) Line(out, "title", t);
  for (const auto& p : e.positions) Line(out, "position", p);
  for (const auto& v : e.emails) Line(out, "email", v);
  for (const auto& v : e.phones) Line(out, "phone", v);
  for (const auto& v : e.websites) Line(out, "website", v);
  for (const auto& [k, v] : e.properties) Line(out, k, v);
  Line(out, "remarks", e.remarks);
}

void PrintSources(
    std::ostream& out,
    const std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>>& sources) {
  fmt::print(out, "{:<15} {:>3} {:<11} {:<20} {:>8} {:>7} {:>7} {:>7} {:>5} {:>5}  {}\n", "SOURCE",
             "VER", "LIST DATE", "RETRIEVED", "ENTITIES", "ADDED", "REMOVED", "CHANGED", "WARN",
             "ERR", "FORMAT");
  for (const auto& [source, versions] : sources) {
    for (const store::VersionInfo& v : versions) {
      const bool current = v.number == source.current.number;
      fmt::print(out, "{:<15} {:>3} {:<11} {:<20} {:>8} {:>7} {:>7} {:>7} {:>5} {:>5}  {}{}\n",
                 v.source, v.number, v.published.empty() ? "-" : v.published.substr(0, 10),
                 v.retrieved, v.entity_count, v.added, v.removed, v.changed, v.warnings, v.errors,
                 v.format, current ? "  (current)" : "");
    }
  }
}

void PrintDelta(std::ostream& out, const store::Delta& delta, size_t limit) {
  size_t added = 0, removed = 0, changed = 0;
  for (const auto& c : delta.changes) {
    added += c.kind == store::EntityChange::Kind::kAdded;
    removed += c.kind == store::EntityChange::Kind::kRemoved;
    changed += c.kind == store::EntityChange::Kind::kChanged;
  }
  fmt::print(out, "{}: version {} -> {}: {} added, {} removed, {} changed\n", delta.source,
             delta.from_version, delta.to_version, added, removed, changed);
  size_t shown = 0;
  for (const auto& c : delta.changes) {
    if (shown++ == limit) {
      fmt::print(out, "... {} more (use --limit 0 for all)\n", delta.changes.size() - limit);
      break;
    }
    const char mark = c.kind == store::EntityChange::Kind::kAdded     ? '+'
                      : c.kind == store::EntityChange::Kind::kRemoved ? '-'
                                                                      : '~';
    fmt::print(out, "{} {:<24} {}{}\n", mark, c.entity_id, c.caption,
               c.fields.empty() ? "" : "  [" + Join(c.fields, ", ") + "]");
  }
}

void PrintComparison(std::ostream& out, const match::NameComparison& comparison) {
  fmt::print(out, "{:.3f}\n{}\n", comparison.score, comparison.explanation.Summary());
  for (const match::TokenPair& p : comparison.explanation.pairs) {
    fmt::print(out, "  {} {} {}  {:.3f} {}\n", p.query, p.query == p.entity ? "=" : "~", p.entity,
               p.similarity, p.how);
  }
}

std::string CsvLine(const std::vector<std::string_view>& fields) {
  std::string line;
  for (size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    if (field_idx > 0) line += ',';
    const std::string_view f = fields[field_idx];
    const bool quote = f.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!quote) {
      line += f;
      continue;
    }
    line += '"';
    for (char c : f) {
      if (c == '"') line += '"';
      line += c;
    }
    line += '"';
  }
  line += '\n';
  return line;
}

}  // namespace cordon::cli
