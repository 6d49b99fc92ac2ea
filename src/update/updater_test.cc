#include "update/updater.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "base/file.h"

namespace cordon::update {
namespace {

// A loopback HTTP/1.0 server for the test: serves registered bodies, and can be told to cut a
// response off half-way (a server that fails mid-download).
class TestHttpServer {
 public:
  enum class Mode { kServe, kCutMidBody, kNotFound };

  TestHttpServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(listen_fd_, 16);
    thread_ = std::thread([this] { Loop(); });
  }
  ~TestHttpServer() {
    stop_ = true;
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
  }

  void Set(const std::string& path, std::string body, Mode mode = Mode::kServe) {
    std::lock_guard<std::mutex> lock(mutex_);
    routes_[path] = {std::move(body), mode};
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Loop() {
    while (!stop_) {
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        request.append(buf, static_cast<size_t>(n));
      }
      size_t sp1 = request.find(' ');
      size_t sp2 = request.find(' ', sp1 + 1);
      std::string path = sp1 == std::string::npos ? "" : request.substr(sp1 + 1, sp2 - sp1 - 1);
      std::pair<std::string, Mode> route{"", Mode::kNotFound};
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = routes_.find(path); it != routes_.end()) route = it->second;
      }
      std::string response;
      if (route.second == Mode::kNotFound) {
        response = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      } else {
        response =
            "HTTP/1.0 200 OK\r\nContent-Length: " + std::to_string(route.first.size()) + "\r\n\r\n";
        response += route.second == Mode::kCutMidBody
                        ? route.first.substr(0, route.first.size() / 2)
                        : route.first;
      }
      size_t sent = 0;
      while (sent < response.size()) {
        ssize_t n = write(fd, response.data() + sent, response.size() - sent);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      close(fd);
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, Mode>> routes_;
};

std::string RealList(const std::string& relative) {
  for (const std::string& path :
       {std::string(CORDON_SHARED_DATA) + "/" + relative,
        std::string(CORDON_BUNDLED_DATA) + "/lists/" + relative + ".zst"}) {
    Result<std::string> bytes = ReadFile(path);
    if (bytes.ok()) return std::move(bytes).value();
  }
  ADD_FAILURE() << "missing " << relative;
  return "";
}

class UpdaterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::Store::Open(":memory:")).value();
    un_ = RealList("un/UN_consolidated.xml");
    dpl_ = RealList("export_controls/dpl.txt");
    catalog_.sources.push_back(
        {"un_sc", "un-sc-xml", "", {server_.Url("/un/consolidated.xml")}, {}});
    catalog_.sources.push_back({"us_bis_dpl", "us-bis-dpl", "", {server_.Url("/dpl.txt")}, {}});
    catalog_.sources.push_back({"gb_hmt_ofsi", "uk-ofsi-csv", "", {}, {}});
  }

  int64_t CurrentVersion(const std::string& source) {
    auto versions = store_->ListVersions(source);
    return versions.ok() ? versions->back().number : 0;
  }

  TestHttpServer server_;
  std::unique_ptr<store::Store> store_;
  SourceCatalog catalog_;
  std::string un_, dpl_;
};

TEST_F(UpdaterTest, DownloadsAndIngestsEverySourceWithAUrl) {
  server_.Set("/un/consolidated.xml", un_);
  server_.Set("/dpl.txt", dpl_);
  std::vector<SourceOutcome> outcomes = UpdateFromUrls(*store_, catalog_, {});
  ASSERT_EQ(outcomes.size(), 3u);
  ASSERT_TRUE(outcomes[0].status.ok()) << outcomes[0].status.ToString();
  EXPECT_EQ(outcomes[0].report.result.version.number, 1);
  EXPECT_EQ(outcomes[0].report.result.version.entity_count, 1003);
  EXPECT_EQ(outcomes[0].report.result.version.published.substr(0, 10), "2026-02-27");
  ASSERT_TRUE(outcomes[1].status.ok()) << outcomes[1].status.ToString();
  EXPECT_TRUE(outcomes[2].skipped);

  // The same bytes again change nothing.
  outcomes = UpdateFromUrls(*store_, catalog_, {.only = {"un_sc"}});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].report.result.unchanged);
  EXPECT_EQ(CurrentVersion("un_sc"), 1);
}

TEST_F(UpdaterTest, ServerFailingMidDownloadKeepsPreviousVersion) {
  server_.Set("/un/consolidated.xml", un_);
  server_.Set("/dpl.txt", dpl_);
  {
    auto first = UpdateFromUrls(*store_, catalog_, {});
    ASSERT_TRUE(first[0].status.ok()) << first[0].status.ToString();
  }
  const std::string sha_before = store_->ListVersions("un_sc")->back().sha256;

  std::string newer = un_;
  newer.replace(newer.find("ERIC"), 4, "ERIK");
  server_.Set("/un/consolidated.xml", newer, TestHttpServer::Mode::kCutMidBody);
  std::vector<SourceOutcome> outcomes = UpdateFromUrls(*store_, catalog_, {});
  ASSERT_FALSE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[0].status.code(), StatusCode::kUnavailable);
  EXPECT_NE(outcomes[0].status.message().find("/un/consolidated.xml"), std::string::npos);
  EXPECT_EQ(CurrentVersion("un_sc"), 1);
  EXPECT_EQ(store_->ListVersions("un_sc")->back().sha256, sha_before);
  EXPECT_TRUE(outcomes[1].status.ok());  // the other source still updates

  // Once the server recovers, the new version lands with its delta.
  server_.Set("/un/consolidated.xml", newer);
  outcomes = UpdateFromUrls(*store_, catalog_, {.only = {"un_sc"}});
  ASSERT_TRUE(outcomes[0].status.ok()) << outcomes[0].status.ToString();
  EXPECT_EQ(CurrentVersion("un_sc"), 2);
  EXPECT_EQ(outcomes[0].report.result.version.changed, 1);
}

TEST_F(UpdaterTest, CompleteButCorruptDownloadKeepsPreviousVersion) {
  server_.Set("/un/consolidated.xml", un_);
  server_.Set("/dpl.txt", dpl_);
  {
    auto first = UpdateFromUrls(*store_, catalog_, {});
    ASSERT_TRUE(first[0].status.ok()) << first[0].status.ToString();
  }
  server_.Set("/un/consolidated.xml", un_.substr(0, un_.size() / 3));  // 200 OK, truncated XML
  std::vector<SourceOutcome> outcomes = UpdateFromUrls(*store_, catalog_, {.only = {"un_sc"}});
  ASSERT_FALSE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[0].status.code(), StatusCode::kCorruption);
  EXPECT_EQ(CurrentVersion("un_sc"), 1);
  EXPECT_EQ(store_->ListVersions("un_sc")->back().entity_count, 1003);
}

TEST_F(UpdaterTest, HttpErrorIsReported) {
  std::vector<SourceOutcome> outcomes = UpdateFromUrls(*store_, catalog_, {.only = {"un_sc"}});
  ASSERT_FALSE(outcomes[0].status.ok());
  EXPECT_NE(outcomes[0].status.message().find("404"), std::string::npos);
  EXPECT_EQ(CurrentVersion("un_sc"), 0);
}

TEST_F(UpdaterTest, LoadingTheBundledListsTwiceChangesNothing) {
  Result<SourceCatalog> bundled =
      LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
  ASSERT_TRUE(bundled.ok()) << bundled.status().ToString();
  std::vector<SourceOutcome> first = LoadBundled(*store_, *bundled, {.only = {"un_sc"}});
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(first[0].status.ok()) << first[0].status.ToString();
  EXPECT_FALSE(first[0].skipped);
  EXPECT_EQ(CurrentVersion("un_sc"), 1);
  std::vector<SourceOutcome> second = LoadBundled(*store_, *bundled, {.only = {"un_sc"}});
  ASSERT_EQ(second.size(), 1u);
  EXPECT_TRUE(second[0].skipped);
  EXPECT_NE(second[0].skip_reason.find("already in the store"), std::string::npos);
  EXPECT_EQ(CurrentVersion("un_sc"), 1);
}

TEST(SourceCatalogTest, BundledCatalogIsValid) {
  Result<SourceCatalog> catalog =
      LoadSourceCatalog(std::string(CORDON_BUNDLED_DATA) + "/sources.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_GE(catalog->sources.size(), 8u);
  for (const SourceSpec& spec : catalog->sources) {
    for (const auto& version : spec.bundled) {
      for (const std::string& file : version) {
        EXPECT_TRUE(ReadFile(catalog->lists_dir + "/" + file).ok()) << file;
      }
    }
  }
}

TEST(SourceCatalogTest, MalformedCatalogNamesTheField) {
  Result<SourceCatalog> c = ParseSourceCatalog(R"({"sources":[{"format":"x"}]})", "cat.json", ".");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("cat.json: sources[0]"), std::string::npos);
  EXPECT_FALSE(ParseSourceCatalog("{", "cat.json", ".").ok());
}

}  // namespace
}  // namespace cordon::update
