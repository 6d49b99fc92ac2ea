// Integration tests: the real server on a loopback port, over HTTP, on real lists (the UN list
// and two versions of the OFAC SDN list bundled in data/lists).
#include "service/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/file.h"
#include "service/api_keys.h"
#include "service/audit_log.h"
#include "store/ingest_files.h"
#include "store/store.h"
#include "store/testing/bundled_lists.h"

namespace cordon::service {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using store::testing::IngestBundled;
using store::testing::kSdn2021;
using store::testing::kSdn2024;

// A raw TCP connection to the server, for what httplib's client will not send: malformed
// framing, slow heads, pipelined requests, half-closes.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    // Reads and writes give up after 10 s: a test that would hang fails instead.
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  void ShutdownWrite() { shutdown(fd_, SHUT_WR); }
  // Everything the server sends until it closes (or 10 s pass).
  std::string ReadAll() {
    std::string all;
    char buffer[4096];
    ssize_t n;
    while ((n = recv(fd_, buffer, sizeof(buffer), 0)) > 0)
      all.append(buffer, static_cast<size_t>(n));
    return all;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// The statuses of the responses in `raw`, in order.
std::vector<int> Statuses(const std::string& raw) {
  std::vector<int> statuses;
  for (size_t at = raw.find("HTTP/1.1 "); at != std::string::npos;
       at = raw.find("HTTP/1.1 ", at + 1)) {
    statuses.push_back(std::stoi(raw.substr(at + 9, 3)));
  }
  return statuses;
}

// The error code of the (last) JSON error body in `raw`.
std::string ErrorCodeOf(const std::string& raw) {
  const size_t body = raw.rfind("\r\n\r\n");
  if (body == std::string::npos) return "";
  Json j = Json::parse(raw.substr(body + 4), nullptr, false);
  if (!j.is_object() || !j.contains("error")) return "";
  return j["error"]["code"];
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cordon_server_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    options_.db_path = (dir_ / "cordon.db").string();
    options_.audit_path = (dir_ / "audit.log").string();
    options_.port = 0;
    options_.threads = 16;
    options_.poll_interval = std::chrono::milliseconds(50);
    options_.web_root = "";
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(options_.db_path);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    // The UN list (1,003 entities) alone unless a test needs OFAC's: every server start
    // builds an index, and under the sanitizers a large one takes long.
    IngestBundled(*store_, {"un/UN_consolidated.xml.zst"});
    Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(options_.db_path);
    ASSERT_TRUE(keys.ok());
    Result<std::string> key = (*keys)->Add("tester");
    ASSERT_TRUE(key.ok());
    key_ = *key;
  }
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  void StartServer() {
    Result<std::unique_ptr<Server>> server = Server::Start(options_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  httplib::Client Client(bool with_key = true) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    if (with_key) client.set_default_headers({{"Authorization", "Bearer " + key_}});
    return client;
  }

  static Json Body(const httplib::Result& result) {
    EXPECT_TRUE(result) << "no response";
    if (!result) return Json();
    Json j = Json::parse(result->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << result->body.substr(0, 200);
    return j;
  }

  static std::string MatchBody(const std::string& name, const std::string& birth_date = "") {
    Json q;
    q["schema"] = "Person";
    q["properties"]["name"] = {name};
    if (!birth_date.empty()) q["properties"]["birthDate"] = {birth_date};
    Json body;
    body["queries"]["q1"] = q;
    return body.dump();
  }

  // The error body every 4xx/5xx carries, checked for what it must never show.
  static void ExpectError(const httplib::Result& result, int status, const std::string& words) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    Json j = Json::parse(result->body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << result->body;
    ASSERT_TRUE(j.contains("error")) << result->body;
    EXPECT_EQ(j["error"]["status"], status);
    const std::string message = j["error"]["message"];
    EXPECT_NE(message.find(words), std::string::npos) << message;
    EXPECT_EQ(result->body.find("/tmp"), std::string::npos) << result->body;
    EXPECT_EQ(result->body.find(".cc"), std::string::npos) << result->body;
    EXPECT_EQ(result->body.find("cordon.db"), std::string::npos) << result->body;
  }

  fs::path dir_;
  ServerOptions options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::string key_;
};

TEST_F(ServerTest, OperationsEndpointsNeedNoKey) {
  StartServer();
  httplib::Client client = Client(/*with_key=*/false);
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Body(health)["status"], "ok");

  Json ready = Body(client.Get("/readyz"));
  EXPECT_EQ(ready["status"], "ready");
  EXPECT_GT(ready["entities"].get<int>(), 1000);

  Json openapi = Body(client.Get("/openapi.json"));
  EXPECT_EQ(openapi["openapi"], "3.0.3");
  for (const char* path :
       {"/match/{dataset}", "/search/{dataset}", "/entities/{id}", "/lists", "/lists/{source}/diff",
        "/trade/screen", "/trade/flows", "/healthz", "/readyz", "/metrics"}) {
    EXPECT_TRUE(openapi["paths"].contains(path)) << path;
  }
  httplib::Result root = client.Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
}

TEST_F(ServerTest, DataEndpointsNeedAValidKey) {
  StartServer();
  httplib::Client anonymous = Client(/*with_key=*/false);
  ExpectError(anonymous.Post("/match/default", MatchBody("Usama bin Laden"), "application/json"),
              401, "API key is required");
  ExpectError(anonymous.Get("/lists"), 401, "API key is required");
  ExpectError(anonymous.Get("/entities/un_sc:6908555"), 401, "API key");

  httplib::Headers wrong = {{"Authorization", "Bearer ck_not_a_key"}};
  ExpectError(anonymous.Get("/lists", wrong), 401, "not valid");
  // The three ways to send a key.
  for (const httplib::Headers& headers : {httplib::Headers{{"Authorization", "Bearer " + key_}},
                                          httplib::Headers{{"Authorization", "ApiKey " + key_}},
                                          httplib::Headers{{"X-API-Key", key_}}}) {
    httplib::Result lists = anonymous.Get("/lists", headers);
    ASSERT_TRUE(lists);
    EXPECT_EQ(lists->status, 200);
  }

  // A key added while the server runs is honoured once the server re-reads the keys, and a
  // revoked one is refused.
  Result<std::unique_ptr<ApiKeys>> keys = ApiKeys::Open(options_.db_path);
  ASSERT_TRUE(keys.ok());
  Result<std::string> second = (*keys)->Add("second");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(server_->ReloadNow().ok());
  httplib::Headers second_headers = {{"X-API-Key", *second}};
  EXPECT_EQ(anonymous.Get("/lists", second_headers)->status, 200);
  ASSERT_TRUE((*keys)->Revoke("second").ok());
  ASSERT_TRUE(server_->ReloadNow().ok());
  ExpectError(anonymous.Get("/lists", second_headers), 401, "not valid");
}

TEST_F(ServerTest, NoAuthOnlyOnLoopback) {
  options_.auth = false;
  options_.bind = "0.0.0.0";
  Result<std::unique_ptr<Server>> server = Server::Start(options_);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);

  options_.bind = "127.0.0.1";
  StartServer();
  httplib::Client client = Client(/*with_key=*/false);
  EXPECT_EQ(client.Get("/lists")->status, 200);
}

TEST_F(ServerTest, MatchAnswersInYenteShapeWithExplanations) {
  StartServer();
  httplib::Client client = Client();
  Json body;
  body["queries"]["latin"] = {
      {"schema", "Person"},
      {"properties",
       {{"name", {"Doku Umarov"}}, {"birthDate", {"1964-04-13"}}, {"nationality", {"ru"}}}}};
  body["queries"]["cyrillic"] = {{"schema", "Person"},
                                 {"properties", {{"name", {"Умаров Доку Хаматович"}}}}};
  body["queries"]["nobody"] = {{"schema", "Person"},
                               {"properties", {{"name", {"Jane Q. Unlisted-Person"}}}}};
  body["queries"]["unreadable"] = {{"schema", "Person"}, {"properties", {{"name", Json::array()}}}};
  httplib::Result result = client.Post("/match/default?limit=3", body.dump(), "application/json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("X-Cordon-Lists"), "un_sc@1");
  Json j = Body(result);
  EXPECT_EQ(j["limit"], 3);
  ASSERT_EQ(j["versions"].size(), 1u);
  EXPECT_EQ(j["versions"][0]["source"], "un_sc");

  for (const char* name : {"latin", "cyrillic"}) {
    SCOPED_TRACE(name);
    const Json& response = j["responses"][name];
    EXPECT_EQ(response["status"], 200);
    ASSERT_FALSE(response["results"].empty());
    // Take the UN entry (as an SDGT he is on OFAC's list too, when it is loaded).
    Json top;
    for (const Json& r : response["results"]) {
      if (r["id"] == "un_sc:2960872") top = r;
    }
    ASSERT_TRUE(top.is_object()) << response.dump();
    EXPECT_EQ(top["caption"], "DOKU KHAMATOVICH UMAROV");
    EXPECT_EQ(top["schema"], "Person");
    EXPECT_EQ(top["datasets"], Json::array({"un_sc"}));
    EXPECT_EQ(top["regimes"], Json::array({"un"}));
    EXPECT_TRUE(top["match"].get<bool>());
    EXPECT_GE(top["score"].get<double>(), 0.7);
    EXPECT_LE(response["results"].size(), 3u);
    EXPECT_FALSE(top["explanation"]["pairs"].empty());
    EXPECT_TRUE(top["properties"]["name"].is_array());
    EXPECT_EQ(top["sanctions"][0]["regime"], "un");
  }
  // The birth date shows as a contribution of the Latin query.
  for (const Json& r : j["responses"]["latin"]["results"]) {
    if (r["id"] == "un_sc:2960872") {
      EXPECT_TRUE(r["features"].contains("birth_date")) << r;
    }
  }
  EXPECT_EQ(j["responses"]["nobody"]["status"], 200);
  EXPECT_TRUE(j["responses"]["nobody"]["results"].empty());
  EXPECT_EQ(j["responses"]["unreadable"]["status"], 400);
  EXPECT_NE(j["responses"]["unreadable"]["error"].get<std::string>().find("queries.unreadable"),
            std::string::npos);
}

TEST_F(ServerTest, DatasetsSelectRegimesAndSources) {
  IngestBundled(*store_, kSdn2021);
  StartServer();
  httplib::Client client = Client();
  // On both the UN list and OFAC's SDN list.
  const std::string body = MatchBody("Doku Umarov");
  auto results = [&](const std::string& dataset) {
    Json j = Body(client.Post("/match/" + dataset, body, "application/json"));
    return j["responses"]["q1"]["results"];
  };
  auto has = [](const Json& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
  };
  std::set<std::string> all_sources;
  for (const Json& r : results("default")) all_sources.insert(r["datasets"][0]);
  EXPECT_EQ(all_sources, (std::set<std::string>{"un_sc", "us_ofac_sdn"}));
  for (const char* regime : {"un", "us"}) {
    const Json found = results(regime);
    EXPECT_FALSE(found.empty()) << regime;
    for (const Json& r : found) EXPECT_TRUE(has(r["regimes"], regime)) << regime << ": " << r;
  }
  EXPECT_TRUE(results("eu").empty());
  for (const char* source : {"un_sc", "us_ofac_sdn"}) {
    const Json found = results(source);
    EXPECT_FALSE(found.empty()) << source;
    for (const Json& r : found) EXPECT_EQ(r["datasets"][0], source);
  }
  ExpectError(client.Post("/match/narnia", body, "application/json"), 404, "narnia");
}

TEST_F(ServerTest, BadRequestsGetClearErrors) {
  options_.max_body_bytes = 64 * 1024;
  StartServer();
  httplib::Client client = Client();
  ExpectError(client.Post("/match/default", "{\"queries\": ", "application/json"), 400, "not JSON");
  ExpectError(client.Post("/match/default", "[1, 2]", "application/json"), 400, "\"queries\"");
  ExpectError(client.Post("/match/default?threshold=2", MatchBody("x"), "application/json"), 400,
              "threshold");
  ExpectError(client.Post("/match/default?limit=0", MatchBody("x"), "application/json"), 400,
              "limit");
  ExpectError(client.Post("/match/default?algorithm=magic", MatchBody("x"), "application/json"),
              400, "algorithm");
  Json many;
  for (int i = 0; i < 101; ++i) {
    const std::string n = std::to_string(i);  // not "q" + ...: GCC 12's -Wrestrict misfires
    many["queries"][std::string("q").append(n)] = {
        {"properties", {{"name", {std::string("Name ").append(n)}}}}};
  }
  ExpectError(client.Post("/match/default", many.dump(), "application/json"), 413, "at most 100");
  ExpectError(client.Post("/match/default", std::string(100 * 1024, ' '), "application/json"), 413,
              "over the limit");
  ExpectError(client.Post("/match/default",
                          "{\"queries\": {\"q1\": " + std::string(20000, '[') +
                              std::string(20000, ']') + "}}",
                          "application/json"),
              400, "nested deeper");
  ExpectError(client.Get("/match/default"), 405, "POST");
  ExpectError(client.Get("/search/default"), 400, "q:");
  ExpectError(client.Get("/entities/un_sc:does-not-exist"), 404, "un_sc:does-not-exist");
  ExpectError(client.Get("/lists/nowhere/diff"), 404, "nowhere");
  ExpectError(client.Get("/lists/un_sc/diff?from=x&to=1"), 400, "from");
  ExpectError(client.Get("/no/such/thing"), 404, "no such endpoint");
  // The server still answers after all that.
  EXPECT_EQ(client.Post("/match/default", MatchBody("Doku Umarov"), "application/json")->status,
            200);
}

TEST_F(ServerTest, SearchEntityAndLists) {
  IngestBundled(*store_, kSdn2021);
  IngestBundled(*store_, kSdn2024);
  StartServer();
  httplib::Client client = Client();

  Json search = Body(client.Get("/search/default?q=Umarov&schema=Person&country=ru"));
  ASSERT_FALSE(search["results"].empty());
  EXPECT_EQ(search["results"][0]["id"], "un_sc:2960872");

  Json entity = Body(client.Get("/entities/un_sc:2960872"));
  EXPECT_EQ(entity["caption"], "DOKU KHAMATOVICH UMAROV");
  bool cyrillic = false;
  for (const Json& n : entity["entity"]["names"]) {
    cyrillic = cyrillic || n["full"] == "Умаров Доку Хаматович";
  }
  EXPECT_TRUE(cyrillic);
  ASSERT_EQ(entity["history"].size(), 1u);
  EXPECT_EQ(entity["history"][0]["change"], "added");
  EXPECT_EQ(entity["regimes"], Json::array({"un"}));

  // An entity whose list names another by id links to it both ways.
  Json company = Body(client.Get("/entities/us_ofac_sdn:45953"));
  ASSERT_FALSE(company["relationships"].empty());
  const Json& link = company["relationships"][0];
  EXPECT_EQ(link["direction"], "outgoing");
  EXPECT_EQ(link["id"], "us_ofac_sdn:45947");
  Json person = Body(client.Get("/entities/us_ofac_sdn:45947"));
  bool incoming = false;
  for (const Json& r : person["relationships"]) {
    incoming = incoming || (r["direction"] == "incoming" && r["id"] == "us_ofac_sdn:45953");
  }
  EXPECT_TRUE(incoming);

  Json lists = Body(client.Get("/lists"));
  bool found_sdn = false;
  for (const Json& s : lists["sources"]) {
    if (s["name"] != "us_ofac_sdn") continue;
    found_sdn = true;
    EXPECT_EQ(s["version_count"], 2);
    EXPECT_EQ(s["versions"].size(), 2u);
    EXPECT_EQ(s["current"]["version"], 2);
  }
  EXPECT_TRUE(found_sdn);

  Json diff = Body(client.Get("/lists/us_ofac_sdn/diff?limit=5"));
  EXPECT_EQ(diff["from_version"], 1);
  EXPECT_EQ(diff["to_version"], 2);
  EXPECT_GT(diff["counts"]["added"].get<int>(), 1000);
  EXPECT_EQ(diff["changes"].size(), 5u);
  EXPECT_TRUE(diff["truncated"].get<bool>());
}

// The UN list and the UK Sanctions List of 2026 side by side: Mohammad Hassan Akhund (TAi.002)
// is on both; the UK designated him on 25 January 2001.
TEST_F(ServerTest, DivergenceSubjectsAndLicences) {
  IngestBundled(*store_, {"uk/uk_sanctions_list_2026-09-07_excerpt.xml.zst"});
  StartServer();
  httplib::Client client = Client();
  Json divergence = Body(client.Get("/divergence?regimes=uk,un&as_of=2026-12-07&limit=0"));
  EXPECT_EQ(divergence["as_of"], "2026-12-07");
  EXPECT_EQ(divergence["total"].get<size_t>(), divergence["subjects"].size());
  EXPECT_GT(divergence["matrix"]["uk+un"].get<int>(), 5) << divergence["matrix"].dump();
  const Json* akhund = nullptr;
  for (const Json& s : divergence["subjects"]) {
    for (const Json& id : s["entities"]) {
      if (id == "gb_fcdo:AFG0006") akhund = &s;
    }
  }
  ASSERT_NE(akhund, nullptr);
  EXPECT_EQ((*akhund)["listed"]["uk"]["since"], "2001-01-25");
  EXPECT_TRUE((*akhund)["listed"].contains("un"));
  EXPECT_EQ((*akhund)["not_listed"], Json::array());
  Json limited = Body(client.Get("/divergence?limit=3"));
  EXPECT_EQ(limited["subjects"].size(), 3u);
  ExpectError(client.Get("/divergence?regimes=us,xx"), 400, "xx");
  ExpectError(client.Get("/divergence?programme=atlantis"), 400, "atlantis");
  ExpectError(client.Get("/divergence?as_of=2026-02-30"), 400, "2026-02-30");

  Json subject = Body(client.Get("/subjects/gb_fcdo:AFG0006"));
  EXPECT_EQ(subject["un_references"], Json::array({"TAi.002"}));
  EXPECT_EQ(subject["entities"].size(), 2u);
  ExpectError(client.Get("/subjects/nobody"), 404, "nobody");

  Json licences = Body(client.Get("/licences?regime=us&as_of=2025-03-01"));
  ASSERT_FALSE(licences["licences"].empty());
  EXPECT_TRUE(licences["activities"].contains("energy"));
  Json yes = Body(client.Get(
      "/licences/check?regime=us&party=Sberbank%20of%20Russia&activity=energy&date=2025-03-11"));
  EXPECT_EQ(yes["authorised"], true);
  EXPECT_EQ(yes["licences"], Json::array({"us-ofac-gl-8l"}));
  Json no = Body(client.Get(
      "/licences/check?regime=us&party=Sberbank%20of%20Russia&activity=energy&date=2025-03-12"));
  EXPECT_EQ(no["authorised"], false);
  EXPECT_EQ(no["last_ended"], "2025-03-12");
  ExpectError(client.Get("/licences/check?regime=us&activity=fishing&party=x"), 400, "fishing");
  ExpectError(client.Get("/licences/check?regime=us&activity=energy"), 400, "party");
}

TEST_F(ServerTest, MetricsCountRequestsAndListAges) {
  StartServer();
  httplib::Client client = Client();
  for (int i = 0; i < 3; ++i)
    client.Post("/match/default", MatchBody("Doku Umarov"), "application/json");
  client.Get("/lists");
  httplib::Result metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  const std::string& text = metrics->body;
  EXPECT_NE(text.find("cordon_http_requests_total{path=\"/match/{dataset}\",status=\"200\"} 3"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("cordon_http_request_duration_seconds_bucket{path=\"/match/{dataset}\","
                      "le=\"+Inf\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("cordon_match_queries_total 3"), std::string::npos);
  EXPECT_NE(text.find("cordon_list_age_seconds{source=\"un_sc\"}"), std::string::npos);
  EXPECT_NE(text.find("cordon_index_entities "), std::string::npos);
}

TEST_F(ServerTest, RateLimitPerKey) {
  options_.rate_per_second = 1;
  options_.rate_burst = 3;
  StartServer();
  httplib::Client client = Client();
  int ok = 0, limited = 0;
  std::string retry_after;
  for (int i = 0; i < 6; ++i) {
    httplib::Result r = client.Get("/lists");
    ASSERT_TRUE(r);
    if (r->status == 200) ++ok;
    if (r->status == 429) {
      ++limited;
      retry_after = r->get_header_value("Retry-After");
    }
  }
  EXPECT_GE(ok, 3);
  EXPECT_LE(ok, 4);  // the bucket may refill one token during the loop
  EXPECT_EQ(ok + limited, 6);
  EXPECT_FALSE(retry_after.empty());
}

TEST_F(ServerTest, EveryScreeningRequestIsAudited) {
  StartServer();
  httplib::Client client = Client();
  client.Post("/match/un", MatchBody("Doku Umarov"), "application/json");
  client.Get("/search/default?q=Umarov");
  client.Get("/lists");  // not a screening request
  server_->Stop();
  Result<AuditVerification> verified = VerifyAuditLog(options_.audit_path);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->records, 2);
  Result<std::string> log = ReadFile(options_.audit_path);
  ASSERT_TRUE(log.ok());
  const Json first = Json::parse(log->substr(0, log->find('\n')));
  EXPECT_EQ(first["key"], "tester");
  EXPECT_EQ(first["endpoint"], "/match/un");
  EXPECT_EQ(first["versions"], "un_sc@1");
  EXPECT_EQ(first["results"]["q1"][0]["id"], "un_sc:2960872");
}

// Shipments screened through the API as `cordon trade screen` screens them, audited; flows
// ranked from the file `serve --trade-flows` names, or from a posted CSV.
TEST_F(ServerTest, TradeScreenAndFlows) {
  const fs::path flows = dir_ / "flows.csv";
  {
    std::ofstream out(flows);
    out << "reporter,partner,hs6,period,flow,value_usd\n"
           "KG,DE,854231,2021,import,100\nKG,DE,854231,2024,import,1000\n"
           "KG,RU,854231,2024,export,900\nDE,KG,854231,2024,export,2000\n";
  }
  options_.trade_flows_path = flows.string();
  StartServer();
  httplib::Client client = Client();
  // A UN-listed company as consignee (Al-Qaida's Al Rashid Trust, QDe.005), with Tier 1 goods
  // through a hub for a company set up after the invasion.
  const Json shipments = {
      {"shipments",
       {{{"id", "S-1"},
         {"date", "2024-05-10"},
         {"exporter", {{"name", "Rheinland Elektronik GmbH"}, {"country", "DE"}}},
         {"consignee", {{"name", "Al Rashid Trust"}, {"country", "PK"}}},
         {"route", {"DE", "AE", "PK"}},
         {"declared_destination", "PK"},
         {"goods", {{{"hs", "8542.31"}, {"origin", "DE"}}}}},
        {{"id", "S-2"},
         {"date", "2024-05-10"},
         {"exporter", {{"name", "Milano Tessile"}, {"country", "IT"}}},
         {"consignee",
          {{"name", "Istanbul Tekstil Sanayi"},
           {"country", "TR"},
           {"registered_on", "2001-01-01"}}},
         {"route", {"IT", "TR"}},
         {"declared_destination", "TR"},
         {"goods", {{{"hs", "6109.10"}, {"origin", "IT"}}}}}}}};
  const Json answer = Body(client.Post("/trade/screen", shipments.dump(), "application/json"));
  ASSERT_EQ(answer["results"].size(), 2u) << answer.dump();
  EXPECT_EQ(answer["results"][0]["id"], "S-1");
  EXPECT_EQ(answer["results"][0]["level"], "high");
  EXPECT_EQ(answer["results"][0]["findings"][0]["code"], "listed_party") << answer.dump();
  EXPECT_EQ(answer["results"][0]["findings"][0]["sources"], Json::array({"un_sc"}));
  EXPECT_EQ(answer["results"][1]["level"], "low");
  EXPECT_EQ(answer["versions"][0]["source"], "un_sc");
  // JSON lines are read too; a line that is not JSON is a 400 naming it.
  const Json lines = Body(client.Post("/trade/screen", shipments["shipments"][1].dump() + "\n",
                                      "application/x-ndjson"));
  EXPECT_EQ(lines["results"][0]["id"], "S-2");
  ExpectError(client.Post("/trade/screen", "{\"id\": 1}\nnot json\n", "application/x-ndjson"), 400,
              "line 2");
  ExpectError(client.Post("/trade/screen?threshold=3", shipments.dump(), "application/json"), 400,
              "threshold");
  EXPECT_EQ(client.Get("/trade/screen")->status, 405);
  ExpectError(client.Post("/trade/screen", std::string(5000, '[') + std::string(5000, ']'),
                          "application/json"),
              400, "deeper");
  ExpectError(Client(false).Post("/trade/screen", shipments.dump(), "application/json"), 401,
              "API key");

  const Json ranked = Body(client.Get("/trade/flows?baseline=2021"));
  ASSERT_EQ(ranked["ranked"].size(), 1u) << ranked.dump();
  EXPECT_EQ(ranked["ranked"][0]["hub"], "KG");
  EXPECT_EQ(ranked["ranked"][0]["mirror_gap"]["gap"], 1000.0);
  const Json posted = Body(client.Post("/trade/flows?top=5",
                                       "reporter,partner,hs6,period,flow,value_usd\n"
                                       "AM,US,851762,2021,import,10\nAM,US,851762,2023,import,50\n",
                                       "text/csv"));
  EXPECT_EQ(posted["ranked"][0]["hub"], "AM");
  EXPECT_EQ(posted["latest_year"], 2023);
  ExpectError(client.Post("/trade/flows", "a,b\n1,2\n", "text/csv"), 400, "no reporter column");

  server_->Stop();
  Result<std::string> log = ReadFile(options_.audit_path);
  ASSERT_TRUE(log.ok());
  const Json first = Json::parse(log->substr(0, log->find('\n')));
  EXPECT_EQ(first["endpoint"], "/trade/screen");
  EXPECT_EQ(first["results"][0]["level"], "high");
}

// Monitoring through the API: a book posted and screened, its alerts listed, one decided (and
// audited), and the book re-screened when a new list version is swapped in.
TEST_F(ServerTest, BooksAlertsAndDecisions) {
  StartServer();
  httplib::Client client = Client();
  const Json loaded = Body(client.Post(
      "/books?name=retail",
      "id,name,schema\nk1,Qusay Saddam Hussein al-Tikriti,Person\nk2,Maria Gonzalez Lopez,Person\n",
      "text/csv"));
  EXPECT_EQ(loaded["version"]["customers"], 2);
  EXPECT_EQ(loaded["book"]["screened_lists"], "un_sc@1");
  ASSERT_EQ(loaded["alerts"]["new"], 2) << loaded.dump();  // Qusay, and his father by three words

  const Json books = Body(client.Get("/books"));
  ASSERT_EQ(books["books"].size(), 1u);
  EXPECT_EQ(books["books"][0]["open_alerts"], 2);

  const Json alerts = Body(client.Get("/alerts?book=retail&status=open"));
  ASSERT_EQ(alerts["alerts"].size(), 2u);
  const Json& newest = alerts["alerts"][0];
  EXPECT_EQ(newest["kind"], "new_match");
  EXPECT_EQ(newest["customer_id"], "k1");
  const std::string id = std::to_string(newest["id"].get<int64_t>());
  const Json one = Body(client.Get("/alerts/" + id));
  EXPECT_EQ(one["customer"]["names"][0], "Qusay Saddam Hussein al-Tikriti");

  const std::string decision = "/alerts/" + id + "/decision";
  ExpectError(client.Post(decision, R"({"as":"maybe","reason":"x"})", "application/json"), 400,
              "false_positive");
  const Json decided =
      Body(client.Post(decision, R"({"as":"true_match","reason":"IQi.002"})", "application/json"));
  EXPECT_EQ(decided["status"], "decided");
  EXPECT_EQ(decided["decision"]["as"], "true_match");
  ExpectError(client.Post(decision, R"({"as":"true_match","reason":"again"})", "application/json"),
              409, "decided already");
  ExpectError(client.Post("/alerts/999999/decision", R"({"as":"true_match","reason":"x"})",
                          "application/json"),
              404, "999999");
  EXPECT_EQ(client.Get(decision)->status, 405);
  ExpectError(Client(false).Get("/alerts"), 401, "API key");
  EXPECT_EQ(Body(client.Get("/alerts?status=decided"))["alerts"].size(), 1u);
  ExpectError(client.Get("/alerts?status=maybe"), 400, "open or decided");
  ExpectError(client.Post("/books?name=retail", "id,name\n,No Id\n", "text/csv"), 400, "id");

  // A new list version: the book is re-screened on the swap.
  IngestBundled(*store_, {"ofac/consolidated.xml.zst"});
  ASSERT_TRUE(server_->ReloadNow().ok());
  const Json after = Body(client.Get("/books"));
  EXPECT_NE(after["books"][0]["screened_lists"].get<std::string>().find("us_ofac_cons@1"),
            std::string::npos)
      << after.dump();
  const std::string metrics = client.Get("/metrics")->body;
  EXPECT_NE(metrics.find("cordon_alerts_raised_total{kind=\"new_match\"} 2"), std::string::npos);

  server_->Stop();
  Result<std::string> log = ReadFile(options_.audit_path);
  ASSERT_TRUE(log.ok());
  EXPECT_NE(log->find("\"endpoint\":\"" + decision + "\""), std::string::npos);
  EXPECT_NE(log->find("\"endpoint\":\"/books\""), std::string::npos);
}

// A new list version arrives (from another process's store connection) while clients screen
// without pause: every request succeeds, each answer agrees with the versions it cites, and
// the new version is served once swapped in.
TEST_F(ServerTest, ListSwapUnderLoad) {
  options_.rate_per_second = 0;
  // OFAC's non-SDN consolidated list as bundled: the 2018 XML, then a later CSV set that adds
  // the Chinese military companies of 2021.
  IngestBundled(*store_, {"ofac/consolidated.xml.zst"});
  StartServer();
  Json query;
  query["queries"]["q1"] = {{"schema", "Company"},
                            {"properties", {{"name", {"China Mobile Limited"}}}}};
  const std::string body = query.dump();
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failures{0}, inconsistent{0}, on_old{0}, on_new{0};
  auto client_loop = [&] {
    httplib::Client client = Client();
    while (!stop) {
      httplib::Result r = client.Post("/match/us_ofac_cons", body, "application/json");
      ++requests;
      if (!r || r->status != 200) {
        ++failures;
        continue;
      }
      const std::string lists = r->get_header_value("X-Cordon-Lists");
      Json j = Json::parse(r->body, nullptr, false);
      bool listed = false;
      for (const Json& m : j["responses"]["q1"]["results"]) {
        listed = listed || m["id"] == "us_ofac_cons:30923";
      }
      // Absent from the 2018 list, present in the later one.
      if (lists.find("us_ofac_cons@1") != std::string::npos) {
        ++on_old;
        if (listed) ++inconsistent;
      } else if (lists.find("us_ofac_cons@2") != std::string::npos) {
        ++on_new;
        if (!listed) ++inconsistent;
      } else {
        ++inconsistent;
      }
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) clients.emplace_back(client_loop);
  while (on_old < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  Result<std::unique_ptr<store::Store>> other = store::Store::Open(options_.db_path);
  ASSERT_TRUE(other.ok());
  IngestBundled(**other, {"ofac/cons_prim.csv.zst", "ofac/cons_add.csv.zst",
                          "ofac/cons_alt.csv.zst", "ofac/cons_comments.csv.zst"});
  // The poller (every 50 ms) swaps the new index in; wait for answers on it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (on_new < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(inconsistent, 0);
  EXPECT_GE(on_old, 20);
  EXPECT_GE(on_new, 20);
  EXPECT_EQ(server_->snapshot()->fingerprint, "un_sc@1,us_ofac_cons@2");
}

// A list update that fails leaves the previous versions serving.
TEST_F(ServerTest, FailedUpdateKeepsServing) {
  StartServer();
  const std::string before = server_->snapshot()->fingerprint;
  std::vector<ingest::InputFile> broken = {{"UN_consolidated.xml", "<CONSOLIDATED_LIST><INDIV"}};
  Result<store::IngestReport> report = store::IngestFiles(*store_, broken, {});
  EXPECT_FALSE(report.ok());
  ASSERT_TRUE(server_->ReloadNow().ok());
  EXPECT_EQ(server_->snapshot()->fingerprint, before);
  httplib::Client client = Client();
  EXPECT_EQ(client.Post("/match/default", MatchBody("Doku Umarov"), "application/json")->status,
            200);
}

// Clients that send their head a line at a time, more of them than there are worker threads,
// hold no worker: a normal request is still answered at once. Each slow client gets 408 once
// its head has taken longer than the head deadline.
TEST_F(ServerTest, SlowHeadersDoNotHoldTheWorkers) {
  options_.threads = 4;
  options_.head_timeout = std::chrono::milliseconds(3000);
  StartServer();
  constexpr int kSlow = 40;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int n = 0; n < kSlow; ++n) {
    slow.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(slow.back()->connected());
    ASSERT_TRUE(slow.back()->Send("GET /lists HTTP/1.1\r\nHost: x\r\n"));
  }
  // Keep every slow client sending a header line every 200 ms (a read timeout per line never
  // fires) until the normal request is answered.
  std::atomic<bool> answered{false};
  std::thread dripper([&] {
    for (int round = 0; round < 25 && !answered; ++round) {
      for (auto& connection : slow) connection->Send("X-Slow: 1\r\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  httplib::Client client = Client();
  client.set_read_timeout(2, 0);
  httplib::Result lists = client.Get("/lists");
  answered = true;
  dripper.join();
  ASSERT_TRUE(lists) << "not answered while slow clients were connected";
  EXPECT_EQ(lists->status, 200);
  // The slow clients' heads never end: each gets 408 and is closed.
  for (auto& connection : slow) {
    const std::string answer = connection->ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{408}) << answer.substr(0, 200);
    EXPECT_EQ(ErrorCodeOf(answer), "request_timeout");
  }
}

// A chunked body is held to the body limit like any other: refused with 413 once its decoded
// size passes the limit, without the server reading the rest of a 50 MiB body.
TEST_F(ServerTest, ChunkedBodyOverTheLimitIsRefused) {
  options_.max_body_bytes = 64 * 1024;
  StartServer();
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.connected());
  timeval timeout{2, 0};  // the server stops reading: give up sending soon
  setsockopt(connection.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  std::string answer;
  std::thread reader([&] { answer = connection.ReadAll(); });
  ASSERT_TRUE(connection.Send("POST /match/default HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                              key_ + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(65536, ' ') + "\r\n";
  size_t sent = 0;
  constexpr size_t kBody = size_t{50} << 20;
  while (sent < kBody && connection.Send(chunk)) sent += 65536;
  reader.join();
  EXPECT_LT(sent, kBody) << "the server read the whole body";
  EXPECT_EQ(Statuses(answer), std::vector<int>{413}) << answer.substr(0, 300);
  EXPECT_EQ(ErrorCodeOf(answer), "payload_too_large");
  // The server goes on.
  EXPECT_EQ(Client().Get("/lists")->status, 200);
}

// NaN and infinities are not numbers: refused with 400 naming the field, in the query string,
// in body fields, and (as 1e309, which overflows to infinity) anywhere in a JSON body.
TEST_F(ServerTest, NonFiniteNumbersAreRefused) {
  StartServer();
  httplib::Client client = Client();
  for (const char* value : {"NaN", "nan", "inf", "-inf", "Infinity", "1e309"}) {
    SCOPED_TRACE(value);
    ExpectError(client.Get(("/search/default?q=Umarov&threshold=" + std::string(value)).c_str()),
                400, "threshold");
    ExpectError(client.Get(("/search/default?q=Umarov&limit=" + std::string(value)).c_str()), 400,
                "limit");
    ExpectError(client.Post(("/match/default?threshold=" + std::string(value)).c_str(),
                            MatchBody("Doku Umarov"), "application/json"),
                400, "threshold");
    Json body = Json::parse(MatchBody("Doku Umarov"));
    body["threshold"] = value;
    ExpectError(client.Post("/match/default", body.dump(), "application/json"), 400, "threshold");
  }
  std::string body = MatchBody("Doku Umarov");
  body.insert(1, "\"threshold\": 1e309, ");
  ExpectError(client.Post("/match/default", body, "application/json"), 400, "threshold");
  ExpectError(
      client.Post("/match/default",
                  R"({"queries": {"q1": {"properties": {"name": ["x"], "weight": [-1e400]}}}})",
                  "application/json"),
      400, "queries.q1.properties.weight[0]");
}

// Framing that a proxy and the server could read differently is refused; pipelined requests
// are answered in order; a client that half-closes after its request gets its answer.
TEST_F(ServerTest, StrictHttpFraming) {
  StartServer();
  const std::string post = "POST /match/default HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           key_ + "\r\nContent-Type: application/json\r\n";
  const std::string body = MatchBody("Doku Umarov");
  const std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
  struct Case {
    std::string name;
    std::string request;
  };
  for (const Case& c : std::vector<Case>{
           {"two lengths", post + length + "Content-Length: 3\r\n\r\n" + body},
           {"chunked then identity",
            post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n"},
           {"length and chunked", post + length + "Transfer-Encoding: chunked\r\n\r\n" + body},
           {"NUL in a header", std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a") +
                                   std::string(1, '\0') + "b\r\n\r\n"},
           {"bare CR in a header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"},
           {"space before the colon", "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n"},
       }) {
    SCOPED_TRACE(c.name);
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send(c.request));
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{400}) << answer.substr(0, 300);
    EXPECT_EQ(ErrorCodeOf(answer), "invalid_argument");
  }
  {
    SCOPED_TRACE("pipelined");
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + post + length +
                                "\r\n" + body +
                                "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), (std::vector<int>{200, 200, 200})) << answer.substr(0, 300);
    const size_t health = answer.find(R"({"status":"ok"})");
    const size_t match = answer.find("\"responses\"");
    const size_t ready = answer.find(R"({"status":"ready")");
    EXPECT_LT(health, match);
    EXPECT_LT(match, ready);
    EXPECT_NE(ready, std::string::npos);
  }
  {
    SCOPED_TRACE("half-closed");
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send(post + length + "\r\n" + body));
    connection.ShutdownWrite();
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{200}) << answer.substr(0, 300);
    EXPECT_NE(answer.find("un_sc:2960872"), std::string::npos);
  }
}

TEST_F(ServerTest, HttpDetails) {
  // A web root with a page, to show that a NUL cannot change what file is served.
  fs::create_directories(dir_ / "web");
  { std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>cordon</title>"; }
  options_.web_root = (dir_ / "web").string();
  StartServer();
  httplib::Client anonymous = Client(/*with_key=*/false);
  // The auth scheme is case-insensitive.
  for (const char* scheme : {"Bearer ", "bearer ", "BEARER ", "apikey ", "APIKEY "}) {
    httplib::Result lists = anonymous.Get("/lists", {{"Authorization", scheme + key_}});
    ASSERT_TRUE(lists);
    EXPECT_EQ(lists->status, 200) << scheme;
  }
  // Methods a path does not take: 405 with Allow.
  httplib::Client client = Client();
  httplib::Result options = client.Options("/lists");
  ExpectError(options, 405, "OPTIONS");
  EXPECT_EQ(options->get_header_value("Allow"), "GET, HEAD");
  httplib::Result deleted = client.Delete("/match/default");
  ExpectError(deleted, 405, "DELETE");
  EXPECT_EQ(deleted->get_header_value("Allow"), "POST");
  ExpectError(client.Post("/lists", "{}", "application/json"), 405, "POST");
  ExpectError(client.Delete("/no/such/thing"), 404, "no such endpoint");
  // An encoded NUL in the path is refused, not served as the file before it.
  {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send("GET /index.html%00.js HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{400}) << answer.substr(0, 300);
    EXPECT_EQ(answer.find("javascript"), std::string::npos);
  }
  // 414 and 431 carry their own codes.
  {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{414});
    EXPECT_EQ(ErrorCodeOf(answer), "uri_too_long");
  }
  {
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int field = 0; field < 200; ++field) many += "X-F" + std::to_string(field) + ": v\r\n";
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.Send(many + "\r\n"));
    const std::string answer = connection.ReadAll();
    EXPECT_EQ(Statuses(answer), std::vector<int>{431});
    EXPECT_EQ(ErrorCodeOf(answer), "header_fields_too_large");
  }
}

// A full disk under the audit log: no request is answered 200 without its record, /readyz
// says not ready while the log cannot be written, and the server recovers once it can, with a
// record of what was refused.
TEST_F(ServerTest, AuditFailureRefusesScreeningAndRecovers) {
  std::atomic<bool> disk_full{false};
  options_.rate_per_second = 0;
  options_.audit_retry_interval = std::chrono::milliseconds(50);
  options_.audit_fault_for_testing = [&disk_full]() -> Status {
    if (disk_full) return IoError("audit.log: cannot write: No space left on device");
    return Status::Ok();
  };
  StartServer();
  const std::string body = MatchBody("Doku Umarov");
  std::atomic<int> answered{0}, refused{0}, other{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      httplib::Client client = Client();
      while (!stop) {
        httplib::Result r = client.Post("/match/default", body, "application/json");
        if (r && r->status == 200) {
          ++answered;
        } else if (r && r->status == 503) {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  auto wait_for = [](const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!condition() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
  };
  ASSERT_TRUE(wait_for([&] { return answered >= 20; }));
  disk_full = true;
  ASSERT_TRUE(wait_for([&] { return refused >= 20; }));
  httplib::Client ops = Client(/*with_key=*/false);
  httplib::Result ready = ops.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 503);
  EXPECT_EQ(Body(ready)["status"], "audit log not writable");
  const int answered_while_full = answered;
  disk_full = false;
  ASSERT_TRUE(wait_for([&] { return answered >= answered_while_full + 20; }));
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ops.Get("/readyz")->status, 200);
  EXPECT_EQ(other, 0);
  server_->Stop();

  // Every 200 has its record; the recovery record says how many were refused.
  Result<AuditVerification> verified = VerifyAuditLog(options_.audit_path);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  Result<std::string> log = ReadFile(options_.audit_path);
  ASSERT_TRUE(log.ok());
  int screening = 0, recoveries = 0;
  int64_t refused_recorded = 0;
  for (std::string_view rest = *log; !rest.empty();) {
    const size_t newline = rest.find('\n');
    const Json record = Json::parse(rest.substr(0, newline));
    rest.remove_prefix(newline + 1);
    if (record["endpoint"] == "(audit)") {
      ++recoveries;
      refused_recorded += record["results"]["refused_requests"].get<int64_t>();
    } else {
      ++screening;
    }
  }
  EXPECT_EQ(screening, answered.load());
  EXPECT_EQ(recoveries, 1);
  EXPECT_GE(refused_recorded, 1);
  EXPECT_LE(refused_recorded, refused.load());
}

TEST_F(ServerTest, OptionsThatCannotWorkAreRefusedBeforeBinding) {
  auto refused = [](ServerOptions options, const std::string& words) {
    Status status = ValidateServerOptions(options);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << words;
    EXPECT_NE(status.message().find(words), std::string::npos) << status.ToString();
    Result<std::unique_ptr<Server>> server = Server::Start(options);
    EXPECT_FALSE(server.ok()) << words;
  };
  const ServerOptions options = options_;
  EXPECT_TRUE(ValidateServerOptions(options).ok());
  ServerOptions o = options;
  o.threads = 100000;
  refused(o, "--threads");
  o = options;
  o.threads = 0;
  refused(o, "--threads");
  for (double rate : {std::nan(""), -1.0, std::numeric_limits<double>::infinity()}) {
    o = options;
    o.rate_per_second = rate;
    refused(o, "--rate-limit");
  }
  for (double burst : {std::nan(""), -5.0, 0.0}) {
    o = options;
    o.rate_burst = burst;
    refused(o, "--burst");
  }
  o = options;
  o.port = 70000;
  refused(o, "--port");
  // --no-auth only on loopback, decided on the address, not on the text's prefix.
  o = options;
  o.auth = false;
  for (const char* bind : {"127.evil.example", "0.0.0.0", "::", "192.0.2.1", "127.0.0.1.evil"}) {
    o.bind = bind;
    refused(o, "--no-auth");
  }
  for (const char* bind : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"}) {
    o.bind = bind;
    EXPECT_TRUE(ValidateServerOptions(o).ok()) << bind;
  }
}

}  // namespace
}  // namespace cordon::service

namespace cordon::service {
namespace {

// Hostile queries: one very long word costs bounded work (issue 12, defect 1), and a screen
// that runs past the request's deadline answers 503 with nothing reported.
TEST_F(ServerTest, VeryLongWordsAreScreenedWithBoundedWork) {
  StartServer();
  httplib::Client client = Client();
  client.set_read_timeout(60, 0);
  std::string hog;
  for (int i = 0; i < 4000; ++i) hog += "ab";
  std::string random_letters;
  uint32_t seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245u + 12345u;
    random_letters += static_cast<char>('a' + (seed >> 16) % 26);
  }
  httplib::Result answer =
      client.Post("/match/default",
                  "{\"queries\": {\"hog\": {\"properties\": {\"name\": [\"" + hog +
                      "\"]}}, \"random\": " + "{\"properties\": {\"name\": [\"" + random_letters +
                      " " + random_letters + "\"]}}}}",
                  "application/json");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body.substr(0, 300);
  const Json j = Json::parse(answer->body);
  EXPECT_EQ(j["responses"]["hog"]["status"], 200);
  EXPECT_TRUE(j["responses"]["hog"]["results"].empty());
  EXPECT_EQ(j["responses"]["random"]["status"], 200);
}

TEST_F(ServerTest, ScreeningPastItsDeadlineReportsNothing) {
  options_.screening_deadline = std::chrono::milliseconds(0);
  StartServer();
  httplib::Client client = Client();
  ExpectError(client.Post("/match/default", MatchBody("Usama bin Laden"), "application/json"), 503,
              "screening took longer than 0 ms");
  ExpectError(client.Get("/search/default?q=Usama%20bin%20Laden"), 503, "nothing is reported");
}

}  // namespace
}  // namespace cordon::service
