// `cordon ais decode|events`, `cordon vessel` and `cordon pricecap check`.
//
//   cordon ais decode FILE [--unscaled] [--output F]       gpsd JSON-AIS lines
//   cordon ais events FILE [--output F]                    shadow-fleet events as JSON lines
//   cordon vessel IMO|MMSI [--ais FILE] [--json]           list status + events -> risk
//   cordon pricecap check --regime eu --product crude --price 52.5 --loading-date 2025-10-01
//                         [--contract-date 2025-08-20] [--json]   exit 3 when not compliant
//
// `ais events` and `vessel` use the store (--db) when it holds lists: the flag a list gives a
// vessel (for MID checks), and the listings matched by IMO, MMSI and then name.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/file.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "maritime/ais.h"
#include "maritime/detector.h"
#include "maritime/geo.h"
#include "maritime/identity.h"
#include "maritime/price_cap.h"
#include "maritime/risk.h"
#include "screening/snapshot.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// What the lists say about vessels: flags for the MID check, entities by IMO and MMSI.
struct VesselLists {
  struct Listed {
    std::string id, caption;
    std::vector<model::Regime> regimes;
  };
  std::unordered_map<uint32_t, std::string> flag_by_imo, flag_by_mmsi;
  std::unordered_map<uint32_t, std::vector<Listed>> by_imo, by_mmsi;
  bool loaded = false;
};

uint32_t DigitsValue(std::string_view text) {
  uint32_t value = 0;
  size_t digits = 0;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    if (++digits > 9) return 0;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return value;
}

std::vector<model::Regime> RegimesOf(const model::Entity& e) {
  std::vector<model::Regime> regimes;
  for (const model::Sanction& s : e.sanctions) {
    if (s.regime != model::Regime::kOther &&
        std::find(regimes.begin(), regimes.end(), s.regime) == regimes.end()) {
      regimes.push_back(s.regime);
    }
  }
  return regimes;
}

// Reads the vessels of the store's current lists; an absent or empty store gives no lists.
Result<VesselLists> LoadVesselLists(const std::string& db) {
  VesselLists lists;
  if (db.empty() || access(db.c_str(), F_OK) != 0) return lists;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(db));
  RETURN_IF_ERROR(store->ForEachCurrentEntity([&](const model::Entity& e) {
    uint32_t imo = 0, mmsi = 0;
    for (const model::Identifier& id : e.identifiers) {
      if (id.type == model::IdentifierType::kImo) imo = DigitsValue(id.value);
      if (id.type == model::IdentifierType::kMmsi) mmsi = DigitsValue(id.value);
    }
    if (imo == 0 && mmsi == 0) return Status::Ok();
    std::string flag;
    for (const model::CountryRef& c : e.countries) {
      if (c.role == model::CountryRole::kFlag && !c.code.empty()) flag = c.code;
    }
    const VesselLists::Listed listed{e.id, e.caption(), RegimesOf(e)};
    if (imo != 0) {
      lists.by_imo[imo].push_back(listed);
      if (!flag.empty()) lists.flag_by_imo.try_emplace(imo, flag);
    }
    if (mmsi != 0) {
      lists.by_mmsi[mmsi].push_back(listed);
      if (!flag.empty()) lists.flag_by_mmsi.try_emplace(mmsi, flag);
    }
    return Status::Ok();
  }));
  lists.loaded = true;
  return lists;
}

Result<std::unique_ptr<maritime::Detector>> MakeDetector(const VesselLists& lists,
                                                         maritime::Detector::EventSink sink) {
  ASSIGN_OR_RETURN(const maritime::Coastline* coast, maritime::Coastline::Bundled());
  RETURN_IF_ERROR(maritime::BundledPlacesStatus());
  ASSIGN_OR_RETURN(const maritime::MidTable* mids, maritime::MidTable::Bundled());
  std::span<const maritime::Place> places = maritime::BundledPlaces();
  maritime::DetectorWorld world{
      .shore_distance_nm = [coast](maritime::LatLon p) { return coast->DistanceToShoreNm(p); },
      .places = {places.begin(), places.end()},
      .mids = mids};
  if (!lists.flag_by_imo.empty() || !lists.flag_by_mmsi.empty()) {
    world.listed_flag = [&lists](uint32_t mmsi, uint32_t imo) -> std::string {
      if (auto it = lists.flag_by_imo.find(imo); imo != 0 && it != lists.flag_by_imo.end()) {
        return it->second;
      }
      auto it = lists.flag_by_mmsi.find(mmsi);
      return it == lists.flag_by_mmsi.end() ? "" : it->second;
    };
  }
  return maritime::Detector::Create({}, std::move(world), std::move(sink));
}

struct TrackRun {
  maritime::AisStats ais;
  maritime::Detector::Stats detector;
  size_t memory_bytes = 0;
  double seconds = 0;
  std::map<uint32_t, std::string> names;  // last name broadcast per MMSI
  std::map<uint32_t, uint32_t> imos;      // last IMO broadcast per MMSI
};

// Decodes `bytes` and runs the detectors over it, calling `on_event` for each event.
Result<TrackRun> RunDetectors(std::string_view bytes, const VesselLists& lists,
                              const std::function<void(maritime::Event&&)>& on_event) {
  TrackRun run;
  ASSIGN_OR_RETURN(std::unique_ptr<maritime::Detector> detector,
                   MakeDetector(lists, [&](maritime::Event&& e) { on_event(std::move(e)); }));
  const auto start = Clock::now();
  maritime::AisDecoder decoder;
  maritime::PositionReport position;
  maritime::StaticReport statics;
  decoder.DecodeAll(bytes, [&](const maritime::AisMessage& msg) {
    if (maritime::ToPositionReport(msg, &position)) {
      detector->OnPosition(position);
    } else if (maritime::ToStaticReport(msg, &statics)) {
      detector->OnStatic(statics);
      if (!statics.name.empty()) run.names[statics.mmsi] = statics.name;
      if (statics.imo != 0) run.imos[statics.mmsi] = statics.imo;
    }
  });
  decoder.Finish();
  detector->Finish();
  run.seconds = SecondsSince(start);
  run.ais = decoder.stats();
  run.detector = detector->stats();
  run.memory_bytes = detector->MemoryBytes();
  return run;
}

// The shared --json is accepted by every maritime command (`vessel` and `pricecap check` have
// a JSON form).
class MaritimeCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
};

CLI::App* AddAisSubcommand(CLI::App& app, const std::string& name, const std::string& description) {
  return CommandGroup(app, "ais", "decode AIS (NMEA) and find shadow-fleet events")
      ->add_subcommand(name, description);
}

class AisDecodeCommand : public MaritimeCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddAisSubcommand(app, "decode", "AIS sentences to gpsd JSON-AIS lines");
    cmd->add_option("file", file_, "NMEA log (.zst read transparently)")->required();
    cmd->add_flag("--unscaled", unscaled_, "raw AIS units, as gpsd -u");
    cmd->add_option("--output", output_, "file to write (default stdout)");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string file_, output_;
  bool unscaled_ = false;
};

Status AisDecodeCommand::Run(const SharedOptions&, CommandIo& io) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(file_));
  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
  const auto start = Clock::now();
  maritime::AisDecoder decoder;
  // Lines are gathered and written 64 KiB at a time: a stream write per line cost as much as
  // formatting it.
  constexpr size_t kFlushBytes = 64 << 10;
  std::string lines;
  lines.reserve(kFlushBytes + 4096);
  const maritime::GpsdJsonOptions options{.scaled = !unscaled_};
  decoder.DecodeAll(bytes, [&](const maritime::AisMessage& msg) {
    maritime::AppendGpsdJson(msg, &lines, options);
    lines.push_back('\n');
    if (lines.size() >= kFlushBytes) {
      output->stream().write(lines.data(), static_cast<std::streamsize>(lines.size()));
      lines.clear();
    }
  });
  output->stream().write(lines.data(), static_cast<std::streamsize>(lines.size()));
  decoder.Finish();
  RETURN_IF_ERROR(output->Commit());
  fmt::print(io.err, "cordon: {}: {} ({:.2f} s)\n", file_, decoder.stats().Summary(),
             SecondsSince(start));
  return Status::Ok();
}

class AisEventsCommand : public MaritimeCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = AddAisSubcommand(app, "events", "gaps, encounters, port calls, ... as JSON");
    cmd->add_option("file", file_, "NMEA log ordered by time")->required();
    cmd->add_option("--output", output_, "file to write (default stdout)");
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string file_, output_;
};

Status AisEventsCommand::Run(const SharedOptions& shared, CommandIo& io) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(file_));
  ASSIGN_OR_RETURN(VesselLists lists, LoadVesselLists(shared.db));
  ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> output, OutputFile::Open(output_, io.out));
  size_t events = 0;
  ASSIGN_OR_RETURN(TrackRun run, RunDetectors(bytes, lists, [&](maritime::Event&& e) {
                     output->stream() << maritime::EventToJson(e) << '\n';
                     ++events;
                   }));
  RETURN_IF_ERROR(output->Commit());
  fmt::print(io.err, "cordon: {}: {}\n", file_, run.ais.Summary());
  fmt::print(io.err,
             "cordon: {} positions from {} vessels ({} accepted, {} off track) -> {} events in "
             "{:.2f} s ({:.0f} positions/s); detector state {:.1f} MiB{}\n",
             run.detector.positions, run.detector.vessels, run.detector.accepted,
             run.detector.off_track, events, run.seconds,
             run.seconds > 0 ? static_cast<double>(run.detector.positions) / run.seconds : 0.0,
             static_cast<double>(run.memory_bytes) / (1024.0 * 1024.0),
             lists.loaded ? "; listed flags from " + shared.db : "");
  return Status::Ok();
}

class VesselCommand : public MaritimeCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = app.add_subcommand("vessel", "a vessel's risk: list status and AIS events");
    cmd->add_option("id", vessel_, "IMO number (7 digits) or MMSI (9 digits)")->required();
    cmd->add_option("--ais", file_, "NMEA log to find the vessel's events in");
    cmd->add_flag("--json", json_, "JSON instead of text");
    return cmd;
  }

  Status Check(const SharedOptions&) override {
    std::string_view id = StripWhitespace(vessel_);
    if (StartsWithIgnoreCase(id, "IMO")) id = StripWhitespace(id.substr(3));
    const uint32_t number = DigitsValue(id);
    const bool is_imo = id.size() == 7, is_mmsi = id.size() == 9;
    if (number == 0 || (!is_imo && !is_mmsi) ||
        id.find_first_not_of("0123456789") != std::string_view::npos) {
      return InvalidArgumentError(
          "vessel: give an IMO number (7 digits) or an MMSI (9 digits), not '" + vessel_ + "'");
    }
    imo_ = is_imo ? number : 0;
    mmsi_ = is_mmsi ? number : 0;
    return Status::Ok();
  }

  Status Run(const SharedOptions& shared, CommandIo& io) override;

 private:
  std::string vessel_;  // IMO or MMSI as given
  std::string file_;    // --ais
  bool json_ = false;
  uint32_t imo_ = 0, mmsi_ = 0;  // set by Check: one of them
};

Status VesselCommand::Run(const SharedOptions& shared, CommandIo& io) {
  ASSIGN_OR_RETURN(VesselLists lists, LoadVesselLists(shared.db));

  // The vessel's events, and what it broadcast about itself, from an AIS file.
  std::vector<maritime::Event> events;
  const bool is_imo = imo_ != 0;
  uint32_t imo = imo_, mmsi = mmsi_;
  std::string name;
  if (!file_.empty()) {
    ASSIGN_OR_RETURN(std::string bytes, ReadFile(file_));
    std::vector<maritime::Event> all;
    ASSIGN_OR_RETURN(TrackRun run, RunDetectors(bytes, lists, [&](maritime::Event&& e) {
                       all.push_back(std::move(e));
                     }));
    if (is_imo) {
      for (const auto& [m, i] : run.imos) {
        if (i == imo) mmsi = m;
      }
    } else if (auto it = run.imos.find(mmsi); it != run.imos.end()) {
      imo = it->second;
    }
    if (auto it = run.names.find(mmsi); mmsi != 0 && it != run.names.end()) name = it->second;
    for (maritime::Event& e : all) {
      const bool mine = (mmsi != 0 && (e.mmsi == mmsi || e.other_mmsi == mmsi)) ||
                        (imo != 0 && (e.imo == imo || e.other_imo == imo));
      if (mine) events.push_back(std::move(e));
    }
  }

  // Listings: by IMO, then MMSI, then the broadcast name through the screening index.
  std::vector<maritime::ListingHit> hits;
  auto add = [&](const std::vector<VesselLists::Listed>& found, maritime::MatchedBy how) {
    for (const VesselLists::Listed& l : found) {
      hits.push_back(
          {.entity_id = l.id, .caption = l.caption, .regimes = l.regimes, .matched_by = how});
    }
  };
  if (auto it = lists.by_imo.find(imo); imo != 0 && it != lists.by_imo.end()) {
    add(it->second, maritime::MatchedBy::kImo);
  }
  if (hits.empty()) {
    if (auto it = lists.by_mmsi.find(mmsi); mmsi != 0 && it != lists.by_mmsi.end()) {
      add(it->second, maritime::MatchedBy::kMmsi);
    }
  }
  if (hits.empty() && !name.empty() && lists.loaded) {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
    ASSIGN_OR_RETURN(std::shared_ptr<const screening::Snapshot> snapshot,
                     screening::Snapshot::Build(*store, {}));
    match::Query query{.id = vessel_, .schema = model::Schema::kVessel, .names = {name}};
    ASSIGN_OR_RETURN(
        std::vector<screening::ScreenedMatch> found,
        screening::Screen(*snapshot, query, {.search = {.threshold = 0.85, .limit = 3}}));
    for (const screening::ScreenedMatch& screened : found) {
      const match::Match& m = screened.match;
      hits.push_back({.entity_id = m.entity->id,
                      .caption = m.entity->caption(),
                      .regimes = RegimesOf(*m.entity),
                      .matched_by = maritime::MatchedBy::kName,
                      .name_score = m.score});
    }
  }

  const maritime::VesselRisk risk = maritime::AssessVessel(hits, events);
  Json j;
  if (imo != 0) j["imo"] = imo;
  if (mmsi != 0) j["mmsi"] = mmsi;
  if (!name.empty()) j["name"] = name;
  j["risk"] = {{"score", risk.score}, {"level", risk.level}};
  j["reasons"] = Json::array();
  for (const maritime::RiskReason& r : risk.reasons) {
    j["reasons"].push_back({{"code", r.code}, {"points", r.points}, {"text", r.text}});
  }
  j["listings"] = Json::array();
  for (const maritime::ListingHit& h : hits) {
    Json l{
        {"id", h.entity_id}, {"caption", h.caption}, {"matched_by", MatchedByName(h.matched_by)}};
    if (h.matched_by == maritime::MatchedBy::kName) l["score"] = h.name_score;
    l["regimes"] = Json::array();
    for (model::Regime r : h.regimes) l["regimes"].push_back(model::RegimeName(r));
    j["listings"].push_back(std::move(l));
  }
  j["events"] = Json::array();
  for (const maritime::Event& e : events) j["events"].push_back(Json::parse(EventToJson(e)));
  if (json_ || shared.json) {
    fmt::print(io.out, "{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print(io.out, "{}{}{}: risk {} ({:.0f}/100)\n", imo != 0 ? fmt::format("IMO {}", imo) : "",
             imo != 0 && mmsi != 0 ? ", " : "", mmsi != 0 ? fmt::format("MMSI {}", mmsi) : "",
             risk.level, risk.score);
  if (!name.empty()) fmt::print(io.out, "  broadcast name {}\n", name);
  if (!lists.loaded) fmt::print(io.out, "  (no lists: {} holds none)\n", shared.db);
  for (const maritime::RiskReason& r : risk.reasons) {
    fmt::print(io.out, "  +{:<3.0f} {}\n", r.points, r.text);
  }
  for (const maritime::Event& e : events) fmt::print(io.out, "  event {}\n", EventToJson(e));
  return Status::Ok();
}

// The answer is the exit code: 0 compliant, 3 not (success_code).
class PriceCapCheckCommand : public MaritimeCommand {
 public:
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        CommandGroup(app, "pricecap", "the G7 oil price cap")
            ->add_subcommand("check", "whether a trade complies (exit 3 when it does not)");
    cmd->add_option("--regime", regime_, "us, eu or uk")->required();
    cmd->add_option("--product", product_, "crude, premium_to_crude or discount_to_crude")
        ->required();
    cmd->add_option("--price", price_, "USD per barrel")->required();
    cmd->add_option("--loading-date", loading_date_, "YYYY-MM-DD")->required();
    cmd->add_option("--contract-date", contract_date_, "YYYY-MM-DD (for wind-down periods)");
    cmd->add_flag("--json", json_, "JSON instead of text");
    return cmd;
  }

  Status Check(const SharedOptions&) override;
  Status Run(const SharedOptions& shared, CommandIo& io) override;
  int success_code() const override { return check_.compliant ? 0 : 3; }

 private:
  std::string regime_, product_, loading_date_, contract_date_;
  double price_ = -1;
  bool json_ = false;
  // Set by Check: the trade's regime and product, and the table's answer (or why there is none).
  model::Regime regime_value_ = model::Regime::kOther;
  maritime::OilProduct product_value_ = maritime::OilProduct::kCrude;
  Status check_error_;
  maritime::CapCheck check_;
};

// The table's answer is found here: what it refuses (a regime or product it has no cap for, a
// price that is negative or not a number) is a usage error like a malformed option.
Status PriceCapCheckCommand::Check(const SharedOptions&) {
  std::optional<model::Regime> regime = model::RegimeFromName(AsciiLower(regime_));
  if (!regime) return InvalidArgumentError("--regime: '" + regime_ + "' is not one of us, eu, uk");
  std::optional<maritime::OilProduct> product = maritime::OilProductFromName(product_);
  if (!product) {
    return InvalidArgumentError("--product: '" + product_ +
                                "' is not one of crude, premium_to_crude, discount_to_crude");
  }
  std::optional<model::PartialDate> loading = model::PartialDate::FromIso(loading_date_);
  if (!loading || loading->day == 0) {
    return InvalidArgumentError("--loading-date: '" + loading_date_ + "' is not YYYY-MM-DD");
  }
  model::PartialDate contract;
  if (!contract_date_.empty()) {
    std::optional<model::PartialDate> parsed = model::PartialDate::FromIso(contract_date_);
    if (!parsed || parsed->day == 0) {
      return InvalidArgumentError("--contract-date: '" + contract_date_ + "' is not YYYY-MM-DD");
    }
    contract = *parsed;
  }
  regime_value_ = *regime;
  product_value_ = *product;
  Result<const maritime::PriceCapTable*> table = maritime::PriceCapTable::Bundled();
  if (!table.ok()) {
    check_error_ = table.status();  // a table that cannot be read is a failure, not a usage error
    return Status::Ok();
  }
  Result<maritime::CapCheck> check = (*table)->Check({.regime = *regime,
                                                      .product = *product,
                                                      .usd_per_barrel = price_,
                                                      .loading_date = *loading,
                                                      .contract_date = contract});
  if (!check.ok()) {
    if (check.status().code() == StatusCode::kInvalidArgument) return check.status();
    check_error_ = check.status();
    return Status::Ok();
  }
  check_ = *std::move(check);
  return Status::Ok();
}

Status PriceCapCheckCommand::Run(const SharedOptions& shared, CommandIo& io) {
  RETURN_IF_ERROR(check_error_);
  Json j;
  j["compliant"] = check_.compliant;
  j["regime"] = model::RegimeName(regime_value_);
  j["product"] = maritime::OilProductName(product_value_);
  j["price"] = price_;
  // The cap the price was held to; for a breach, the cap in force that it exceeds.
  const maritime::PriceCap* cap = check_.applied != nullptr ? check_.applied : check_.in_force;
  if (cap != nullptr) {
    j["cap"] = cap->usd_per_barrel;
    j["cap_from"] = cap->from.ToIso();
    j["cap_source"] = cap->source;
  }
  j["wind_down"] = check_.under_wind_down;
  j["explanation"] = check_.explanation;
  if (!check_.warnings.empty()) j["warnings"] = check_.warnings;
  if (json_ || shared.json) {
    fmt::print(io.out, "{}\n", j.dump(2));
  } else {
    fmt::print(io.out, "{}: {}\n", check_.compliant ? "compliant" : "NOT compliant",
               check_.explanation);
    for (const std::string& w : check_.warnings) fmt::print(io.out, "  warning: {}\n", w);
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::unique_ptr<Command>> MakeMaritimeCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<AisDecodeCommand>());
  commands.push_back(std::make_unique<AisEventsCommand>());
  commands.push_back(std::make_unique<VesselCommand>());
  commands.push_back(std::make_unique<PriceCapCheckCommand>());
  return commands;
}

}  // namespace cordon::cli
