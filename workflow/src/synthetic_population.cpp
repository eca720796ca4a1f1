// MakePopulation: aanbieders and their contracts, clients and their toewijzingen.
#include <algorithm>
#include <set>
#include <tuple>

#include "synthetic_internal.h"
#include "synthetic_prng.h"

namespace sluis::workflow::synth {
namespace {

using codecs::Date;
using codecs::Domein;

constexpr Domein kDomeinen[] = {Domein::kWmo, Domein::kJeugd};
const Date kFirstToewijzing = *Date::Make(2021, 2, 1);  // CS100 leaves room for a month before

bool Serves(const Aanbieder& a, Domein d) { return d == Domein::kWmo ? a.wmo : a.jeugd; }

// The categories of a domein, in catalog order.
std::vector<std::string> Categories(Domein d) {
  std::vector<std::string> out;
  for (const ProductCode& pc : ProductCatalog()) {
    if (pc.domein == d && (out.empty() || out.back() != pc.categorie)) out.push_back(pc.categorie);
  }
  return out;
}

void MakeAanbieders(Population& p) {
  Rng rng(p.options.seed, StreamId("aanbieders"));
  const auto& namen = internal::AanbiederNamen();
  std::vector<size_t> order(namen.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  rng.PartialShuffle(order, order.size());
  std::set<std::string> agbs;
  for (size_t i = 0; i < p.options.aanbieders; ++i) {
    Aanbieder a;
    std::string agb;
    do {
      agb = "99" + internal::Padded(static_cast<uint64_t>(rng.Below(1'000'000)), 6);
    } while (!agbs.insert(agb).second);
    a.agb = codecs::AgbCode(agb);
    a.naam = std::string(namen[order[i % order.size()]]);
    if (i >= order.size()) a.naam += " " + std::to_string(i / order.size() + 1);
    a.iban = MakeIban("SLUI", internal::Padded(rng.Below(10'000'000'000ULL), 10));
    const double r = rng.Unit();
    // Aanbieder 0 works in both domeinen, so each domein has at least one aanbieder.
    a.wmo = i == 0 || r < 0.5 || r >= 0.75;
    a.jeugd = i == 0 || r >= 0.5;
    p.aanbieders.push_back(std::move(a));
  }
}

// Whole categories per aanbieder: each category has an owner (round robin over the aanbieders
// of the domein) and each other aanbieder joins with chance 0.35; every aanbieder of a domein
// contracts its euro category (generiek toewijzingen are declared on it).
void MakeTarieven(Population& p) {
  Rng rng(p.options.seed, StreamId("contracten"));
  const int year = p.options.reference_date.year();
  const Date from = *Date::Make(year - 2, 1, 1);
  const Date until = *Date::Make(year, 12, 31);
  const Date next = *Date::Make(year + 1, 1, 1);
  const auto round = [](int64_t cents) { return cents >= 1000 ? (cents + 2) / 5 * 5 : cents; };
  for (Domein d : kDomeinen) {
    std::vector<size_t> serving;
    for (size_t i = 0; i < p.aanbieders.size(); ++i) {
      if (Serves(p.aanbieders[i], d)) serving.push_back(i);
    }
    const std::vector<std::string> cats = Categories(d);
    const std::string euro_cat(internal::EuroProductCode(d).substr(0, 2));
    for (size_t k = 0; k < cats.size(); ++k) {
      for (size_t s = 0; s < serving.size(); ++s) {
        const bool contracted = s == k % serving.size() || cats[k] == euro_cat || rng.Chance(0.35);
        if (!contracted) continue;
        const Aanbieder& a = p.aanbieders[serving[s]];
        for (const ProductCode& pc : p.productcodes) {
          if (pc.domein != d || pc.categorie != cats[k]) continue;
          Tarief t{a.agb, d,           pc.categorie, pc.code, pc.tarief_eenheid, codecs::Cents(1),
                   from,  std::nullopt};
          if (pc.eenheid == "83") {  // the volume is the amount: one open-ended row
            p.tarieven.push_back(t);
            continue;
          }
          const int64_t now = round(pc.basis_tarief_cent * rng.Between(95, 108) / 100);
          t.tarief = codecs::Cents(now);
          t.einddatum = until;
          p.tarieven.push_back(t);
          // The yearly indexation on 1 January of the next year.
          t.tarief = codecs::Cents(round(now * rng.Between(102, 105) / 100));
          t.ingangsdatum = next;
          t.einddatum = std::nullopt;
          p.tarieven.push_back(t);
        }
      }
    }
  }
  std::sort(p.tarieven.begin(), p.tarieven.end(), [](const Tarief& x, const Tarief& y) {
    return std::tie(x.agb, x.domein, x.code, x.eenheid, x.ingangsdatum) <
           std::tie(y.agb, y.domein, y.code, y.eenheid, y.ingangsdatum);
  });
}

std::string Postcode(Rng& rng, const Gemeente& g) {
  std::string letters;
  do {
    letters.clear();
    for (int i = 0; i < 2; ++i) {
      letters += internal::kPostcodeLetters[rng.Below(internal::kPostcodeLetters.size())];
    }
  } while (letters == "SA" || letters == "SD" || letters == "SS");
  return std::to_string(rng.Between(g.postcode_van, g.postcode_tot)) + letters;
}

void MakeClients(Population& p) {
  const Date ref = p.options.reference_date;
  std::vector<size_t> active;  // gemeenten valid on the reference date
  for (size_t g = 0; g < p.gemeenten.size(); ++g) {
    const Gemeente& x = p.gemeenten[g];
    if (x.ingangsdatum <= ref && (!x.einddatum || *x.einddatum >= ref)) active.push_back(g);
  }
  if (active.empty()) return;
  std::vector<codecs::Bsn> bsns = TestBsns();
  Rng shuffle(p.options.seed, StreamId("bsn"));
  shuffle.PartialShuffle(bsns, p.options.clients);
  for (size_t i = 0; i < p.options.clients; ++i) {
    Rng rng(p.options.seed, StreamId("client"), i);
    Client c;
    c.bsn = bsns[i];
    c.domein = rng.Chance(p.options.jeugd_share) ? Domein::kJeugd : Domein::kWmo;
    c.gemeente = active.size() == 1 || rng.Chance(0.5) ? active[0]
                                                       : active[1 + rng.Below(active.size() - 1)];
    // Jeugd: 2 to 16 years old, so born before any toewijzing and still under 18 a year after
    // the reference date. Wmo: 18 to 97, most of them over 65.
    int age;
    if (c.domein == Domein::kJeugd) {
      age = static_cast<int>(rng.Between(2, 16));
    } else {
      age = static_cast<int>(rng.Chance(0.6) ? rng.Between(65, 97) : rng.Between(18, 64));
    }
    c.geboortedatum = ref.AddMonths(-12 * age).AddDays(-static_cast<int32_t>(rng.Below(365)));
    c.geslacht = rng.Chance(0.49) ? "1" : "2";
    c.achternaam = std::string(rng.Pick(internal::Achternamen()));
    const int letters = static_cast<int>(rng.Between(1, 3));
    for (int l = 0; l < letters; ++l) {
      c.voorletters += internal::kVoorletterLetters[rng.Below(internal::kVoorletterLetters.size())];
    }
    const Gemeente& g = p.gemeenten[c.gemeente];
    c.straatnaam = std::string(rng.Pick(internal::Straatnamen()));
    c.huisnummer = rng.Between(1, 180);
    c.postcode = Postcode(rng, g);
    c.plaatsnaam = g.naam;
    p.clients.push_back(std::move(c));
  }
}

// What the toewijzing loop needs to know about the contracts.
struct Contracts {
  // [domein][categorie] -> aanbieders contracting it
  std::vector<std::vector<size_t>> by_cat[2];
  std::vector<std::string> cats[2];
  std::vector<size_t> serving[2];
};

Contracts IndexContracts(const Population& p) {
  Contracts c;
  for (Domein d : kDomeinen) {
    const int di = static_cast<int>(d);
    c.cats[di] = Categories(d);
    c.by_cat[di].resize(c.cats[di].size());
    for (size_t a = 0; a < p.aanbieders.size(); ++a) {
      if (Serves(p.aanbieders[a], d)) c.serving[di].push_back(a);
      for (size_t k = 0; k < c.cats[di].size(); ++k) {
        if (p.Contracts(a, d, c.cats[di][k])) c.by_cat[di][k].push_back(a);
      }
    }
  }
  return c;
}

Date EndOfMonthsAfter(Date d, int months) { return d.AddMonths(months).LastOfMonth(); }

// The dates of a new toewijzing (see PopulationOptions::reference_date).
void PickDates(Rng& rng, Date ref, bool needs_end, codecs::ToegewezenProduct& t) {
  Date ing = rng.Chance(0.05) ? ref.AddDays(static_cast<int32_t>(rng.Between(1, 30)))
                              : ref.AddDays(-static_cast<int32_t>(rng.Between(0, 420)));
  if (rng.Chance(0.6)) ing = ing.FirstOfMonth();
  ing = std::max(ing, kFirstToewijzing);
  t.ingangsdatum = ing;
  const Date issued = ing > ref ? ref.AddDays(-static_cast<int32_t>(rng.Between(0, 3)))
                                : ing.AddDays(-static_cast<int32_t>(rng.Between(0, 21)));
  t.toewijzingsdatum = std::min(issued, ref);
  t.toewijzingstijd =
      *codecs::TimeOfDay::Make(static_cast<int>(rng.Between(8, 16)),
                               static_cast<int>(rng.Below(60)), static_cast<int>(rng.Below(60)));
  if (!needs_end && rng.Chance(0.45)) return;
  Date end;
  if (rng.Chance(0.1)) {  // ended in the six weeks before the reference date
    end = ref.AddDays(-static_cast<int32_t>(rng.Between(1, 45)));
  } else {
    const int months = static_cast<int>(rng.Between(1, 12));
    end = rng.Chance(0.3) ? ref.AddMonths(months) : EndOfMonthsAfter(ref, months);
  }
  if (end < ing.AddDays(27)) end = EndOfMonthsAfter(ing, 3);
  t.einddatum = end;
  if (rng.Chance(0.05)) {  // extended once: the current version is the later one (IV013)
    t.reden_wijziging = "04";
    t.toewijzingsdatum = std::min(ref, ing.AddDays((end - ing) / 2));
  }
}

void MakeToewijzingen(Population& p) {
  const Contracts contracts = IndexContracts(p);
  const Date ref = p.options.reference_date;
  // ToewijzingNummer: a range per (gemeente, domein), so unique per gemeente per domein
  // (TR332) and in the whole population.
  std::vector<int64_t> next(p.gemeenten.size() * 2, 0);
  for (size_t ci = 0; ci < p.clients.size(); ++ci) {
    Client& client = p.clients[ci];
    Rng rng(p.options.seed, StreamId("toewijzing"), ci);
    const int di = static_cast<int>(client.domein);
    const std::vector<std::string>& cats = contracts.cats[di];
    const std::string euro_cat(internal::EuroProductCode(client.domein).substr(0, 2));
    std::set<std::string> used_cats;
    std::set<size_t> used_aanbieders, exclusive;
    const int n = static_cast<int>(
        rng.Between(p.options.min_toewijzingen_per_client, p.options.max_toewijzingen_per_client));
    for (int slot = 0; slot < n; ++slot) {
      Toewijzing t;
      t.client = ci;
      const double roll = rng.Unit();
      std::vector<size_t> free_aanbieders;  // for generiek: no other toewijzing in its 301
      for (size_t a : contracts.serving[di]) {
        if (!used_aanbieders.count(a)) free_aanbieders.push_back(a);
      }
      // A generiek toewijzing binds its aanbieder to this client: only when another aanbieder
      // remains for the slots after it.
      const bool room = slot == n - 1 || contracts.serving[di].size() > exclusive.size() + 1;
      if (roll < 0.10 && !free_aanbieders.empty() && room) {
        t.variant = Variant::kGeneriek;
        t.aanbieder = rng.Pick(free_aanbieders);
        exclusive.insert(t.aanbieder);
      } else {
        // A product (specifiek) or a category (aspecifiek) in an unused category with an
        // aanbieder that is not bound to a generiek toewijzing of this client.
        const bool aspecifiek = roll < 0.25;
        std::vector<const ProductCode*> candidates;
        std::vector<int> weights;
        for (const ProductCode& pc : p.productcodes) {
          if (pc.domein != client.domein || used_cats.count(pc.categorie)) continue;
          if (aspecifiek &&
              (pc.categorie == euro_cat || pc.frequentie == "6" || pc.eenheid == "83")) {
            continue;
          }
          const size_t k =
              static_cast<size_t>(std::find(cats.begin(), cats.end(), pc.categorie) - cats.begin());
          bool any = false;
          for (size_t a : contracts.by_cat[di][k]) any = any || !exclusive.count(a);
          if (!any) continue;
          candidates.push_back(&pc);
          weights.push_back(pc.gewicht);
        }
        if (candidates.empty()) break;
        const ProductCode& pc = *candidates[rng.Weighted(weights)];
        const size_t k =
            static_cast<size_t>(std::find(cats.begin(), cats.end(), pc.categorie) - cats.begin());
        std::vector<size_t> owners, known;
        for (size_t a : contracts.by_cat[di][k]) {
          if (exclusive.count(a)) continue;
          owners.push_back(a);
          if (used_aanbieders.count(a)) known.push_back(a);
        }
        // Often the same aanbieder again, so that 301s carry several products.
        t.aanbieder = !known.empty() && rng.Chance(0.6) ? rng.Pick(known) : rng.Pick(owners);
        used_cats.insert(pc.categorie);
        if (aspecifiek) {
          t.variant = Variant::kAspecifiek;
          t.product.product = codecs::Product{pc.categorie, std::nullopt};
        } else {
          t.variant = pc.frequentie == "1"   ? Variant::kPerDag
                      : pc.frequentie == "2" ? Variant::kPerWeek
                      : pc.frequentie == "4" ? Variant::kPerMaand
                                             : Variant::kTotaal;
          t.product.product = codecs::Product{pc.categorie, pc.code};
          const int64_t steps = (pc.volume_max - pc.volume_min) / pc.volume_stap;
          t.product.omvang = codecs::Omvang{pc.volume_min + pc.volume_stap * rng.Between(0, steps),
                                            pc.eenheid, pc.frequentie};
        }
      }
      used_aanbieders.insert(t.aanbieder);
      // CD075/CD076: a Budget or Frequentie per week needs an Einddatum; so does a total.
      const bool needs_end = t.variant == Variant::kGeneriek || t.variant == Variant::kPerWeek ||
                             t.variant == Variant::kTotaal;
      PickDates(rng, ref, needs_end, t.product);
      if (t.variant == Variant::kGeneriek) {
        const int64_t months =
            std::max<int64_t>(1, (*t.product.einddatum - t.product.ingangsdatum) / 30);
        t.product.budget = codecs::Cents(std::min<int64_t>(
            99'999'999, rng.Between(6, 50) * 5'000 * months));  // 300..2500 euro a month
      }
      int64_t& seq = next[client.gemeente * 2 + static_cast<size_t>(di)];
      t.product.toewijzing_nummer = codecs::ToewijzingNummer(
          static_cast<int64_t>(client.gemeente + 1) * 10'000'000 + di * 5'000'000 + 1 + seq++);
      client.toewijzingen.push_back(p.toewijzingen.size());
      p.toewijzingen.push_back(std::move(t));
    }
  }
}

}  // namespace

Population MakePopulation(const PopulationOptions& options) {
  Population p;
  p.options = options;
  p.options.clients = std::min(options.clients, kMaxClients);
  p.options.aanbieders = std::max<size_t>(1, options.aanbieders);
  p.options.jeugd_share = std::clamp(options.jeugd_share, 0.0, 1.0);
  p.options.min_toewijzingen_per_client = std::max(1, options.min_toewijzingen_per_client);
  p.options.max_toewijzingen_per_client =
      std::max(p.options.min_toewijzingen_per_client, options.max_toewijzingen_per_client);
  p.gemeenten = options.gemeenten;
  p.productcodes = ProductCatalog();
  MakeAanbieders(p);
  MakeTarieven(p);
  MakeClients(p);
  MakeToewijzingen(p);
  return p;
}

// --- Lookups ---

const Tarief* Population::FindTarief(const codecs::AgbCode& agb, Domein domein,
                                     std::string_view code, std::string_view eenheid,
                                     Date on) const {
  const auto key = [](const Tarief& t) {
    return std::make_tuple(std::string_view(t.agb.str()), t.domein, std::string_view(t.code),
                           std::string_view(t.eenheid));
  };
  const auto wanted = std::make_tuple(std::string_view(agb.str()), domein, code, eenheid);
  auto it = std::lower_bound(tarieven.begin(), tarieven.end(), wanted,
                             [&](const Tarief& t, const auto& w) { return key(t) < w; });
  for (; it != tarieven.end() && key(*it) == wanted; ++it) {
    if (it->ingangsdatum <= on && (!it->einddatum || on <= *it->einddatum)) return &*it;
  }
  return nullptr;
}

bool Population::Contracts(size_t aanbieder, Domein domein, std::string_view categorie) const {
  const std::string_view agb = aanbieders[aanbieder].agb.str();
  const auto wanted = std::make_tuple(agb, domein, categorie);
  auto it = std::lower_bound(
      tarieven.begin(), tarieven.end(), wanted, [](const Tarief& t, const auto& w) {
        return std::make_tuple(std::string_view(t.agb.str()), t.domein, std::string_view(t.code)) <
               w;
      });
  return it != tarieven.end() && it->agb.str() == agb && it->domein == domein &&
         it->categorie == categorie;
}

const ProductCode* Population::FindProductCode(Domein domein, std::string_view code) const {
  for (const ProductCode& pc : productcodes) {
    if (pc.domein == domein && pc.code == code) return &pc;
  }
  return nullptr;
}

std::optional<size_t> Population::FindClient(const codecs::Bsn& bsn) const {
  for (size_t i = 0; i < clients.size(); ++i) {
    if (clients[i].bsn == bsn) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Population::FindAanbieder(const codecs::AgbCode& agb) const {
  for (size_t i = 0; i < aanbieders.size(); ++i) {
    if (aanbieders[i].agb == agb) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Population::FindGemeente(const codecs::GemeenteCode& code) const {
  for (size_t i = 0; i < gemeenten.size(); ++i) {
    if (gemeenten[i].code == code) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Population::FindToewijzing(codecs::ToewijzingNummer nummer) const {
  for (size_t i = 0; i < toewijzingen.size(); ++i) {
    if (toewijzingen[i].product.toewijzing_nummer == nummer) return i;
  }
  return std::nullopt;
}

std::vector<size_t> Population::ToewijzingenOf(size_t client, size_t aanbieder) const {
  std::vector<size_t> out;
  for (size_t t : clients[client].toewijzingen) {
    if (toewijzingen[t].aanbieder == aanbieder) out.push_back(t);
  }
  return out;
}

}  // namespace sluis::workflow::synth
