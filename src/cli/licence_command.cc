// `cordon licence list|show|check|expiring`: the general licences of data/licences/ and which of
// them authorise an activity with a party on a date (licences/licences.h).
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/commands.h"
#include "licences/licences.h"

namespace cordon::cli {
namespace {

using Json = nlohmann::ordered_json;
using licences::Licence;
using licences::LicenceTable;

void PrintLine(std::ostream& out, const LicenceTable& table, const Licence& l) {
  const std::string ended = table.EndedOn(l);
  fmt::print(out, "{:<34} {:<2} {:<10} {:<10} {:<10} {}\n", l.id, model::RegimeName(l.regime),
             l.issued ? l.issued->ToIso() : "?", l.expires.empty() ? "-" : l.expires.substr(0, 10),
             ended.empty() ? "-" : ended, l.title);
}

Result<model::Regime> RegimeOption(const std::string& text) {
  std::optional<model::Regime> r = model::RegimeFromName(text);
  if (!r || *r == model::Regime::kOther || *r == model::Regime::kUn) {
    return InvalidArgumentError("--regime: '" + text + "' (us, eu or uk)");
  }
  return *r;
}

Result<Date> DateOption(const std::string& text, const SharedOptions& shared) {
  if (!text.empty()) {
    Result<Date> d = Date::Parse(text);
    if (!d.ok()) return InvalidArgumentError("--date: " + d.status().message());
    return *d;
  }
  return shared.as_of ? *shared.as_of : Date::Today();
}

class LicenceListCommand : public Command {
 public:
  Takes takes() const override { return {.json = true, .as_of = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = CommandGroup(app, "licence", "general licences: list, show, check, expiring")
                        ->add_subcommand("list", "the licences (with --as-of, those in force)");
    cmd->add_option("--regime", regime_, "us, eu or uk");
    return cmd;
  }
  Status Check(const SharedOptions&) override {
    if (regime_.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(model::Regime r, RegimeOption(regime_));
    filter_ = r;
    return Status::Ok();
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const LicenceTable& table = LicenceTable::Bundled();
    if (!shared.json) {
      fmt::print(io.out, "{:<34} {:<2} {:<10} {:<10} {:<10} {}\n", "LICENCE", "", "ISSUED",
                 "EXPIRES", "ENDED", "TITLE");
    }
    for (const Licence& l : table.licences()) {
      if (filter_ && l.regime != *filter_) continue;
      if (shared.as_of && !table.InForceOn(l, *shared.as_of)) continue;
      if (shared.json) {
        fmt::print(io.out, "{}\n", licences::LicenceJson(table, l).dump());
      } else {
        PrintLine(io.out, table, l);
      }
    }
    return Status::Ok();
  }

 private:
  std::string regime_;
  std::optional<model::Regime> filter_;
};

class LicenceShowCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = CommandGroup(app, "licence", "general licences: list, show, check, expiring")
                        ->add_subcommand("show", "one licence, every field with its source");
    cmd->add_option("id", id_, "licence id (us-ofac-gl-8l)")->required();
    return cmd;
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const LicenceTable& table = LicenceTable::Bundled();
    const Licence* l = table.Find(id_);
    if (l == nullptr) return NotFoundError("no licence " + id_ + " (see `cordon licence list`)");
    const Json j = licences::LicenceJson(table, *l);
    if (shared.json) {
      fmt::print(io.out, "{}\n", j.dump(2));
      return Status::Ok();
    }
    for (const auto& [key, value] : j.items()) {
      if (key == "parties") {
        for (const licences::Party& p : l->parties) {
          fmt::print(io.out, "{:<17} {}{}{}\n", "party", p.name,
                     p.sdn_uid.empty() ? "" : " (SDN " + p.sdn_uid + ")",
                     p.owned_50_percent_included ? ", and what it owns 50 % or more" : "");
        }
        continue;
      }
      std::string text = value.is_string() ? value.get<std::string>() : "";
      if (value.is_array()) {
        std::vector<std::string> parts;
        for (const auto& v : value) parts.push_back(v.get<std::string>());
        text = Join(parts, ", ");
      }
      if (!text.empty()) fmt::print(io.out, "{:<17} {}\n", key, text);
    }
    return Status::Ok();
  }

 private:
  std::string id_;
};

class LicenceCheckCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd =
        CommandGroup(app, "licence", "general licences: list, show, check, expiring")
            ->add_subcommand("check",
                             "which licences authorise an activity with a party on a date "
                             "(exit 0), or that none does (exit 3)");
    cmd->add_option("--regime", regime_, "us, eu or uk")->required();
    cmd->add_option("--party", party_, "the party's name");
    cmd->add_option("--entity", entity_, "the party's entity id in the store (us_ofac_sdn:17018)");
    cmd->add_option("--activity", activity_, "energy, wind_down, taxes_fees, ...")->required();
    cmd->add_option("--date", date_, "YYYY-MM-DD (default today)");
    return cmd;
  }
  Status Check(const SharedOptions& shared) override {
    if (party_.empty() == entity_.empty()) {
      return InvalidArgumentError("give the party: --party NAME or --entity ID");
    }
    ASSIGN_OR_RETURN(request_.regime, RegimeOption(regime_));
    ASSIGN_OR_RETURN(request_.date, DateOption(date_, shared));
    const LicenceTable& table = LicenceTable::Bundled();
    bool known = false;
    std::vector<std::string> names;
    for (const auto& [name, meaning] : table.activities()) {
      known |= name == activity_;
      names.push_back(name);
    }
    if (!known) {
      return InvalidArgumentError("--activity: '" + activity_ + "' (" + Join(names, ", ") + ")");
    }
    request_.activity = activity_;
    request_.party_name = party_;
    return Status::Ok();
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const LicenceTable& table = LicenceTable::Bundled();
    model::Entity entity;
    if (!entity_.empty()) {
      ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenStoreForReading(shared.db));
      ASSIGN_OR_RETURN(entity, store->GetEntity(entity_));
      request_.entity = &entity;
    }
    const licences::LicenceCheck check = table.Check(request_);
    authorised_ = !check.authorising.empty();
    const std::string party = entity_.empty() ? party_ : entity.caption() + " (" + entity_ + ")";
    if (shared.json) {
      Json ids = Json::array();
      for (const Licence* l : check.authorising) ids.push_back(l->id);
      Json j = {{"party", party},
                {"regime", model::RegimeName(request_.regime)},
                {"activity", request_.activity},
                {"date", request_.date.ToIso()},
                {"authorised", authorised_},
                {"licences", std::move(ids)}};
      if (check.last != nullptr) {
        j["last_licence"] = check.last->id;
        j["last_ended"] = check.last_ended;
      }
      fmt::print(io.out, "{}\n", j.dump());
      return Status::Ok();
    }
    if (authorised_) {
      fmt::print(io.out, "{} with {} on {}: authorised by\n", request_.activity, party,
                 request_.date.ToIso());
      for (const Licence* l : check.authorising) {
        fmt::print(io.out, "  {} ({}), until {}{}\n", l->number, l->id,
                   l->expires_text.empty() ? "no expiry given" : l->expires_text,
                   l->unverified.empty() ? "" : " [unverified: " + Join(l->unverified, ", ") + "]");
      }
    } else if (check.last != nullptr) {
      fmt::print(io.out, "{} with {} on {}: no licence in force; the last, {} ({}), ended on {}\n",
                 request_.activity, party, request_.date.ToIso(), check.last->number,
                 check.last->id, check.last_ended);
    } else {
      fmt::print(io.out, "{} with {} on {}: no licence in the table authorises it\n",
                 request_.activity, party, request_.date.ToIso());
    }
    return Status::Ok();
  }
  int success_code() const override { return authorised_ ? 0 : 3; }

 private:
  std::string regime_, party_, entity_, activity_, date_;
  licences::CheckRequest request_;
  bool authorised_ = false;
};

class LicenceExpiringCommand : public Command {
 public:
  Takes takes() const override { return {.json = true}; }
  CLI::App* Add(CLI::App& app) override {
    CLI::App* cmd = CommandGroup(app, "licence", "general licences: list, show, check, expiring")
                        ->add_subcommand("expiring", "licences in force that expire soon");
    cmd->add_option("--within", within_, "days (default 30)");
    cmd->add_option("--date", date_, "from this day (default today)");
    cmd->add_option("--regime", regime_, "us, eu or uk");
    return cmd;
  }
  Status Check(const SharedOptions& shared) override {
    if (within_ < 0) return InvalidArgumentError("--within: a number of days, 0 or more");
    ASSIGN_OR_RETURN(date_value_, DateOption(date_, shared));
    if (!regime_.empty()) {
      ASSIGN_OR_RETURN(model::Regime r, RegimeOption(regime_));
      regime_value_ = r;
    }
    return Status::Ok();
  }
  Status Run(const SharedOptions& shared, CommandIo& io) override {
    const LicenceTable& table = LicenceTable::Bundled();
    const std::vector<const Licence*> soon = table.Expiring(date_value_, within_, regime_value_);
    for (const Licence* l : soon) {
      if (shared.json) {
        fmt::print(io.out, "{}\n", licences::LicenceJson(table, *l).dump());
      } else {
        PrintLine(io.out, table, *l);
      }
    }
    if (!shared.json && soon.empty()) {
      fmt::print(io.out, "no licence in force on {} expires within {} days\n", date_value_.ToIso(),
                 within_);
    }
    return Status::Ok();
  }

 private:
  int within_ = 30;
  std::string date_, regime_;
  Date date_value_ = Date::FromYmd(1970, 1, 1);
  std::optional<model::Regime> regime_value_;
};

}  // namespace

std::vector<std::unique_ptr<Command>> MakeLicenceCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<LicenceListCommand>());
  out.push_back(std::make_unique<LicenceShowCommand>());
  out.push_back(std::make_unique<LicenceCheckCommand>());
  out.push_back(std::make_unique<LicenceExpiringCommand>());
  return out;
}

}  // namespace cordon::cli
