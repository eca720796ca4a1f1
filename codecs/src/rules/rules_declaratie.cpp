// Level 2 for the 323 (istandaarden-spec §5.3 and §6.2) and for the 325 we send (TR342).
#include <map>
#include <set>
#include <tuple>

#include "rules/checker.h"

namespace sluis::codecs::rules {
namespace {

const Date kFirstAllowed = *Date::Make(2021, 1, 1);

bool IsAlphanumeric(const std::string& s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) {
      return false;
    }
  }
  return true;
}

// CS100: periods on or after 1 January 2021.
void CheckFrom2021(Checker& c, const GeslotenPeriode& p, const std::string& loc) {
  if (p.begindatum < kFirstAllowed) {
    c.Fail("CS100", loc + "/Begindatum",
           "Begindatum " + p.begindatum.ToString() + " lies before 2021-01-01");
  }
  if (p.einddatum < kFirstAllowed) {
    c.Fail("CS100", loc + "/Einddatum",
           "Einddatum " + p.einddatum.ToString() + " lies before 2021-01-01");
  }
}

// TR134 (begin not after the Dagtekening) and TR137 (end >= begin, not after the Dagtekening).
void CheckPeriodDates(Checker& c, const GeslotenPeriode& p, Date dagtekening,
                      const std::string& loc) {
  CheckNotAfter(c, "TR134", p.begindatum, dagtekening, loc + "/Begindatum", "Begindatum");
  if (p.einddatum < p.begindatum) {
    c.Fail("TR137", loc + "/Einddatum",
           "Einddatum " + p.einddatum.ToString() + " lies before Begindatum " +
               p.begindatum.ToString());
  } else {
    CheckNotAfter(c, "TR137", p.einddatum, dagtekening, loc + "/Einddatum", "Einddatum");
  }
}

void CheckAmountSign(Checker& c, Cents amount, DebetCredit dc, const std::string& loc) {
  // CS325: an amount of 0 is always a debit.
  if (amount.value() == 0 && dc == DebetCredit::kCredit) {
    c.Fail("CS325", loc + "/DebetCredit", "an amount of 0 must be D (debet)");
  }
}

void CheckPrestatie(Checker& c, const Prestatie& p, Date dagtekening, Date declaratie_dagtekening,
                    const std::string& loc) {
  const GeslotenPeriode& pp = p.product_periode;
  const std::string ploc = loc + "/ProductPeriode";
  CheckFrom2021(c, pp, ploc);
  // CS337: within one calendar month.
  if (pp.einddatum.year() != pp.begindatum.year() ||
      pp.einddatum.month() != pp.begindatum.month()) {
    c.Fail("CS337", ploc + "/Einddatum",
           "ProductPeriode " + pp.begindatum.ToString() + ".." + pp.einddatum.ToString() +
               " is not within one calendar month");
  }
  CheckPeriodDates(c, pp, dagtekening, ploc);
  // TR335: not more than 5 years before the DeclaratieDagtekening.
  if (pp.einddatum < declaratie_dagtekening.AddMonths(-60)) {
    c.Fail("TR335", ploc + "/Einddatum",
           "Einddatum " + pp.einddatum.ToString() +
               " lies more than 5 years before the DeclaratieDagtekening");
  }
  // CD087: ProductTarief present if and only if Eenheid is not 83 (euro).
  const bool euro = p.eenheid == "83";
  if (euro && p.product_tarief) {
    c.Fail("CD087", loc + "/ProductTarief", "ProductTarief must be empty when Eenheid is 83");
  } else if (!euro && !p.product_tarief) {
    c.Fail("CD087", loc + "/ProductTarief", "ProductTarief is required when Eenheid is not 83");
  }
  // CS339: with Eenheid 83 the volume is the amount in cents.
  if (euro && p.ingediend_bedrag.bedrag.value() != p.geleverd_volume) {
    c.Fail("CS339", loc + "/IngediendBedrag/Bedrag",
           "with Eenheid 83 IngediendBedrag (" + std::to_string(p.ingediend_bedrag.bedrag.value()) +
               ") must equal GeleverdVolume (" + std::to_string(p.geleverd_volume) + ")");
  }
  // CD060: VorigReferentieNummer present if and only if the prestatie is a credit.
  const bool credit = p.ingediend_bedrag.debet_credit == DebetCredit::kCredit;
  if (credit && !p.product_referentie.vorig_referentie_nummer) {
    c.Fail("CD060", loc + "/ProductReferentie/VorigReferentieNummer",
           "a credit prestatie must name the debit it credits in VorigReferentieNummer");
  } else if (!credit && p.product_referentie.vorig_referentie_nummer) {
    c.Fail("CD060", loc + "/ProductReferentie/VorigReferentieNummer",
           "VorigReferentieNummer must be empty on a debit prestatie");
  }
  CheckAmountSign(c, p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit,
                  loc + "/IngediendBedrag");
}

}  // namespace

void CheckDeclaratie(Checker& c, const Bericht323& b) {
  const Declaratie& d = b.declaratie;
  const Date dagtekening = b.header.bericht_identificatie.dagtekening;
  const std::string base = "/Bericht/Declaratie";
  if (!IsAlphanumeric(d.declaratie_nummer)) {
    c.Fail("CS319", base + "/DeclaratieNummer",
           "DeclaratieNummer '" + d.declaratie_nummer + "' may hold only letters and digits");
  }
  const GeslotenPeriode& dp = d.declaratie_periode;
  // CS340: exactly one whole calendar month.
  if (dp.begindatum != dp.begindatum.FirstOfMonth() ||
      dp.einddatum != dp.begindatum.LastOfMonth()) {
    c.Fail("CS340", base + "/DeclaratiePeriode",
           "DeclaratiePeriode " + dp.begindatum.ToString() + ".." + dp.einddatum.ToString() +
               " is not exactly one calendar month");
  }
  CheckFrom2021(c, dp, base + "/DeclaratiePeriode");
  CheckPeriodDates(c, dp, dagtekening, base + "/DeclaratiePeriode");
  CheckNotAfter(c, "TR134", d.declaratie_dagtekening, dagtekening, base + "/DeclaratieDagtekening",
                "DeclaratieDagtekening");
  CheckAmountSign(c, d.totaal_ingediend_bedrag.totaal_bedrag,
                  d.totaal_ingediend_bedrag.debet_credit, base + "/TotaalIngediendBedrag");

  Cents sum;
  std::set<std::string> bsns;
  std::set<std::string> referenties, vorige;
  std::map<std::string, std::string> vorig_location;
  for (size_t ci = 0; ci < d.clienten.size(); ++ci) {
    const DeclaratieClient& client = d.clienten[ci];
    const std::string cloc = Item(base, "Clienten", "Client", ci);
    CheckBsn(c, client.bsn, cloc + "/Bsn");
    if (!bsns.insert(client.bsn.str()).second) {
      c.Fail("TR101", cloc + "/Bsn", "Client " + client.bsn.str() + " occurs twice");
    }
    std::set<std::string> client_refs;
    // TR416 key: ProductPeriode + ProductCategorie + ProductCode + ToewijzingNummer of debits.
    // Per client: a ToewijzingNummer belongs to one client (a clash across clients is TR304).
    std::set<std::tuple<int32_t, int32_t, std::string, std::string, int64_t>> debit_keys;
    for (size_t pi = 0; pi < client.prestaties.size(); ++pi) {
      const Prestatie& p = client.prestaties[pi];
      const std::string ploc = Item(cloc, "Prestaties", "Prestatie", pi);
      CheckPrestatie(c, p, dagtekening, d.declaratie_dagtekening, ploc);
      sum += p.ingediend_bedrag.Signed();
      const std::string& ref = p.product_referentie.referentie_nummer.str();
      if (!client_refs.insert(ref).second) {
        c.Fail("TR101", ploc + "/ProductReferentie/ReferentieNummer",
               "ReferentieNummer '" + ref + "' occurs twice for this client");
      }
      referenties.insert(ref);
      if (const auto& v = p.product_referentie.vorig_referentie_nummer) {
        if (!vorige.insert(v->str()).second) {
          c.Fail("TR315", ploc + "/ProductReferentie/VorigReferentieNummer",
                 "VorigReferentieNummer '" + v->str() + "' occurs more than once in the message");
        }
        vorig_location.emplace(v->str(), ploc + "/ProductReferentie/VorigReferentieNummer");
      }
      if (p.ingediend_bedrag.debet_credit == DebetCredit::kDebet) {
        const auto key =
            std::make_tuple(p.product_periode.begindatum.days(), p.product_periode.einddatum.days(),
                            p.product_categorie, p.product_code, p.toewijzing_nummer.value());
        if (!debit_keys.insert(key).second) {
          c.Fail("TR416", ploc,
                 "a second debit prestatie for the same ProductPeriode, ProductCategorie, "
                 "ProductCode and ToewijzingNummer");
        }
      }
    }
  }
  // TR316: a debit may not be credited in the same message.
  for (const auto& [v, loc] : vorig_location) {
    if (referenties.count(v)) {
      c.Fail("TR316", loc,
             "credits ReferentieNummer '" + v + "' that is declared in this same message");
    }
  }
  // TR358: the total is the sum of debits minus credits.
  if (d.totaal_ingediend_bedrag.Signed() != sum) {
    c.Fail("TR358", base + "/TotaalIngediendBedrag",
           "TotaalIngediendBedrag " + d.totaal_ingediend_bedrag.Signed().ToDecimalString() +
               " differs from the sum of the prestaties " + sum.ToDecimalString());
  }
}

void CheckDeclaratieAntwoord(Checker& c, const Bericht325& b) {
  if (!b.declaratie_antwoord) return;
  const DeclaratieAntwoord& a = *b.declaratie_antwoord;
  const std::string base = "/Bericht/DeclaratieAntwoord";
  CheckAmountSign(c, a.totaal_ingediend_bedrag.totaal_bedrag,
                  a.totaal_ingediend_bedrag.debet_credit, base + "/TotaalIngediendBedrag");
  CheckAmountSign(c, a.totaal_toegekend_bedrag.totaal_bedrag,
                  a.totaal_toegekend_bedrag.debet_credit, base + "/TotaalToegekendBedrag");
  Cents returned;
  std::set<std::string> bsns;
  for (size_t ci = 0; ci < a.clienten.size(); ++ci) {
    const DeclaratieClient& client = a.clienten[ci];
    const std::string cloc = Item(base, "Clienten", "Client", ci);
    CheckBsn(c, client.bsn, cloc + "/Bsn");
    if (!bsns.insert(client.bsn.str()).second) {
      c.Fail("TR101", cloc + "/Bsn", "Client " + client.bsn.str() + " occurs twice");
    }
    std::set<std::string> refs;
    for (size_t pi = 0; pi < client.prestaties.size(); ++pi) {
      const Prestatie& p = client.prestaties[pi];
      const std::string ploc = Item(cloc, "Prestaties", "Prestatie", pi);
      CheckAmountSign(c, p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit,
                      ploc + "/IngediendBedrag");
      if (!refs.insert(p.product_referentie.referentie_nummer.str()).second) {
        c.Fail("TR101", ploc + "/ProductReferentie/ReferentieNummer",
               "ReferentieNummer occurs twice for this client");
      }
      returned += p.ingediend_bedrag.Signed();
    }
  }
  // TR342: when the DeclaratieAntwoord class itself is not rejected, the returned (rejected)
  // prestaties explain the difference between submitted and granted. When it is rejected, the
  // prestaties are not assessed and the granted total is 0.
  bool class_rejected = false;
  for (const std::string& code : a.retour_codes) {
    if (code != "0200" && code != "8001") class_rejected = true;
  }
  if (class_rejected) {
    if (a.totaal_toegekend_bedrag.totaal_bedrag.value() != 0) {
      c.Fail("TR342", base + "/TotaalToegekendBedrag",
             "a rejected DeclaratieAntwoord must grant 0");
    }
  } else if (returned != a.totaal_ingediend_bedrag.Signed() - a.totaal_toegekend_bedrag.Signed()) {
    c.Fail("TR342", base + "/TotaalToegekendBedrag",
           "the returned prestaties (" + returned.ToDecimalString() +
               ") do not explain TotaalIngediendBedrag minus TotaalToegekendBedrag (" +
               (a.totaal_ingediend_bedrag.Signed() - a.totaal_toegekend_bedrag.Signed())
                   .ToDecimalString() +
               ")");
  }
}

}  // namespace sluis::codecs::rules
