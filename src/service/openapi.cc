// The OpenAPI document of docs/api.md. Built once from nlohmann JSON so it is always valid JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "service/server.h"

namespace cordon::service {
namespace {

using Json = nlohmann::ordered_json;

Json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

Json JsonResponse(const std::string& description, const Json& schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

Json ErrorResponses(std::initializer_list<int> statuses) {
  Json responses = Json::object();
  for (int status : statuses) {
    const char* text = status == 400   ? "Malformed body or parameter"
                       : status == 401 ? "Missing or unknown API key"
                       : status == 404 ? "Unknown dataset, entity or source"
                       : status == 413 ? "Body or batch over the limit"
                       : status == 429 ? "Over the key's rate limit (see Retry-After)"
                                       : "No lists loaded yet, or the audit log failed";
    responses[std::to_string(status)] = JsonResponse(text, Ref("Error"));
  }
  return responses;
}

Json PathParameter(const std::string& name, const std::string& description) {
  return {{"name", name},
          {"in", "path"},
          {"required", true},
          {"description", description},
          {"schema", {{"type", "string"}}}};
}

Json QueryParameter(const std::string& name, const std::string& type,
                    const std::string& description) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"description", description},
          {"schema", {{"type", type}}}};
}

Json Build() {
  Json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "cordon"},
                 {"version", "0.1.0"},
                 {"description",
                  "Sanctions screening on the US, EU, UK and UN lists. yente-compatible "
                  "/match; every answer cites the list versions it was computed on."}};
  doc["components"]["securitySchemes"]["bearer"] = {{"type", "http"}, {"scheme", "bearer"}};
  doc["components"]["securitySchemes"]["apiKeyHeader"] = {
      {"type", "apiKey"}, {"in", "header"}, {"name", "X-API-Key"}};
  doc["security"] = Json::array({{{"bearer", Json::array()}}, {{"apiKeyHeader", Json::array()}}});
  Json& schemas = doc["components"]["schemas"];
  schemas["Error"] = {{"type", "object"},
                      {"properties",
                       {{"error",
                         {{"type", "object"},
                          {"properties",
                           {{"status", {{"type", "integer"}}},
                            {"code", {{"type", "string"}}},
                            {"message", {{"type", "string"}}}}}}}}}};
  schemas["Versions"] = {{"type", "array"},
                         {"items",
                          {{"type", "object"},
                           {"properties",
                            {{"source", {{"type", "string"}}},
                             {"version", {{"type", "integer"}}},
                             {"list_date", {{"type", "string"}}},
                             {"retrieved", {{"type", "string"}}}}}}}};
  schemas["EntityQuery"] = {
      {"type", "object"},
      {"required", {"properties"}},
      {"properties",
       {{"schema",
         {{"type", "string"},
          {"enum",
           {"Thing", "Person", "Company", "Organization", "LegalEntity", "Vessel", "Aircraft"}}}},
        {"properties",
         {{"type", "object"},
          {"description",
           "FtM properties: name, alias, previousName, firstName, middleName, lastName, "
           "birthDate, nationality, citizenship, country, jurisdiction, flag, imoNumber, mmsi, "
           "leiCode, innCode, ogrnCode, swiftBic, passportNumber, idNumber, taxNumber, "
           "registrationNumber, callSign"},
          {"additionalProperties", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}};
  schemas["Result"] = {{"type", "object"},
                       {"properties",
                        {{"id", {{"type", "string"}}},
                         {"entity_id", {{"type", "string"}}},
                         {"source", {{"type", "string"}}},
                         {"caption", {{"type", "string"}}},
                         {"schema", {{"type", "string"}}},
                         {"properties", {{"type", "object"}}},
                         {"datasets", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                         {"regimes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                         {"source_id", {{"type", "string"}}},
                         {"score", {{"type", "number"}}},
                         {"match", {{"type", "boolean"}}},
                         {"features", {{"type", "object"}}},
                         {"explanation", {{"type", "object"}}},
                         {"sanctions", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                         {"ownership", {{"type", "object"}}}}}};
  schemas["MatchRequest"] = {{"type", "object"},
                             {"required", {"queries"}},
                             {"properties",
                              {{"queries",
                                {{"type", "object"},
                                 {"maxProperties", 100},
                                 {"additionalProperties", Ref("EntityQuery")}}},
                               {"threshold", {{"type", "number"}}},
                               {"limit", {{"type", "integer"}}},
                               {"algorithm", {{"type", "string"}}}}}};
  schemas["MatchResponse"] = {{"type", "object"},
                              {"properties",
                               {{"responses",
                                 {{"type", "object"},
                                  {"additionalProperties",
                                   {{"type", "object"},
                                    {"properties",
                                     {{"status", {{"type", "integer"}}},
                                      {"results", {{"type", "array"}, {"items", Ref("Result")}}},
                                      {"total", {{"type", "object"}}},
                                      {"query", {{"type", "object"}}},
                                      {"error", {{"type", "string"}}}}}}}}},
                                {"limit", {{"type", "integer"}}},
                                {"threshold", {{"type", "number"}}},
                                {"algorithm", {{"type", "string"}}},
                                {"versions", Ref("Versions")}}}};

  Json& paths = doc["paths"];
  Json dataset =
      PathParameter("dataset", "default (every list), us, eu, uk, un (a regime), or a source name");
  paths["/match/{dataset}"]["post"] = {
      {"summary", "Screen up to 100 entities (yente-compatible)"},
      {"parameters",
       {dataset, QueryParameter("threshold", "number", "lowest score returned (default 0.70)"),
        QueryParameter("limit", "integer", "results per query (default 5, at most 500)"),
        QueryParameter("algorithm", "string", "accepted for yente compatibility")}},
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", Ref("MatchRequest")}}}}}}},
      {"responses", ErrorResponses({400, 401, 404, 413, 429, 503})}};
  paths["/match/{dataset}"]["post"]["responses"]["200"] =
      JsonResponse("A response per query", Ref("MatchResponse"));
  paths["/search/{dataset}"]["get"] = {
      {"summary", "Search by name"},
      {"parameters",
       {dataset, QueryParameter("q", "string", "the name"),
        QueryParameter("schema", "string", "Person, Company, Vessel, ..."),
        QueryParameter("birth_date", "string", "YYYY, YYYY-MM or YYYY-MM-DD"),
        QueryParameter("country", "string", "ISO 3166-1 alpha-2"),
        QueryParameter("limit", "integer", "default 10"),
        QueryParameter("threshold", "number", "default 0.5")}},
      {"responses", ErrorResponses({400, 401, 404, 429, 503})}};
  paths["/search/{dataset}"]["get"]["responses"]["200"] =
      JsonResponse("Results", {{"type", "object"},
                               {"properties",
                                {{"results", {{"type", "array"}, {"items", Ref("Result")}}},
                                 {"versions", Ref("Versions")}}}});
  paths["/entities/{id}"]["get"] = {
      {"summary", "One entity: names, identifiers, sanctions, history, relationships"},
      {"parameters", {PathParameter("id", "e.g. un_sc:6907993")}},
      {"responses", ErrorResponses({401, 404, 429, 503})}};
  paths["/entities/{id}"]["get"]["responses"]["200"] =
      JsonResponse("The entity", {{"type", "object"}});
  paths["/lists"]["get"] = {{"summary", "Sources, their versions, counts and dates"},
                            {"responses", ErrorResponses({401, 429, 503})}};
  paths["/lists"]["get"]["responses"]["200"] = JsonResponse("Sources", {{"type", "object"}});
  paths["/lists/{source}/diff"]["get"] = {
      {"summary", "What changed between two versions of a source"},
      {"parameters",
       {PathParameter("source", "e.g. us_ofac_sdn"),
        QueryParameter("from", "integer", "default: the latest version's predecessor"),
        QueryParameter("to", "integer", "default: the latest version"),
        QueryParameter("limit", "integer", "changes returned (default 1000, 0: all)")}},
      {"responses", ErrorResponses({400, 401, 404, 429, 503})}};
  paths["/lists/{source}/diff"]["get"]["responses"]["200"] =
      JsonResponse("The delta", {{"type", "object"}});
  // Regimes side by side (docs/design/regimes.md).
  const Json listing = {{"type", "object"},
                        {"properties",
                         {{"since", {{"type", "string"}, {"format", "date"}}},
                          {"programmes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                          {"sources", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  const Json divergence_line = {
      {"type", "object"},
      {"description", "one subject: the regimes that list it, since when, and the others"},
      {"properties",
       {{"subject", {{"type", "string"}}},
        {"caption", {{"type", "string"}}},
        {"schema", {{"type", "string"}}},
        {"entities", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"listed", {{"type", "object"}, {"additionalProperties", listing}}},
        {"not_listed", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"delisted",
         {{"type", "object"},
          {"additionalProperties", {{"type", "string"}, {"format", "date"}}}}}}}};
  paths["/divergence"]["get"] = {
      {"summary", "Which regimes list each subject, since when, and which do not"},
      {"parameters",
       {QueryParameter("regimes", "string", "comma-separated, of us, eu, uk, un (default all)"),
        QueryParameter("programme", "string", "russia, belarus, iran, dprk, syria, terrorism"),
        QueryParameter("as_of", "string", "YYYY-MM-DD (default today)"),
        QueryParameter("limit", "integer", "subjects returned (default 1000, 0: all)")}},
      {"responses", ErrorResponses({400, 401, 429, 503})}};
  paths["/divergence"]["get"]["responses"]["200"] = JsonResponse(
      "The matrix (subjects by combination of regimes), its series over the list versions, "
      "third-country companies by country, and the subjects",
      {{"type", "object"},
       {"properties",
        {{"as_of", {{"type", "string"}}},
         {"matrix", {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}},
         {"series", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"third_country", {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}},
         {"total", {{"type", "integer"}}},
         {"subjects", {{"type", "array"}, {"items", divergence_line}}}}}});
  paths["/subjects/{id}"]["get"] = {
      {"summary", "One subject: its records across the lists and the evidence of each link"},
      {"parameters", {PathParameter("id", "a subject id (S-...) or one of its entities' ids")}},
      {"responses", ErrorResponses({401, 404, 429, 503})}};
  paths["/subjects/{id}"]["get"]["responses"]["200"] =
      JsonResponse("The subject", {{"type", "object"}});
  paths["/licences"]["get"] = {
      {"summary", "General licences (curated table), with the activity vocabulary"},
      {"parameters",
       {QueryParameter("regime", "string", "us, eu or uk"),
        QueryParameter("as_of", "string", "YYYY-MM-DD: only the licences in force that day")}},
      {"responses", ErrorResponses({400, 401, 429, 503})}};
  paths["/licences"]["get"]["responses"]["200"] = JsonResponse("Licences", {{"type", "object"}});
  paths["/licences/check"]["get"] = {
      {"summary", "Which licences authorise an activity with a party on a date"},
      {"parameters",
       {QueryParameter("regime", "string", "us, eu or uk"),
        QueryParameter("activity", "string", "energy, wind_down, taxes_fees, ..."),
        QueryParameter("party", "string", "the party's name (or entity)"),
        QueryParameter("entity", "string", "the party's entity id (or party)"),
        QueryParameter("date", "string", "YYYY-MM-DD (default today)")}},
      {"responses", ErrorResponses({400, 401, 404, 429, 503})}};
  paths["/licences/check"]["get"]["responses"]["200"] =
      JsonResponse("authorised, the licences in force, else the last one and the day it ended",
                   {{"type", "object"},
                    {"properties",
                     {{"authorised", {{"type", "boolean"}}},
                      {"licences", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                      {"last_licence", {{"type", "string"}}},
                      {"last_ended", {{"type", "string"}}}}}});
  // Trade (docs/design/trade.md).
  const Json finding = {
      {"type", "object"},
      {"description",
       "code: chpl, listed_party, owned_party, russia_destination, transshipment_hub, "
       "new_company, forwarder_end_user, third_party_payer, no_russia_clause, route_mismatch; "
       "detail; then the evidence of that code"},
      {"properties", {{"code", {{"type", "string"}}}, {"detail", {{"type", "string"}}}}}};
  const Json shipment_result = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "string"}}},
        {"risk", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
        {"level", {{"type", "string"}, {"enum", {"high", "medium", "low"}}}},
        {"findings", {{"type", "array"}, {"items", finding}}},
        {"because", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"lists", Ref("Versions")},
        {"warnings", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  paths["/trade/screen"]["post"] = {
      {"summary", "Screen up to 1,000 shipments for diversion of CHPL goods to Russia"},
      {"parameters",
       {QueryParameter("threshold", "number",
                       "lowest party match score that counts (default 0.80)")}},
      {"requestBody",
       {{"required", true},
        {"description",
         "{\"shipments\": [...]}, an array of shipments, one shipment, or JSON lines; a shipment "
         "is {id, date, exporter, consignee, end_user, intermediaries, payer, route, "
         "declared_destination, vessel, contract, goods} as docs/design/trade.md gives it"},
        {"content",
         {{"application/json", {{"schema", {{"type", "object"}}}}},
          {"application/x-ndjson", {{"schema", {{"type", "string"}}}}}}}}},
      {"responses", ErrorResponses({400, 401, 413, 429, 503})}};
  paths["/trade/screen"]["post"]["responses"]["200"] =
      JsonResponse("One result per shipment, in order",
                   {{"type", "object"},
                    {"properties",
                     {{"results", {{"type", "array"}, {"items", shipment_result}}},
                      {"threshold", {{"type", "number"}}},
                      {"versions", Ref("Versions")}}}});
  const Json flows_parameters = {
      QueryParameter("baseline", "integer", "baseline year (default 2021)"),
      QueryParameter("latest", "integer",
                     "year compared with it (default: the latest in the data)"),
      QueryParameter("top", "integer", "rows ranked (default 20; 0: all)")};
  const Json flows_report = {
      {"type", "object"},
      {"properties",
       {{"baseline_year", {{"type", "integer"}}},
        {"latest_year", {{"type", "integer"}}},
        {"rows", {{"type", "integer"}}},
        {"rows_used", {{"type", "integer"}}},
        {"rows_invalid", {{"type", "integer"}}},
        {"warnings", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"ranked",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"description",
             "rank, hub, hub_name, hs6, tier, imports_from_controllers {baseline, latest, "
             "growth}, exports_to_russia {baseline, latest, growth}, mirror_gap "
             "{partner_reported, hub_reported, gap, share}, excess (USD)"}}}}}}}};
  paths["/trade/flows"]["get"] = {
      {"summary",
       "Hubs and CHPL codes ranked by how controlled goods pile up (serve --trade-flows)"},
      {"parameters", flows_parameters},
      {"responses", ErrorResponses({400, 401, 404, 429, 503})}};
  paths["/trade/flows"]["get"]["responses"]["200"] = JsonResponse("The ranking", flows_report);
  paths["/trade/flows"]["post"] = {
      {"summary",
       "Rank the trade flows of the CSV body (reporter,partner,hs6,period,flow,value_usd)"},
      {"parameters", flows_parameters},
      {"requestBody",
       {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}},
      {"responses", ErrorResponses({400, 401, 413, 429, 503})}};
  paths["/trade/flows"]["post"]["responses"]["200"] = JsonResponse("The ranking", flows_report);
  // Monitoring (docs/design/monitoring.md).
  const Json alert = {
      {"type", "object"},
      {"description",
       "id, book, customer_id (the book record's id), entity_id, kind (new_match, changed_match, "
       "cleared_match, licence_expiring), status (open, decided), score, previous_score, "
       "explanation {summary, match (as /match renders it); for licence_expiring also licence "
       "(as /licences gives it) and days_to_expiry}, versions {lists_before, lists_after, "
       "book_before, "
       "book_after}, raised_at; once decided, decision {as, reason, by, at}"}};
  const Json book = {{"type", "object"},
                     {"description",
                      "name, threshold, created, version, loaded, file, customers, added, "
                      "changed, removed, screened_version, screened_lists, screened_at, matches, "
                      "open_alerts, decided_alerts"}};
  paths["/alerts"]["get"] = {
      {"summary", "Monitoring alerts, newest first"},
      {"parameters",
       {QueryParameter("book", "string", "only this book's"),
        QueryParameter("since", "string", "raised on or after (YYYY-MM-DD or an instant)"),
        QueryParameter("status", "string", "open or decided"),
        QueryParameter("kind", "string",
                       "new_match, changed_match, cleared_match or licence_expiring"),
        QueryParameter("limit", "integer", "at most this many (default 100; 0: all)")}},
      {"responses", ErrorResponses({400, 401, 429, 503})}};
  paths["/alerts"]["get"]["responses"]["200"] = JsonResponse(
      "The alerts",
      {{"type", "object"}, {"properties", {{"alerts", {{"type", "array"}, {"items", alert}}}}}});
  paths["/alerts/{id}"]["get"] = {
      {"summary", "One alert with the customer's record (CustomerJson), for side-by-side review"},
      {"parameters", {PathParameter("id", "alert id")}},
      {"responses", ErrorResponses({401, 404, 429, 503})}};
  paths["/alerts/{id}"]["get"]["responses"]["200"] = JsonResponse(
      "The alert",
      {{"type", "object"}, {"properties", {{"alert", alert}, {"customer", {{"type", "object"}}}}}});
  paths["/alerts/{id}/decision"]["post"] = {
      {"summary",
       "Decide an open alert; false_positive suppresses the pair until either record changes. "
       "Audited."},
      {"parameters", {PathParameter("id", "alert id")}},
      {"requestBody",
       {{"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"required", {"as", "reason"}},
              {"properties",
               {{"as", {{"type", "string"}, {"enum", {"false_positive", "true_match"}}}},
                {"reason", {{"type", "string"}}},
                {"by",
                 {{"type", "string"}, {"description", "default: the API key's name"}}}}}}}}}}}}},
      {"responses", ErrorResponses({400, 401, 404, 429, 503})}};
  paths["/alerts/{id}/decision"]["post"]["responses"]["200"] =
      JsonResponse("The decided alert", alert);
  paths["/alerts/{id}/decision"]["post"]["responses"]["409"] =
      JsonResponse("The alert was decided already", Ref("Error"));
  paths["/books"]["get"] = {{"summary", "Customer books under monitoring"},
                            {"responses", ErrorResponses({401, 429, 503})}};
  paths["/books"]["get"]["responses"]["200"] = JsonResponse(
      "The books",
      {{"type", "object"}, {"properties", {{"books", {{"type", "array"}, {"items", book}}}}}});
  paths["/books"]["post"] = {
      {"summary",
       "Store the body (CSV or FtM JSON lines, as `cordon screen` reads) as the book's next "
       "version and screen it incrementally against the current lists"},
      {"parameters",
       {{{"name", "name"},
         {"in", "query"},
         {"required", true},
         {"description", "the book's name"},
         {"schema", {{"type", "string"}}}},
        QueryParameter("threshold", "number", "the book's alert threshold (default 0.80)")}},
      {"requestBody",
       {{"required", true},
        {"content",
         {{"text/csv", {{"schema", {{"type", "string"}}}}},
          {"application/x-ndjson", {{"schema", {{"type", "string"}}}}}}}}},
      {"responses", ErrorResponses({400, 401, 413, 429, 503})}};
  paths["/books"]["post"]["responses"]["200"] = JsonResponse(
      "The book, the version stored and the alerts raised", {{"type", "object"},
                                                             {"properties",
                                                              {{"book", book},
                                                               {"version", {{"type", "object"}}},
                                                               {"alerts", {{"type", "object"}}},
                                                               {"versions", Ref("Versions")}}}});
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/openapi.json"}) {
    paths[path]["get"] = {{"summary", "Operations (no key needed)"},
                          {"security", Json::array()},
                          {"responses", {{"200", {{"description", "OK"}}}}}};
  }
  paths["/readyz"]["get"]["responses"]["503"] = {{"description", "No lists loaded yet"}};
  return doc;
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = Build().dump(2);
  return document;
}

}  // namespace cordon::service
