#include "monitor/rescreen.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "base/sha256.h"
#include "match/prepared.h"
#include "monitor/customer.h"
#include "screening/render.h"

namespace cordon::monitor {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs fn(i) for i in [0, n) on `threads` threads; stops at the first error and returns it.
Status ParallelFor(size_t n, size_t threads, const std::function<Status(size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  Status first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (size_t i = next++; i < n && !failed; i = next++) {
      Status s = fn(i);
      if (!s.ok()) {
        std::lock_guard lock(error_mutex);
        if (!failed.exchange(true)) first_error = std::move(s);
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(std::max<size_t>(threads, 1), n); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return first_error;
}

std::string Listing(const model::Entity& entity, const graph::EntityOwnership* ownership) {
  std::string out;
  for (model::Regime regime : match::Regimes(entity)) {
    if (!out.empty()) out += ',';
    out += model::RegimeName(regime);
  }
  out += '|';
  std::set<std::string> programmes;
  for (const model::Sanction& s : entity.sanctions) {
    if (!s.program.empty()) programmes.insert(s.program);
  }
  bool first = true;
  for (const std::string& p : programmes) {
    if (!first) out += ',';
    out += p;
    first = false;
  }
  out += '|';
  if (ownership != nullptr) {
    first = true;
    for (const graph::RegimeStatus& status : ownership->statuses) {
      if (!first) out += ' ';
      out += fmt::format("{}:{}", status.test_name(), status.name());
      first = false;
    }
  }
  return out;
}

PairMatch MakePair(const screening::Snapshot& snapshot, const std::string& customer_id,
                   const screening::ScreenedMatch& m, double threshold) {
  PairMatch pair;
  pair.customer_id = customer_id;
  pair.entity_id = m.match.entity->id;
  pair.score = m.match.score;
  pair.listing = Listing(*m.match.entity, m.ownership);
  screening::AppendMatchJson(pair.match_json, snapshot, m, threshold);
  pair.explanation = m.match.explanation.Summary();
  return pair;
}

screening::ScreenOptions AllMatchesAt(double threshold) {
  screening::ScreenOptions options;
  options.search.threshold = threshold;
  options.search.limit = 0;
  return options;
}

void SortPairs(std::vector<PairMatch>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const PairMatch& a, const PairMatch& b) {
    return std::tie(a.customer_id, a.entity_id) < std::tie(b.customer_id, b.entity_id);
  });
}

// Screens `customers` in full; their pairs are appended to `out`.
Status ScreenCustomers(const std::vector<const match::Query*>& customers,
                       const screening::Snapshot& snapshot, const BookScreenOptions& options,
                       std::vector<PairMatch>& out) {
  const screening::ScreenOptions screen = AllMatchesAt(options.threshold);
  std::vector<std::vector<PairMatch>> found(customers.size());
  RETURN_IF_ERROR(ParallelFor(customers.size(), options.threads, [&](size_t i) -> Status {
    ASSIGN_OR_RETURN(std::vector<screening::ScreenedMatch> matches,
                     screening::Screen(snapshot, *customers[i], screen));
    for (const screening::ScreenedMatch& m : matches) {
      found[i].push_back(MakePair(snapshot, customers[i]->id, m, options.threshold));
    }
    return Status::Ok();
  }));
  for (std::vector<PairMatch>& pairs : found) {
    for (PairMatch& p : pairs) out.push_back(std::move(p));
  }
  return Status::Ok();
}

// Everything of an entity the matcher reads (match/index.h, match/features.h): its schema,
// names with their parts, birth dates, countries and identifiers. Two entities equal in these
// score alike against every customer.
std::string MatchedFields(const model::Entity& e) {
  std::string out(model::SchemaName(e.schema));
  for (const model::Name& n : e.names) {
    out += fmt::format("\x1fn{}\x1e{}\x1e{}\x1e{}\x1e{}\x1e{}\x1e{}\x1e{}", n.full,
                       model::NameKindName(n.kind), n.given, n.middle, n.family, n.patronymic,
                       n.title, n.lang);
  }
  for (const model::DateSpec& d : e.birth_dates) {
    out += fmt::format(
        "\x1f"
        "b{}\x1e{}\x1e{}\x1e{}",
        d.date.ToIso(), d.until.ToIso(), d.approximate, d.text);
  }
  for (const model::CountryRef& c : e.countries) {
    out += fmt::format(
        "\x1f"
        "c{}\x1e{}\x1e{}",
        c.code, model::CountryRoleName(c.role), c.text);
  }
  for (const model::Identifier& id : e.identifiers) {
    out += fmt::format("\x1fi{}\x1e{}\x1e{}\x1e{}\x1e{}", model::IdentifierTypeName(id.type),
                       id.value, id.country, id.label, id.note);
  }
  return out;
}

// The part of a state (see ComputeEntityStates) that scores depend on.
std::string_view MatchedPart(std::string_view state) {
  const size_t slash = state.find('/');
  return slash == std::string_view::npos ? std::string_view() : state.substr(slash + 1);
}

}  // namespace

EntityStates ComputeEntityStates(const screening::Snapshot& snapshot) {
  const std::vector<model::Entity>& entities = snapshot.index().entities();
  EntityStates states;
  states.reserve(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    const graph::EntityOwnership* ownership = snapshot.OwnershipOf(i);
    std::string state = snapshot.PrerenderedMembers(i);
    if (state.empty()) state = screening::RenderEntityMembers(entities[i], ownership);
    const char* reportable = snapshot.Reportable(i) ? "|reportable" : "|not reportable";
    state += reportable;
    // "<whole state>/<what scores depend on>": a change in the first alone re-renders the
    // entity's pairs; a change in the second can make or break pairs.
    states.emplace(entities[i].id,
                   Sha256Hex(state).substr(0, 16) + "/" +
                       Sha256Hex(MatchedFields(entities[i]) + reportable).substr(0, 16));
  }
  return states;
}

Result<std::shared_ptr<const BookIndex>> BookIndex::Build(std::vector<match::Query> customers) {
  auto book = std::make_shared<BookIndex>();
  book->customers_ = std::move(customers);
  std::vector<model::Entity> entities;
  entities.reserve(book->customers_.size());
  for (size_t i = 0; i < book->customers_.size(); ++i) {
    const match::Query& c = book->customers_[i];
    if (!book->by_id_.emplace(c.id, i).second) {
      return InvalidArgumentError("two customers have the id '" + c.id + "'");
    }
    entities.push_back(CustomerEntity(c));
  }
  ASSIGN_OR_RETURN(book->index_,
                   match::MatchIndex::Build(std::move(entities), {.names_as_queries = true}));

  return std::shared_ptr<const BookIndex>(std::move(book));
}

const match::Query* BookIndex::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &customers_[it->second];
}

double BookIndex::index_bytes_per_customer() const {
  if (customers_.empty()) return 0;
  return static_cast<double>(index_->stats().memory_bytes) / static_cast<double>(customers_.size());
}

Result<BookScreening> ScreenBook(const BookIndex& book, const screening::Snapshot& snapshot,
                                 const BookScreenOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BookScreening out;
  std::vector<const match::Query*> all;
  all.reserve(book.customers().size());
  for (const match::Query& c : book.customers()) all.push_back(&c);
  RETURN_IF_ERROR(ScreenCustomers(all, snapshot, options, out.matches));
  SortPairs(out.matches);
  out.entities = ComputeEntityStates(snapshot);
  out.stats.full = true;
  out.stats.customers_screened = all.size();
  out.stats.touched_entities = out.entities.size();
  out.stats.seconds = SecondsSince(start);
  return out;
}

Result<BookScreening> RescreenBook(const BookIndex& book, const screening::Snapshot& snapshot,
                                   const BookScreening& previous,
                                   const std::vector<std::string>& changed_customers,
                                   const BookScreenOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BookScreening out;
  out.entities = ComputeEntityStates(snapshot);
  out.stats.states_seconds = SecondsSince(start);

  // Entities added or whose state changed, and those gone.
  // `rescored`: touched entities whose scores may have changed (what the matcher reads, or
  // whether they are reportable). The others changed only in what a match shows (a programme, an
  // address, an ownership status): their customers are those of their previous pairs.
  std::unordered_set<std::string> touched, removed, rescored;
  for (const auto& [id, state] : out.entities) {
    auto it = previous.entities.find(id);
    if (it == previous.entities.end() || it->second != state) {
      touched.insert(id);
      if (it == previous.entities.end() || MatchedPart(it->second) != MatchedPart(state) ||
          MatchedPart(state).empty()) {
        rescored.insert(id);
      }
    }
  }
  for (const auto& [id, state] : previous.entities) {
    if (!out.entities.contains(id)) removed.insert(id);
  }
  out.stats.touched_entities = touched.size();
  out.stats.rescored_entities = rescored.size();
  out.stats.removed_entities = removed.size();

  // 1. Customers added or changed: screened in full.
  std::unordered_set<std::string> changed;
  std::vector<const match::Query*> to_screen;
  for (const std::string& id : changed_customers) {
    const match::Query* c = book.Find(id);
    if (c != nullptr && changed.insert(id).second) to_screen.push_back(c);
  }
  auto phase = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ScreenCustomers(to_screen, snapshot, options, out.matches));
  out.stats.customers_screened = to_screen.size();
  out.stats.customers_seconds = SecondsSince(phase);

  // 2. Pairs carried over: customer still in the book and unchanged, entity untouched.
  for (const PairMatch& p : previous.matches) {
    if (changed.contains(p.customer_id) || touched.contains(p.entity_id) ||
        removed.contains(p.entity_id) || book.Find(p.customer_id) == nullptr) {
      continue;
    }
    out.matches.push_back(p);
    ++out.stats.pairs_carried;
  }

  // 3. Touched entities that can be reported: their customers found by the mirror search, each
  // confirmed against an index of the touched entities alone.
  const std::vector<model::Entity>& entities = snapshot.index().entities();
  std::vector<model::Entity> reportable_touched;
  std::vector<const model::Entity*> to_mirror;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (snapshot.Reportable(i) && touched.contains(entities[i].id)) {
      reportable_touched.push_back(entities[i]);
      if (rescored.contains(entities[i].id)) to_mirror.push_back(&entities[i]);
    }
  }
  if (!reportable_touched.empty() && !book.customers().empty()) {
    phase = std::chrono::steady_clock::now();
    match::SearchOptions mirror;
    mirror.threshold = options.threshold;
    mirror.limit = 0;
    std::vector<std::vector<std::string>> proposed(to_mirror.size() + 1);
    // Entities that changed only in what a match shows keep their customers.
    for (const PairMatch& p : previous.matches) {
      if (touched.contains(p.entity_id) && !rescored.contains(p.entity_id) &&
          !changed.contains(p.customer_id) && book.Find(p.customer_id) != nullptr) {
        proposed.back().push_back(p.customer_id);
      }
    }
    RETURN_IF_ERROR(ParallelFor(to_mirror.size(), options.threads, [&](size_t i) -> Status {
      const model::Entity& entity = *to_mirror[i];
      const size_t position = static_cast<size_t>(&entity - entities.data());
      for (const match::Match& m :
           book.index().SearchMirrored(snapshot.index(), position, mirror)) {
        const std::string& customer = m.entity->provenance.record_id;
        if (!changed.contains(customer)) proposed[i].push_back(customer);
      }
      return Status::Ok();
    }));
    std::vector<std::string> candidates;
    for (std::vector<std::string>& ids : proposed) {
      for (std::string& id : ids) candidates.push_back(std::move(id));
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    out.stats.mirror_candidates = candidates.size();
    out.stats.mirror_seconds = SecondsSince(phase);
    phase = std::chrono::steady_clock::now();

    ASSIGN_OR_RETURN(std::shared_ptr<const match::MatchIndex> touched_index,
                     match::MatchIndex::Build(std::move(reportable_touched)));
    match::SearchOptions forward;
    forward.threshold = options.threshold;
    forward.limit = 0;
    std::vector<std::vector<PairMatch>> confirmed(candidates.size());
    RETURN_IF_ERROR(ParallelFor(candidates.size(), options.threads, [&](size_t i) -> Status {
      const match::Query* customer = book.Find(candidates[i]);
      for (match::Match& m : touched_index->Search(*customer, forward)) {
        const model::Entity* listed = snapshot.index().Find(m.entity->id);
        if (listed == nullptr) return InternalError("touched entity " + m.entity->id + " is gone");
        const size_t idx = snapshot.EntityIndex(*listed);
        m.entity = listed;  // rendered and held as the snapshot's own
        confirmed[i].push_back(MakePair(
            snapshot, customer->id, {std::move(m), snapshot.OwnershipOf(idx)}, options.threshold));
      }
      return Status::Ok();
    }));
    for (std::vector<PairMatch>& pairs : confirmed) {
      for (PairMatch& p : pairs) out.matches.push_back(std::move(p));
    }
    out.stats.confirm_seconds = SecondsSince(phase);
  }
  SortPairs(out.matches);
  out.stats.seconds = SecondsSince(start);
  return out;
}

}  // namespace cordon::monitor
