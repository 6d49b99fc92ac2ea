// Integration tests: the real server on a loopback port, over HTTP, on real lists (the UN list
// and two versions of the OFAC SDN list bundled in data/lists).
#include "service/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/file.h"
#include "service/api_keys.h"
#include "service/audit_log.h"
#include "store/testing/bundled_lists.h"
#include "store/ingest_files.h"
#include "store/store.h"

namespace cordon::service {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using store::testing::IngestBundled;
using store::testing::kSdn2021;
using store::testing::kSdn2024;

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
  for (const char* path : {"/match/{dataset}", "/search/{dataset}", "/entities/{id}", "/lists",
                           "/lists/{source}/diff", "/healthz", "/readyz", "/metrics"}) {
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

}  // namespace
}  // namespace cordon::service
