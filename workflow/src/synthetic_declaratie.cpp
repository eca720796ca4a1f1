// MakeDeclaratie: the 323 of one aanbieder for one month, with optional credits and faults.
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "sluis/workflow/volume.h"

#include "synthetic_internal.h"
#include "synthetic_prng.h"

namespace sluis::workflow::synth {
namespace {

using codecs::Cents;
using codecs::Date;
using codecs::DebetCredit;
using codecs::GeslotenPeriode;
using codecs::Prestatie;
using internal::RoundHalfUpDiv;

// A ToewijzingNummer no population assigns (they stay below 990,000,000).
constexpr int64_t kUnknownToewijzingBase = 999'000'000;

int32_t Days(const GeslotenPeriode& p) { return p.einddatum - p.begindatum + 1; }

// The judge's own IV077 arithmetic (volume.h): what the generator declares is what Sluis allows.
std::optional<int64_t> MaxVolume(const codecs::Omvang& o, const GeslotenPeriode& p) {
  return workflow::MaxVolumeInPeriod(o, p, p.begindatum, std::nullopt);
}

// The code an aspecifiek toewijzing is declared on: the category's first code with a bounded
// frequency and a unit other than euro (synthetic_population.cpp assigns only such categories).
const ProductCode* AspecifiekCode(const Population& p, codecs::Domein d, const std::string& cat) {
  for (const ProductCode& pc : p.productcodes) {
    if (pc.domein == d && pc.categorie == cat && pc.frequentie != "6" && pc.eenheid != "83") {
      return &pc;
    }
  }
  return nullptr;
}

// TR322/TR369: a total (Volume or Budget) spread over the toewijzing's days, so that the
// months add up to at most the total.
int64_t Spread(int64_t total, const codecs::ToegewezenProduct& t, const GeslotenPeriode& pp) {
  const Date end = t.einddatum.value_or(t.ingangsdatum.AddDays(364));
  const int64_t all = end - t.ingangsdatum + 1;
  const int64_t before = pp.begindatum - t.ingangsdatum;
  const int64_t through = pp.einddatum - t.ingangsdatum + 1;
  return total * through / all - total * before / all;
}

// 70-100% of a maximum, at least 1.
int64_t Delivered(int64_t max, Rng& rng) {
  return std::max<int64_t>(1, max * static_cast<int64_t>(700 + rng.Below(301)) / 1000);
}

// Per prestatie, what the faults need to know.
struct Slot {
  size_t ci = 0;  // client in the message
  size_t pi = 0;  // prestatie in the client
  const Toewijzing* t = nullptr;
  const ProductCode* pc = nullptr;
  const Tarief* tarief = nullptr;
};

// ProductTarief and IngediendBedrag for a volume under a contract tariff (TR346, IV081).
void Price(Prestatie& x, const ProductCode& pc, Cents tarief) {
  if (pc.eenheid == "83") {  // CD087, CS339: no tariff, the volume is the amount
    x.product_tarief = std::nullopt;
    x.ingediend_bedrag.bedrag = Cents(x.geleverd_volume);
  } else if (pc.eenheid == "01" && pc.tarief_eenheid == "04") {  // minutes on an hourly tariff
    x.product_tarief = Cents(RoundHalfUpDiv(tarief.value(), 60));
    x.ingediend_bedrag.bedrag = Cents(RoundHalfUpDiv(tarief.value() * x.geleverd_volume, 60));
  } else {
    x.product_tarief = tarief;
    x.ingediend_bedrag.bedrag = Cents(tarief.value() * x.geleverd_volume);
  }
}

std::string Location(size_t ci, size_t pi) {
  return "/Bericht/Declaratie/Clienten/Client[" + std::to_string(ci + 1) +
         "]/Prestaties/Prestatie[" + std::to_string(pi + 1) + "]";
}

// Builds the declaratie's prestaties and applies the faults.
class Builder {
 public:
  Builder(const Population& p, const DeclaratieRequest& req, IdGenerator& ids)
      : p_(p), req_(req), ids_(ids) {}

  codecs::Declaratie& declaratie() { return out_.bericht.declaratie; }
  GeneratedDeclaratie Take() { return std::move(out_); }

  void AddCredits() {
    for (const CreditOf& c : req_.credits) {
      if (c.debet.ingediend_bedrag.bedrag.value() == 0) continue;  // CS325: 0 is never credit
      Prestatie x = c.debet;
      x.retour_codes.clear();
      x.product_referentie = {ids_.Referentie(), c.debet.product_referentie.referentie_nummer};
      x.ingediend_bedrag.debet_credit = DebetCredit::kCredit;
      Client(c.bsn).prestaties.push_back(std::move(x));
    }
  }

  void AddDebits() {
    const Date first = req_.maand.FirstOfMonth();
    const Date last = req_.maand.LastOfMonth();
    const Aanbieder& a = p_.aanbieders[req_.aanbieder];
    for (const Toewijzing& t : p_.toewijzingen) {
      if (t.aanbieder != req_.aanbieder) continue;
      const synth::Client& c = p_.clients[t.client];
      if (c.gemeente != req_.gemeente || c.domein != req_.domein) continue;
      const codecs::ToegewezenProduct& tp = t.product;
      if (tp.reden_wijziging == "13" || tp.ingangsdatum > last) continue;
      if (tp.einddatum && *tp.einddatum < first) continue;
      // TR387/TR388: the month, clipped to the toewijzing.
      const GeslotenPeriode pp{std::max(first, tp.ingangsdatum),
                               tp.einddatum ? std::min(last, *tp.einddatum) : last};
      Rng rng(p_.options.seed ^ req_.seed, StreamId("volume"),
              static_cast<uint64_t>(tp.toewijzing_nummer.value()) * 4099 +
                  static_cast<uint64_t>(first.days()));
      const ProductCode* pc = nullptr;
      int64_t volume = 0;
      if (t.variant == Variant::kGeneriek) {
        pc = p_.FindProductCode(c.domein, internal::EuroProductCode(c.domein));
        volume = Spread(tp.budget.value_or(Cents(0)).value(), tp, pp) *
                 static_cast<int64_t>(700 + rng.Below(301)) / 1000;
      } else if (t.variant == Variant::kAspecifiek) {
        pc = AspecifiekCode(p_, c.domein, tp.product->categorie);
        if (!pc) continue;
        const codecs::Omvang typical{(pc->volume_min + pc->volume_max) / 2, pc->eenheid,
                                     pc->frequentie};
        volume = Delivered(Cap(*pc, *MaxVolume(typical, pp), pp), rng);
      } else {
        pc = p_.FindProductCode(c.domein, tp.product->code.value_or(""));
        if (!pc || !tp.omvang) continue;
        if (const auto max = MaxVolume(*tp.omvang, pp)) {
          volume = Delivered(Cap(*pc, *max, pp), rng);
        } else {
          volume = Spread(tp.omvang->volume, tp, pp);  // totaal: no jitter, the sum is exact
        }
      }
      if (!pc || volume <= 0) continue;
      const Tarief* tarief =
          p_.FindTarief(a.agb, c.domein, pc->code, pc->tarief_eenheid, pp.begindatum);
      if (!tarief) continue;
      Prestatie x;
      x.product_referentie.referentie_nummer = ids_.Referentie();
      x.toewijzing_nummer = tp.toewijzing_nummer;
      x.product_categorie = pc->categorie;
      x.product_code = pc->code;
      x.product_periode = pp;
      x.geleverd_volume = volume;
      x.eenheid = pc->eenheid;
      Price(x, *pc, tarief->tarief);
      codecs::DeclaratieClient& dc = Client(c.bsn);
      dc.prestaties.push_back(std::move(x));
      slots_.push_back({client_index_[c.bsn.str()], dc.prestaties.size() - 1, &t, pc, tarief});
    }
  }

  void InjectFaults() {
    const FaultOptions& f = req_.faults;
    if (f.share <= 0 || f.kinds.empty()) return;
    Rng rng(p_.options.seed ^ req_.seed, StreamId("faults"),
            static_cast<uint64_t>(req_.maand.FirstOfMonth().days()) * 1009 + req_.aanbieder);
    std::vector<FaultKind> kinds;
    for (FaultKind k : f.kinds) {
      if (!IsMessageLevel(k)) kinds.push_back(k);
    }
    if (!kinds.empty() && !slots_.empty()) {
      const long long want = std::llround(f.share * static_cast<double>(slots_.size()));
      const size_t count =
          std::clamp<size_t>(static_cast<size_t>(std::max(want, 1LL)), 1, slots_.size());
      std::vector<bool> taken(slots_.size(), false);
      std::vector<std::vector<size_t>> candidates(kinds.size());
      std::vector<size_t> cursor(kinds.size(), 0);
      std::vector<bool> listed(kinds.size(), false);
      for (size_t i = 0; i < count; ++i) {
        const size_t k = i % kinds.size();
        if (!listed[k]) {
          for (size_t s = 0; s < slots_.size(); ++s) {
            if (Suits(kinds[k], slots_[s])) candidates[k].push_back(s);
          }
          rng.PartialShuffle(candidates[k], candidates[k].size());
          listed[k] = true;
        }
        while (cursor[k] < candidates[k].size()) {
          const size_t s = candidates[k][cursor[k]++];
          if (taken[s]) continue;
          if (Apply(kinds[k], slots_[s])) {
            taken[s] = true;
            break;
          }
        }
      }
    }
    // TR358 last: the total is the signed sum, then optionally wrong.
    const Cents total = Total();
    for (FaultKind k : f.kinds) {
      if (k == FaultKind::kBadBsn && !declaratie().clienten.empty()) {
        const size_t ci = static_cast<size_t>(rng.Below(declaratie().clienten.size()));
        codecs::Bsn& bsn = declaratie().clienten[ci].bsn;
        std::string s = bsn.str();
        s[8] = static_cast<char>('0' + (s[8] - '0' + 1) % 10);  // one digit off: not 11-proef
        for (InjectedFault& earlier : out_.faults) {
          if (earlier.bsn == bsn) earlier.bsn = codecs::Bsn(s);
        }
        bsn = codecs::Bsn(s);
        Record(k, "CS002", "0001", bsn, std::nullopt,
               "/Bericht/Declaratie/Clienten/Client[" + std::to_string(ci + 1) + "]/Bsn");
      } else if (k == FaultKind::kWrongTotal) {
        declaratie().totaal_ingediend_bedrag =
            codecs::TotaalBedragMetDC::FromSigned(total + Cents(100));
        Record(k, "TR358", "0001", codecs::Bsn(), std::nullopt,
               "/Bericht/Declaratie/TotaalIngediendBedrag");
      }
    }
  }

  // Sets TotaalIngediendBedrag to the signed sum of the prestaties (TR358) and returns it.
  Cents Total() {
    Cents total;
    for (const auto& c : declaratie().clienten) {
      for (const Prestatie& x : c.prestaties) total += x.ingediend_bedrag.Signed();
    }
    declaratie().totaal_ingediend_bedrag = codecs::TotaalBedragMetDC::FromSigned(total);
    return total;
  }

 private:
  // Etmalen never exceed the days of the period.
  static int64_t Cap(const ProductCode& pc, int64_t max, const GeslotenPeriode& pp) {
    return pc.eenheid == "14" ? std::min<int64_t>(max, Days(pp)) : max;
  }

  codecs::DeclaratieClient& Client(const codecs::Bsn& bsn) {
    auto [it, fresh] = client_index_.try_emplace(bsn.str(), declaratie().clienten.size());
    if (fresh) declaratie().clienten.push_back({bsn, {}, {}});
    return declaratie().clienten[it->second];
  }

  Prestatie& At(const Slot& s) { return declaratie().clienten[s.ci].prestaties[s.pi]; }

  // An alternative code of the same category, unit and tariff unit, contracted on the date.
  std::pair<const ProductCode*, const Tarief*> Alternative(const Slot& s) const {
    for (const ProductCode& pc : p_.productcodes) {
      if (pc.domein != s.pc->domein || pc.categorie != s.pc->categorie || pc.code == s.pc->code ||
          pc.eenheid != s.pc->eenheid || pc.tarief_eenheid != s.pc->tarief_eenheid) {
        continue;
      }
      const Tarief* t = p_.FindTarief(s.tarief->agb, pc.domein, pc.code, pc.tarief_eenheid,
                                      s.tarief->ingangsdatum);
      if (t) return {&pc, t};
    }
    return {nullptr, nullptr};
  }

  bool Suits(FaultKind k, const Slot& s) const {
    const Variant v = s.t->variant;
    const bool specifiek = v == Variant::kPerDag || v == Variant::kPerWeek ||
                           v == Variant::kPerMaand || v == Variant::kTotaal;
    switch (k) {
      case FaultKind::kVolumeExceeded:
        return v == Variant::kPerDag || v == Variant::kPerWeek || v == Variant::kPerMaand;
      case FaultKind::kWrongTariff:  // TR346 stays true: only where volume x tarief holds
        return s.pc->eenheid != "83" && s.pc->eenheid == s.pc->tarief_eenheid;
      case FaultKind::kProductCodeMismatch:
        return specifiek && Alternative(s).first != nullptr;
      case FaultKind::kReferentieReused:
        return !req_.faults.used_referenties.empty();
      default:
        return true;
    }
  }

  // Applies a prestatie-level fault; false when it cannot (e.g. no history left).
  bool Apply(FaultKind k, const Slot& s) {
    Prestatie& x = At(s);
    const codecs::ToegewezenProduct& tp = s.t->product;
    switch (k) {
      case FaultKind::kVolumeExceeded: {
        const codecs::Omvang& o = *tp.omvang;
        int64_t bound = *MaxVolume(o, x.product_periode);
        // TR321: huishoudelijke hulp per week may reach 6x the weekly volume in a period.
        if (s.pc->categorie == "01" && o.frequentie == "2") bound = std::max(bound, 6 * o.volume);
        x.geleverd_volume = bound + 1 + std::max<int64_t>(0, o.volume / 2);
        Price(x, *s.pc, s.tarief->tarief);
        return Record(k, "TR321", "9321", s);
      }
      case FaultKind::kWrongTariff: {
        const int64_t t = s.tarief->tarief.value();
        Price(x, *s.pc, Cents(t + std::max<int64_t>(5, t / 10)));
        return Record(k, "TR418", "0611", s);
      }
      case FaultKind::kUnknownToewijzing:
        x.toewijzing_nummer = codecs::ToewijzingNummer(kUnknownToewijzingBase + unknown_++);
        return Record(k, "TR338", "9338", s);
      case FaultKind::kProductCodeMismatch: {
        const auto [pc, tarief] = Alternative(s);
        x.product_code = pc->code;
        Price(x, *pc, tarief->tarief);
        return Record(k, "TR340", "9340", s);
      }
      case FaultKind::kBeforeIngangsdatum: {
        const Date ing = tp.ingangsdatum;
        if (ing.day() > 1 && x.product_periode.begindatum == ing) {
          x.product_periode.begindatum = ing.FirstOfMonth();  // same month, from the 1st
        } else {  // the whole month before the toewijzing's first month (TR319: earlier is ok)
          const Date month = ing.FirstOfMonth().AddMonths(-1);
          x.product_periode = {month, month.LastOfMonth()};
        }
        return Record(k, "TR307", "9307", s);
      }
      case FaultKind::kCreditWithoutDebit:
        x.ingediend_bedrag.debet_credit = DebetCredit::kCredit;
        x.product_referentie.vorig_referentie_nummer = ids_.Referentie();  // never declared
        return Record(k, "TR323", "8017", s);
      case FaultKind::kReferentieReused: {
        const std::vector<codecs::ReferentieNummer>& used = req_.faults.used_referenties;
        if (history_.empty()) {  // sorted and without what this message already holds
          std::unordered_set<std::string> here;
          for (const auto& c : declaratie().clienten) {
            for (const Prestatie& y : c.prestaties) {
              here.insert(y.product_referentie.referentie_nummer.str());
              if (const auto& v = y.product_referentie.vorig_referentie_nummer) {
                here.insert(v->str());
              }
            }
          }
          std::set<std::string> sorted;
          for (const auto& r : used) {
            if (!here.count(r.str())) sorted.insert(r.str());
          }
          history_.assign(sorted.begin(), sorted.end());
        }
        if (next_history_ >= history_.size()) return false;
        x.product_referentie.referentie_nummer =
            codecs::ReferentieNummer(history_[next_history_++]);
        return Record(k, "TR314", "8021", s);
      }
      case FaultKind::kBadBsn:
      case FaultKind::kWrongTotal:
        return false;
    }
    return false;
  }

  bool Record(FaultKind k, const char* rule, const char* code, const Slot& s) {
    const codecs::DeclaratieClient& c = declaratie().clienten[s.ci];
    return Record(k, rule, code, c.bsn, c.prestaties[s.pi].product_referentie.referentie_nummer,
                  Location(s.ci, s.pi));
  }

  bool Record(FaultKind k, const char* rule, const char* code, const codecs::Bsn& bsn,
              std::optional<codecs::ReferentieNummer> ref, std::string location) {
    out_.faults.push_back({k, rule, code, bsn, std::move(ref), std::move(location)});
    return true;
  }

  const Population& p_;
  const DeclaratieRequest& req_;
  IdGenerator& ids_;
  GeneratedDeclaratie out_;
  std::unordered_map<std::string, size_t> client_index_;  // Bsn -> client in the message
  std::vector<Slot> slots_;                               // the debits
  std::vector<std::string> history_;
  size_t next_history_ = 0;
  int64_t unknown_ = 0;
};

}  // namespace

std::string_view FaultKindName(FaultKind k) {
  switch (k) {
    case FaultKind::kVolumeExceeded:
      return "volume_exceeded";
    case FaultKind::kWrongTariff:
      return "wrong_tariff";
    case FaultKind::kUnknownToewijzing:
      return "unknown_toewijzing";
    case FaultKind::kProductCodeMismatch:
      return "product_code_mismatch";
    case FaultKind::kBeforeIngangsdatum:
      return "before_ingangsdatum";
    case FaultKind::kCreditWithoutDebit:
      return "credit_without_debit";
    case FaultKind::kReferentieReused:
      return "referentie_reused";
    case FaultKind::kBadBsn:
      return "bad_bsn";
    case FaultKind::kWrongTotal:
      return "wrong_total";
  }
  return "?";
}

bool IsMessageLevel(FaultKind k) { return k == FaultKind::kBadBsn || k == FaultKind::kWrongTotal; }

std::vector<CreditOf> DebitsOf(const codecs::Bericht323& earlier,
                               const std::vector<codecs::ReferentieNummer>& referenties) {
  const std::set<codecs::ReferentieNummer> wanted(referenties.begin(), referenties.end());
  std::vector<CreditOf> out;
  for (const codecs::DeclaratieClient& c : earlier.declaratie.clienten) {
    for (const Prestatie& x : c.prestaties) {
      if (x.ingediend_bedrag.debet_credit != DebetCredit::kDebet) continue;
      if (!wanted.empty() && !wanted.count(x.product_referentie.referentie_nummer)) continue;
      out.push_back({c.bsn, x});
    }
  }
  return out;
}

codecs::Result<GeneratedDeclaratie> MakeDeclaratie(const Population& p,
                                                   const DeclaratieRequest& req, IdGenerator& ids) {
  Builder b(p, req, ids);
  codecs::Declaratie& d = b.declaratie();
  d.declaratie_nummer =
      req.declaratie_nummer.empty() ? ids.DeclaratieNummer() : req.declaratie_nummer;
  d.declaratie_periode = {req.maand.FirstOfMonth(), req.maand.LastOfMonth()};
  d.declaratie_dagtekening = req.id.dagtekening;
  b.AddCredits();  // OP366: credits first
  if (req.debits) b.AddDebits();
  if (d.clienten.empty()) {
    return codecs::MakeError(codecs::ErrorKind::kUnsupported, "SYNTH",
                             "nothing to declare: no active toewijzing and no credit");
  }
  b.Total();
  b.InjectFaults();  // sets the total again after the faults
  GeneratedDeclaratie out = b.Take();
  out.bericht.domein = req.domein;
  out.bericht.header = {p.gemeenten[req.gemeente].code, p.aanbieders[req.aanbieder].agb, req.id,
                        req.xsd};
  return out;
}

}  // namespace sluis::workflow::synth
