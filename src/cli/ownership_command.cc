// `cordon ownership explain ID [--json]` and `cordon ownership derive [--output F]
// [--include-clear]`: who is owned or controlled by listed persons, under each regime's rules.
// Both take [--regime us,eu,uk] [--as-of DATE] [--edges F --listed F] [--current-lists].
//
// The graph comes from the store (every source current on the date: the lists' own relations
// and the ownership sources, FtM, BODS and edges CSV) or, with --edges, from files alone.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "graph/derive.h"
#include "graph/load.h"
#include "graph/statuses.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;
using graph::Derivation;
using graph::Edge;
using graph::NodeId;
using graph::NodeStatus;
using graph::OwnershipGraph;

std::string_view EffectName(graph::Effect effect) {
  switch (effect) {
    case graph::Effect::kOwnership:
      return "ownership";
    case graph::Effect::kMajority:
      return "voting majority";
    case graph::Effect::kControl:
      return "control";
    case graph::Effect::kReview:
      return "review";
    case graph::Effect::kNone:
      break;
  }
  return "none";
}

std::string ShareText(graph::Share share) {
  if (!share.known()) return "unknown share";
  return FormatShare(share) + " %";
}

std::string NodeLabel(const OwnershipGraph& g, NodeId node) {
  const std::string_view caption = g.caption(node);
  return caption.empty() ? std::string(g.node_id(node))
                         : fmt::format("{} ({})", caption, g.node_id(node));
}

Json EvidenceJson(const Derivation& d, const graph::Evidence& evidence) {
  Json j = graph::EdgeJson(d.graph(), d.graph().edge(evidence.edge));
  j["owner_status"] = graph::StatusName(evidence.owner_status, d.rule().test);
  j["effect"] = EffectName(evidence.effect);
  return j;
}

// The tests asked for, as given; the three regimes' blocking tests by default. "us_bis" (or
// "bis") is BIS's Affiliates Rule, asked for by name: it restricts exports, it blocks nothing.
Result<std::vector<graph::OwnershipTest>> ParseTests(const std::vector<std::string>& names) {
  std::vector<graph::OwnershipTest> tests;
  for (const std::string& name : names) {
    std::string key = AsciiLower(StripWhitespace(name));
    if (key == "bis") key = "us_bis";
    std::optional<graph::OwnershipTest> test = graph::TestFromName(key);
    if (!test) {
      return InvalidArgumentError("--regime: '" + name + "' is not one of us, eu, uk, us_bis");
    }
    tests.push_back(*test);
  }
  if (tests.empty()) {
    for (model::Regime regime : graph::OwnershipRegimes()) {
      tests.push_back(graph::BlockingTestOf(regime));
    }
  }
  return tests;
}

// What explain and derive share: the options that say which graph, on which date, under which
// regimes; their check; and the loading of the graph.
class OwnershipCommand : public Command {
 public:
  Takes takes() const override { return {.json = true, .as_of = true}; }

  // Options are checked in the order the user is most likely to want to hear about them.
  Status Check(const SharedOptions& shared) override {
    // --as-of after `explain` or `derive` is the command's own; before, the shared one.
    if (as_of_.empty() && shared.as_of) as_of_ = shared.as_of->ToIso();
    ASSIGN_OR_RETURN(regimes_, ParseTests(regime_names_));
    if (as_of_.empty()) {
      as_of_key_ = graph::Today();
    } else {
      ASSIGN_OR_RETURN(as_of_key_, graph::ParseDateKey(as_of_));
      if (as_of_.size() != 10) {
        return InvalidArgumentError("--as-of '" + as_of_ + "' is not of the form YYYY-MM-DD");
      }
      // The store finds list versions by a full date only (store::Store::VersionsAsOf); its
      // refusal of "2024-05-00" is a usage error too.
      std::optional<model::PartialDate> date = model::PartialDate::FromIso(as_of_);
      if (edges_.empty() && !current_lists_ && (!date || date->day == 0)) {
        return InvalidArgumentError("as-of date '" + as_of_ + "' is not of the form YYYY-MM-DD");
      }
    }
    if (!listed_.empty() && edges_.empty()) {
      return InvalidArgumentError("--listed goes with --edges");
    }
    return Status::Ok();
  }

 protected:
  // Adds `ownership NAME` with the options explain and derive share.
  CLI::App* AddSubcommand(CLI::App& app, const std::string& name, const std::string& description) {
    CLI::App* ownership =
        CommandGroup(app, "ownership",
                     "who is owned or controlled by listed persons, under each regime's rules");
    CLI::App* cmd = ownership->add_subcommand(name, description);
    cmd->add_option("--regime", regime_names_,
                    "us, eu, uk, us_bis (BIS Affiliates Rule) (default us, eu, uk)")
        ->delimiter(',');
    cmd->add_option("--as-of", as_of_, "derive as on YYYY-MM-DD (default today)");
    cmd->add_option("--edges", edges_,
                    "edges CSV owner,asset,share,share_min,share_max,kind,start,end instead of "
                    "the store");
    cmd->add_option("--listed", listed_, "with --edges: CSV id,regime of listed ids");
    cmd->add_flag("--current-lists", current_lists_,
                  "with --as-of: today's list versions, holdings as on the date");
    return cmd;
  }

  // The graph, from --edges or the store; what was read is reported on `err`.
  // REQUIRES: Check() returned OK.
  Result<graph::LoadedGraph> Load(const std::string& db, std::ostream& err) const;

  std::vector<graph::OwnershipTest> regimes_;  // set by Check
  graph::DateKey as_of_key_ = 0;               // set by Check

 private:
  std::vector<std::string> regime_names_;  // empty: us, eu, uk
  std::string as_of_;                      // "YYYY-MM-DD"; empty: today
  std::string edges_, listed_;
  bool current_lists_ = false;  // the current list versions, whatever --as-of says
};

Result<graph::LoadedGraph> OwnershipCommand::Load(const std::string& db, std::ostream& err) const {
  graph::LoadedGraph loaded;
  const auto start = std::chrono::steady_clock::now();
  if (!edges_.empty()) {
    ASSIGN_OR_RETURN(loaded, graph::LoadGraphFromFiles(edges_, listed_));
  } else {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(db));
    // The graph is read from the lists as they stood on the date, like `screen --as-of`,
    // unless the current lists are asked for (to apply dated holdings to today's listings).
    ASSIGN_OR_RETURN(loaded, graph::LoadGraph(*store, current_lists_ ? "" : as_of_,
                                              /*listed_by=*/as_of_key_));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const graph::LoadStats& stats = loaded.stats;
  fmt::print(err,
             "cordon: ownership graph of {} nodes and {} edges from {} entities in {:.2f} s "
             "({} merged by identifier, {} duplicate edges, {} unresolved links)\n",
             loaded.graph.node_count(), loaded.graph.edge_count(), stats.entities, seconds,
             stats.merged, stats.duplicate_edges, stats.unresolved);
  constexpr size_t kShownWarnings = 10;
  for (size_t i = 0; i < stats.warnings.size() && i < kShownWarnings; ++i) {
    fmt::print(err, "cordon: warning: {}\n", stats.warnings[i]);
  }
  if (stats.warnings.size() > kShownWarnings) {
    fmt::print(err, "cordon: ... {} more warnings\n", stats.warnings.size() - kShownWarnings);
  }
  if (!loaded.versions.empty()) {
    std::vector<std::string> citations;
    for (const store::VersionInfo& v : loaded.versions) {
      citations.push_back(fmt::format("{} v{}", v.source, v.number));
    }
    fmt::print(err, "cordon: lists used: {}\n", Join(citations, ", "));
  }
  return loaded;
}

class OwnershipExplainCommand : public OwnershipCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddSubcommand(app, "explain", "why one entity has its status");
    cmd->add_option("id", id_, "entity id (\"us_ofac_sdn:12345\")")->required();
    cmd->add_flag("--json", json_, "JSON instead of text");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string id_;
  bool json_ = false;
};

Status OwnershipExplainCommand::Run(const SharedOptions& shared, CommandIo& io) {
  ASSIGN_OR_RETURN(graph::LoadedGraph loaded, Load(shared.db, io.err));
  const bool json = json_ || shared.json;
  const OwnershipGraph& g = loaded.graph;
  const NodeId node = g.Find(id_);
  if (node == graph::kNoNode) {
    return NotFoundError("no entity '" + id_ + "' in the ownership graph");
  }
  Json result;
  result["id"] = g.node_id(node);
  if (!g.caption(node).empty()) result["caption"] = g.caption(node);
  result["as_of"] = graph::FormatDateKey(as_of_key_);
  result["regimes"] = Json::array();
  if (!json) {
    fmt::print(io.out, "{} as of {}\n", NodeLabel(g, node), graph::FormatDateKey(as_of_key_));
  }
  for (graph::OwnershipTest regime : regimes_) {
    const Derivation d = graph::Derive(g, regime, as_of_key_);
    const NodeStatus status = d.status(node);
    Json r;
    r["regime"] = graph::TestName(regime);
    r["status"] = graph::StatusName(status, regime);
    r["rule"] = d.rule().basis;
    r["evidence"] = Json::array();
    const std::vector<graph::Evidence> evidence = d.EvidenceFor(node);
    for (const graph::Evidence& e : evidence) r["evidence"].push_back(EvidenceJson(d, e));
    r["paths"] = Json::array();
    const std::vector<graph::Path> paths = d.Explain(node);
    for (const graph::Path& path : paths) {
      Json p = Json::array();
      for (uint32_t e : path.edges) p.push_back(graph::EdgeJson(g, g.edge(e)));
      r["paths"].push_back(std::move(p));
    }
    if (!json) {
      fmt::print(io.out, "\n  {}: {}\n", graph::TestName(regime),
                 graph::StatusName(status, regime));
      fmt::print(io.out, "    rule: {}\n", d.rule().basis);
      if (status == NodeStatus::kListed) {
        fmt::print(io.out, "    listed under this regime\n");
      } else if (evidence.empty()) {
        fmt::print(io.out, "    no holder listed or derived under this regime on the date\n");
      }
      if (!evidence.empty()) fmt::print(io.out, "    holdings that count:\n");
      for (const graph::Evidence& e : evidence) {
        const Edge& edge = g.edge(e.edge);
        fmt::print(io.out, "      {} [{}]: {}, {} ({}){}{}\n", NodeLabel(g, edge.owner),
                   graph::StatusName(e.owner_status, regime), graph::EdgeKindName(edge.kind),
                   ShareText(edge.share), EffectName(e.effect),
                   edge.start != graph::kNoStart ? " from " + graph::FormatDateKey(edge.start) : "",
                   edge.end != graph::kNoEnd ? ", ended " + graph::FormatDateKey(edge.end) : "");
      }
      if (!paths.empty()) fmt::print(io.out, "    chains from listed holders:\n");
      for (const graph::Path& path : paths) {
        std::string chain = NodeLabel(g, g.edge(path.edges.front()).owner) + " [listed]";
        for (uint32_t e : path.edges) {
          const Edge& edge = g.edge(e);
          chain += fmt::format(" -({} {})-> {}", graph::EdgeKindName(edge.kind),
                               ShareText(edge.share), NodeLabel(g, edge.asset));
        }
        fmt::print(io.out, "      {}\n", chain);
      }
    }
    result["regimes"].push_back(std::move(r));
  }
  if (json) fmt::print(io.out, "{}\n", result.dump(2));
  return Status::Ok();
}

class OwnershipDeriveCommand : public OwnershipCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddSubcommand(app, "derive", "every derived status as JSON lines");
    cmd->add_option("--output", output_, "file to write (default standard output)");
    cmd->add_flag("--include-clear", include_clear_, "also write entities that are clear");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string output_;
  bool include_clear_ = false;
};

Status OwnershipDeriveCommand::Run(const SharedOptions& shared, CommandIo& io) {
  ASSIGN_OR_RETURN(graph::LoadedGraph loaded, Load(shared.db, io.err));
  const OwnershipGraph& g = loaded.graph;
  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
  std::ostream* sink = &output->stream();
  const std::string as_of = graph::FormatDateKey(as_of_key_);
  for (graph::OwnershipTest regime : regimes_) {
    const auto start = std::chrono::steady_clock::now();
    const Derivation d = graph::Derive(g, regime, as_of_key_);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<size_t> counts = d.Counts();
    std::vector<std::string> summary;
    for (size_t s = counts.size(); s-- > 0;) {
      summary.push_back(
          fmt::format("{} {}", counts[s], graph::StatusName(static_cast<NodeStatus>(s), regime)));
    }
    fmt::print(io.err, "cordon: {} as of {} derived in {:.3f} s: {}\n", graph::TestName(regime),
               as_of, seconds, Join(summary, ", "));
    // Every node's holders in one pass: asked node by node, each walks its chain again.
    const graph::ListedHolderSets listed_holders = d.AllListedHolders();
    for (NodeId node = 0; node < g.node_count(); ++node) {
      const NodeStatus status = d.status(node);
      if (status == NodeStatus::kClear && !include_clear_) continue;
      Json j;
      j["id"] = g.node_id(node);
      if (!g.caption(node).empty()) j["caption"] = g.caption(node);
      j["regime"] = graph::TestName(regime);
      j["status"] = graph::StatusName(status, regime);
      j["as_of"] = as_of;
      j["evidence"] = Json::array();
      for (const graph::Evidence& e : d.EvidenceFor(node)) {
        j["evidence"].push_back(EvidenceJson(d, e));
      }
      if (status != NodeStatus::kListed && status != NodeStatus::kClear) {
        Json holders = Json::array();
        for (NodeId holder : listed_holders.Of(node)) holders.push_back(g.node_id(holder));
        j["listed_holders"] = std::move(holders);
      }
      *sink << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }
  // Without Commit (an error above) a file named by --output is left as it was.
  return output->Commit();
}

}  // namespace

std::vector<std::unique_ptr<Command>> MakeOwnershipCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<OwnershipExplainCommand>());
  commands.push_back(std::make_unique<OwnershipDeriveCommand>());
  return commands;
}

}  // namespace cordon::cli
