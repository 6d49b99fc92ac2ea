// match/index.h: an immutable in-memory screening index over one set of list versions.
//
//   ASSIGN_OR_RETURN(std::shared_ptr<const MatchIndex> index, MatchIndex::Build(entities));
//   SearchOptions options;  // threshold 0.70, limit 10, every regime
//   std::vector<Match> matches = index->Search(query, options);
//   options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
//   Result<std::vector<Match>> bounded = index->TrySearch(query, options);  // or cut short
//
// Build() folds every name of every entity once, assigns each distinct word an id, and indexes
// words by the keys the scorer can match on: their deletion neighbourhood up to their own edit
// budget (for typos), phonetic key, consonant skeleton (for names from lossy scripts) and
// symbol ids. Search() looks a query's words up by the same keys (runs of query words merged,
// and a long query word's two halves, too). A word beyond kMaxEditLength letters (name_score.h)
// can only meet its own spelling, so it has no deletion neighbourhood and a hostile query costs
// a bounded number of lookups per word, whatever its length. Search() bounds each candidate
// name's best possible score from the words it shares with the query, and scores in full only
// the candidates whose bound reaches the threshold. Nothing the scorer would rank at or above the
// threshold is skipped: SearchBruteForce() scores every entity, and the differential test
// (index_test.cc) checks the two agree. docs/design/matching.md gives the argument.
//
// Thread safety: immutable after Build(); Search() may be called from any number of threads.
// Hold the shared_ptr for as long as Match::entity pointers are used.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "match/prepared.h"
#include "match/query.h"
#include "model/entity.h"

namespace cordon::match {

struct SearchOptions {
  double threshold = kDefaultThreshold;  // matches below it are not returned
  size_t limit = 10;                     // best first; 0 means no limit
  std::vector<model::Regime> regimes;    // only entities listed by one of these; empty: any
  std::vector<std::string> sources;      // only entities from these sources; empty: any

  // Limits on one search, honoured by TrySearch() only (Search() always runs to the end). They
  // are looked at between steps (each query word's lookups, each batch of postings walked, each
  // candidate name bounded or scored), and each step's work is bounded whatever the query, so
  // a search stops within one step of either saying so.
  std::optional<std::chrono::steady_clock::time_point> deadline;  // nullopt: none
  // Set to true by another thread to stop searches in flight (a server shutting down). Null:
  // never. Not owned; REQUIRES: it outlives the search.
  const std::atomic<bool>* cancel = nullptr;
};

// What one search did, counted rather than timed: the service can export it, and tests bound
// the work a hostile query causes with it.
struct SearchStats {
  size_t keys_probed = 0;         // index keys and vocabulary entries looked up for the query
  size_t words_compared = 0;      // listed words compared with a query word or run of words
  size_t postings_walked = 0;     // postings of the listed words reached, read for candidates
  size_t names_bounded = 0;       // candidate names whose best possible score was computed
  size_t names_word_bounded = 0;  // of those, names whose bound needed their words read too
  size_t names_scored = 0;        // names scored in full
  // Query units (a word, or words run together) looked up in the index, and those answered
  // from what the thread remembered of an earlier lookup of the same words.
  size_t units_looked_up = 0;
  size_t units_remembered = 0;
};

struct IndexStats {
  size_t entities = 0;
  size_t names = 0;
  size_t distinct_words = 0;
  size_t keys = 0;          // index keys (words, deletions, phonetic, skeleton, symbols)
  size_t memory_bytes = 0;  // estimate of the index's own structures, entities excluded
  double build_seconds = 0;
};

struct BuildOptions {
  // Prepare the entities' names as Search() prepares a query's (press spellings, both readings
  // of a LegalEntity's names), and file their words, and their runs of two or three words,
  // under the keys a query probes them by, so that a mirrored search reads them as screening
  // reads a query. Screening reads some words of a query against a listed word from the query's
  // side only (an abjad word by its letters, a run of words as one word: "bdol hamid" ~
  // ABDOLHAMID, "عبد الله" ~ ABDULLAH); these keys let the mirror find them too.
  bool names_as_queries = false;
};

class MatchIndex {
 public:
  static Result<std::shared_ptr<const MatchIndex>> Build(std::vector<model::Entity> entities,
                                                         const BuildOptions& options = {});

  // The matches at or above options.threshold, best first (ties by entity id), at most
  // options.limit. Empty (not an error) when nothing reaches the threshold. Runs to the end
  // whatever options.deadline and options.cancel say.
  //
  // Each thread remembers what the index lookup of each query word, or run of words, found
  // (32,768 of them, a few MiB, for every index it searches): names repeat their words, and a
  // batch then looks most of them up once. The answer is the same either way.
  std::vector<Match> Search(const Query& query, const SearchOptions& options) const;
  // What the calling thread remembers of lookups stops answering (its memory is kept).
  static void ForgetLookups();
  // Search() within options.deadline and options.cancel. On success the same matches Search()
  // returns. kDeadlineExceeded when the deadline passed, kCancelled when *options.cancel was
  // set, before the search finished: then no matches at all, since a screen cut short must
  // never read as a clear one. `stats`, if not null, receives what was done (also when cut
  // short).
  Result<std::vector<Match>> TrySearch(const Query& query, const SearchOptions& options,
                                       SearchStats* stats = nullptr) const;
  // The matcher run the other way round: entity `entity` of `listed` is the query, read as
  // `listed` prepared its names, and this index's entities are the queries (a customer book:
  // monitor/rescreen.h). Returns every entity of this index whose forward score (it screened as
  // a query against `listed`) may reach options.threshold against that entity, with an upper
  // bound of that score: the name score read forward, plus the best birth-date and country bonus
  // the entity allows, or 1 for a shared identifier. A superset of the forward matches, never a
  // subset. Explanations are left empty. REQUIRES: this index was built with names_as_queries.
  std::vector<Match> SearchMirrored(const MatchIndex& listed, size_t entity,
                                    const SearchOptions& options) const;
  // Scores every entity: the reference Search() must agree with, and the baseline it is
  // measured against.
  std::vector<Match> SearchBruteForce(const Query& query, const SearchOptions& options) const;

  const model::Entity* Find(std::string_view entity_id) const;
  // Calls fn with each name of entities()[entity] as the index prepared it, under each role it
  // was prepared for. The views are valid for as long as the index.
  void ForEachPreparedName(size_t entity, const std::function<void(const NameView&)>& fn) const;
  const std::vector<model::Entity>& entities() const;
  const IndexStats& stats() const;

  ~MatchIndex();
  MatchIndex(const MatchIndex&) = delete;
  MatchIndex& operator=(const MatchIndex&) = delete;

 private:
  MatchIndex();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The list's own identifier of an entity: UN reference number ("QDi.001"), else the record id
// (OFAC ent_num, EU logical id, UK unique id).
std::string SourceId(const model::Entity& entity);

// Regimes that list the entity: from its sanctions, else from its source's authority.
std::vector<model::Regime> Regimes(const model::Entity& entity);

}  // namespace cordon::match
