#include "cli/ownership_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>

#include "base/file.h"
#include "base/strings.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;
using graph::Derivation;
using graph::Edge;
using graph::NodeId;
using graph::NodeStatus;
using graph::OwnershipGraph;

int Fail(std::ostream& err, const Status& status) {
  fmt::print(err, "cordon: error: {}\n", status.ToString());
  return 1;
}

int UsageError(std::ostream& err, std::string_view message) {
  fmt::print(err, "cordon: error: {}\n", message);
  return 2;
}

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
  j["owner_status"] = graph::StatusName(evidence.owner_status, d.rule().regime);
  j["effect"] = EffectName(evidence.effect);
  return j;
}

// The regimes asked for, in the engine's order.
Result<std::vector<model::Regime>> ParseRegimes(const std::vector<std::string>& names) {
  std::vector<model::Regime> regimes;
  for (const std::string& name : names) {
    std::optional<model::Regime> regime = model::RegimeFromName(AsciiLower(StripWhitespace(name)));
    if (!regime || *regime == model::Regime::kUn || *regime == model::Regime::kOther) {
      return InvalidArgumentError("--regime: '" + name + "' is not one of us, eu, uk");
    }
    regimes.push_back(*regime);
  }
  if (regimes.empty()) {
    regimes.assign(graph::OwnershipRegimes().begin(), graph::OwnershipRegimes().end());
  }
  return regimes;
}

struct Loaded {
  graph::LoadedGraph graph;
  graph::DateKey as_of = 0;
  std::vector<model::Regime> regimes;
};

Result<Loaded> LoadForCommand(const OwnershipArgs& args, std::ostream& err) {
  Loaded loaded;
  ASSIGN_OR_RETURN(loaded.regimes, ParseRegimes(args.regimes));
  if (args.as_of.empty()) {
    loaded.as_of = graph::Today();
  } else {
    ASSIGN_OR_RETURN(loaded.as_of, graph::ParseDateKey(args.as_of));
    if (args.as_of.size() != 10) {
      return InvalidArgumentError("--as-of '" + args.as_of + "' is not of the form YYYY-MM-DD");
    }
  }
  if (!args.listed.empty() && args.edges.empty()) {
    return InvalidArgumentError("--listed goes with --edges");
  }
  const auto start = std::chrono::steady_clock::now();
  if (!args.edges.empty()) {
    ASSIGN_OR_RETURN(loaded.graph, graph::LoadGraphFromFiles(args.edges, args.listed));
  } else {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                     store::Store::Open(args.db, store::OpenMode::kReadOnly));
    // The graph is read from the lists as they stood on the date, like `screen --as-of`,
    // unless the current lists are asked for (to apply dated holdings to today's listings).
    ASSIGN_OR_RETURN(loaded.graph, graph::LoadGraph(*store, args.current_lists ? "" : args.as_of,
                                                    /*listed_by=*/loaded.as_of));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const graph::LoadStats& stats = loaded.graph.stats;
  fmt::print(err,
             "cordon: ownership graph of {} nodes and {} edges from {} entities in {:.2f} s "
             "({} merged by identifier, {} duplicate edges, {} unresolved links)\n",
             loaded.graph.graph.node_count(), loaded.graph.graph.edge_count(), stats.entities,
             seconds, stats.merged, stats.duplicate_edges, stats.unresolved);
  constexpr size_t kShownWarnings = 10;
  for (size_t i = 0; i < stats.warnings.size() && i < kShownWarnings; ++i) {
    fmt::print(err, "cordon: warning: {}\n", stats.warnings[i]);
  }
  if (stats.warnings.size() > kShownWarnings) {
    fmt::print(err, "cordon: ... {} more warnings\n", stats.warnings.size() - kShownWarnings);
  }
  if (!loaded.graph.versions.empty()) {
    std::vector<std::string> citations;
    for (const store::VersionInfo& v : loaded.graph.versions) {
      citations.push_back(fmt::format("{} v{}", v.source, v.number));
    }
    fmt::print(err, "cordon: lists used: {}\n", Join(citations, ", "));
  }
  return loaded;
}

}  // namespace

OwnershipCommands AddOwnershipCommands(CLI::App& app, OwnershipArgs& args) {
  auto* ownership = app.add_subcommand(
      "ownership", "who is owned or controlled by listed persons, under each regime's rules");
  ownership->require_subcommand(1);
  ownership->fallthrough();
  auto common = [&args](CLI::App* cmd) {
    cmd->fallthrough();
    cmd->add_option("--regime", args.regimes, "us, eu, uk (default all three)")->delimiter(',');
    cmd->add_option("--as-of", args.as_of, "derive as on YYYY-MM-DD (default today)");
    cmd->add_option("--edges", args.edges,
                    "edges CSV owner,asset,share,share_min,share_max,kind,start,end instead of "
                    "the store");
    cmd->add_option("--listed", args.listed, "with --edges: CSV id,regime of listed ids");
    cmd->add_flag("--current-lists", args.current_lists,
                  "with --as-of: today's list versions, holdings as on the date");
  };
  OwnershipCommands commands;
  commands.explain = ownership->add_subcommand("explain", "why one entity has its status");
  common(commands.explain);
  commands.explain->add_option("id", args.id, "entity id (\"us_ofac_sdn:12345\")")->required();
  commands.explain->add_flag("--json", args.json, "JSON instead of text");
  commands.derive = ownership->add_subcommand("derive", "every derived status as JSON lines");
  common(commands.derive);
  commands.derive->add_option("--output", args.output, "file to write (default standard output)");
  commands.derive->add_flag("--include-clear", args.include_clear,
                            "also write entities that are clear");
  return commands;
}

int RunOwnershipExplain(const OwnershipArgs& args, std::ostream& out, std::ostream& err) {
  Result<Loaded> loaded = LoadForCommand(args, err);
  if (!loaded.ok()) {
    return loaded.status().code() == StatusCode::kInvalidArgument
               ? UsageError(err, loaded.status().message())
               : Fail(err, loaded.status());
  }
  const OwnershipGraph& g = loaded->graph.graph;
  const NodeId node = g.Find(args.id);
  if (node == graph::kNoNode) {
    return Fail(err, NotFoundError("no entity '" + args.id + "' in the ownership graph"));
  }
  Json result;
  result["id"] = g.node_id(node);
  if (!g.caption(node).empty()) result["caption"] = g.caption(node);
  result["as_of"] = graph::FormatDateKey(loaded->as_of);
  result["regimes"] = Json::array();
  if (!args.json) {
    fmt::print(out, "{} as of {}\n", NodeLabel(g, node), graph::FormatDateKey(loaded->as_of));
  }
  for (model::Regime regime : loaded->regimes) {
    const Derivation d = graph::Derive(g, regime, loaded->as_of);
    const NodeStatus status = d.status(node);
    Json r;
    r["regime"] = model::RegimeName(regime);
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
    if (!args.json) {
      fmt::print(out, "\n  {}: {}\n", model::RegimeName(regime), graph::StatusName(status, regime));
      fmt::print(out, "    rule: {}\n", d.rule().basis);
      if (status == NodeStatus::kListed) {
        fmt::print(out, "    listed under this regime\n");
      } else if (evidence.empty()) {
        fmt::print(out, "    no holder listed or derived under this regime on the date\n");
      }
      if (!evidence.empty()) fmt::print(out, "    holdings that count:\n");
      for (const graph::Evidence& e : evidence) {
        const Edge& edge = g.edge(e.edge);
        fmt::print(out, "      {} [{}]: {}, {} ({}){}{}\n", NodeLabel(g, edge.owner),
                   graph::StatusName(e.owner_status, regime), graph::EdgeKindName(edge.kind),
                   ShareText(edge.share), EffectName(e.effect),
                   edge.start != graph::kNoStart ? " from " + graph::FormatDateKey(edge.start) : "",
                   edge.end != graph::kNoEnd ? ", ended " + graph::FormatDateKey(edge.end) : "");
      }
      if (!paths.empty()) fmt::print(out, "    chains from listed holders:\n");
      for (const graph::Path& path : paths) {
        std::string chain = NodeLabel(g, g.edge(path.edges.front()).owner) + " [listed]";
        for (uint32_t e : path.edges) {
          const Edge& edge = g.edge(e);
          chain += fmt::format(" -({} {})-> {}", graph::EdgeKindName(edge.kind),
                               ShareText(edge.share), NodeLabel(g, edge.asset));
        }
        fmt::print(out, "      {}\n", chain);
      }
    }
    result["regimes"].push_back(std::move(r));
  }
  if (args.json) fmt::print(out, "{}\n", result.dump(2));
  return 0;
}

int RunOwnershipDerive(const OwnershipArgs& args, std::ostream& out, std::ostream& err) {
  Result<Loaded> loaded = LoadForCommand(args, err);
  if (!loaded.ok()) {
    return loaded.status().code() == StatusCode::kInvalidArgument
               ? UsageError(err, loaded.status().message())
               : Fail(err, loaded.status());
  }
  const OwnershipGraph& g = loaded->graph.graph;
  Result<std::unique_ptr<OutputFile>> output = OutputFile::Open(args.output, out);
  if (!output.ok()) return Fail(err, output.status());
  std::ostream* sink = &(*output)->stream();
  const std::string as_of = graph::FormatDateKey(loaded->as_of);
  for (model::Regime regime : loaded->regimes) {
    const auto start = std::chrono::steady_clock::now();
    const Derivation d = graph::Derive(g, regime, loaded->as_of);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<size_t> counts = d.Counts();
    std::vector<std::string> summary;
    for (size_t s = counts.size(); s-- > 0;) {
      summary.push_back(
          fmt::format("{} {}", counts[s], graph::StatusName(static_cast<NodeStatus>(s), regime)));
    }
    fmt::print(err, "cordon: {} as of {} derived in {:.3f} s: {}\n", model::RegimeName(regime),
               as_of, seconds, Join(summary, ", "));
    // Every node's holders in one pass: asked node by node, each walks its chain again.
    const graph::ListedHolderSets listed_holders = d.AllListedHolders();
    for (NodeId node = 0; node < g.node_count(); ++node) {
      const NodeStatus status = d.status(node);
      if (status == NodeStatus::kClear && !args.include_clear) continue;
      Json j;
      j["id"] = g.node_id(node);
      if (!g.caption(node).empty()) j["caption"] = g.caption(node);
      j["regime"] = model::RegimeName(regime);
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
  if (Status committed = (*output)->Commit(); !committed.ok()) return Fail(err, committed);
  return 0;
}

}  // namespace cordon::cli
