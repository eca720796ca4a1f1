// Beoordeel: the order in which a 323 is judged (istandaarden-spec §6.1/§6.2, IV087, OP366).
#include <set>

#include "sluis/workflow/declaratie.h"
#include "sluis/workflow/volume.h"

#include "declaratie_rules.h"

namespace sluis::workflow {
namespace {

using codecs::DeclaratieClient;
using codecs::Prestatie;
namespace r = rules323;

const ToewijzingFeit* Lookup(const DeclaratieFeiten& f, const Prestatie& p) {
  const auto it = f.toewijzingen.find(p.toewijzing_nummer.value());
  return it == f.toewijzingen.end() ? nullptr : &it->second;
}

bool IsCredit(const Prestatie& p) {
  return p.ingediend_bedrag.debet_credit == DebetCredit::kCredit;
}

// Running state while the prestaties of one message are judged.
struct Lopend {
  std::set<std::string> gecrediteerd_in_bericht;  // debits credited by approved credits here
  std::map<int64_t, int64_t> volume;  // approved volume per toewijzing (comparison units)
  std::map<int64_t, Cents> bedrag;    // approved amount per toewijzing
  std::map<int64_t, bool> sommen_geladen;
};

// The approved, not credited debits on a toewijzing from earlier messages; also folds them into
// the running sums the first time the toewijzing is seen.
std::vector<const EerderePrestatie*> NogOpen(const DeclaratieFeiten& f, const ToewijzingFeit& t,
                                             Lopend& l) {
  std::vector<const EerderePrestatie*> out;
  const auto it = f.goedgekeurd_per_toewijzing.find(t.nummer.value());
  const bool load = !l.sommen_geladen[t.nummer.value()];
  l.sommen_geladen[t.nummer.value()] = true;
  if (it == f.goedgekeurd_per_toewijzing.end()) return out;
  for (const EerderePrestatie& e : it->second) {
    if (e.gecrediteerd || l.gecrediteerd_in_bericht.count(e.referentie_nummer.str())) continue;
    out.push_back(&e);
    if (load) {
      if (t.omvang) {
        l.volume[t.nummer.value()] +=
            InComparisonUnits(t.omvang->eenheid, e.eenheid, e.geleverd_volume);
      }
      l.bedrag[t.nummer.value()] += e.bedrag;
    }
  }
  return out;
}

void Add(RetourCodes& codes, bool broken, const char* code) {
  if (broken) codes.emplace_back(code);
}

// TR314 within one message: every occurrence of a ReferentieNummer after its first, in
// document order (credits are judged first, so order of judging cannot decide this).
std::set<std::pair<size_t, size_t>> LaterOccurrences(const Bericht323& d) {
  std::set<std::pair<size_t, size_t>> out;
  std::set<std::string_view> seen;
  for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
    const auto& ps = d.declaratie.clienten[ci].prestaties;
    for (size_t pi = 0; pi < ps.size(); ++pi) {
      if (!seen.insert(ps[pi].product_referentie.referentie_nummer.str()).second) {
        out.emplace(ci, pi);
      }
    }
  }
  return out;
}

RetourCodes JudgeCredit(const Prestatie& p, const DeclaratieFeiten& f, bool dubbel, Lopend& l) {
  RetourCodes codes;
  Add(codes, dubbel || r::TR314_ReferentieNummerAlGebruikt(p, f), "8021");
  Add(codes, r::TR323_CreditZonderGoedgekeurdeDebet(p, f), "8017");
  Add(codes, r::TR390_AlGecrediteerd(p, f, l.gecrediteerd_in_bericht), "9390");
  return codes;
}

RetourCodes JudgeDebit(const Prestatie& p, const Bericht323& d, const DeclaratieFeiten& f,
                       const AgbCode& agb, const Beleid& beleid, bool dubbel, Lopend& l) {
  RetourCodes codes;
  Add(codes, dubbel || r::TR314_ReferentieNummerAlGebruikt(p, f), "8021");
  const ToewijzingFeit* t = Lookup(f, p);
  if (r::TR338_GeenToewijzing(t, agb)) {
    codes.emplace_back("9338");
    Add(codes, r::TR381_CodeHoortNietBijCategorie(p, f), "S329");
    Add(codes, r::TR319_BuitenDeclaratiePeriode(p, d), "9319");
    return codes;  // everything else is measured against the toewijzing
  }
  Add(codes, r::TR384_ToewijzingVerwijderd(*t), "9384");
  Add(codes, r::TR339_CategorieWijktAf(p, *t), "9339");
  Add(codes, r::TR340_CodeWijktAf(p, *t), "9340");
  Add(codes, r::TR381_CodeHoortNietBijCategorie(p, f), "S329");
  const bool eenheid_past_niet = r::TR341_EenheidPastNiet(p, *t, f);
  Add(codes, eenheid_past_niet, "9341");
  Add(codes, r::TR307_BeginVoorIngangsdatum(p, *t), "9307");
  Add(codes, r::TR308_EindNaEinddatum(p, *t), "9308");
  Add(codes, r::TR387_BeginNietEersteDag(p, *t), "9387");
  Add(codes, r::TR388_EindNietLaatsteDag(p, *t), "9388");
  Add(codes, r::TR319_BuitenDeclaratiePeriode(p, d), "9319");
  Add(codes, r::TR418_TariefWijktAf(p, f), "0611");
  Add(codes, r::TR346_BedragKloptNiet(p, f), "9346");
  const auto nog_open = NogOpen(f, *t, l);
  Add(codes, r::TR389_DebetNietGecrediteerd(p, nog_open), "9389");
  if (!eenheid_past_niet) {  // volumes in another unit cannot be compared
    Add(codes, r::TR321_VolumeBovenToegewezen(p, *t, beleid), "9321");
    Add(codes, r::TR322_TotaalBovenToegewezen(p, *t, l.volume[t->nummer.value()]), "9322");
  }
  Add(codes, r::TR369_BudgetOverschreden(p, *t, l.bedrag[t->nummer.value()]), "9369");
  if (codes.empty()) {
    if (t->omvang) {
      l.volume[t->nummer.value()] +=
          InComparisonUnits(t->omvang->eenheid, p.eenheid, p.geleverd_volume);
    }
    l.bedrag[t->nummer.value()] += p.ingediend_bedrag.bedrag;
  }
  return codes;
}

}  // namespace

void Oordeel::Tel(const PrestatieOordeel& po, Cents ingediend) {
  if (po.goedgekeurd) {
    toegekend += ingediend;
    ++goedgekeurd;
  } else if (po.beoordeeld) {
    ++afgekeurd;
  } else {
    ++niet_beoordeeld;
  }
}

std::map<std::string, RetourCodes> Oordeel::AfgekeurdPerReferentie(const Bericht323& d) const {
  std::map<std::string, RetourCodes> out;
  for (size_t ci = 0; ci < clienten.size() && ci < d.declaratie.clienten.size(); ++ci) {
    const auto& c = clienten[ci];
    for (size_t pi = 0; pi < c.prestaties.size(); ++pi) {
      if (c.prestaties[pi].goedgekeurd) continue;
      out[d.declaratie.clienten[ci].prestaties[pi].product_referentie.referentie_nummer.str()] =
          c.prestaties[pi].codes;
    }
  }
  return out;
}

Oordeel Beoordeel(const Bericht323& d, const DeclaratieFeiten& f, Date vandaag,
                  const Beleid& beleid) {
  Oordeel o;
  // Header class: the message is not processed at all.
  Add(o.header_codes, rules323::TR056_IdentificatieNietUniek(f), "9056");
  Add(o.header_codes, rules323::TR135_DagtekeningInToekomst(d, vandaag), "8848");
  Add(o.header_codes, rules323::TR378_GemeenteOnbekend(f), "S300");
  if (o.HeaderAfgekeurd()) return o;
  // Declaratie class: the declaratie counts as not sent.
  Add(o.declaratie_codes, rules323::TR333_DeclaratieNummerNietUniek(f), "9333");
  Add(o.declaratie_codes, rules323::TR318_PeriodeNietNaVorige(d, f), "8214");
  if (o.DeclaratieAfgekeurd()) return o;

  const AgbCode& agb = d.header.aanbieder;
  o.clienten.resize(d.declaratie.clienten.size());
  // Client class (TR304): a prestatie on another client's toewijzing rejects the client.
  for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
    const DeclaratieClient& c = d.declaratie.clienten[ci];
    o.clienten[ci].prestaties.resize(c.prestaties.size());
    for (const Prestatie& p : c.prestaties) {
      if (rules323::TR304_PrestatieVanAndereClient(c.bsn, p, Lookup(f, p), agb)) {
        o.clienten[ci].codes = {"8187"};
        break;
      }
    }
  }
  // OP366: credits before debits.
  Lopend lopend;
  const auto dubbel = LaterOccurrences(d);
  for (const bool credits : {true, false}) {
    for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
      const DeclaratieClient& c = d.declaratie.clienten[ci];
      ClientOordeel& co = o.clienten[ci];
      for (size_t pi = 0; pi < c.prestaties.size(); ++pi) {
        const Prestatie& p = c.prestaties[pi];
        if (IsCredit(p) != credits) continue;
        PrestatieOordeel& po = co.prestaties[pi];
        if (!co.codes.empty()) {
          po.beoordeeld = false;
          po.codes = {"0233"};
        } else {
          const bool later = dubbel.count({ci, pi}) > 0;
          po.codes = credits ? JudgeCredit(p, f, later, lopend)
                             : JudgeDebit(p, d, f, agb, beleid, later, lopend);
          po.goedgekeurd = po.codes.empty();
          if (po.goedgekeurd && credits) {
            lopend.gecrediteerd_in_bericht.insert(
                p.product_referentie.vorig_referentie_nummer->str());
          }
        }
        o.Tel(po, p.ingediend_bedrag.Signed());
      }
    }
  }
  return o;
}

}  // namespace sluis::workflow
