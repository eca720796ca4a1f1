// Level 2 for the 323 (istandaarden-spec §5.3 and §6.2) and for the 325 we send (TR342).
#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

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

// Locations are built only when a rule fails: `loc` is a callable returning the element path
// (most prestaties break no rule, and a path string per prestatie would be most of the cost).

// CS100: periods on or after 1 January 2021.
template <class Loc>
void CheckFrom2021(Checker& c, const GeslotenPeriode& p, const Loc& loc) {
  if (p.begindatum < kFirstAllowed) {
    c.Fail("CS100", loc() + "/Begindatum",
           "Begindatum " + p.begindatum.ToString() + " lies before 2021-01-01");
  }
  if (p.einddatum < kFirstAllowed) {
    c.Fail("CS100", loc() + "/Einddatum",
           "Einddatum " + p.einddatum.ToString() + " lies before 2021-01-01");
  }
}

// TR134 (begin not after the Dagtekening) and TR137 (end >= begin, not after the Dagtekening).
template <class Loc>
void CheckPeriodDates(Checker& c, const GeslotenPeriode& p, Date dagtekening, const Loc& loc) {
  if (p.begindatum > dagtekening) {
    CheckNotAfter(c, "TR134", p.begindatum, dagtekening, loc() + "/Begindatum", "Begindatum");
  }
  if (p.einddatum < p.begindatum) {
    c.Fail("TR137", loc() + "/Einddatum",
           "Einddatum " + p.einddatum.ToString() + " lies before Begindatum " +
               p.begindatum.ToString());
  } else if (p.einddatum > dagtekening) {
    CheckNotAfter(c, "TR137", p.einddatum, dagtekening, loc() + "/Einddatum", "Einddatum");
  }
}

template <class Loc>
void CheckAmountSign(Checker& c, Cents amount, DebetCredit dc, const Loc& loc) {
  // CS325: an amount of 0 is always a debit.
  if (amount.value() == 0 && dc == DebetCredit::kCredit) {
    c.Fail("CS325", loc() + "/DebetCredit", "an amount of 0 must be D (debet)");
  }
}

template <class Loc>
void CheckPrestatie(Checker& c, const Prestatie& p, Date dagtekening, Date declaratie_dagtekening,
                    const Loc& loc) {
  const GeslotenPeriode& pp = p.product_periode;
  const auto ploc = [&] { return loc() + "/ProductPeriode"; };
  CheckFrom2021(c, pp, ploc);
  // CS337: within one calendar month.
  if (pp.einddatum.year() != pp.begindatum.year() ||
      pp.einddatum.month() != pp.begindatum.month()) {
    c.Fail("CS337", ploc() + "/Einddatum",
           "ProductPeriode " + pp.begindatum.ToString() + ".." + pp.einddatum.ToString() +
               " is not within one calendar month");
  }
  CheckPeriodDates(c, pp, dagtekening, ploc);
  // TR335: not more than 5 years before the DeclaratieDagtekening.
  if (pp.einddatum < declaratie_dagtekening.AddMonths(-60)) {
    c.Fail("TR335", ploc() + "/Einddatum",
           "Einddatum " + pp.einddatum.ToString() +
               " lies more than 5 years before the DeclaratieDagtekening");
  }
  // CD087: ProductTarief present if and only if Eenheid is not 83 (euro).
  const bool euro = p.eenheid == "83";
  if (euro && p.product_tarief) {
    c.Fail("CD087", loc() + "/ProductTarief", "ProductTarief must be empty when Eenheid is 83");
  } else if (!euro && !p.product_tarief) {
    c.Fail("CD087", loc() + "/ProductTarief", "ProductTarief is required when Eenheid is not 83");
  }
  // CS339: with Eenheid 83 the volume is the amount in cents.
  if (euro && p.ingediend_bedrag.bedrag.value() != p.geleverd_volume) {
    c.Fail("CS339", loc() + "/IngediendBedrag/Bedrag",
           "with Eenheid 83 IngediendBedrag (" + std::to_string(p.ingediend_bedrag.bedrag.value()) +
               ") must equal GeleverdVolume (" + std::to_string(p.geleverd_volume) + ")");
  }
  // CD060: VorigReferentieNummer present if and only if the prestatie is a credit.
  const bool credit = p.ingediend_bedrag.debet_credit == DebetCredit::kCredit;
  if (credit && !p.product_referentie.vorig_referentie_nummer) {
    c.Fail("CD060", loc() + "/ProductReferentie/VorigReferentieNummer",
           "a credit prestatie must name the debit it credits in VorigReferentieNummer");
  } else if (!credit && p.product_referentie.vorig_referentie_nummer) {
    c.Fail("CD060", loc() + "/ProductReferentie/VorigReferentieNummer",
           "VorigReferentieNummer must be empty on a debit prestatie");
  }
  CheckAmountSign(c, p.ingediend_bedrag.bedrag, p.ingediend_bedrag.debet_credit,
                  [&] { return loc() + "/IngediendBedrag"; });
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
  const auto dploc = [&] { return base + "/DeclaratiePeriode"; };
  CheckFrom2021(c, dp, dploc);
  CheckPeriodDates(c, dp, dagtekening, dploc);
  CheckNotAfter(c, "TR134", d.declaratie_dagtekening, dagtekening, base + "/DeclaratieDagtekening",
                "DeclaratieDagtekening");
  CheckAmountSign(c, d.totaal_ingediend_bedrag.totaal_bedrag,
                  d.totaal_ingediend_bedrag.debet_credit,
                  [&] { return base + "/TotaalIngediendBedrag"; });

  size_t total = 0;
  for (const DeclaratieClient& client : d.clienten) total += client.prestaties.size();
  Cents sum;
  std::unordered_set<std::string_view> bsns, vorige;
  // ReferentieNummer -> (client, prestatie) of its first occurrence: TR101 within a client,
  // TR316 for credits of a debit in this message. One hash operation per prestatie.
  std::unordered_map<std::string_view, std::pair<size_t, size_t>> refs;
  refs.reserve(total);
  std::vector<std::pair<std::string_view, std::pair<size_t, size_t>>> vorig_at;  // (ci, pi)
  // TR416 key of a debit prestatie, sorted per client to find repeats.
  struct DebitKey {
    int32_t begin, end;
    std::string_view categorie, code;
    int64_t toewijzing;
    size_t pi;
    auto Tie() const { return std::tie(begin, end, categorie, code, toewijzing); }
  };
  std::vector<DebitKey> debits;
  for (size_t ci = 0; ci < d.clienten.size(); ++ci) {
    const DeclaratieClient& client = d.clienten[ci];
    const auto cloc = [&] { return Item(base, "Clienten", "Client", ci); };
    if (!PassesElfproef(client.bsn.str())) CheckBsn(c, client.bsn, cloc() + "/Bsn");
    if (!bsns.insert(client.bsn.str()).second) {
      c.Fail("TR101", cloc() + "/Bsn", "Client " + client.bsn.str() + " occurs twice");
    }
    debits.clear();
    for (size_t pi = 0; pi < client.prestaties.size(); ++pi) {
      const Prestatie& p = client.prestaties[pi];
      const auto ploc = [&] { return Item(cloc(), "Prestaties", "Prestatie", pi); };
      CheckPrestatie(c, p, dagtekening, d.declaratie_dagtekening, ploc);
      sum += p.ingediend_bedrag.Signed();
      const std::string& ref = p.product_referentie.referentie_nummer.str();
      const auto [it, fresh] = refs.try_emplace(ref, ci, pi);
      // A ReferentieNummer repeated in another client is TR314 (8021, level 3), not TR101.
      if (!fresh && it->second.first == ci) {
        c.Fail("TR101", ploc() + "/ProductReferentie/ReferentieNummer",
               "ReferentieNummer '" + ref + "' occurs twice for this client");
      }
      if (const auto& v = p.product_referentie.vorig_referentie_nummer) {
        if (!vorige.insert(v->str()).second) {
          c.Fail("TR315", ploc() + "/ProductReferentie/VorigReferentieNummer",
                 "VorigReferentieNummer '" + v->str() + "' occurs more than once in the message");
        } else {
          vorig_at.emplace_back(v->str(), std::make_pair(ci, pi));
        }
      }
      if (p.ingediend_bedrag.debet_credit == DebetCredit::kDebet) {
        debits.push_back({p.product_periode.begindatum.days(), p.product_periode.einddatum.days(),
                          p.product_categorie, p.product_code, p.toewijzing_nummer.value(), pi});
      }
    }
    // TR416: per client (a ToewijzingNummer belongs to one client; a clash across clients is
    // TR304, level 3). Report every repeat after the first, in document order.
    std::stable_sort(debits.begin(), debits.end(),
                     [](const DebitKey& x, const DebitKey& y) { return x.Tie() < y.Tie(); });
    std::vector<size_t> repeated;
    for (size_t k = 1; k < debits.size(); ++k) {
      if (debits[k].Tie() == debits[k - 1].Tie()) repeated.push_back(debits[k].pi);
    }
    std::sort(repeated.begin(), repeated.end());
    for (size_t pi : repeated) {
      c.Fail("TR416", Item(cloc(), "Prestaties", "Prestatie", pi),
             "a second debit prestatie for the same ProductPeriode, ProductCategorie, "
             "ProductCode and ToewijzingNummer");
    }
  }
  // TR316: a debit may not be credited in the same message.
  for (const auto& [v, at] : vorig_at) {
    if (refs.count(v)) {
      c.Fail(
          "TR316",
          Item(Item(base, "Clienten", "Client", at.first), "Prestaties", "Prestatie", at.second) +
              "/ProductReferentie/VorigReferentieNummer",
          "credits ReferentieNummer '" + std::string(v) +
              "' that is declared in this same message");
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
                  a.totaal_ingediend_bedrag.debet_credit,
                  [&] { return base + "/TotaalIngediendBedrag"; });
  CheckAmountSign(c, a.totaal_toegekend_bedrag.totaal_bedrag,
                  a.totaal_toegekend_bedrag.debet_credit,
                  [&] { return base + "/TotaalToegekendBedrag"; });
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
                      [&] { return ploc + "/IngediendBedrag"; });
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
