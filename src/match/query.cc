#include "match/query.h"

#include <fmt/format.h>

namespace cordon::match {

std::string Explanation::Summary() const {
  std::string out = entity_name;
  if (!name_kind.empty()) out += fmt::format(" [{}]", name_kind);
  out += fmt::format(" name {:.3f}:", name_score);
  for (const TokenPair& p : pairs) {
    out += fmt::format(" {}{}{} {} {:.2f};", p.query, p.query == p.entity ? "=" : "~", p.entity,
                       p.how, p.similarity);
  }
  if (!unmatched_query.empty()) {
    out += " query only:";
    for (const std::string& w : unmatched_query) out += " " + w;
    out += ";";
  }
  if (!unmatched_entity.empty()) {
    out += " listed only:";
    for (const std::string& w : unmatched_entity) out += " " + w;
    out += ";";
  }
  if (!legal_form.empty()) out += " legal form " + legal_form + ";";
  for (const Contribution& c : contributions) {
    if (c.feature == "name") continue;
    out += fmt::format(" {} {:+.3f} ({});", c.feature, c.delta, c.detail);
  }
  if (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

}  // namespace cordon::match
