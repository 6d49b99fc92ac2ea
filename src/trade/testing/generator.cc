#include "trade/testing/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

namespace cordon::trade::testing {
namespace {

using OJson = nlohmann::ordered_json;

constexpr const char* kEuExporters[][3] = {
    {"Rheinland Elektronik GmbH", "DE", "Industriestrasse 12, 50667 Koeln"},
    {"Bavaria Halbleiter Vertrieb GmbH", "DE", "Leopoldstrasse 40, 80802 Muenchen"},
    {"Lyon Composants Electroniques SAS", "FR", "12 rue de la Republique, 69002 Lyon"},
    {"Brabant Precision Machines BV", "NL", "Hoofdstraat 8, 5611 Eindhoven"},
    {"Milano Cuscinetti S.r.l.", "IT", "Via Torino 55, 20123 Milano"},
    {"Ostrava Strojirny s.r.o.", "CZ", "Nadrazni 14, 70200 Ostrava"},
    {"Gdansk Elektronika Sp. z o.o.", "PL", "ul. Dluga 3, 80-827 Gdansk"},
    {"Uppsala Instrument AB", "SE", "Kungsgatan 20, 75321 Uppsala"},
    {"Graz Antriebstechnik GmbH", "AT", "Annenstrasse 7, 8020 Graz"},
    {"Valencia Componentes Industriales SL", "ES", "Calle Colon 30, 46004 Valencia"},
};
constexpr const char* kOtherExporters[][3] = {
    {"Pacific Coast Semiconductor Inc.", "US", "2100 Mission College Blvd, Santa Clara, CA"},
    {"Great Lakes Bearing Corp.", "US", "400 W Jefferson Ave, Detroit, MI"},
    {"Osaka Denshi Buhin Co., Ltd.", "JP", "2-3 Umeda, Kita-ku, Osaka"},
    {"Hanbit Precision Co., Ltd.", "KR", "55 Gongdan-ro, Changwon"},
};
// Established customers in allied and other non-hub countries.
constexpr const char* kBenignCustomers[][3] = {
    {"Nordic Automation Oy", "FI", "manufacturer"},
    {"Hamburg Maschinenbau AG", "DE", "manufacturer"},
    {"Aarhus Wind Systems A/S", "DK", "manufacturer"},
    {"Toulouse Avionique SA", "FR", "manufacturer"},
    {"Ohio Industrial Controls LLC", "US", "manufacturer"},
    {"Quebec Hydro Equipment Inc.", "CA", "manufacturer"},
    {"Melbourne Mining Electrics Pty Ltd", "AU", "manufacturer"},
    {"Cairo Medical Devices SAE", "EG", "manufacturer"},
    {"Nairobi Telecom Services Ltd", "KE", "end_user"},
    {"Santiago Energia SpA", "CL", "manufacturer"},
    {"Hanoi Garment Machinery JSC", "VN", "manufacturer"},
    {"Jakarta Power Systems PT", "ID", "manufacturer"},
};
// Ordinary customers in the hubs, buying ordinary goods.
constexpr const char* kHubCustomers[][3] = {
    {"Istanbul Tekstil Sanayi A.S.", "TR", "manufacturer"},
    {"Almaty Food Distribution TOO", "KZ", "trader"},
    {"Yerevan Furniture House LLC", "AM", "trader"},
    {"Tbilisi Wine Cellars LLC", "GE", "manufacturer"},
    {"Dubai Home Textiles LLC", "AE", "trader"},
    {"Tashkent Agro Machinery MChJ", "UZ", "manufacturer"},
    {"Bishkek Pharma Import OsOO", "KG", "trader"},
    {"Shenzhen Garment Accessories Co., Ltd.", "CN", "manufacturer"},
};
// Names the evasion cases give companies set up to re-export.
constexpr const char* kShellStems[] = {"Pamir",  "Ararat",  "Steppe", "Silk Way", "Golden Horn",
                                       "Tengri", "Caspian", "Orion",  "Vega",     "Altai",
                                       "Issyk",  "Sevan",   "Kura",   "Aral"};
constexpr const char* kShellSuffix[][2] = {{"Trading OsOO", "KG"},
                                           {"Logistics LLC", "AM"},
                                           {"Trade TOO", "KZ"},
                                           {"General Trading FZE", "AE"},
                                           {"Dis Ticaret Ltd. Sti.", "TR"},
                                           {"Express LLC", "GE"},
                                           {"Import Export MChJ", "UZ"},
                                           {"Electronics Trading Limited", "HK"}};
constexpr const char* kRussianEndUsers[] = {
    "OOO Uralskiy Priborostroitelnyi Zavod", "AO Volzhskoe Konstruktorskoe Byuro",
    "OOO Sibirskie Komponenty", "AO Tulskiy Mekhanicheskiy Zavod"};
// CHPL codes by tier, as HS codes written the many ways declarations write them.
constexpr const char* kTier12[] = {"8542.31", "8542.32.00", "854233",  "8542 39 90",
                                   "8517.62", "852691",     "8532.21", "8532.24"};
constexpr const char* kTier34[] = {"8471.50", "8504.40", "8541.10", "8482.10", "9013.10",
                                   "8486.20", "9030.20", "8457.10", "8458.11", "8536.69"};
constexpr const char* kOrdinary[][2] = {{"6109.10", "cotton T-shirts"},
                                        {"9403.60", "wooden furniture"},
                                        {"0808.10", "apples"},
                                        {"3004.90", "medicaments, packaged"},
                                        {"8450.11", "household washing machines"},
                                        {"6403.99", "leather footwear"},
                                        {"2204.21", "wine"},
                                        {"8433.51", "combine harvesters"},
                                        {"3923.30", "plastic bottles"},
                                        {"4819.10", "cardboard boxes"}};
constexpr const char* kChplDescriptions[] = {"microcontrollers",
                                             "memory chips",
                                             "amplifier ICs",
                                             "FPGAs",
                                             "radio modules",
                                             "GNSS receivers",
                                             "tantalum capacitors",
                                             "ceramic capacitors",
                                             "processing units",
                                             "power supplies",
                                             "diodes",
                                             "ball bearings",
                                             "optical sights",
                                             "wafer equipment parts",
                                             "oscilloscopes",
                                             "CNC machining centres",
                                             "lathes",
                                             "connectors"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  size_t Index(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Index(N)];
  }
  double Uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  bool Chance(double p) { return Uniform(0, 1) < p; }
  std::string DateBetween(int from_year, int to_year) {
    const int year =
        static_cast<int>(from_year + Index(static_cast<size_t>(to_year - from_year + 1)));
    return fmt::format("{}-{:02}-{:02}", year, 1 + Index(12), 1 + Index(28));
  }
  // A registration after the invasion of 2022-02-24, up to the end of `to_year`.
  std::string DateAfterInvasion(int to_year) {
    const int year = static_cast<int>(2022 + Index(static_cast<size_t>(to_year - 2022 + 1)));
    const size_t first_month = year == 2022 ? 3 : 1;
    return fmt::format("{}-{:02}-{:02}", year, first_month + Index(13 - first_month),
                       1 + Index(28));
  }

 private:
  std::mt19937_64 rng_;
};

OJson Goods(Gen& g, const char* hs, const std::string& description, const std::string& origin) {
  return {{"hs", hs},
          {"description", description},
          {"value", std::round(g.Uniform(2000, 400000))},
          {"currency", g.Chance(0.6) ? "EUR" : "USD"},
          {"quantity", 1 + g.Index(5000)},
          {"unit", "pcs"},
          {"origin", origin}};
}

OJson Exporter(Gen& g, bool eu) {
  const auto& e = eu ? g.Pick(kEuExporters) : g.Pick(kOtherExporters);
  return {{"name", e[0]},
          {"country", e[1]},
          {"address", e[2]},
          {"registered_on", g.DateBetween(1975, 2012)}};
}

}  // namespace

std::vector<GeneratedShipment> GenerateShipments(const ShipmentOptions& options) {
  Gen g(options.seed);
  std::vector<GeneratedShipment> out;
  std::vector<std::string> patterns = {
      "hub_new_company", "hub_forwarder_third_payer", "russia_direct",   "russia_onward_route",
      "occupied_region", "hub_listed_consignee",      "eu_no_clause_hub"};
  if (options.listed_names.empty()) {
    patterns.erase(std::find(patterns.begin(), patterns.end(), "hub_listed_consignee"));
  }
  for (size_t i = 0; i < options.count; ++i) {
    GeneratedShipment s;
    s.id = fmt::format("S-{:06}", i + 1);
    OJson j;
    j["id"] = s.id;
    const bool evasive = g.Chance(options.evasion_share);
    const std::string date = g.DateBetween(2023, 2025);
    j["date"] = date;
    if (!evasive) {
      const bool eu = g.Chance(0.7);
      OJson exporter = Exporter(g, eu);
      const std::string origin = exporter["country"];
      j["exporter"] = exporter;
      OJson goods = OJson::array();
      if (g.Chance(0.55)) {
        // Ordinary goods, or CHPL goods to an allied or other non-hub customer.
        const auto& c = g.Pick(kBenignCustomers);
        j["consignee"] = {{"name", c[0]},
                          {"country", c[1]},
                          {"kind", c[2]},
                          {"registered_on", g.DateBetween(1965, 2015)}};
        j["route"] = OJson::array({origin, c[1]});
        j["declared_destination"] = c[1];
        const size_t lines = 1 + g.Index(3);
        for (size_t k = 0; k < lines; ++k) {
          if (g.Chance(0.5)) {
            goods.push_back(Goods(g, g.Chance(0.5) ? g.Pick(kTier12) : g.Pick(kTier34),
                                  g.Pick(kChplDescriptions), origin));
          } else {
            const auto& o = g.Pick(kOrdinary);
            goods.push_back(Goods(g, o[0], o[1], origin));
          }
        }
        s.pattern = "benign_allied";
      } else {
        // Ordinary goods to an established customer in a hub.
        const auto& c = g.Pick(kHubCustomers);
        j["consignee"] = {{"name", c[0]},
                          {"country", c[1]},
                          {"kind", c[2]},
                          {"registered_on", g.DateBetween(1995, 2018)}};
        j["route"] = OJson::array({origin, c[1]});
        j["declared_destination"] = c[1];
        const size_t lines = 1 + g.Index(3);
        for (size_t k = 0; k < lines; ++k) {
          const auto& o = g.Pick(kOrdinary);
          goods.push_back(Goods(g, o[0], o[1], origin));
        }
        j["payer"] = {{"name", c[0]}, {"country", c[1]}};
        s.pattern = "benign_hub_ordinary";
      }
      j["goods"] = goods;
      if (eu) j["contract"] = {{"date", date}, {"no_russia_clause", true}};
      s.expected_level = "low";
    } else {
      const std::string pattern = patterns[g.Index(patterns.size())];
      s.pattern = pattern;
      s.expected_level = "high";
      OJson exporter = Exporter(g, pattern == "eu_no_clause_hub" || g.Chance(0.7));
      const std::string origin = exporter["country"];
      j["exporter"] = exporter;
      const auto& suffix = g.Pick(kShellSuffix);
      const std::string hub = suffix[1];
      const std::string shell = fmt::format("{} {}", g.Pick(kShellStems), suffix[0]);
      OJson goods = OJson::array();
      goods.push_back(Goods(g, g.Pick(kTier12), g.Pick(kChplDescriptions), origin));
      if (g.Chance(0.5))
        goods.push_back(Goods(g, g.Pick(kTier34), g.Pick(kChplDescriptions), origin));
      j["goods"] = goods;
      s.expected_codes.push_back("chpl");
      const std::string shell_registered = g.DateAfterInvasion(2024);
      if (pattern == "hub_new_company") {
        j["consignee"] = {{"name", shell},
                          {"country", hub},
                          {"kind", "trader"},
                          {"registered_on", shell_registered}};
        j["route"] = OJson::array({origin, "TR", hub});
        j["declared_destination"] = hub;
        s.expected_codes.insert(s.expected_codes.end(), {"transshipment_hub", "new_company"});
      } else if (pattern == "hub_forwarder_third_payer") {
        const auto& c = g.Pick(kHubCustomers);
        j["consignee"] = {{"name", shell},
                          {"country", hub},
                          {"kind", "forwarder"},
                          {"registered_on", g.DateBetween(2008, 2019)}};
        j["end_user"] = {{"name", fmt::format("{} Cargo Logistics", g.Pick(kShellStems))},
                         {"country", hub},
                         {"kind", "forwarder"}};
        j["payer"] = {{"name", fmt::format("{} Holdings Limited", g.Pick(kShellStems))},
                      {"country", "HK"},
                      {"bank_bic", "HSBCHKHHXXX"}};
        (void)c;
        j["route"] = OJson::array({origin, hub});
        j["declared_destination"] = hub;
        s.expected_codes.insert(s.expected_codes.end(),
                                {"transshipment_hub", "forwarder_end_user", "third_party_payer"});
      } else if (pattern == "russia_direct") {
        j["consignee"] = {
            {"name", g.Pick(kRussianEndUsers)}, {"country", "RU"}, {"kind", "manufacturer"}};
        j["route"] = OJson::array({origin, "FI", "RU"});
        j["declared_destination"] = "RU";
        s.expected_codes.push_back("russia_destination");
      } else if (pattern == "russia_onward_route") {
        j["consignee"] = {{"name", shell},
                          {"country", hub},
                          {"kind", "trader"},
                          {"registered_on", g.DateBetween(2009, 2019)}};
        j["end_user"] = {{"name", g.Pick(kRussianEndUsers)}, {"country", "RU"}};
        j["route"] = OJson::array({origin, "GE", hub, "RU"});
        j["declared_destination"] = hub;
        s.expected_codes.insert(s.expected_codes.end(), {"russia_destination", "route_mismatch"});
      } else if (pattern == "occupied_region") {
        j["consignee"] = {{"name", shell},
                          {"country", hub},
                          {"kind", "trader"},
                          {"registered_on", g.DateBetween(2009, 2019)}};
        j["route"] = OJson::array({origin, "TR", "UA-43"});
        j["declared_destination"] = hub;
        s.expected_codes.insert(s.expected_codes.end(), {"russia_destination", "route_mismatch"});
      } else if (pattern == "hub_listed_consignee") {
        j["consignee"] = {{"name", options.listed_names[g.Index(options.listed_names.size())]},
                          {"country", "HK"},
                          {"kind", "trader"}};
        j["route"] = OJson::array({origin, "HK"});
        j["declared_destination"] = "HK";
        s.expected_codes.insert(s.expected_codes.end(), {"listed_party", "transshipment_hub"});
      } else {  // eu_no_clause_hub: an EU contract without the clause, a new trader in a hub
        j["consignee"] = {{"name", shell},
                          {"country", hub},
                          {"kind", "trader"},
                          {"registered_on", shell_registered}};
        j["route"] = OJson::array({origin, hub});
        j["declared_destination"] = hub;
        j["contract"] = {{"date", g.DateBetween(2024, 2025)}, {"no_russia_clause", false}};
        s.expected_codes.insert(s.expected_codes.end(),
                                {"no_russia_clause", "transshipment_hub", "new_company"});
      }
    }
    s.json = j.dump();
    out.push_back(std::move(s));
  }
  return out;
}

std::string GenerateFlows(const FlowOptions& options) {
  Gen g(options.seed);
  std::string out = "reporter,partner,hs6,period,flow,value_usd\n";
  // Hubs whose CHPL imports grew after 2021 with their re-exports to Russia (EBRD/CEPR and
  // Eurostat: Kyrgyzstan about tenfold, Armenia and Kazakhstan severalfold), and hubs of
  // ordinary growth.
  struct Hub {
    const char* code;
    double growth;  // factor on imports by the last year
    double reexport_share;
    double gap_share;  // share of partner-reported exports missing from the hub's imports
  };
  const Hub hubs[] = {{"KG", 10, 0.8, 0.5},    {"AM", 5, 0.6, 0.4},     {"KZ", 3, 0.4, 0.3},
                      {"GE", 2.5, 0.3, 0.2},   {"AE", 2.2, 0.3, 0.2},   {"TR", 1.6, 0.15, 0.1},
                      {"IN", 1.2, 0.02, 0.02}, {"SG", 1.1, 0.01, 0.01}, {"BR", 1.05, 0.0, 0.0}};
  const char* exporters[] = {"DE", "US", "FR", "IT", "NL", "PL",
                             "JP", "KR", "CZ", "AT", "SE", "ES"};
  const size_t exporter_count = std::min<size_t>(std::size(exporters), 8 + options.extra_exporters);
  const char* codes[] = {
      "854231", "854232", "851762", "852691", "853224", "847150",
      "848210", "903020", "845710", "610910", "940360"};  // the last two are not CHPL goods
  const size_t months = std::clamp<size_t>(options.rows_per_pair_year, 1, 12);
  for (const Hub& hub : hubs) {
    for (const char* hs6 : codes) {
      const bool chpl = std::string_view(hs6) != "610910" && std::string_view(hs6) != "940360";
      const double base = g.Uniform(0.5e6, 8e6);
      for (int year = options.first_year; year <= options.last_year; ++year) {
        // Growth starts in 2022 and reaches the hub's factor by the last year.
        const double t = year <= 2021 ? 0.0
                                      : std::min(1.0, static_cast<double>(year - 2021) /
                                                          std::max(1, options.last_year - 2021));
        const double factor =
            chpl ? 1.0 + (hub.growth - 1.0) * t : 1.0 + 0.05 * (year - options.first_year);
        for (size_t e = 0; e < exporter_count; ++e) {
          const double share = 1.0 / static_cast<double>(exporter_count);
          const double exported = base * factor * share * g.Uniform(0.85, 1.15);
          const double gap = chpl ? hub.gap_share * t : 0.0;
          const double imported = exported * (1.0 - gap) * g.Uniform(0.95, 1.05);
          for (size_t m = 0; m < months; ++m) {
            const std::string period =
                months == 1 ? std::to_string(year) : fmt::format("{}-{:02}", year, m + 1);
            const double part = 1.0 / static_cast<double>(months);
            out += fmt::format("{},{},{},{},export,{:.0f}\n", exporters[e], hub.code, hs6, period,
                               exported * part);
            out += fmt::format("{},{},{},{},import,{:.0f}\n", hub.code, exporters[e], hs6, period,
                               imported * part);
          }
        }
        const double reexport =
            chpl ? base * (factor - 1.0) * hub.reexport_share + base * 0.02 : base * 0.05 * factor;
        for (size_t m = 0; m < months; ++m) {
          const std::string period =
              months == 1 ? std::to_string(year) : fmt::format("{}-{:02}", year, m + 1);
          out += fmt::format("{},RU,{},{},export,{:.0f}\n", hub.code, hs6, period,
                             reexport * g.Uniform(0.9, 1.1) / static_cast<double>(months));
        }
      }
    }
  }
  return out;
}

}  // namespace cordon::trade::testing
