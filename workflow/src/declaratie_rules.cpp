#include "declaratie_rules.h"

#include "sluis/workflow/volume.h"

namespace sluis::workflow::rules323 {

bool TR056_IdentificatieNietUniek(const DeclaratieFeiten& f) {
  return f.identificatie_eerder_gebruikt;
}

bool TR135_DagtekeningInToekomst(const Bericht323& d, Date vandaag) {
  return d.header.bericht_identificatie.dagtekening > vandaag;
}

bool TR378_GemeenteOnbekend(const DeclaratieFeiten& f) { return !f.gemeente_bekend; }

bool TR333_DeclaratieNummerNietUniek(const DeclaratieFeiten& f) {
  return f.declaratienummer_eerder_gebruikt;
}

bool TR318_PeriodeNietNaVorige(const Bericht323& d, const DeclaratieFeiten& f) {
  // IV090: a later declaratie may not use a period before the last one submitted. The same
  // period again is allowed (a supplementary declaratie), and so is a gap: we cannot know that
  // care was delivered every month.
  return f.vorige_declaratieperiode &&
         d.declaratie.declaratie_periode.begindatum < f.vorige_declaratieperiode->begindatum;
}

bool TR304_PrestatieVanAndereClient(const Bsn& client, const Prestatie& /*p*/,
                                    const ToewijzingFeit* t, const AgbCode& agb) {
  return t && t->agb == agb && t->bsn != client;
}

bool TR314_ReferentieNummerAlGebruikt(const Prestatie& p, const DeclaratieFeiten& f) {
  return f.eerdere_prestaties.count(p.product_referentie.referentie_nummer.str()) > 0;
}

bool TR338_GeenToewijzing(const ToewijzingFeit* t, const AgbCode& agb) {
  return !t || t->agb != agb;
}

bool TR384_ToewijzingVerwijderd(const ToewijzingFeit& t) { return t.reden_wijziging == "13"; }

bool TR339_CategorieWijktAf(const Prestatie& p, const ToewijzingFeit& t) {
  return t.product && t.product->categorie != p.product_categorie;
}

bool TR340_CodeWijktAf(const Prestatie& p, const ToewijzingFeit& t) {
  return t.product && t.product->code && *t.product->code != p.product_code;
}

bool TR381_CodeHoortNietBijCategorie(const Prestatie& p, const DeclaratieFeiten& f) {
  return !f.productcodes.count({p.product_categorie, p.product_code});
}

namespace {

bool Valid(const Tarief& t, Date d) {
  return t.ingangsdatum <= d && (!t.einddatum || d <= *t.einddatum);
}

}  // namespace

std::optional<ContractTarief> FindTarief(const Prestatie& p, const DeclaratieFeiten& f) {
  const Date on = p.product_periode.begindatum;
  for (const Tarief& t : f.tarieven) {
    if (t.categorie == p.product_categorie && t.code == p.product_code && t.eenheid == p.eenheid &&
        Valid(t, on)) {
      return ContractTarief{t.tarief, false};
    }
  }
  if (p.eenheid == kMinuut) {
    for (const Tarief& t : f.tarieven) {
      if (t.categorie == p.product_categorie && t.code == p.product_code && t.eenheid == kUur &&
          Valid(t, on)) {
        return ContractTarief{t.tarief, true};
      }
    }
  }
  return std::nullopt;
}

bool TR341_EenheidPastNiet(const Prestatie& p, const ToewijzingFeit& t, const DeclaratieFeiten& f) {
  if (t.omvang) return !EenheidPast(t.omvang->eenheid, p.eenheid);
  // Aspecifiek or generiek: Euro's (83) fits any toewijzing without Omvang (a budget is
  // declared in euros, TR369); any other unit must be one the contract has a tariff in.
  if (p.eenheid == "83") return false;
  return !FindTarief(p, f);
}

bool TR307_BeginVoorIngangsdatum(const Prestatie& p, const ToewijzingFeit& t) {
  return p.product_periode.begindatum < t.ingangsdatum;
}

bool TR308_EindNaEinddatum(const Prestatie& p, const ToewijzingFeit& t) {
  return t.einddatum && p.product_periode.einddatum > *t.einddatum;
}

bool TR387_BeginNietEersteDag(const Prestatie& p, const ToewijzingFeit& t) {
  // IV089: the first day of the month, or the toewijzing's Ingangsdatum when that lies later
  // in the same month.
  const Date first = p.product_periode.begindatum.FirstOfMonth();
  const Date expected =
      t.ingangsdatum > first && t.ingangsdatum <= first.LastOfMonth() ? t.ingangsdatum : first;
  return p.product_periode.begindatum != expected;
}

bool TR388_EindNietLaatsteDag(const Prestatie& p, const ToewijzingFeit& t) {
  const Date last = p.product_periode.einddatum.LastOfMonth();
  const Date expected = t.einddatum && *t.einddatum < last &&
                                *t.einddatum >= p.product_periode.einddatum.FirstOfMonth()
                            ? *t.einddatum
                            : last;
  return p.product_periode.einddatum != expected;
}

bool TR319_BuitenDeclaratiePeriode(const Prestatie& p, const Bericht323& d) {
  return p.product_periode.einddatum > d.declaratie.declaratie_periode.einddatum;
}

bool TR418_TariefWijktAf(const Prestatie& p, const DeclaratieFeiten& f) {
  if (p.eenheid == kEuro || !p.product_tarief) return false;  // no tariff to compare (CD087)
  const auto contract = FindTarief(p, f);
  if (!contract) return true;  // no contract tariff for this product and unit
  const Cents expected =
      contract->per_uur_voor_minuten ? MinuteTariff(contract->tarief) : contract->tarief;
  return *p.product_tarief != expected;
}

bool TR346_BedragKloptNiet(const Prestatie& p, const DeclaratieFeiten& f) {
  if (p.eenheid == kEuro || !p.product_tarief) return false;
  const auto contract = FindTarief(p, f);
  if (contract && contract->per_uur_voor_minuten) {
    // IV081: minutes on an hourly tariff are computed from the hourly tariff, not from the
    // (rounded) minute tariff in ProductTarief.
    return p.ingediend_bedrag.bedrag != MinutesOnHourlyTariff(contract->tarief, p.geleverd_volume);
  }
  return p.ingediend_bedrag.bedrag.value() != p.geleverd_volume * p.product_tarief->value();
}

bool TR321_VolumeBovenToegewezen(const Prestatie& p, const ToewijzingFeit& t,
                                 const Beleid& beleid) {
  if (!t.omvang) return false;
  const bool hh = t.product && t.product->categorie == "01";
  const auto max = MaxVolumeInPeriod(*t.omvang, p.product_periode, t.ingangsdatum, t.einddatum,
                                     hh && beleid.hh_zes_weken_per_periode ? 6 : 0);
  if (!max) return false;
  return InComparisonUnits(t.omvang->eenheid, p.eenheid, p.geleverd_volume) >
         *max * ComparisonFactor(t.omvang->eenheid);
}

bool TR322_TotaalBovenToegewezen(const Prestatie& p, const ToewijzingFeit& t, int64_t eerder) {
  if (!t.omvang) return false;
  const auto max = MaxVolumeTotal(*t.omvang, t.ingangsdatum, t.einddatum);
  if (!max) return false;
  return eerder + InComparisonUnits(t.omvang->eenheid, p.eenheid, p.geleverd_volume) >
         *max * ComparisonFactor(t.omvang->eenheid);
}

bool TR369_BudgetOverschreden(const Prestatie& p, const ToewijzingFeit& t, Cents eerder) {
  // The budget is money: compared with the declared amounts (for Eenheid 83 the volume is that
  // amount, CS339).
  return t.budget && eerder + p.ingediend_bedrag.bedrag > *t.budget;
}

bool TR389_DebetNietGecrediteerd(const Prestatie& p,
                                 const std::vector<const EerderePrestatie*>& nog_open) {
  for (const EerderePrestatie* e : nog_open) {
    if (e->product_periode == p.product_periode && e->product_categorie == p.product_categorie &&
        e->product_code == p.product_code) {
      return true;
    }
  }
  return false;
}

bool TR323_CreditZonderGoedgekeurdeDebet(const Prestatie& p, const DeclaratieFeiten& f) {
  const auto& vorig = p.product_referentie.vorig_referentie_nummer;
  if (!vorig) return true;
  const auto it = f.eerdere_prestaties.find(vorig->str());
  return it == f.eerdere_prestaties.end() || it->second.debet_credit != DebetCredit::kDebet ||
         !it->second.goedgekeurd;
}

bool TR390_AlGecrediteerd(const Prestatie& p, const DeclaratieFeiten& f,
                          const std::set<std::string>& in_dit_bericht) {
  const auto& vorig = p.product_referentie.vorig_referentie_nummer;
  if (!vorig) return false;
  return f.eerder_gecrediteerd.count(vorig->str()) || in_dit_bericht.count(vorig->str());
}

}  // namespace sluis::workflow::rules323
