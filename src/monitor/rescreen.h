// monitor/rescreen.h: a customer book screened against the lists, and screened again when
// either changes, in time proportional to what changed.
//
//   ASSIGN_OR_RETURN(std::shared_ptr<const BookIndex> book, BookIndex::Build(customers));
//   ASSIGN_OR_RETURN(BookScreening first, ScreenBook(*book, *snapshot, {.threshold = 0.8}));
//   ...a new list version is stored, a new snapshot built...
//   ASSIGN_OR_RETURN(BookScreening next,
//                    RescreenBook(*book, *new_snapshot, first, changed_customer_ids, options));
//   // next.matches == ScreenBook(*book, *new_snapshot, options).matches, at a fraction of the work
//
// What a screening is: every (customer, reportable entity) pair whose screening::Screen score
// reaches the threshold, with no limit per customer, sorted by customer id then entity id; and
// the state of every entity of the snapshot it was computed on (a digest of the entity's record,
// its ownership under each regime and whether it is reportable).
//
// How a re-screening gets the same pairs without screening every customer again. A pair's
// score is a function of the customer and the entity alone (the matcher keeps no corpus
// statistics), so only three kinds of pair can differ from the previous screening:
//   1. pairs of a customer added or changed since: those customers are screened in full;
//   2. pairs of an entity removed, or whose state changed: dropped, and then
//   3. pairs of an entity added or whose state changed ("touched"): each touched entity is looked
//      up in the book's own index by a mirrored search (match::MatchIndex::SearchMirrored: the
//      entity as the query, the customers as the listed names, each customer's names prepared,
//      keyed and scored as screening reads a query), which bounds every customer's forward score
//      from above. Every customer found is screened forward against an index of only the touched
//      entities, which gives exactly the scores a full screening would.
// Every other pair is carried over. The mirror search only proposes candidates and the forward
// screening decides, so a re-screening can never report a pair a full screening would not; the
// mirror's bound is what makes it miss none, and the differential test (rescreen_test.cc) checks
// that on the real OFAC SDN 2021 -> 2024 update at several thresholds.
// docs/design/monitoring.md.
//
// Thread safety: a built BookIndex is immutable; the functions may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "match/index.h"
#include "match/query.h"
#include "screening/snapshot.h"

namespace cordon::monitor {

// One customer matched to one entity, as monitoring keeps it.
struct PairMatch {
  std::string customer_id;
  std::string entity_id;
  double score = 0;
  // What a changed_match compares besides the score: the regimes and programmes that list the
  // entity and its ownership status under each regime ("us,un|SDGT,IRAQ2|us:blocked eu:clear").
  std::string listing;
  std::string match_json;   // the match as `cordon screen` renders it (screening/render.h)
  std::string explanation;  // explanation.Summary(): one line a reviewer reads

  bool SamePair(const PairMatch& o) const {
    return customer_id == o.customer_id && entity_id == o.entity_id;
  }
};

// Every entity of a snapshot by id, with a digest of its state (record, ownership, reportable).
using EntityStates = std::unordered_map<std::string, std::string>;
EntityStates ComputeEntityStates(const screening::Snapshot& snapshot);

// The book's customers and the index of them the mirror search runs on.
class BookIndex {
 public:
  // InvalidArgument if two customers share an id.
  static Result<std::shared_ptr<const BookIndex>> Build(std::vector<match::Query> customers);

  const std::vector<match::Query>& customers() const { return customers_; }
  // The customer with `id`, or null.
  const match::Query* Find(const std::string& id) const;
  const match::MatchIndex& index() const { return *index_; }
  // The index's own structures per customer, customers' records excluded.
  double index_bytes_per_customer() const;

 private:
  std::vector<match::Query> customers_;
  std::unordered_map<std::string, size_t> by_id_;
  std::shared_ptr<const match::MatchIndex> index_;
};

struct BookScreenOptions {
  double threshold = 0.80;
  size_t threads = 1;  // screening and confirming candidates spread over this many threads
};

// What was done, counted: the figures a benchmark and `cordon book` print.
struct RescreenStats {
  bool full = false;              // a full screening (no previous one to start from)
  size_t customers_screened = 0;  // screened in full against the snapshot
  size_t touched_entities = 0;    // added or whose state changed
  size_t rescored_entities = 0;   // of those, added or changed in what the matcher reads
  size_t removed_entities = 0;
  size_t mirror_candidates = 0;  // customers the mirror search proposed
  size_t pairs_carried = 0;      // pairs kept from the previous screening
  double seconds = 0;
  // Where the time went: the entities' states, screening added or changed customers, the
  // mirror search, and confirming its candidates.
  double states_seconds = 0, customers_seconds = 0, mirror_seconds = 0, confirm_seconds = 0;
};

struct BookScreening {
  std::vector<PairMatch> matches;  // sorted by (customer_id, entity_id)
  EntityStates entities;
  RescreenStats stats;
};

// Screens every customer of `book` against `snapshot`.
Result<BookScreening> ScreenBook(const BookIndex& book, const screening::Snapshot& snapshot,
                                 const BookScreenOptions& options);

// Screens `book` again against `snapshot`, starting from `previous` (a screening of an earlier
// version of the book, on earlier lists, at the same threshold). `changed_customers`: ids of the
// customers added or changed since `previous`; customers of `previous` no longer in `book` are
// removed. The result equals ScreenBook(book, snapshot, options).
Result<BookScreening> RescreenBook(const BookIndex& book, const screening::Snapshot& snapshot,
                                   const BookScreening& previous,
                                   const std::vector<std::string>& changed_customers,
                                   const BookScreenOptions& options);

}  // namespace cordon::monitor
