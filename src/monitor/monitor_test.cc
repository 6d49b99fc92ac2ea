#include "monitor/monitor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "monitor/testing/sdn_update.h"

namespace cordon::monitor {
namespace {

using ::testing::HasSubstr;

match::Query Customer(std::string id, std::string name) {
  match::Query q;
  q.id = std::move(id);
  q.names = {std::move(name)};
  return q;
}

class MonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("monitor_test_" + std::to_string(::getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    Result<std::unique_ptr<Monitor>> monitor = Monitor::Open(path_, store::OpenMode::kReadWrite);
    ASSERT_TRUE(monitor.ok()) << monitor.status().ToString();
    monitor_ = std::move(*monitor);
  }
  void TearDown() override {
    monitor_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  // Real SDN names: MOHTASHAM, Abdolhamid (24589) is on both versions; PUBLIC JOINT STOCK
  // COMPANY SBERBANK OF RUSSIA (17018) was designated after July 2021; the others are on neither.
  std::vector<match::Query> Book() {
    return {Customer("c1", "Abdolhamid Mohtasham"), Customer("c2", "PJSC Sberbank of Russia"),
            Customer("c3", "Maria Gonzalez Lopez"), Customer("c4", "Acme Tooling GmbH")};
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Monitor> monitor_;
};

// OFAC GL 115C (civil nuclear energy) names VEB.RF (SDN 17015) and expires on 2026-06-18 at
// 12:01 a.m. EDT: 17 days after 2026-06-01, 48 after 2026-05-01.
TEST_F(MonitorTest, AGeneralLicenceNamingAMatchedEntityRaisesOneAlertBeforeItExpires) {
  ASSERT_TRUE(
      monitor_
          ->LoadBook("energy", "e.csv",
                     {Customer("v1",
                               "State Corporation Bank for Development and Foreign Economic "
                               "Affairs Vnesheconombank"),
                      Customer("x1", "Acme Tooling GmbH")},
                     std::nullopt)
          .ok());
  // Today the licence has expired: the match raises its new_match alert and nothing else.
  Result<RescreenSummary> first = monitor_->Rescreen("energy", *testing::Sdn().may_2024);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->licence_alerts, 0);
  Result<std::vector<Alert>> matched = monitor_->ListAlerts({.book = "energy"});
  ASSERT_TRUE(matched.ok());
  bool veb = false;
  for (const Alert& a : *matched) veb |= a.entity_id == "us_ofac_sdn:17015";
  ASSERT_TRUE(veb) << "VEB.RF is not matched";

  // 48 days before the expiry: outside the 30-day window.
  const screening::Snapshot& lists = *testing::Sdn().may_2024;
  monitor_->SetLicenceAlertDate(Date::FromYmd(2026, 5, 1));
  Result<RescreenSummary> early = monitor_->Rescreen("energy", lists);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_TRUE(early->up_to_date);  // the same list versions
  EXPECT_EQ(early->licence_alerts, 0);

  // 17 days before: one alert for the pair and the licence, raised once.
  monitor_->SetLicenceAlertDate(Date::FromYmd(2026, 6, 1));
  Result<RescreenSummary> due = monitor_->Rescreen("energy", lists);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  EXPECT_EQ(due->licence_alerts, 1);
  Result<std::vector<Alert>> expiring =
      monitor_->ListAlerts({.book = "energy", .kind = "licence_expiring"});
  ASSERT_TRUE(expiring.ok());
  ASSERT_EQ(expiring->size(), 1u);
  const Alert& alert = expiring->front();
  EXPECT_EQ(alert.customer_id, "v1");
  EXPECT_EQ(alert.entity_id, "us_ofac_sdn:17015");
  EXPECT_EQ(alert.status, "open");
  const nlohmann::json explanation = nlohmann::json::parse(alert.explanation);
  EXPECT_EQ(explanation["licence"]["id"], "us-ofac-gl-115c");
  EXPECT_EQ(explanation["days_to_expiry"], 17);
  EXPECT_THAT(explanation["summary"].get<std::string>(), HasSubstr("in 17 days"));
  EXPECT_THAT(explanation["summary"].get<std::string>(), HasSubstr("civil_nuclear"));

  Result<RescreenSummary> again = monitor_->Rescreen("energy", lists);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->licence_alerts, 0);

  // Decided a false positive, the pair stays quiet like any other.
  ASSERT_TRUE(monitor_->Decide(alert.id, "false_positive", "another bank", "tester").ok());
  Result<RescreenSummary> after = monitor_->Rescreen("energy", lists);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->licence_alerts, 0);
  EXPECT_EQ(after->new_alerts + after->changed_alerts, 0);

  monitor_->SetLicenceAlertDays(0);  // no window: none at all
  ASSERT_TRUE(monitor_
                  ->LoadBook("other", "o.csv",
                             {Customer("v2",
                                       "Vnesheconombank State Corporation Bank for Development and "
                                       "Foreign Economic Affairs")},
                             0.8)
                  .ok());
  Result<RescreenSummary> off = monitor_->Rescreen("other", lists);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->licence_alerts, 0);
}

TEST_F(MonitorTest, LoadsVersionsWithTheirDelta) {
  Result<BookVersion> v1 = monitor_->LoadBook("retail", "a.csv", Book(), std::nullopt);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->number, 1);
  EXPECT_EQ(v1->added, 4);

  Result<BookVersion> same = monitor_->LoadBook("retail", "a.csv", Book(), std::nullopt);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->unchanged);
  EXPECT_EQ(same->number, 1);

  std::vector<match::Query> next = Book();
  next.erase(next.begin() + 3);                   // c4 removed
  next[2].countries = {"ES"};                     // c3 changed
  next.push_back(Customer("c5", "Ivan Petrov"));  // c5 added
  Result<BookVersion> v2 = monitor_->LoadBook("retail", "b.csv", next, std::nullopt);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->number, 2);
  EXPECT_EQ(v2->added, 1);
  EXPECT_EQ(v2->changed, 1);
  EXPECT_EQ(v2->removed, 1);
  EXPECT_EQ(v2->customers, 4);

  Result<std::vector<match::Query>> customers = monitor_->Customers("retail");
  ASSERT_TRUE(customers.ok());
  ASSERT_EQ(customers->size(), 4u);
  EXPECT_EQ((*customers)[2].countries, std::vector<std::string>{"ES"});
  Result<BookInfo> info = monitor_->GetBook("retail");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->threshold, 0.80);
  EXPECT_EQ(info->current.file, "b.csv");
  EXPECT_EQ(monitor_->BookVersions("retail")->size(), 2u);

  EXPECT_EQ(monitor_->GetBook("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(monitor_->LoadBook("bad name", "x", Book(), {}).status().code(),
            StatusCode::kInvalidArgument);
  std::vector<match::Query> twice = {Customer("x", "A"), Customer("x", "B")};
  EXPECT_EQ(monitor_->LoadBook("retail", "x", twice, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(monitor_->GetBook("retail")->current.number, 2);  // the failed load changed nothing
}

TEST_F(MonitorTest, ReadsABookFileWholeOrNotAtAll) {
  const std::string file = path_ + ".csv";
  std::ofstream(file) << "id,name,date_of_birth\nc1,Ivan Petrov,1970-01-01\n,No Id,\n";
  Result<std::vector<match::Query>> read = ReadBookFile(file);
  EXPECT_EQ(read.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr(":3: id:"));
  std::ofstream(file) << "id,name,date_of_birth\nc1,Ivan Petrov,1970-13-01\n";
  read = ReadBookFile(file);
  EXPECT_THAT(read.status().message(), HasSubstr("nothing was stored"));
  std::ofstream(file) << "id,name\nc1,Ivan Petrov\nc1,Ivan Sidorov\n";
  read = ReadBookFile(file);
  EXPECT_THAT(read.status().message(), HasSubstr("already the id of line 2"));
  std::filesystem::remove(file);
}

TEST_F(MonitorTest, ListUpdateRaisesAlertsAndAFalsePositiveStaysQuiet) {
  ASSERT_TRUE(monitor_->LoadBook("retail", "a.csv", Book(), std::nullopt).ok());
  std::shared_ptr<const screening::Snapshot> july_2021 = testing::Sdn().july_2021;
  Result<RescreenSummary> first = monitor_->Rescreen("retail", *july_2021);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->stats.full);
  EXPECT_GE(first->new_alerts, 1);
  Result<std::vector<Alert>> alerts = monitor_->ListAlerts({.book = "retail"});
  ASSERT_TRUE(alerts.ok());
  bool mohtasham = false;
  for (const Alert& a : *alerts) {
    EXPECT_EQ(a.kind, "new_match");
    EXPECT_EQ(a.status, "open");
    EXPECT_FALSE(a.previous_score);
    if (a.customer_id == "c1" && a.entity_id == "us_ofac_sdn:24589") mohtasham = true;
    EXPECT_NE(a.customer_id, "c2");  // Sberbank was not on the July 2021 SDN list
  }
  EXPECT_TRUE(mohtasham);

  // Nothing changed: nothing to do.
  Result<RescreenSummary> again = monitor_->Rescreen("retail", *july_2021);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->up_to_date);

  // Every alert so far decided a false positive (for the test's sake).
  for (const Alert& a : *alerts) {
    Result<Alert> d = monitor_->Decide(a.id, "false_positive", "test", "tester");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->status, "decided");
  }
  EXPECT_EQ(monitor_->Decide((*alerts)[0].id, "true_match", "again", "x").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(monitor_->Decide((*alerts)[0].id, "maybe", "r", "x").status().code(),
            StatusCode::kInvalidArgument);

  // The 2024 list: Sberbank is new; MOHTASHAM's entry changed state or not, but a pair
  // decided a false positive raises nothing unless its records changed.
  std::shared_ptr<const screening::Snapshot> may_2024 = testing::Sdn().may_2024;
  Result<RescreenSummary> update = monitor_->Rescreen("retail", *may_2024);
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  EXPECT_FALSE(update->stats.full);
  Result<std::vector<Alert>> open = monitor_->ListAlerts({.book = "retail", .status = "open"});
  ASSERT_TRUE(open.ok());
  bool sberbank = false;
  for (const Alert& a : *open) {
    if (a.customer_id == "c2" && a.kind == "new_match") {
      sberbank = true;
      EXPECT_THAT(a.versions, HasSubstr("us_ofac_sdn@2"));
      EXPECT_THAT(a.versions, HasSubstr("us_ofac_sdn@1"));
      EXPECT_THAT(a.explanation, HasSubstr("SBERBANK OF RUSSIA"));
    }
  }
  EXPECT_TRUE(sberbank);
  EXPECT_EQ(update->new_alerts + update->changed_alerts + update->cleared_alerts,
            static_cast<int64_t>(open->size()));

  // The customer's record changes: the suppression of its false positive ends.
  std::vector<match::Query> changed = Book();
  changed[0].names = {"Abdol Hamid Mohtasham"};
  ASSERT_TRUE(monitor_->LoadBook("retail", "b.csv", changed, std::nullopt).ok());
  Result<RescreenSummary> after_change = monitor_->Rescreen("retail", *may_2024);
  ASSERT_TRUE(after_change.ok());
  EXPECT_EQ(after_change->stats.customers_screened, 1u);
  Result<std::vector<Alert>> c1 = monitor_->ListAlerts({.book = "retail", .status = "open"});
  bool raised_again = false;
  for (const Alert& a : *c1)
    raised_again |= a.customer_id == "c1" && a.entity_id == "us_ofac_sdn:24589";
  EXPECT_TRUE(raised_again);

  // Removing the customer clears its matches.
  std::vector<match::Query> without = Book();
  without.erase(without.begin() + 1);
  ASSERT_TRUE(monitor_->LoadBook("retail", "c.csv", without, std::nullopt).ok());
  Result<RescreenSummary> removed = monitor_->Rescreen("retail", *may_2024);
  ASSERT_TRUE(removed.ok());
  EXPECT_GE(removed->cleared_alerts, 1);
  Result<std::vector<Alert>> cleared = monitor_->ListAlerts({.kind = "cleared_match"});
  ASSERT_TRUE(cleared.ok());
  ASSERT_FALSE(cleared->empty());
  EXPECT_THAT(cleared->front().explanation, HasSubstr("removed from the book"));
  EXPECT_THAT(AlertJson(cleared->front()), HasSubstr("\"previous_score\":"));
}

}  // namespace
}  // namespace cordon::monitor
