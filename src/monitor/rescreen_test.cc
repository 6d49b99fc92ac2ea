// The re-screening after a list update or a book change must equal a full screening: checked
// on the real OFAC SDN update of July 2021 -> May 2024 (6,870 entries added, 881 removed,
// 6,871 changed) with a book of customers drawn from both versions' real names.
#include "monitor/rescreen.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "monitor/customer.h"
#include "monitor/testing/sdn_update.h"

namespace cordon::monitor {
namespace {

using ::testing::IsEmpty;

// A customer as a bank's file would carry a listed name: as listed, reordered, with a typo,
// with or without the date of birth and nationality the list gives.
match::Query CustomerFrom(const model::Entity& e, size_t n) {
  match::Query q;
  q.id = "c" + std::to_string(n);
  std::string name = e.names.empty() ? "" : e.names[n % e.names.size()].full;
  switch (n % 4) {
    case 1: {  // words reversed
      size_t space = name.rfind(' ');
      if (space != std::string::npos) name = name.substr(space + 1) + " " + name.substr(0, space);
      break;
    }
    case 2:  // one letter dropped
      if (name.size() > 6) name.erase(name.size() / 2, 1);
      break;
    case 3:  // one letter doubled
      if (name.size() > 4) name.insert(name.size() / 3, 1, name[name.size() / 3]);
      break;
    default:
      break;
  }
  q.names.push_back(name);
  if (n % 3 == 0) {
    if (e.schema == model::Schema::kPerson) q.schema = e.schema;
    for (const model::DateSpec& d : e.birth_dates) {
      if (!d.date.empty()) q.birth_dates.push_back(d.date);
    }
    for (const model::CountryRef& c : e.countries) {
      if (!c.code.empty() && c.role == model::CountryRole::kNationality)
        q.countries.push_back(c.code);
    }
  }
  if (n % 5 == 0) {
    for (const model::Identifier& id : e.identifiers) {
      if (id.type == model::IdentifierType::kImo) q.identifiers.push_back(id);
    }
  }
  return q;
}

class RescreenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    before_ = new std::shared_ptr<const screening::Snapshot>(testing::Sdn().july_2021);
    after_ = new std::shared_ptr<const screening::Snapshot>(testing::Sdn().may_2024);
    // Customers from every 20th entity of 2021 (many changed or removed by 2024) and every
    // 20th of 2024 (many added), and names no list carries.
    customers_ = new std::vector<match::Query>;
    size_t n = 0;
    for (const auto* s : {before_, after_}) {
      const std::vector<model::Entity>& entities = (*s)->index().entities();
      for (size_t i = n % kStride; i < entities.size(); i += kStride) {
        customers_->push_back(CustomerFrom(entities[i], n++));
      }
    }
    // And names written in Arabic script, read across scripts against the Latin lists (AL-DIB,
    // Ahmed and AL-BANAI, Abd al-Muayyid are on the 2024 list, SOLEIMANI, Qasem and NASRALLAH,
    // Hasan on both).
    for (const char* name :
         {"Maria Gonzalez Lopez", "Acme Tooling GmbH", "John Smith", "Baltic Shipping Services OU",
          "Ahmed Hassan", "أحمد الديب", "Ahmed طيب", "عبد المؤيد البناي", "محمد حسين",
          // Listed people's names as Arabic and Persian papers write them: abjad words run
          // together ("عبد الرحمن", "نصر الله"), Persian letters, the article joined.
          "قاسم سليماني", "حسن نصر الله", "أبو بكر البغدادي", "عبد الرحمن مصطفى القادولي",
          "عبد الملك الحوثي", "محمد جواد ظريف", "علی خامنه‌ای", "ابراهيم رئيسي",
          "عبدالله عزام"}) {
      match::Query q;
      q.id = "c" + std::to_string(n++);
      q.names = {name};
      customers_->push_back(q);
    }
    // Full screenings before and after at the lowest threshold tested: a screening at a higher
    // threshold is exactly the pairs scoring at or above it (a pair's score depends on the pair
    // alone), so each threshold's reference is cut from these.
    book_ = new std::shared_ptr<const BookIndex>(BookIndex::Build(*customers_).value());
    const BookScreenOptions lowest{.threshold = kLowestThreshold, .threads = 2};
    first_ = new BookScreening(ScreenBook(**book_, **before_, lowest).value());
    full_after_ = new BookScreening(ScreenBook(**book_, **after_, lowest).value());
  }

  static BookScreening AtThreshold(const BookScreening& screening, double threshold) {
    BookScreening out = screening;
    std::erase_if(out.matches, [&](const PairMatch& p) { return p.score < threshold; });
    return out;
  }
  static void TearDownTestSuite() {
    delete first_;
    delete full_after_;
    delete book_;
    delete customers_;
    delete after_;
    delete before_;
  }

  static void ExpectSame(const BookScreening& incremental, const BookScreening& full) {
    std::map<std::pair<std::string, std::string>, const PairMatch*> expected;
    for (const PairMatch& p : full.matches) expected[{p.customer_id, p.entity_id}] = &p;
    std::vector<std::string> extra, missing, differ;
    for (const PairMatch& p : incremental.matches) {
      auto it = expected.find({p.customer_id, p.entity_id});
      if (it == expected.end()) {
        extra.push_back(p.customer_id + "~" + p.entity_id);
        continue;
      }
      if (p.score != it->second->score || p.listing != it->second->listing ||
          p.match_json != it->second->match_json) {
        differ.push_back(p.customer_id + "~" + p.entity_id);
      }
      expected.erase(it);
    }
    for (const auto& [key, p] : expected) {
      missing.push_back(key.first + "~" + key.second + " " + std::to_string(p->score) + " " +
                        p->explanation);
    }
    EXPECT_THAT(extra, IsEmpty());
    EXPECT_THAT(missing, IsEmpty());
    EXPECT_THAT(differ, IsEmpty());
    EXPECT_EQ(incremental.matches.size(), full.matches.size());
    EXPECT_EQ(incremental.entities, full.entities);
  }

  static constexpr size_t kStride = 20;
  static std::shared_ptr<const screening::Snapshot>* before_;
  static std::shared_ptr<const screening::Snapshot>* after_;
  static std::vector<match::Query>* customers_;
  static constexpr double kLowestThreshold = 0.70;
  static std::shared_ptr<const BookIndex>* book_;
  static BookScreening* first_;       // the book on the 2021 list, at kLowestThreshold
  static BookScreening* full_after_;  // the book on the 2024 list, at kLowestThreshold
};
std::shared_ptr<const screening::Snapshot>* RescreenTest::before_ = nullptr;
std::shared_ptr<const screening::Snapshot>* RescreenTest::after_ = nullptr;
std::vector<match::Query>* RescreenTest::customers_ = nullptr;
std::shared_ptr<const BookIndex>* RescreenTest::book_ = nullptr;
BookScreening* RescreenTest::first_ = nullptr;
BookScreening* RescreenTest::full_after_ = nullptr;

class ListUpdate : public RescreenTest, public ::testing::WithParamInterface<double> {};

TEST_P(ListUpdate, EqualsAFullScreeningAfterTheSdnUpdate) {
  const BookScreenOptions options{.threshold = GetParam(), .threads = 2};
  const BookScreening first = AtThreshold(*first_, GetParam());
  const BookScreening full = AtThreshold(*full_after_, GetParam());
  Result<BookScreening> incremental = RescreenBook(**book_, **after_, first, {}, options);
  ASSERT_TRUE(incremental.ok()) << incremental.status().ToString();
  ExpectSame(*incremental, full);

  // The update must matter to this book, or the test shows nothing: pairs appear and go.
  const size_t carried = incremental->stats.pairs_carried;
  EXPECT_GT(full.matches.size(), first.matches.size());
  EXPECT_LT(carried, first.matches.size());
  EXPECT_GT(carried, 0u);
  EXPECT_EQ(incremental->stats.customers_screened, 0u);
  EXPECT_LT(incremental->stats.mirror_candidates, customers_->size());
  RecordProperty("pairs_before", static_cast<int>(first.matches.size()));
  RecordProperty("pairs_after", static_cast<int>(full.matches.size()));
}

// The reference itself: a screening at a threshold equals the lower one's pairs cut at it.
TEST_F(RescreenTest, AScreeningAtAHigherThresholdIsTheLowerOneCut) {
  Result<BookScreening> direct = ScreenBook(**book_, **after_, {.threshold = 0.85, .threads = 2});
  ASSERT_TRUE(direct.ok());
  ExpectSame(AtThreshold(*full_after_, 0.85), *direct);
}

INSTANTIATE_TEST_SUITE_P(Thresholds, ListUpdate, ::testing::Values(0.70, 0.80, 0.90));

TEST_F(RescreenTest, EqualsAFullScreeningAfterABookChange) {
  const BookScreenOptions options{.threshold = 0.75, .threads = 2};
  const std::vector<match::Query>& before = *customers_;
  const std::optional<BookScreening> first = AtThreshold(*first_, options.threshold);

  // Every 10th customer removed, every 7th renamed to another listed name, ten added; and the
  // lists updated at the same time.
  std::vector<match::Query> after;
  std::vector<std::string> changed;
  const std::vector<model::Entity>& listed = (*after_)->index().entities();
  for (size_t i = 0; i < before.size(); ++i) {
    if (i % 10 == 0) continue;
    match::Query q = before[i];
    if (i % 7 == 0) {
      q = CustomerFrom(listed[(i * 31) % listed.size()], i);
      q.id = before[i].id;
      changed.push_back(q.id);
    }
    after.push_back(q);
  }
  for (size_t i = 0; i < 10; ++i) {
    match::Query q = CustomerFrom(listed[(i * 977) % listed.size()], i);
    q.id = "new" + std::to_string(i);
    changed.push_back(q.id);
    after.push_back(q);
  }
  Result<std::shared_ptr<const BookIndex>> changed_book = BookIndex::Build(after);
  ASSERT_TRUE(changed_book.ok());
  Result<BookScreening> incremental =
      RescreenBook(**changed_book, **after_, *first, changed, options);
  ASSERT_TRUE(incremental.ok()) << incremental.status().ToString();
  Result<BookScreening> full = ScreenBook(**changed_book, **after_, options);
  ASSERT_TRUE(full.ok());
  ExpectSame(*incremental, *full);
  EXPECT_EQ(incremental->stats.customers_screened, changed.size());

  // The book changed alone, lists as they were: nothing touched, only the changed screened.
  Result<BookScreening> book_only = RescreenBook(**changed_book, **after_, *full, changed, options);
  ASSERT_TRUE(book_only.ok());
  ExpectSame(*book_only, *full);
  EXPECT_EQ(book_only->stats.touched_entities, 0u);
  EXPECT_EQ(book_only->stats.mirror_candidates, 0u);
}

TEST(BookIndexTest, RefusesTwoCustomersWithOneId) {
  match::Query a{.id = "1", .names = {"Ivan Petrov"}};
  Result<std::shared_ptr<const BookIndex>> book = BookIndex::Build({a, a});
  EXPECT_EQ(book.status().code(), StatusCode::kInvalidArgument);
}

TEST(CustomerTest, JsonRoundTripsAndDigestTellsAChange) {
  match::Query q{
      .id = "c1", .schema = model::Schema::kPerson, .names = {"Иван Петров", "Ivan Petrov"}};
  q.birth_dates.push_back(*model::PartialDate::FromIso("1970-03"));
  q.countries = {"RU"};
  q.identifiers.push_back({.type = model::IdentifierType::kInn, .value = "7725824287"});
  Result<match::Query> back = CustomerFromJson(CustomerJson(q));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(CustomerJson(*back), CustomerJson(q));
  EXPECT_EQ(back->names, q.names);
  EXPECT_EQ(CustomerDigest(*back), CustomerDigest(q));
  back->countries = {"BY"};
  EXPECT_NE(CustomerDigest(*back), CustomerDigest(q));
  EXPECT_FALSE(CustomerFromJson(R"({"id":"x","birth_dates":["1970-13"]})").ok());
  EXPECT_FALSE(CustomerFromJson("[1]").ok());
}

}  // namespace
}  // namespace cordon::monitor
