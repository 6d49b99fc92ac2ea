// `cordon subjects [--json] [--overrides FILE] [--evaluate]`: the lists' records resolved into
// subjects, with the evidence for each link. `cordon subjects show ID`: one subject (by its id
// or one of its entities' ids).
// `cordon divergence [--regimes us,eu,uk,un] [--programme russia] [--as-of DATE] [--json|--csv]`:
// which regimes list each subject, since when, and which do not.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/commands.h"
#include "regimes/divergence.h"
#include "regimes/json.h"
#include "regimes/subjects.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;

// The analysts' overrides: --overrides, else the file beside the store.
Result<regimes::SubjectOverrides> LoadOverrides(const std::string& option, const std::string& db) {
  if (!option.empty()) return regimes::ReadSubjectOverrides(option);
  return regimes::ReadSubjectOverridesBeside(db);
}

struct Resolved {
  regimes::ListingHistory history;
  regimes::SubjectOverrides overrides;
  regimes::SubjectSet subjects;
};

Result<Resolved> Resolve(const std::string& db, const std::string& overrides_path,
                         const regimes::SubjectOptions& options = {}) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(db));
  Resolved out;
  ASSIGN_OR_RETURN(out.overrides, LoadOverrides(overrides_path, db));
  ASSIGN_OR_RETURN(out.history,
                   regimes::ReadListingHistory(*store, regimes::DefaultRegimeSources()));
  ASSIGN_OR_RETURN(out.subjects,
                   regimes::ResolveSubjects(out.history.entities, out.overrides, options));
  return out;
}

class SubjectsCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand(
        "subjects", "the lists' records resolved into subjects, with the evidence of each link");
    cmd->add_option("--overrides", overrides_,
                    "analysts' merges and splits, JSON (default: <db>.overrides.json if present)");
    cmd->add_option("--limit", limit_, "subjects to print without --json (default 20; 0: all)");
    cmd->add_flag("--evaluate", evaluate_,
                  "check the links made without UN references against them");
    show_ = cmd->add_subcommand("show", "one subject, by its id or an entity's id");
    show_->add_option("id", id_, "S-... or an entity id")->required();
    show_->add_option("--overrides", overrides_, "as for `subjects`");
    return cmd;
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(Resolved resolved, Resolve(shared.db, overrides_));
    if (show_->parsed()) return Show(shared, io, resolved);
    const std::vector<regimes::Subject>& subjects = resolved.subjects.subjects;
    if (shared.json) {
      for (const regimes::Subject& s : subjects)
        fmt::print(io.out, "{}\n", regimes::SubjectJson(s).dump());
      return Status::Ok();
    }
    std::map<std::string, int> by_kind;
    int joined = 0;
    for (const regimes::Subject& s : subjects) {
      joined += s.entity_ids.size() > 1;
      for (const regimes::Evidence& l : s.links) ++by_kind[std::string(EvidenceKindName(l.kind))];
    }
    fmt::print(io.out,
               "{} records of the regimes' lists, {} subjects; {} subjects on more than one "
               "record\n",
               resolved.history.entities.size(), subjects.size(), joined);
    for (const auto& [kind, count] : by_kind)
      fmt::print(io.out, "  links by {:<22} {}\n", kind, count);
    for (const std::string& id : resolved.subjects.unknown_override_ids) {
      fmt::print(io.err, "cordon: warning: the overrides name {}, which no list holds\n", id);
    }
    if (evaluate_) RETURN_IF_ERROR(Evaluate(io, resolved));
    fmt::print(io.out, "\n");
    size_t printed = 0;
    for (const regimes::Subject& s : subjects) {
      if (s.entity_ids.size() < 2) continue;
      if (limit_ != 0 && printed++ >= limit_) break;
      fmt::print(io.out, "{}  {:<8} {}  [{}]\n", s.id, model::SchemaName(s.schema), s.caption,
                 fmt::join(s.entity_ids, ", "));
    }
    return Status::Ok();
  }

 private:
  // The links the other evidence makes, against the UN references (ground truth for UN-listed
  // subjects): precision over the links whose two records both carry one, and recall over the
  // pairs of records of different lists that share one.
  Status Evaluate(CommandIo& io, const Resolved& with_references) {
    // The same records resolved again, without the UN references.
    ASSIGN_OR_RETURN(
        regimes::SubjectSet without,
        regimes::ResolveSubjects(with_references.history.entities, with_references.overrides,
                                 {.use_un_references = false}));
    std::map<std::string, std::vector<std::string>> refs;
    for (const model::Entity& e : with_references.history.entities) {
      refs[e.id] = regimes::UnReferences(e);
    }
    const auto agree = [&](const std::string& a, const std::string& b) {
      return std::find_first_of(refs[a].begin(), refs[a].end(), refs[b].begin(), refs[b].end()) !=
             refs[a].end();
    };
    int checked = 0, right = 0;
    std::map<std::string, std::string> subject_of;
    for (const regimes::Subject& s : without.subjects) {
      for (const std::string& id : s.entity_ids) subject_of[id] = s.id;
      for (const regimes::Evidence& l : s.links) {
        if (refs[l.from].empty() || refs[l.to].empty()) continue;
        ++checked;
        right += agree(l.from, l.to);
      }
    }
    int pairs = 0, found = 0;
    for (const regimes::Subject& s : with_references.subjects.subjects) {
      for (size_t i = 0; i < s.entity_ids.size(); ++i) {
        for (size_t k = i + 1; k < s.entity_ids.size(); ++k) {
          const std::string &a = s.entity_ids[i], &b = s.entity_ids[k];
          if (a.substr(0, a.find(':')) == b.substr(0, b.find(':')) || !agree(a, b)) continue;
          ++pairs;
          found += subject_of[a] == subject_of[b];
        }
      }
    }
    fmt::print(io.out,
               "without UN references: {} of {} links between records that carry one agree with "
               "them (precision {:.3f}); {} of {} pairs of records that share one are joined "
               "(recall {:.3f})\n",
               right, checked, checked ? double(right) / checked : 0.0, found, pairs,
               pairs ? double(found) / pairs : 0.0);
    return Status::Ok();
  }

  Status Show(const SharedOptions& shared, CommandIo& io, const Resolved& resolved) {
    const regimes::Subject* found = nullptr;
    for (const regimes::Subject& s : resolved.subjects.subjects) {
      if (s.id == id_ ||
          std::find(s.entity_ids.begin(), s.entity_ids.end(), id_) != s.entity_ids.end()) {
        found = &s;
      }
    }
    if (found == nullptr) return NotFoundError("no subject or entity " + id_);
    if (shared.json) {
      fmt::print(io.out, "{}\n", regimes::SubjectJson(*found).dump(2));
      return Status::Ok();
    }
    fmt::print(io.out, "{}  {}  {}\n", found->id, model::SchemaName(found->schema), found->caption);
    if (!found->un_references.empty()) {
      fmt::print(io.out, "UN references: {}\n", fmt::join(found->un_references, ", "));
    }
    for (const std::string& id : found->entity_ids) {
      for (const model::Entity& e : resolved.history.entities) {
        if (e.id != id) continue;
        std::vector<std::string> programmes;
        for (const model::Sanction& s : e.sanctions) {
          programmes.push_back(fmt::format("{} {}", model::RegimeName(s.regime), s.program));
        }
        fmt::print(io.out, "  {:<28} {}  ({})\n", id, e.caption(), fmt::join(programmes, "; "));
      }
    }
    for (const regimes::Evidence& l : found->links) {
      fmt::print(io.out, "  link {} ~ {}: {} {}\n", l.from, l.to, EvidenceKindName(l.kind),
                 l.detail);
    }
    return Status::Ok();
  }

  std::string overrides_, id_;
  size_t limit_ = 20;
  bool evaluate_ = false;
  CLI::App* show_ = nullptr;
};

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class DivergenceCommand : public Command {
 public:
  Takes takes() const override { return {.json = true, .as_of = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        app.add_subcommand("divergence", "which regimes list each subject, and which do not");
    cmd->add_option("--regimes", regimes_,
                    "regimes compared, comma-separated (default us,eu,uk,un)");
    cmd->add_option(
        "--programme", programme_,
        "only subjects listed under this programme: " + Join(regimes::ProgrammeKeys(), ", "));
    cmd->add_flag("--csv", csv_, "one CSV row per subject");
    cmd->add_option("--overrides", overrides_, "as for `subjects`");
    cmd->add_option("--limit", limit_, "subjects to print without --json or --csv (default 20)");
    return cmd;
  }
  Status Check(const SharedOptions& shared) override {
    if (shared.json && csv_) return InvalidArgumentError("--json and --csv: choose one");
    options_.regimes.clear();
    for (std::string_view part : Split(regimes_, ',')) {
      std::optional<model::Regime> r = model::RegimeFromName(StripWhitespace(part));
      if (!r || *r == model::Regime::kOther) {
        return InvalidArgumentError("--regimes: unknown regime '" + std::string(part) +
                                    "' (us, eu, uk, un)");
      }
      if (std::find(options_.regimes.begin(), options_.regimes.end(), *r) ==
          options_.regimes.end()) {
        options_.regimes.push_back(*r);
      }
    }
    options_.programme = AsciiLower(programme_);
    if (shared.as_of) options_.as_of = shared.as_of->ToIso();
    const std::vector<std::string> keys = regimes::ProgrammeKeys();
    if (!options_.programme.empty() &&
        std::find(keys.begin(), keys.end(), options_.programme) == keys.end()) {
      return InvalidArgumentError("--programme: unknown programme '" + programme_ + "' (" +
                                  Join(keys, ", ") + ")");
    }
    return Status::Ok();
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    ASSIGN_OR_RETURN(Resolved resolved, Resolve(shared.db, overrides_));
    ASSIGN_OR_RETURN(regimes::DivergenceReport report,
                     regimes::ComputeDivergence(resolved.history, resolved.subjects, options_));
    if (shared.json) {
      for (const regimes::SubjectListings& s : report.subjects) {
        fmt::print(io.out, "{}\n", regimes::DivergenceLineJson(s).dump());
      }
      return Status::Ok();
    }
    if (csv_) {
      fmt::print(io.out, "subject,caption,schema,entities");
      for (model::Regime r : options_.regimes)
        fmt::print(io.out, ",{}_since", model::RegimeName(r));
      fmt::print(io.out, ",not_listed,delisted\n");
      for (const regimes::SubjectListings& s : report.subjects) {
        fmt::print(io.out, "{},{},{},{}", s.subject->id, CsvField(s.subject->caption),
                   model::SchemaName(s.subject->schema),
                   CsvField(Join(s.subject->entity_ids, ";")));
        for (model::Regime r : options_.regimes) {
          auto it = s.listed.find(r);
          fmt::print(io.out, ",{}", it == s.listed.end() ? "" : it->second.since);
        }
        std::vector<std::string> not_listed, delisted;
        for (model::Regime r : s.not_listed) not_listed.emplace_back(model::RegimeName(r));
        for (const auto& [r, date] : s.delisted) {
          delisted.push_back(fmt::format("{} {}", model::RegimeName(r), date));
        }
        fmt::print(io.out, ",{},{}\n", Join(not_listed, ";"), Join(delisted, ";"));
      }
      return Status::Ok();
    }
    PrintText(io, report);
    return Status::Ok();
  }

 private:
  void PrintText(CommandIo& io, const regimes::DivergenceReport& report) {
    fmt::print(io.out, "as of {}: {} subjects listed or delisted{}\n\n", report.as_of,
               report.subjects.size(),
               options_.programme.empty() ? "" : " under programme " + options_.programme);
    fmt::print(io.out, "listed by\n");
    for (const auto& [combination, count] : report.matrix) {
      fmt::print(io.out, "  {:<16} {:>7}\n", combination, count);
    }
    fmt::print(io.out, "\nover the versions (date: listed by)\n");
    for (const auto& [date, matrix] : report.series) {
      std::vector<std::string> parts;
      for (const auto& [combination, count] : matrix) {
        parts.push_back(fmt::format("{} {}", combination, count));
      }
      fmt::print(io.out, "  {}  {}\n", date, Join(parts, ", "));
    }
    if (!report.third_country.empty()) {
      std::vector<std::pair<int, std::string>> by_count;
      for (const auto& [country, count] : report.third_country)
        by_count.emplace_back(-count, country);
      std::sort(by_count.begin(), by_count.end());
      std::vector<std::string> parts;
      for (const auto& [count, country] : by_count)
        parts.push_back(fmt::format("{} {}", country, -count));
      fmt::print(io.out,
                 "\ncompanies listed under a Russia programme, registered outside Russia "
                 "and Belarus: {}\n",
                 Join(parts, ", "));
    }
    fmt::print(io.out, "\nlisted by some regimes and not others\n");
    size_t printed = 0;
    for (const regimes::SubjectListings& s : report.subjects) {
      if (s.listed.size() < 2 && s.delisted.empty()) continue;
      if (s.not_listed.empty() && s.delisted.empty()) continue;
      if (limit_ != 0 && printed++ >= limit_) break;
      std::vector<std::string> listed, other;
      for (const auto& [r, l] : s.listed)
        listed.push_back(fmt::format("{} since {}", model::RegimeName(r), l.since));
      for (model::Regime r : s.not_listed) {
        auto it = s.delisted.find(r);
        other.push_back(it == s.delisted.end()
                            ? std::string(model::RegimeName(r))
                            : fmt::format("{} (delisted {})", model::RegimeName(r), it->second));
      }
      fmt::print(io.out, "  {}  {}: {}; not {}\n", s.subject->id, s.subject->caption,
                 listed.empty() ? "listed by none" : Join(listed, ", "), Join(other, ", "));
    }
  }

  std::string regimes_ = "us,eu,uk,un", programme_, overrides_;
  bool csv_ = false;
  size_t limit_ = 20;
  regimes::DivergenceOptions options_;
};

}  // namespace

std::vector<std::unique_ptr<Command>> MakeRegimesCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<SubjectsCommand>());
  out.push_back(std::make_unique<DivergenceCommand>());
  return out;
}

}  // namespace cordon::cli
