#include "synthetic_traffic.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>
#include <variant>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/payload.h"

#include "story.h"

namespace sluis::sim {
namespace synth = workflow::synth;
using codecs::BerichtType;
using codecs::Date;

namespace {

const codecs::XsdVersie kXsd{"1.0.0", "1.0.0"};

// One message of a round.
struct Task {
  BerichtType type;
  size_t index = 0;      // toewijzing (305, 307), client (315, 317) or triple (323)
  size_t aanbieder = 0;  // 315, 317
};

class SyntheticTraffic final : public TrafficSource {
 public:
  explicit SyntheticTraffic(const SyntheticTrafficOptions& o)
      : o_(o), p_(synth::MakePopulation(o.population)), rng_(o.seed) {
    if (o_.months < 1) throw std::invalid_argument("synthetic traffic: months must be >= 1");
    if (o_.fault_share < 0 || o_.fault_share > 1) {
      throw std::invalid_argument("synthetic traffic: fault share must be within 0..1");
    }
    static const std::set<std::string> kKnown = {"305", "307", "315", "317", "323"};
    for (const std::string& t : o_.types) {
      if (!kKnown.count(t)) throw std::invalid_argument("synthetic traffic: cannot send " + t);
    }
    today_ = std::max(p_.options.reference_date, o_.today.value_or(p_.options.reference_date));
    std::string prefix = o_.id_prefix;
    if (!o_.story_file.empty()) {
      story_ = Story::Load(o_.story_file);
      keep_story_ = true;
      prefix = story_.NewPrefix(prefix);
    }
    for (size_t a = 0; a < p_.aanbieders.size(); ++a) {
      ids_.emplace_back(prefix, 1);
    }
    std::set<std::tuple<size_t, size_t, codecs::Domein>> triples;
    for (const synth::Toewijzing& t : p_.toewijzingen) {
      const synth::Client& c = p_.clients[t.client];
      triples.insert({t.aanbieder, c.gemeente, c.domein});
    }
    triples_.assign(triples.begin(), triples.end());
  }

  std::optional<TrafficItem> Next() override {
    for (;;) {
      if (o_.limit != 0 && n_ >= o_.limit) return std::nullopt;
      if (at_ >= plan_.size()) {
        if (!Plan()) return std::nullopt;
      }
      const Task task = plan_[at_++];
      std::optional<TrafficItem> item = Make(task);
      if (!item) continue;  // nothing to say (e.g. no current toewijzing for a 317)
      ++n_;
      ++made_in_round_;
      if (!item->story.empty()) story_.Pending(item->story);
      return item;
    }
  }

  void Settle(const std::string& story, bool delivered) override {
    try {
      story_.Settle(story, delivered);
    } catch (const std::exception& e) {
      // The run goes on; the next one may tell this again.
      std::fprintf(stderr, "ggk-sim: %s\n", e.what());
    }
  }

 private:
  bool Wanted(const char* type) const {
    return o_.types.empty() ||
           std::find(o_.types.begin(), o_.types.end(), std::string(type)) != o_.types.end();
  }

  // What the story already has (or is on its way); never anything without a story.
  bool Said(const std::string& key) const { return keep_story_ && story_.Said(key); }
  static std::string Key(const char* type, const std::string& what) {
    return std::string(type) + "/" + what;
  }
  std::string ToewijzingKey(const char* type, size_t t) const {
    return Key(type, std::to_string(p_.toewijzingen[t].product.toewijzing_nummer.value()));
  }
  std::string ClientKey(const char* type, size_t c) const {
    return Key(type, p_.clients[c].bsn.str());
  }
  std::string DeclaratieKey(size_t triple, Date maand) const {
    const auto& [a, g, domein] = triples_[triple];
    return Key("323", p_.aanbieders[a].agb.str() + "/" + p_.gemeenten[g].code.str() + "/" +
                          std::string(codecs::DomeinName(domein)) + "/" +
                          maand.ToString().substr(0, 7));
  }

  // The 305's Begindatum, and the 307's (a stop names the start it ends, TR382). Without a story:
  // the toewijzing's Ingangsdatum. With one, care starts when the aanbieder is told about it: a
  // toewijzing still running on the reference date started 0-9 days before that date (fixed per
  // toewijzing, never before its Ingangsdatum nor after its Einddatum), so that most starts are
  // reported within the 5 werkdagen of OP271 and some are late; one that ended before the
  // reference date is history and started on its Ingangsdatum.
  Date StartDatum(size_t t) const {
    const codecs::ToegewezenProduct& tp = p_.toewijzingen[t].product;
    const Date referentie = p_.options.reference_date;
    if (!keep_story_ || (tp.einddatum && *tp.einddatum < referentie)) return tp.ingangsdatum;
    Date d = std::max(tp.ingangsdatum, referentie.AddDays(-static_cast<int32_t>(t % 10)));
    if (tp.einddatum) d = std::min(d, *tp.einddatum);
    return d;
  }

  // The tasks of the next round; false when a round has nothing at all, or (with a story) the
  // last round had nothing new to tell.
  bool Plan() {
    if (round_ > 0 && made_in_round_ == 0) return false;
    made_in_round_ = 0;
    plan_.clear();
    at_ = 0;
    for (size_t c = 0; c < p_.clients.size(); ++c) {
      const synth::Client& client = p_.clients[c];
      for (size_t t : client.toewijzingen) {
        const codecs::ToegewezenProduct& tp = p_.toewijzingen[t].product;
        if (Wanted("305") && tp.ingangsdatum <= today_ && !Said(ToewijzingKey("305", t))) {
          plan_.push_back({BerichtType::k305, t});
        }
        if (Wanted("307") && tp.einddatum && *tp.einddatum < today_ &&
            !Said(ToewijzingKey("307", t))) {
          plan_.push_back({BerichtType::k307, t});
        }
      }
      if (client.toewijzingen.empty()) continue;
      const size_t aanbieder = p_.toewijzingen[client.toewijzingen.front()].aanbieder;
      if (Wanted("315") && c % 5 == 0 && !Said(ClientKey("315", c))) {
        plan_.push_back({BerichtType::k315, c, aanbieder});
      }
      if (Wanted("317") && c % 7 == 3 && !Said(ClientKey("317", c))) {
        plan_.push_back({BerichtType::k317, c, aanbieder});
      }
    }
    if (Wanted("323") && !triples_.empty()) {
      // Spread the 323s evenly through the round, so that a bounded run has them too: one per
      // triple, or with a story one per month of the window, one after the other (each
      // declares the month after the one before it).
      std::vector<Task> declaraties;
      for (size_t t = 0; t < triples_.size(); ++t) {
        for (int m = 0; m < (keep_story_ ? o_.months : 1); ++m) {
          declaraties.push_back({BerichtType::k323, t});
        }
      }
      std::vector<Task> mixed;
      const size_t every = plan_.size() / triples_.size() + 1;
      size_t next = 0;
      for (size_t i = 0; i < plan_.size(); ++i) {
        if (i % every == 0) {
          for (; next < declaraties.size(); ++next) {
            if (!mixed.empty() && mixed.back().type == BerichtType::k323 &&
                mixed.back().index != declaraties[next].index) {
              break;
            }
            mixed.push_back(declaraties[next]);
          }
        }
        mixed.push_back(plan_[i]);
      }
      mixed.insert(mixed.end(), declaraties.begin() + static_cast<std::ptrdiff_t>(next),
                   declaraties.end());
      plan_ = std::move(mixed);
    }
    const bool any = !plan_.empty();
    ++round_;
    return any;
  }

  codecs::BerichtIdentificatie Id(size_t aanbieder, BerichtType type) {
    return {ids_[aanbieder].Identificatie(type), today_};
  }

  bool Fault() {
    if (o_.fault_share <= 0) return false;
    return std::uniform_real_distribution<double>(0, 1)(rng_) < o_.fault_share;
  }

  std::optional<TrafficItem> Make(const Task& task) {
    codecs::Bericht b;
    const bool fault = Fault();
    std::string fault_kind = fault ? "xsd" : "";
    std::string story;
    switch (task.type) {
      case BerichtType::k305: {
        const size_t a = p_.toewijzingen[task.index].aanbieder;
        b = synth::MakeStart(p_, task.index, Id(a, BerichtType::k305), kXsd,
                             {.begindatum = StartDatum(task.index)});
        story = ToewijzingKey("305", task.index);
        break;
      }
      case BerichtType::k307: {
        // A story stops only what it started (else 9069, TR382): after a 305 refused on its
        // XSD the stop waits for the mended start.
        if (keep_story_ && !Said(ToewijzingKey("305", task.index))) return std::nullopt;
        const size_t a = p_.toewijzingen[task.index].aanbieder;
        b = synth::MakeStop(p_, task.index, Id(a, BerichtType::k307), kXsd,
                            {.begindatum = StartDatum(task.index)});
        story = ToewijzingKey("307", task.index);
        break;
      }
      case BerichtType::k315: {
        auto r = synth::MakeVerzoekOmToewijzing(p_, task.index, task.aanbieder,
                                                Id(task.aanbieder, BerichtType::k315), kXsd,
                                                ids_[task.aanbieder], {.seed = rng_()});
        if (!r.ok()) return std::nullopt;
        b = std::move(r).value();
        story = ClientKey("315", task.index);
        break;
      }
      case BerichtType::k317: {
        auto r = synth::MakeVerzoekOmWijziging(p_, task.index, task.aanbieder,
                                               Id(task.aanbieder, BerichtType::k317), kXsd,
                                               ids_[task.aanbieder], {.seed = rng_()});
        if (!r.ok()) return std::nullopt;
        b = std::move(r).value();
        story = ClientKey("317", task.index);
        break;
      }
      case BerichtType::k323: {
        const auto& [a, g, domein] = triples_[task.index];
        synth::DeclaratieRequest req;
        req.aanbieder = a;
        req.gemeente = g;
        req.domein = domein;
        req.id = Id(a, BerichtType::k323);
        req.xsd = kXsd;
        req.seed = rng_();
        if (fault) {
          fault_kind = "level3";
          req.faults.share = 0.2;
          req.faults.kinds = {synth::FaultKind::kWrongTariff, synth::FaultKind::kVolumeExceeded,
                              synth::FaultKind::kUnknownToewijzing,
                              synth::FaultKind::kProductCodeMismatch,
                              synth::FaultKind::kBeforeIngangsdatum};
        }
        // Without a story the round's month. With one the oldest month of the window after the
        // last one declared: a declaratie may not go back in time (TR318, 8214).
        int oldest = 1 + static_cast<int>(round_ - 1) % o_.months, newest = oldest;
        if (keep_story_) {
          newest = 1;
          oldest = o_.months;
          for (int m = 1; m <= o_.months; ++m) {
            if (Said(DeclaratieKey(task.index, today_.FirstOfMonth().AddMonths(-m)))) {
              oldest = m - 1;
              break;
            }
          }
        }
        std::optional<synth::GeneratedDeclaratie> made;
        for (int m = oldest; m >= newest && !made; --m) {
          req.maand = today_.FirstOfMonth().AddMonths(-m);
          story = DeclaratieKey(task.index, req.maand);
          auto r = synth::MakeDeclaratie(p_, req, ids_[a]);
          if (r.ok()) made = std::move(r).value();
        }
        if (!made) return std::nullopt;
        b = std::move(made->bericht);
        break;
      }
      default:
        return std::nullopt;
    }
    TrafficItem item;
    item.functie = std::string(codecs::Functie(codecs::DomeinOf(b), codecs::TypeOf(b)));
    item.payload = codecs::EncodeBericht(b);
    item.fault = fault_kind;
    // Refused on its XSD, a message tells nothing: the aanbieder sends it again, mended.
    if (keep_story_ && fault_kind != "xsd") item.story = std::move(story);
    if (fault_kind == "xsd") {
      // An Identificatie longer than LDT_IdentificatieBericht allows (12): level 1 fails.
      const std::string id = codecs::HeaderOf(b).bericht_identificatie.identificatie;
      const size_t at = item.payload.find(">" + id + "<");
      if (at != std::string::npos) item.payload.insert(at + 1, "XXXXXXXXXXXX");
    }
    return item;
  }

  SyntheticTrafficOptions o_;
  synth::Population p_;
  std::mt19937_64 rng_;
  Date today_;
  std::vector<synth::IdGenerator> ids_;  // per aanbieder
  std::vector<std::tuple<size_t, size_t, codecs::Domein>> triples_;
  std::vector<Task> plan_;
  size_t at_ = 0;
  uint64_t round_ = 0;
  uint64_t made_in_round_ = 0;
  uint64_t n_ = 0;
  Story story_;
  bool keep_story_ = false;
};

}  // namespace

std::unique_ptr<TrafficSource> MakeSyntheticTraffic(const SyntheticTrafficOptions& options) {
  return std::make_unique<SyntheticTraffic>(options);
}

std::optional<TrafficItem> AnswerTo(const std::string& functie, const std::string& payload,
                                    const std::string& stuf_referentienummer,
                                    const codecs::Date& dagtekening, const std::string& id) {
  const auto kind = codecs::FromFunctie(functie);
  if (!kind || (kind->second != BerichtType::k301 && kind->second != BerichtType::k319)) {
    return std::nullopt;
  }
  codecs::Result<codecs::Bericht> heen = codecs::ParseBericht(payload);
  if (!heen.ok()) return std::nullopt;
  const codecs::AnswerIdentity retour{id, dagtekening, kXsd, std::nullopt};
  codecs::Bericht answer;
  if (const auto* b301 = std::get_if<codecs::Bericht301>(&*heen)) {
    answer = synth::MakeToewijzingRetour(*b301, retour);
  } else if (const auto* b319 = std::get_if<codecs::Bericht319>(&*heen)) {
    answer = synth::MakeAntwoordRetour(*b319, retour);
  } else {
    return std::nullopt;
  }
  TrafficItem item;
  item.functie = std::string(codecs::Functie(codecs::DomeinOf(answer), codecs::TypeOf(answer)));
  item.payload = codecs::EncodeBericht(answer);
  item.cross_refnummer = stuf_referentienummer;
  return item;
}

std::optional<TrafficItem> MeldingOp(const std::string& toewijzing_301,
                                     const MeldingOptions& options) {
  codecs::Result<codecs::Bericht> heen = codecs::ParseBericht(toewijzing_301);
  if (!heen.ok()) return std::nullopt;
  const auto* b301 = std::get_if<codecs::Bericht301>(&*heen);
  if (!b301) return std::nullopt;
  const codecs::Client301& c = b301->client;
  const auto tp = std::find_if(c.toegewezen_producten.begin(), c.toegewezen_producten.end(),
                               [&](const codecs::ToegewezenProduct& p) {
                                 return p.toewijzing_nummer.value() == options.nummer;
                               });
  if (tp == c.toegewezen_producten.end()) return std::nullopt;
  codecs::Header header = b301->header;
  header.bericht_identificatie = {options.id, options.dagtekening};
  header.xsd_versie = kXsd;
  const codecs::VerkorteNaam naam{c.naam.geslachtsnaam, std::nullopt, c.naam.voorletters};
  codecs::Bericht melding;
  if (!options.stop) {
    codecs::Bericht305 b;
    b.domein = b301->domein;
    b.header = header;
    b.client = {c.bsn, c.geboortedatum, c.geslacht, naam, {}, {}};
    b.client.producten.push_back(
        {tp->toewijzing_nummer, tp->product, tp->ingangsdatum, options.begindatum, "1", {}});
    melding = std::move(b);
  } else {
    codecs::Bericht307 b;
    b.domein = b301->domein;
    b.header = header;
    b.client = {c.bsn, c.geboortedatum, c.geslacht, naam, {}, {}};
    b.client.producten.push_back({tp->toewijzing_nummer,
                                  tp->product,
                                  tp->ingangsdatum,
                                  options.begindatum,
                                  b301->domein == codecs::Domein::kWmo ? "19" : "31",
                                  options.einddatum.value_or(options.begindatum),
                                  "1",
                                  {}});
    melding = std::move(b);
  }
  TrafficItem item;
  item.functie = std::string(codecs::Functie(codecs::DomeinOf(melding), codecs::TypeOf(melding)));
  item.payload = codecs::EncodeBericht(melding);
  return item;
}

std::vector<std::pair<std::string, std::string>> ReferenceCsvs(const synth::Population& p) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("gemeenten.csv", synth::GemeentenCsv(p));
  out.emplace_back("aanbieders.csv", synth::AanbiedersCsv(p));
  out.emplace_back("productcodes.csv", synth::ProductcodesCsv(p));
  out.emplace_back("tarieven.csv", synth::TarievenCsv(p));
  out.emplace_back("clienten.csv", synth::ClientenCsv(p));
  out.emplace_back("toewijzingen.csv", synth::ToewijzingenCsv(p));
  return out;
}

}  // namespace sluis::sim
