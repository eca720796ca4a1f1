// Level 2 for the toewijzing (301, which Sluis sends: checked before sending) and the regie
// messages Sluis receives: 305, 307, 315, 317 (istandaarden-spec §5.2, §6.4).
#include <set>

#include "rules/checker.h"

namespace sluis::codecs::rules {
namespace {

bool Deleted(const ToegewezenProduct& t) {
  // Removed toewijzingen (Einddatum = Ingangsdatum with RedenWijziging 13 or 01) do not stack.
  return t.einddatum && *t.einddatum == t.ingangsdatum &&
         (t.reden_wijziging == "13" || t.reden_wijziging == "01");
}

bool IsHulpmiddel(const std::optional<Product>& p) {
  // Wmo categories 11-14 (rolstoelen, vervoer-, woonvoorzieningen, overige hulpmiddelen) may
  // be assigned more than once for overlapping periods (istandaarden-spec §6.4, TR302).
  if (!p) return false;
  return p->categorie == "11" || p->categorie == "12" || p->categorie == "13" ||
         p->categorie == "14";
}

// Reports TR-rule `rule` for each item that overlaps an earlier item of the same product.
template <class T, class SpanOf, class ProductOf, class Skip>
void CheckNoStacking(Checker& c, std::string_view rule, const std::vector<T>& items,
                     const std::string& base, std::string_view wrapper, std::string_view item,
                     SpanOf span_of, ProductOf product_of, Skip skip) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (skip(items[i])) continue;
    for (size_t j = 0; j < i; ++j) {
      if (skip(items[j])) continue;
      if (SameProduct(product_of(items[i]), product_of(items[j])) &&
          Overlap(span_of(items[i]), span_of(items[j]))) {
        c.Fail(rule, Item(base, wrapper, item, i),
               "overlaps " + std::string(item) + "[" + std::to_string(j + 1) +
                   "] for the same product");
        break;
      }
    }
  }
}

void CheckContact(Checker& c, const Contact& k, const std::string& loc) {
  // TR006: a Contact has a Telefoon and/or Huis plus Postcode.
  const bool address = k.adres && k.adres->huis && k.adres->postcode;
  if (!k.telefoon && !address) {
    c.Fail("TR006", loc, "Contact needs a Telefoon, or Huis and Postcode");
  }
}

void CheckToegewezenProduct(Checker& c, const ToegewezenProduct& t, Date dagtekening,
                            const std::string& loc) {
  CheckNotAfter(c, "TR134", t.toewijzingsdatum, dagtekening, loc + "/Toewijzingsdatum",
                "Toewijzingsdatum");
  const bool has_code = t.product && t.product->code;
  if (has_code && !t.omvang) {
    c.Fail("CD041", loc + "/Omvang", "a toewijzing with a ProductCode needs an Omvang");
  }
  if (t.budget && t.omvang) {
    c.Fail("CD077", loc + "/Budget", "Budget and Omvang exclude each other");
  }
  if (!t.budget && !t.product) {
    c.Fail("CD079", loc + "/Product", "without a Budget the Product is required");
  }
  if (t.budget && !t.einddatum) {
    c.Fail("CD075", loc + "/Einddatum", "a toewijzing with a Budget needs an Einddatum");
  }
  if (t.omvang && t.omvang->frequentie == "2" && !t.einddatum) {
    c.Fail("CD076", loc + "/Einddatum", "Frequentie 2 (per week) needs an Einddatum");
  }
  if (t.omvang) {
    const std::string& e = t.omvang->eenheid;
    const std::string& f = t.omvang->frequentie;
    if ((e == "14" || e == "16" || e == "83" || e == "84") && f != "2" && f != "4" && f != "6") {
      c.Fail("CS338", loc + "/Omvang/Frequentie",
             "Eenheid " + e + " allows only Frequentie 2, 4 or 6");
    }
  }
  if (t.reden_wijziging == "01") {
    c.Fail("CS336", loc + "/RedenWijziging", "RedenWijziging 01 may no longer be used");
  }
  if (t.reden_wijziging == "13" && t.einddatum != t.ingangsdatum) {
    c.Fail("CS335", loc + "/RedenWijziging",
           "RedenWijziging 13 (verwijderd) requires Einddatum equal to Ingangsdatum");
  }
}

}  // namespace

void CheckToewijzing(Checker& c, const Bericht301& b) {
  const Date dag = b.header.bericht_identificatie.dagtekening;
  const Client301& cl = b.client;
  const std::string base = "/Bericht/Client";
  CheckBsn(c, cl.bsn, base + "/Bsn");
  CheckAge(c, cl.geboortedatum, dag, base + "/Geboortedatum");
  CheckNotAfter(c, "TR134", cl.geboortedatum.datum, dag, base + "/Geboortedatum/Datum",
                "Geboortedatum");
  bool has_home = false;
  for (size_t i = 0; i < cl.contactgegevens.size(); ++i) {
    const Contact& k = cl.contactgegevens[i];
    CheckContact(c, k, Item(base, "Contactgegevens", "Contact", i));
    if ((k.soort == "01" || k.soort == "02" || k.soort == "03") && k.adres) has_home = true;
  }
  if (!has_home) {
    c.Fail("TR061", base + "/Contactgegevens",
           "at least one Contact with an Adres of Soort 01, 02 or 03 is required");
  }
  std::set<std::string> relatie_nummers;
  for (size_t i = 0; i < cl.relaties.size(); ++i) {
    const std::string loc = Item(base, "Relaties", "Relatie", i);
    CheckContact(c, cl.relaties[i].contact, loc + "/Contact");
    if (!relatie_nummers.insert(cl.relaties[i].nummer).second) {
      c.Fail("TR101", loc + "/Nummer", "Relatie " + cl.relaties[i].nummer + " occurs twice");
    }
  }
  std::set<int64_t> nummers;
  for (size_t i = 0; i < cl.toegewezen_producten.size(); ++i) {
    const ToegewezenProduct& t = cl.toegewezen_producten[i];
    const std::string loc = Item(base, "ToegewezenProducten", "ToegewezenProduct", i);
    CheckToegewezenProduct(c, t, dag, loc);
    if (!nummers.insert(t.toewijzing_nummer.value()).second) {
      c.Fail("TR101", loc + "/ToewijzingNummer",
             "ToewijzingNummer " + std::to_string(t.toewijzing_nummer.value()) + " occurs twice");
    }
  }
  const bool wmo = b.domein == Domein::kWmo;
  CheckNoStacking(
      c, "TR302", cl.toegewezen_producten, base, "ToegewezenProducten", "ToegewezenProduct",
      [](const ToegewezenProduct& t) {
        return Span{t.ingangsdatum, t.einddatum};
      },
      [](const ToegewezenProduct& t) { return t.product; },
      [wmo](const ToegewezenProduct& t) { return Deleted(t) || (wmo && IsHulpmiddel(t.product)); });
}

namespace {

template <class P>
void CheckRegieClient(Checker& c, const RegieClient<P>& cl, Date dag, std::string_view wrapper,
                      std::string_view item) {
  const std::string base = "/Bericht/Client";
  CheckBsn(c, cl.bsn, base + "/Bsn");
  CheckAge(c, cl.geboortedatum, dag, base + "/Geboortedatum");
  std::set<std::string> keys;
  for (size_t i = 0; i < cl.producten.size(); ++i) {
    const P& p = cl.producten[i];
    const std::string loc = Item(base, wrapper, item, i);
    // TR134: the reported start lies in the past (or today).
    CheckNotAfter(c, "TR134", p.begindatum, dag, loc + "/Begindatum", "Begindatum");
    if (p.status_aanlevering == "2") {
      c.Fail("OP033x2", loc + "/StatusAanlevering",
             "StatusAanlevering 2 (gewijzigde aanlevering) is not allowed");
    }
    // TR101: the logical key (ToewijzingNummer, or product and toewijzing start, plus
    // Begindatum) occurs once.
    std::string key = p.toewijzing_nummer ? std::to_string(p.toewijzing_nummer->value()) : "-";
    if (!p.toewijzing_nummer && p.product)
      key += p.product->categorie + "/" + p.product->code.value_or("");
    if (p.toewijzing_ingangsdatum) key += "@" + p.toewijzing_ingangsdatum->ToString();
    key += "#" + p.begindatum.ToString();
    if (!keys.insert(key).second) {
      c.Fail("TR101", loc, std::string(item) + " occurs twice with the same key");
    }
    if constexpr (std::is_same_v<P, StopProduct>) {
      // TR018: Einddatum on or after Begindatum.
      if (p.einddatum < p.begindatum) {
        c.Fail("TR018", loc + "/Einddatum",
               "Einddatum " + p.einddatum.ToString() + " lies before Begindatum " +
                   p.begindatum.ToString());
      }
    }
  }
}

}  // namespace

void CheckStart(Checker& c, const Bericht305& b) {
  CheckRegieClient(c, b.client, b.header.bericht_identificatie.dagtekening, "StartProducten",
                   "StartProduct");
}

void CheckStop(Checker& c, const Bericht307& b) {
  CheckRegieClient(c, b.client, b.header.bericht_identificatie.dagtekening, "StopProducten",
                   "StopProduct");
}

void CheckVerzoekOmToewijzing(Checker& c, const Bericht315& b) {
  const Date dag = b.header.bericht_identificatie.dagtekening;
  const Client315& cl = b.client;
  const std::string base = "/Bericht/Client";
  CheckBsn(c, cl.bsn, base + "/Bsn");
  CheckAge(c, cl.geboortedatum, dag, base + "/Geboortedatum");
  CheckNotAfter(c, "TR134", cl.geboortedatum.datum, dag, base + "/Geboortedatum/Datum",
                "Geboortedatum");
  std::set<std::string> refs;
  for (size_t i = 0; i < cl.aangevraagde_producten.size(); ++i) {
    const AangevraagdProduct& p = cl.aangevraagde_producten[i];
    if (!refs.insert(p.referentie_aanbieder).second) {
      c.Fail("TR383",
             Item(base, "AangevraagdeProducten", "AangevraagdProduct", i) + "/ReferentieAanbieder",
             "ReferentieAanbieder '" + p.referentie_aanbieder + "' occurs more than once");
    }
  }
  CheckNoStacking(
      c, "TR386", cl.aangevraagde_producten, base, "AangevraagdeProducten", "AangevraagdProduct",
      [](const AangevraagdProduct& p) {
        return Span{p.toewijzing_ingangsdatum, p.toewijzing_einddatum};
      },
      [](const AangevraagdProduct& p) { return p.product; },
      [](const AangevraagdProduct&) { return false; });
}

void CheckVerzoekOmWijziging(Checker& c, const Bericht317& b) {
  const Date dag = b.header.bericht_identificatie.dagtekening;
  const Verzoek& v = b.client.verzoek;
  const std::string base = "/Bericht/Client/Verzoek";
  CheckBsn(c, b.client.bsn, "/Bericht/Client/Bsn");
  if (v.ongewijzigde_producten.empty() && v.te_wijzigen_producten.empty()) {
    c.Fail("TR352", base, "a VOW needs at least one OngewijzigdProduct or TeWijzigenProduct");
  }
  if (v.te_wijzigen_producten.empty() && v.nieuwe_producten.empty()) {
    c.Fail("TR353", base, "a VOW needs at least one TeWijzigenProduct or NieuwProduct");
  }
  std::set<int64_t> nummers;
  for (size_t i = 0; i < v.ongewijzigde_producten.size(); ++i) {
    if (!nummers.insert(v.ongewijzigde_producten[i].toewijzing_nummer.value()).second) {
      c.Fail("TR101",
             Item(base, "OngewijzigdeProducten", "OngewijzigdProduct", i) + "/ToewijzingNummer",
             "ToewijzingNummer occurs twice in the request");
    }
  }
  for (size_t i = 0; i < v.te_wijzigen_producten.size(); ++i) {
    const TeWijzigenProduct& t = v.te_wijzigen_producten[i];
    const std::string loc = Item(base, "TeWijzigenProducten", "TeWijzigenProduct", i);
    if (!nummers.insert(t.toewijzing_nummer.value()).second) {
      c.Fail("TR101", loc + "/ToewijzingNummer", "ToewijzingNummer occurs twice in the request");
    }
    // TR380 (our reading, codecs/README.md): a requested end lies after the Dagtekening.
    if (t.einddatum && *t.einddatum <= dag) {
      c.Fail("TR380", loc + "/Einddatum",
             "Einddatum " + t.einddatum->ToString() + " must lie after the Dagtekening " +
                 dag.ToString());
    }
  }
  CheckNoStacking(
      c, "TR410", v.nieuwe_producten, base, "NieuweProducten", "NieuwProduct",
      [](const NieuwProduct& p) {
        return Span{p.gewenste_ingangsdatum, p.einddatum};
      },
      [](const NieuwProduct& p) { return p.product; }, [](const NieuwProduct&) { return false; });
}

}  // namespace sluis::codecs::rules
