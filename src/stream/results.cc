#include "stream/results.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "match/query_reader.h"
#include "screening/render.h"
#include "trade/rules.h"
#include "trade/shipment.h"

namespace cordon::stream {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// The payment's parties, in the order results list them.
constexpr std::string_view kPaymentRoles[] = {"ordering", "beneficiary", "ordering_bank",
                                              "beneficiary_bank"};

std::string JsonString(std::string_view text) {
  return screening::DumpJson(OrderedJson(std::string(text)));
}

// A member's value as the record gave it, for echoing back; null when absent.
std::string EchoMember(const Json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) return "null";
  return screening::DumpJson(OrderedJson(*it));
}

std::string IdOf(const Json& record) {
  auto it = record.find("id");
  if (it == record.end() || it->is_null()) return "null";
  // An id given as a number is echoed as the same text `cordon screen` would read it as.
  return JsonString(it->is_string() ? it->get<std::string>() : it->dump());
}

}  // namespace

RecordScreener::RecordScreener(std::shared_ptr<const screening::Snapshot> snapshot,
                               RecordScreenOptions options)
    : snapshot_(std::move(snapshot)), options_(options) {
  screen_options_.search.threshold = options_.threshold;
  screen_options_.search.limit = options_.limit;
  versions_json_ = screening::DumpJson(screening::VersionsJson(snapshot_->versions()));
  shipments_ = std::make_unique<trade::ShipmentScreener>(snapshot_, trade::TradeRules::Bundled(),
                                                         trade::TradeScreenOptions{});
}

RecordResult RecordScreener::Screen(std::string_view value, const InputCoordinates& input) const {
  // Every result starts alike: what was read, where, and on which lists.
  auto head = [&](std::string_view id_json, std::string_view kind_json) {
    return fmt::format(
        "{{\"id\":{},\"kind\":{},\"input\":{{\"topic\":{},\"partition\":{},\"offset\":{}}},"
        "\"versions\":{}",
        id_json, kind_json, JsonString(input.topic), input.partition, input.offset, versions_json_);
  };
  auto error = [&](std::string_view id_json, std::string_view kind_json, std::string_view why) {
    return RecordResult{.json = head(id_json, kind_json) + ",\"error\":" + JsonString(why) + "}",
                        .alert = false,
                        .error = true};
  };
  const std::string where = fmt::format("{}/{}@{}", input.topic, input.partition, input.offset);

  Json record = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) return error("null", "null", where + ": not JSON");
  if (!record.is_object()) return error("null", "null", where + ": not a JSON object");
  const std::string id = IdOf(record);
  auto kind_it = record.find("kind");
  if (kind_it == record.end() || !kind_it->is_string()) {
    return error(id, EchoMember(record, "kind"),
                 where + ": \"kind\" must be \"customer\", \"payment\" or \"shipment\"");
  }
  const std::string kind = kind_it->get<std::string>();
  const std::string kind_json = JsonString(kind);

  // The matches of one query as a JSON array; whether any reached the threshold.
  auto screen_query = [&](const match::Query& query, std::string& out) -> Result<bool> {
    ASSIGN_OR_RETURN(std::vector<screening::ScreenedMatch> found,
                     screening::Screen(*snapshot_, query, screen_options_));
    out += '[';
    bool matched = false;
    for (size_t match_idx = 0; match_idx < found.size(); ++match_idx) {
      if (match_idx > 0) out += ',';
      screening::AppendMatchJson(out, *snapshot_, found[match_idx], options_.threshold);
      matched = matched || found[match_idx].match.score >= options_.threshold;
    }
    out += ']';
    return matched;
  };

  try {
    if (kind == "customer") {
      match::Query query;
      if (Status read = match::QueryFromJson(record, where, query); !read.ok()) {
        return error(id, kind_json, read.message());
      }
      std::string json = head(id, kind_json) + ",\"matches\":";
      Result<bool> matched = screen_query(query, json);
      if (!matched.ok()) return error(id, kind_json, where + ": " + matched.status().ToString());
      if (!query.warnings.empty()) {
        json += ",\"warnings\":" + screening::DumpJson(OrderedJson(query.warnings));
      }
      json += '}';
      return {.json = std::move(json), .alert = *matched, .error = false};
    }

    if (kind == "payment") {
      std::string parties;
      std::vector<std::string> warnings;
      bool any_party = false, any_match = false;
      for (std::string_view role : kPaymentRoles) {
        auto party_it = record.find(role);
        if (party_it == record.end() || party_it->is_null()) continue;
        const std::string at = where + ": " + std::string(role);
        if (!party_it->is_object()) return error(id, kind_json, at + ": not an object");
        // A party is read as the property map of an FtM record, "bic" being swiftBic.
        Json properties = *party_it;
        if (auto bic = properties.find("bic"); bic != properties.end()) {
          properties["swiftBic"] = *bic;
        }
        properties.erase("id");
        match::Query query;
        // A party that cannot be read fails the payment: a payment is never reported clear
        // on some of its parties.
        if (Status read = match::QueryFromJson(properties, at, query); !read.ok()) {
          return error(id, kind_json, read.message());
        }
        if (any_party) parties += ',';
        any_party = true;
        parties += fmt::format("{{\"role\":{},\"name\":{},\"country\":{},\"bic\":{},\"matches\":",
                               JsonString(role), EchoMember(*party_it, "name"),
                               EchoMember(*party_it, "country"), EchoMember(*party_it, "bic"));
        Result<bool> matched = screen_query(query, parties);
        if (!matched.ok()) return error(id, kind_json, at + ": " + matched.status().ToString());
        parties += '}';
        any_match = any_match || *matched;
        warnings.insert(warnings.end(), query.warnings.begin(), query.warnings.end());
      }
      if (!any_party) {
        return error(id, kind_json,
                     where +
                         ": a payment names none of ordering, beneficiary, ordering_bank, "
                         "beneficiary_bank");
      }
      std::string json = head(id, kind_json) + ",\"amount\":" + EchoMember(record, "amount") +
                         ",\"currency\":" + EchoMember(record, "currency") +
                         ",\"match\":" + (any_match ? "true" : "false") + ",\"parties\":[" +
                         parties + ']';
      if (!warnings.empty()) json += ",\"warnings\":" + screening::DumpJson(OrderedJson(warnings));
      json += '}';
      return {.json = std::move(json), .alert = any_match, .error = false};
    }

    if (kind == "shipment") {
      const trade::Shipment shipment = trade::ShipmentFromJson(record, where);
      Result<trade::Assessment> assessment = shipments_->Screen(shipment);
      if (!assessment.ok()) {
        return error(id, kind_json, where + ": " + assessment.status().ToString());
      }
      // The screener's line, its members after "id" carried into the envelope.
      const OrderedJson line = OrderedJson::parse(shipments_->ResultLine(shipment, *assessment));
      std::string json = head(id, kind_json);
      for (auto it = line.begin(); it != line.end(); ++it) {
        if (it.key() == "id") continue;
        json += ',' + JsonString(it.key()) + ':' + screening::DumpJson(it.value());
      }
      json += '}';
      const bool alert = assessment->level == "high" || assessment->level == "medium";
      return {.json = std::move(json), .alert = alert, .error = false};
    }
  } catch (const nlohmann::json::exception& e) {
    // A value of an unexpected type deep in a record; the record is reported, not the worker.
    return error(id, kind_json, where + ": " + e.what());
  }
  return error(id, kind_json,
               where + ": unknown kind '" + kind + "' (customer, payment or shipment)");
}

}  // namespace cordon::stream
