// monitor_benchmark: what re-screening a customer book after a list update costs.
//
//   build/release/bench/monitor_benchmark [--customers=1000000] [--delta=1000] [--verify]
//                                         [--book=listed|general]
//
// The lists: the real OFAC SDN list of July 2021 as version 1; version 2 is version 1 with a
// delta of --delta entities taken from the real May 2024 list (40 % added, 30 % changed, 30 %
// removed). The book: --customers synthetic customers drawn from the words of the listed names
// (bench/synthetic_corpus.h), so that many share words with listed names, plus 200 carrying the
// names of entities the delta adds. Figures: the book's index (time, memory per customer), the
// first screening in full (records/s on every core), and the re-screening after the update on
// one core, which the issue wants in 5 s for a million customers and a thousand entities.
// --verify screens the book in full again after the update and compares.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "base/file.h"
#include "base/sha256.h"
#include "bench/bench_support.h"
#include "bench/synthetic_corpus.h"
#include "monitor/rescreen.h"
#include "store/ingest_files.h"

namespace cordon {
namespace {

using bench::Clock;

[[noreturn]] void Die(const std::string& message) {
  fmt::print(stderr, "monitor_benchmark: {}\n", message);
  std::exit(1);
}

template <typename T>
T OrDie(Result<T> r) {
  if (!r.ok()) Die(r.status().ToString());
  return std::move(r).value();
}

struct Flags {
  size_t customers = 1'000'000;
  size_t delta = 1000;
  bool verify = false;
  // "listed": customers made of the listed names' words (bench/synthetic_corpus.h), a book where
  // one customer in seven is near a listed name. "general": given and family names of the
  // evaluation set's non-listed people (../shared/eval/screening/negatives_*), recombined: a
  // book that looks like a bank's.
  std::string book = "listed";
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name, size_t& out) {
      const std::string prefix = fmt::format("--{}=", name);
      if (!arg.starts_with(prefix)) return false;
      out = std::stoull(std::string(arg.substr(prefix.size())));
      return true;
    };
    if (arg == "--verify") {
      flags.verify = true;
    } else if (arg.starts_with("--book=")) {
      flags.book = std::string(arg.substr(7));
      if (flags.book != "listed" && flags.book != "general") Die("--book: listed or general");
    } else if (!value("customers", flags.customers) && !value("delta", flags.delta)) {
      Die(fmt::format("unknown flag {}", arg));
    }
  }
  return flags;
}

std::vector<model::Entity> ReadList(const std::vector<std::string>& relative_paths) {
  std::vector<std::string> contents;
  std::vector<ingest::InputFile> files;
  contents.reserve(relative_paths.size());
  for (const std::string& path : relative_paths) {
    const std::string full = std::string(CORDON_BUNDLED_DATA) + "/lists/" + path;
    std::string name = std::filesystem::path(path).filename().string();
    contents.push_back(OrDie(MaybeDecompress(OrDie(ReadFile(full)), name)));
    if (name.ends_with(".zst")) name.resize(name.size() - 4);
    files.push_back({name, contents.back()});
  }
  std::unique_ptr<store::Store> store = OrDie(store::Store::Open(":memory:"));
  OrDie(store::IngestFiles(*store, files, {}));
  std::vector<model::Entity> entities;
  Status read = store->ForEachCurrentEntity([&](const model::Entity& e) {
    entities.push_back(e);
    return Status::Ok();
  });
  if (!read.ok()) Die(read.ToString());
  return entities;
}

store::NewVersion Version(std::vector<model::Entity> entities, std::string tag) {
  store::NewVersion v;
  v.source = "us_ofac_sdn";
  v.format = "ofac-legacy-csv";
  v.retrieved = store::NowIso();
  v.sha256 = Sha256Hex(tag);
  v.files = {tag};
  v.entities = std::move(entities);
  return v;
}

// Fields of one CSV line (double quotes around a field allowed, no line breaks inside).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// `count` customers whose given, middle and family names and birth dates are drawn from the
// evaluation set's people who are on no list.
std::vector<match::Query> GeneralBook(size_t count) {
  std::vector<std::string> given, middle, family, dates;
  for (const char* file : {"negatives_global_dev.csv", "negatives_us_dev.csv"}) {
    const std::string path = std::string(CORDON_SHARED_DATA) + "/../eval/screening/" + file;
    const std::string text = OrDie(ReadFile(path));
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);  // full_name,first_name,middle_name,last_name,gender,date_of_birth
    while (std::getline(lines, line)) {
      const std::vector<std::string> f = CsvFields(line);
      if (f.size() < 6 || f[1].empty() || f[3].empty()) continue;
      given.push_back(f[1]);
      if (!f[2].empty()) middle.push_back(f[2]);
      family.push_back(f[3]);
      dates.push_back(f[5]);
    }
  }
  if (given.empty()) Die("no names in the evaluation set's negatives");
  std::mt19937 rng(23);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  std::vector<match::Query> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    match::Query q;
    q.id = fmt::format("cust{:07}", i);
    std::string name = pick(given);
    if (!middle.empty() && rng() % 3 == 0) name += " " + pick(middle);
    name += " " + pick(family);
    q.names.push_back(std::move(name));
    q.schema = model::Schema::kPerson;
    if (auto d = model::PartialDate::FromIso(pick(dates)); d && rng() % 2 == 0) {
      q.birth_dates.push_back(*d);
    }
    out.push_back(std::move(q));
  }
  return out;
}

match::Query AsCustomer(const model::Entity& e, size_t n) {
  match::Query q;
  q.id = fmt::format("cust{:07}", n);
  q.names.push_back(e.names.front().full);
  q.schema = e.schema == model::Schema::kPerson ? std::optional(e.schema) : std::nullopt;
  if (!e.birth_dates.empty()) q.birth_dates.push_back(e.birth_dates.front().date);
  for (const model::CountryRef& c : e.countries) {
    if (!c.code.empty()) q.countries.push_back(c.code);
  }
  return q;
}

}  // namespace
}  // namespace cordon

int main(int argc, char** argv) {
  using namespace cordon;
  const Flags flags = ParseFlags(argc, argv);
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  bench::FigureTable figures("monitor_benchmark", /*echo=*/true);

  // The lists: 2021, and 2021 with a delta taken from 2024.
  std::vector<model::Entity> before = ReadList(
      {"ofac/2021-07_watchman_bench/sdn.csv.zst", "ofac/2021-07_watchman_bench/add.csv.zst",
       "ofac/2021-07_watchman_bench/alt.csv.zst",
       "ofac/2021-07_watchman_bench/sdn_comments.csv.zst"});
  std::vector<model::Entity> later = ReadList({"ofac/sdn.csv.zst"});
  std::unordered_map<std::string, const model::Entity*> later_by_id;
  for (const model::Entity& e : later) later_by_id[e.id] = &e;
  std::unordered_set<std::string> before_ids;
  for (const model::Entity& e : before) before_ids.insert(e.id);
  const size_t to_add = flags.delta * 4 / 10, to_change = flags.delta * 3 / 10,
               to_remove = flags.delta - to_add - to_change;
  std::vector<model::Entity> after;
  std::vector<const model::Entity*> added;
  size_t changed = 0, removed = 0;
  for (const model::Entity& e : before) {
    auto it = later_by_id.find(e.id);
    if (it == later_by_id.end()) {
      if (removed < to_remove) {
        ++removed;
        continue;
      }
    } else if (changed < to_change && !(*it->second == e)) {
      ++changed;
      after.push_back(*it->second);
      continue;
    }
    after.push_back(e);
  }
  for (const model::Entity& e : later) {
    if (added.size() == to_add) break;
    if (!before_ids.contains(e.id)) {
      after.push_back(e);
      added.push_back(&e);
    }
  }
  std::unique_ptr<store::Store> store = OrDie(store::Store::Open(":memory:"));
  OrDie(store->AddVersion(Version(before, "july-2021")));
  std::shared_ptr<const screening::Snapshot> old_lists =
      OrDie(screening::Snapshot::Build(*store, {}));
  OrDie(store->AddVersion(Version(after, "with-delta")));
  std::shared_ptr<const screening::Snapshot> new_lists =
      OrDie(screening::Snapshot::Build(*store, {}));
  const std::string lists = "lists";
  figures.Add(lists, "version 1",
              fmt::format("{} entities (OFAC SDN, July 2021)", bench::Count(before.size())));
  figures.Add(lists, "delta",
              fmt::format("{} added, {} changed, {} removed (from May 2024)", added.size(), changed,
                          removed));

  // The book.
  std::vector<match::Query> customers;
  if (flags.book == "general") {
    customers = GeneralBook(flags.customers);
  } else {
    const bench::NamePools pools = bench::NamePools::FromEntities(before);
    std::vector<model::Entity> people = bench::GenerateCorpus(pools, flags.customers, 17);
    customers.reserve(people.size() + 200);
    for (size_t i = 0; i < people.size(); ++i) customers.push_back(AsCustomer(people[i], i));
  }
  const size_t generated = customers.size();
  for (size_t i = 0; i < 200 && i < added.size(); ++i) {
    customers.push_back(AsCustomer(*added[i], generated + i));
  }
  const std::string book_section =
      fmt::format("book of {} customers ({})", bench::Count(customers.size()), flags.book);
  const double rss_before = bench::RssMiB();
  auto start = Clock::now();
  std::shared_ptr<const monitor::BookIndex> book =
      OrDie(monitor::BookIndex::Build(std::move(customers)));
  const double build_seconds = bench::Seconds(Clock::now() - start);
  const double rss_growth = bench::RssMiB() - rss_before;
  figures.Add(book_section, "index build (1 thread)", fmt::format("{:.2f} s", build_seconds));
  figures.Add(book_section, "index structures",
              fmt::format("{:.0f} bytes a customer", book->index_bytes_per_customer()));
  figures.Add(book_section, "resident growth (records + index)",
              fmt::format("{} ({:.0f} bytes a customer)", bench::MiB(rss_growth),
                          rss_growth * 1048576.0 / static_cast<double>(book->customers().size())));

  // The first screening, in full, on every core.
  const monitor::BookScreenOptions all_cores{.threshold = 0.80, .threads = cores};
  start = Clock::now();
  monitor::BookScreening first = OrDie(monitor::ScreenBook(*book, *old_lists, all_cores));
  double seconds = bench::Seconds(Clock::now() - start);
  figures.Add(book_section, fmt::format("first screening, in full ({} threads)", cores),
              fmt::format("{:.1f} s, {:.0f} customers/s, {} matches at 0.80", seconds,
                          static_cast<double>(book->customers().size()) / seconds,
                          bench::Count(first.matches.size())));

  // The update, on one core.
  const monitor::BookScreenOptions one_core{.threshold = 0.80, .threads = 1};
  start = Clock::now();
  monitor::BookScreening next =
      OrDie(monitor::RescreenBook(*book, *new_lists, first, {}, one_core));
  seconds = bench::Seconds(Clock::now() - start);
  const std::string update = fmt::format("re-screening after the update (1 thread)");
  figures.Add(update, "time", fmt::format("{:.2f} s", seconds));
  figures.Add(update, "of which",
              fmt::format("entity states {:.2f} s, mirror search {:.2f} s, confirming {:.2f} s",
                          next.stats.states_seconds, next.stats.mirror_seconds,
                          next.stats.confirm_seconds));
  figures.Add(update, "entities touched / removed",
              fmt::format("{} / {}", next.stats.touched_entities, next.stats.removed_entities));
  figures.Add(update, "candidates from the book's index",
              bench::Count(next.stats.mirror_candidates));
  figures.Add(update, "pairs carried over", bench::Count(next.stats.pairs_carried));
  figures.Add(update, "matches after", bench::Count(next.matches.size()));

  if (flags.verify) {
    start = Clock::now();
    monitor::BookScreening full = OrDie(monitor::ScreenBook(*book, *new_lists, all_cores));
    seconds = bench::Seconds(Clock::now() - start);
    // Pairs of one and not the other, shown (at most five each way).
    std::map<std::pair<std::string, std::string>, double> incremental;
    for (const monitor::PairMatch& p : next.matches)
      incremental[{p.customer_id, p.entity_id}] = p.score;
    size_t differ = 0;
    for (const monitor::PairMatch& p : full.matches) {
      auto it = incremental.find({p.customer_id, p.entity_id});
      if (it != incremental.end() && it->second == p.score) {
        incremental.erase(it);
        continue;
      }
      if (differ++ < 5) {
        fmt::print(stderr, "monitor_benchmark: full only: {} ~ {} {:.3f} {}\n", p.customer_id,
                   p.entity_id, p.score, p.explanation);
      }
    }
    for (const auto& [pair, score] : incremental) {
      if (differ++ < 10) {
        fmt::print(stderr, "monitor_benchmark: re-screening only: {} ~ {} {:.3f}\n", pair.first,
                   pair.second, score);
      }
    }
    figures.Add(update, fmt::format("full screening after ({} threads)", cores),
                fmt::format("{:.1f} s; {}", seconds,
                            differ ? "DIFFERS from the re-screening" : "same pairs and scores"));
  }
  figures.Print(bench::PeakRssMiB());
  return 0;
}
