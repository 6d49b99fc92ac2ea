#include "cli/maritime_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/file.h"
#include "base/strings.h"
#include "maritime/ais.h"
#include "maritime/detector.h"
#include "maritime/geo.h"
#include "maritime/identity.h"
#include "maritime/price_cap.h"
#include "maritime/risk.h"
#include "screening/snapshot.h"
#include "store/store.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

int Fail(std::ostream& err, const Status& status) {
  fmt::print(err, "cordon: error: {}\n", status.ToString());
  return 1;
}

int UsageError(std::ostream& err, std::string_view message) {
  fmt::print(err, "cordon: error: {}\n", message);
  return 2;
}

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
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                   store::Store::Open(db, store::OpenMode::kReadOnly));
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

int AisDecode(const MaritimeArgs& args, std::ostream& out, std::ostream& err) {
  Result<std::string> bytes = ReadFile(args.file);
  if (!bytes.ok()) return Fail(err, bytes.status());
  Result<std::unique_ptr<OutputFile>> output = OutputFile::Open(args.output, out);
  if (!output.ok()) return Fail(err, output.status());
  const auto start = Clock::now();
  maritime::AisDecoder decoder;
  // Lines are gathered and written 64 KiB at a time: a stream write per line cost as much as
  // formatting it.
  constexpr size_t kFlushBytes = 64 << 10;
  std::string lines;
  lines.reserve(kFlushBytes + 4096);
  const maritime::GpsdJsonOptions options{.scaled = !args.unscaled};
  decoder.DecodeAll(*bytes, [&](const maritime::AisMessage& msg) {
    maritime::AppendGpsdJson(msg, &lines, options);
    lines.push_back('\n');
    if (lines.size() >= kFlushBytes) {
      (*output)->stream().write(lines.data(), static_cast<std::streamsize>(lines.size()));
      lines.clear();
    }
  });
  (*output)->stream().write(lines.data(), static_cast<std::streamsize>(lines.size()));
  decoder.Finish();
  if (Status s = (*output)->Commit(); !s.ok()) return Fail(err, s);
  fmt::print(err, "cordon: {}: {} ({:.2f} s)\n", args.file, decoder.stats().Summary(),
             SecondsSince(start));
  return 0;
}

int AisEvents(const MaritimeArgs& args, std::ostream& out, std::ostream& err) {
  Result<std::string> bytes = ReadFile(args.file);
  if (!bytes.ok()) return Fail(err, bytes.status());
  Result<VesselLists> lists = LoadVesselLists(args.db);
  if (!lists.ok()) return Fail(err, lists.status());
  Result<std::unique_ptr<OutputFile>> output = OutputFile::Open(args.output, out);
  if (!output.ok()) return Fail(err, output.status());
  size_t events = 0;
  Result<TrackRun> run = RunDetectors(*bytes, *lists, [&](maritime::Event&& e) {
    (*output)->stream() << maritime::EventToJson(e) << '\n';
    ++events;
  });
  if (!run.ok()) return Fail(err, run.status());
  if (Status s = (*output)->Commit(); !s.ok()) return Fail(err, s);
  fmt::print(err, "cordon: {}: {}\n", args.file, run->ais.Summary());
  fmt::print(err,
             "cordon: {} positions from {} vessels ({} accepted, {} off track) -> {} events in "
             "{:.2f} s ({:.0f} positions/s); detector state {:.1f} MiB{}\n",
             run->detector.positions, run->detector.vessels, run->detector.accepted,
             run->detector.off_track, events, run->seconds,
             run->seconds > 0 ? static_cast<double>(run->detector.positions) / run->seconds : 0.0,
             static_cast<double>(run->memory_bytes) / (1024.0 * 1024.0),
             lists->loaded ? "; listed flags from " + args.db : "");
  return 0;
}

int Vessel(const MaritimeArgs& args, std::ostream& out, std::ostream& err) {
  std::string_view id = StripWhitespace(args.vessel);
  if (StartsWithIgnoreCase(id, "IMO")) id = StripWhitespace(id.substr(3));
  const uint32_t number = DigitsValue(id);
  const bool is_imo = id.size() == 7, is_mmsi = id.size() == 9;
  if (number == 0 || (!is_imo && !is_mmsi) ||
      id.find_first_not_of("0123456789") != std::string_view::npos) {
    return UsageError(err, "vessel: give an IMO number (7 digits) or an MMSI (9 digits), not '" +
                               args.vessel + "'");
  }
  Result<VesselLists> lists = LoadVesselLists(args.db);
  if (!lists.ok()) return Fail(err, lists.status());

  // The vessel's events, and what it broadcast about itself, from an AIS file.
  std::vector<maritime::Event> events;
  uint32_t imo = is_imo ? number : 0, mmsi = is_mmsi ? number : 0;
  std::string name;
  if (!args.file.empty()) {
    Result<std::string> bytes = ReadFile(args.file);
    if (!bytes.ok()) return Fail(err, bytes.status());
    std::vector<maritime::Event> all;
    Result<TrackRun> run =
        RunDetectors(*bytes, *lists, [&](maritime::Event&& e) { all.push_back(std::move(e)); });
    if (!run.ok()) return Fail(err, run.status());
    if (is_imo) {
      for (const auto& [m, i] : run->imos) {
        if (i == imo) mmsi = m;
      }
    } else if (auto it = run->imos.find(mmsi); it != run->imos.end()) {
      imo = it->second;
    }
    if (auto it = run->names.find(mmsi); mmsi != 0 && it != run->names.end()) name = it->second;
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
  if (auto it = lists->by_imo.find(imo); imo != 0 && it != lists->by_imo.end()) {
    add(it->second, maritime::MatchedBy::kImo);
  }
  if (hits.empty()) {
    if (auto it = lists->by_mmsi.find(mmsi); mmsi != 0 && it != lists->by_mmsi.end()) {
      add(it->second, maritime::MatchedBy::kMmsi);
    }
  }
  if (hits.empty() && !name.empty() && lists->loaded) {
    Result<std::unique_ptr<store::Store>> store =
        store::Store::Open(args.db, store::OpenMode::kReadOnly);
    if (!store.ok()) return Fail(err, store.status());
    Result<std::shared_ptr<const screening::Snapshot>> snapshot =
        screening::Snapshot::Build(**store, {});
    if (!snapshot.ok()) return Fail(err, snapshot.status());
    match::Query query{.id = args.vessel, .schema = model::Schema::kVessel, .names = {name}};
    Result<std::vector<screening::ScreenedMatch>> found =
        screening::Screen(**snapshot, query, {.search = {.threshold = 0.85, .limit = 3}});
    if (!found.ok()) return Fail(err, found.status());
    for (const screening::ScreenedMatch& screened : *found) {
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
  if (args.json) {
    fmt::print(out, "{}\n", j.dump(2));
    return 0;
  }
  fmt::print(out, "{}{}{}: risk {} ({:.0f}/100)\n", imo != 0 ? fmt::format("IMO {}", imo) : "",
             imo != 0 && mmsi != 0 ? ", " : "", mmsi != 0 ? fmt::format("MMSI {}", mmsi) : "",
             risk.level, risk.score);
  if (!name.empty()) fmt::print(out, "  broadcast name {}\n", name);
  if (!lists->loaded) fmt::print(out, "  (no lists: {} holds none)\n", args.db);
  for (const maritime::RiskReason& r : risk.reasons) {
    fmt::print(out, "  +{:<3.0f} {}\n", r.points, r.text);
  }
  for (const maritime::Event& e : events) fmt::print(out, "  event {}\n", EventToJson(e));
  return 0;
}

int PriceCapCheck(const MaritimeArgs& args, std::ostream& out, std::ostream& err) {
  std::optional<model::Regime> regime = model::RegimeFromName(AsciiLower(args.regime));
  if (!regime) return UsageError(err, "--regime: '" + args.regime + "' is not one of us, eu, uk");
  std::optional<maritime::OilProduct> product = maritime::OilProductFromName(args.product);
  if (!product) {
    return UsageError(err, "--product: '" + args.product +
                               "' is not one of crude, premium_to_crude, discount_to_crude");
  }
  std::optional<model::PartialDate> loading = model::PartialDate::FromIso(args.loading_date);
  if (!loading || loading->day == 0) {
    return UsageError(err, "--loading-date: '" + args.loading_date + "' is not YYYY-MM-DD");
  }
  model::PartialDate contract;
  if (!args.contract_date.empty()) {
    std::optional<model::PartialDate> parsed = model::PartialDate::FromIso(args.contract_date);
    if (!parsed || parsed->day == 0) {
      return UsageError(err, "--contract-date: '" + args.contract_date + "' is not YYYY-MM-DD");
    }
    contract = *parsed;
  }
  Result<const maritime::PriceCapTable*> table = maritime::PriceCapTable::Bundled();
  if (!table.ok()) return Fail(err, table.status());
  Result<maritime::CapCheck> check = (*table)->Check({.regime = *regime,
                                                      .product = *product,
                                                      .usd_per_barrel = args.price,
                                                      .loading_date = *loading,
                                                      .contract_date = contract});
  if (!check.ok()) {
    return check.status().code() == StatusCode::kInvalidArgument
               ? UsageError(err, check.status().message())
               : Fail(err, check.status());
  }
  Json j;
  j["compliant"] = check->compliant;
  j["regime"] = model::RegimeName(*regime);
  j["product"] = maritime::OilProductName(*product);
  j["price"] = args.price;
  // The cap the price was held to; for a breach, the cap in force that it exceeds.
  const maritime::PriceCap* cap = check->applied != nullptr ? check->applied : check->in_force;
  if (cap != nullptr) {
    j["cap"] = cap->usd_per_barrel;
    j["cap_from"] = cap->from.ToIso();
    j["cap_source"] = cap->source;
  }
  j["wind_down"] = check->under_wind_down;
  j["explanation"] = check->explanation;
  if (!check->warnings.empty()) j["warnings"] = check->warnings;
  if (args.json) {
    fmt::print(out, "{}\n", j.dump(2));
  } else {
    fmt::print(out, "{}: {}\n", check->compliant ? "compliant" : "NOT compliant",
               check->explanation);
    for (const std::string& w : check->warnings) fmt::print(out, "  warning: {}\n", w);
  }
  return check->compliant ? 0 : 3;
}

}  // namespace

MaritimeCommands AddMaritimeCommands(CLI::App& app, MaritimeArgs& args) {
  MaritimeCommands commands;
  auto* ais = app.add_subcommand("ais", "decode AIS (NMEA) and find shadow-fleet events");
  ais->require_subcommand(1);
  ais->fallthrough();
  commands.ais_decode = ais->add_subcommand("decode", "AIS sentences to gpsd JSON-AIS lines");
  commands.ais_decode->fallthrough();
  commands.ais_decode->add_option("file", args.file, "NMEA log (.zst read transparently)")
      ->required();
  commands.ais_decode->add_flag("--unscaled", args.unscaled, "raw AIS units, as gpsd -u");
  commands.ais_decode->add_option("--output", args.output, "file to write (default stdout)");
  commands.ais_events = ais->add_subcommand("events", "gaps, encounters, port calls, ... as JSON");
  commands.ais_events->fallthrough();
  commands.ais_events->add_option("file", args.file, "NMEA log ordered by time")->required();
  commands.ais_events->add_option("--output", args.output, "file to write (default stdout)");

  commands.vessel = app.add_subcommand("vessel", "a vessel's risk: list status and AIS events");
  commands.vessel->fallthrough();
  commands.vessel->add_option("id", args.vessel, "IMO number (7 digits) or MMSI (9 digits)")
      ->required();
  commands.vessel->add_option("--ais", args.file, "NMEA log to find the vessel's events in");
  commands.vessel->add_flag("--json", args.json, "JSON instead of text");

  auto* pricecap = app.add_subcommand("pricecap", "the G7 oil price cap");
  pricecap->require_subcommand(1);
  pricecap->fallthrough();
  commands.pricecap_check =
      pricecap->add_subcommand("check", "whether a trade complies (exit 3 when it does not)");
  commands.pricecap_check->fallthrough();
  commands.pricecap_check->add_option("--regime", args.regime, "us, eu or uk")->required();
  commands.pricecap_check
      ->add_option("--product", args.product, "crude, premium_to_crude or discount_to_crude")
      ->required();
  commands.pricecap_check->add_option("--price", args.price, "USD per barrel")->required();
  commands.pricecap_check->add_option("--loading-date", args.loading_date, "YYYY-MM-DD")
      ->required();
  commands.pricecap_check->add_option("--contract-date", args.contract_date,
                                      "YYYY-MM-DD (for wind-down periods)");
  commands.pricecap_check->add_flag("--json", args.json, "JSON instead of text");
  return commands;
}

int RunMaritime(const MaritimeCommands& commands, const MaritimeArgs& args, std::ostream& out,
                std::ostream& err) {
  if (commands.ais_decode->parsed()) return AisDecode(args, out, err);
  if (commands.ais_events->parsed()) return AisEvents(args, out, err);
  if (commands.vessel->parsed()) return Vessel(args, out, err);
  return PriceCapCheck(args, out, err);
}

}  // namespace cordon::cli
