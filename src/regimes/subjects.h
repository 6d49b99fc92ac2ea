// regimes/subjects.h: one real-world person, company or vessel across the lists.
//
//   ASSIGN_OR_RETURN(SubjectOverrides overrides, ReadSubjectOverrides("subjects.overrides.json"));
//   ASSIGN_OR_RETURN(SubjectSet set, ResolveSubjects(entities, overrides));
//   for (const Subject& s : set.subjects) ... s.entity_ids, s.links
//
// Entities of different sources are linked when evidence says they are the same subject, and a
// subject is a connected group of links. The evidence, strongest first:
//   - an analyst's merge (the overrides file);
//   - the same UN reference ("QDi.001"): the UN list's own, and the one the UK, EU and OFSI
//     records carry for what they list after the UN;
//   - a shared identifier that names one thing (IMO, MMSI, LEI, INN, OGRN, BIC, SWIFT, a
//     passport or national id of the same country, a registration or tax number), compared as
//     the matcher compares them (match::CanonicalIdentifier);
//   - for persons, names the matcher scores at or above `name_threshold` and the same full
//     date of birth (day, month and year), with the score.
// An analyst's split is a cannot-link: no evidence joins the two entities' groups. Links are
// applied strongest first, so a split keeps the weaker evidence out and the stronger in.
// Entities of one source are never linked by name evidence (each record of a list is its own
// designation), only by the overrides, UN references and identifiers.
//
// The result is a pure function of the entities and the overrides: the same input gives the same
// subjects with the same ids ("S-" and a hash of the smallest entity id in the subject).
//
// Thread safety: plain functions over values.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/entity.h"

namespace cordon::regimes {

enum class EvidenceKind : uint8_t {
  kMerge,             // an analyst said so (overrides)
  kUnReference,       // the same UN reference
  kIdentifier,        // a shared identifier
  kNameAndBirthDate,  // the matcher's name score and the same date of birth
};
std::string_view EvidenceKindName(EvidenceKind kind);  // "merge", "un_reference", ...

struct Evidence {
  std::string from, to;  // entity ids
  EvidenceKind kind = EvidenceKind::kMerge;
  std::string detail;  // "QDi.001", "imo 9187629", "1952-10-07; name 0.96", the analyst's note
  double score = 1;    // 1 for everything but names
};

struct Subject {
  std::string id;  // "S-3f9a0c12d4e5"
  std::string caption;
  model::Schema schema = model::Schema::kLegalEntity;
  std::vector<std::string> entity_ids;  // sorted
  std::vector<Evidence> links;          // the links that joined them, in the order applied
  std::vector<std::string> un_references;
};

struct SubjectOverrides {
  struct Pair {
    std::string a, b;
    std::string note;
  };
  std::vector<Pair> merge;  // the same subject, whatever the evidence
  std::vector<Pair> split;  // never the same subject
};

// The overrides file, JSON: {"merge": [{"a": "un_sc:1", "b": "eu_fsf:13", "note": "..."}],
// "split": [...]}. InvalidArgument naming the file and the entry when it is malformed;
// NotFound when the file is missing.
Result<SubjectOverrides> ReadSubjectOverrides(const std::string& path);
Result<SubjectOverrides> ParseSubjectOverrides(std::string_view json, const std::string& name);
// The overrides kept beside a store: "<store>.overrides.json" ("cordon.db" ->
// "cordon.overrides.json") when that file exists, else none. The CLI and the server read this.
Result<SubjectOverrides> ReadSubjectOverridesBeside(const std::string& store_path);

struct SubjectOptions {
  double name_threshold = 0.92;   // the matcher's score (birth date included) to link persons
  bool use_un_references = true;  // off: measure the other evidence against the UN references
  bool use_names = true;
};

struct SubjectSet {
  std::vector<Subject> subjects;  // every entity in exactly one subject, by id
  // Overrides naming an entity that is not among the entities (kept for a later list).
  std::vector<std::string> unknown_override_ids;
};

// InvalidArgument if two entities share an id.
Result<SubjectSet> ResolveSubjects(std::span<const model::Entity> entities,
                                   const SubjectOverrides& overrides,
                                   const SubjectOptions& options = {});

// The UN references an entity carries ("QDi.001"): the UN list's sanction reference, the
// "unscId" property of the UK and EU records, a UN reference in another list's sanction.
std::vector<std::string> UnReferences(const model::Entity& entity);

}  // namespace cordon::regimes
