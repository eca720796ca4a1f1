// Private to codecs/: the structure of every iWmo/iJw 3.2 class, written once and walked by
// both the reader (parse) and the writer (encode). Each Visit lists the children of one XSD
// complex type in sequence order. A visitor V provides:
//   Leaf(name, x)              simple-typed child (x may be std::optional: minOccurs 0)
//   Child(name, x)             complex child (x may be std::optional)
//   List(wrapper, item, xs, wrapper_optional)   Wrapper/Item[1..n] as a std::vector
//   Retour(codes)              RetourCodes of a class: only in a retour (and the 325)
//   Codes(codes, required)     a RetourCodes element wherever it appears (headers)
//   jeugd()                    true for iJw (fields that exist only in the iJw schemas)
// Whether a struct's children are in the basisschema or the message namespace is a property
// of the struct: kBasisType<T> is true for the CDT_* types of the basisschema.
#pragma once

#include <string>

#include "sluis/codecs/payload.h"

namespace sluis::codecs::payload {

template <class T>
inline constexpr bool kBasisType = false;
template <>
inline constexpr bool kBasisType<BerichtIdentificatie> = true;
template <>
inline constexpr bool kBasisType<XsdVersie> = true;
template <>
inline constexpr bool kBasisType<Geboortedatum> = true;
template <>
inline constexpr bool kBasisType<Achternaam> = true;
template <>
inline constexpr bool kBasisType<VolledigeNaam> = true;
template <>
inline constexpr bool kBasisType<VerkorteNaam> = true;
template <>
inline constexpr bool kBasisType<Communicatie> = true;
template <>
inline constexpr bool kBasisType<Huis> = true;
template <>
inline constexpr bool kBasisType<Adres> = true;
template <>
inline constexpr bool kBasisType<Telefoon> = true;
template <>
inline constexpr bool kBasisType<Telefoonnummers> = true;
template <>
inline constexpr bool kBasisType<OpenPeriode> = true;
template <>
inline constexpr bool kBasisType<GeslotenPeriode> = true;
template <>
inline constexpr bool kBasisType<Product> = true;
template <>
inline constexpr bool kBasisType<Omvang> = true;
template <>
inline constexpr bool kBasisType<Verwijzer> = true;
template <>
inline constexpr bool kBasisType<Referentie> = true;
template <>
inline constexpr bool kBasisType<BedragMetDC> = true;
template <>
inline constexpr bool kBasisType<TotaalBedragMetDC> = true;

// --- basisschema types ---

template <class V>
void Visit(V& v, BerichtIdentificatie& x) {
  v.Leaf("Identificatie", x.identificatie);
  v.Leaf("Dagtekening", x.dagtekening);
}
template <class V>
void Visit(V& v, XsdVersie& x) {
  v.Leaf("BasisschemaXsdVersie", x.basisschema_xsd_versie);
  v.Leaf("BerichtXsdVersie", x.bericht_xsd_versie);
}
template <class V>
void Visit(V& v, Geboortedatum& x) {
  v.Leaf("Datum", x.datum);
  v.Leaf("DatumGebruik", x.datum_gebruik);
}
template <class V>
void Visit(V& v, Achternaam& x) {
  v.Leaf("Achternaam", x.achternaam);
  v.Leaf("Voorvoegsel", x.voorvoegsel);
}
template <class V>
void Visit(V& v, VolledigeNaam& x) {
  v.Child("Geslachtsnaam", x.geslachtsnaam);
  v.Child("Partnernaam", x.partnernaam);
  v.Leaf("Voornamen", x.voornamen);
  v.Leaf("Voorletters", x.voorletters);
  v.Leaf("NaamGebruik", x.naam_gebruik);
}
template <class V>
void Visit(V& v, VerkorteNaam& x) {
  v.Child("Geslachtsnaam", x.geslachtsnaam);
  v.Leaf("Voornamen", x.voornamen);
  v.Leaf("Voorletters", x.voorletters);
}
template <class V>
void Visit(V& v, Communicatie& x) {
  v.Leaf("Vorm", x.vorm);
  v.Leaf("Taal", x.taal);
}
template <class V>
void Visit(V& v, Huis& x) {
  v.Leaf("Huisnummer", x.huisnummer);
  v.Leaf("Huisletter", x.huisletter);
  v.Leaf("HuisnummerToevoeging", x.huisnummer_toevoeging);
  v.Leaf("AanduidingWoonadres", x.aanduiding_woonadres);
}
template <class V>
void Visit(V& v, Adres& x) {
  v.Child("Huis", x.huis);
  v.Leaf("Postcode", x.postcode);
  v.Leaf("Straatnaam", x.straatnaam);
  v.Leaf("Plaatsnaam", x.plaatsnaam);
  v.Leaf("LandCode", x.land_code);
}
template <class V>
void Visit(V& v, Telefoon& x) {
  v.Leaf("Telefoonnummer", x.telefoonnummer);
  v.Leaf("Landnummer", x.landnummer);
}
template <class V>
void Visit(V& v, Telefoonnummers& x) {
  v.Child("Telefoon01", x.telefoon01);
  v.Child("Telefoon02", x.telefoon02);
}
template <class V>
void Visit(V& v, OpenPeriode& x) {
  v.Leaf("Begindatum", x.begindatum);
  v.Leaf("Einddatum", x.einddatum);
}
template <class V>
void Visit(V& v, GeslotenPeriode& x) {
  v.Leaf("Begindatum", x.begindatum);
  v.Leaf("Einddatum", x.einddatum);
}
template <class V>
void Visit(V& v, Product& x) {
  v.Leaf("Categorie", x.categorie);
  v.Leaf("Code", x.code);
}
template <class V>
void Visit(V& v, Omvang& x) {
  v.Leaf("Volume", x.volume);
  v.Leaf("Eenheid", x.eenheid);
  v.Leaf("Frequentie", x.frequentie);
}
template <class V>
void Visit(V& v, Verwijzer& x) {
  v.Leaf("Type", x.type);
  v.Leaf("Naam", x.naam);
  v.Leaf("ZorgverlenerCode", x.zorgverlener_code);
}
template <class V>
void Visit(V& v, Referentie& x) {
  v.Leaf("ReferentieNummer", x.referentie_nummer);
  v.Leaf("VorigReferentieNummer", x.vorig_referentie_nummer);
}
template <class V>
void Visit(V& v, BedragMetDC& x) {
  v.Leaf("Bedrag", x.bedrag);
  v.Leaf("DebetCredit", x.debet_credit);
}
template <class V>
void Visit(V& v, TotaalBedragMetDC& x) {
  v.Leaf("TotaalBedrag", x.totaal_bedrag);
  v.Leaf("DebetCredit", x.debet_credit);
}

// --- message classes ---

template <class V>
void Visit(V& v, Contact& x) {
  v.Leaf("Soort", x.soort);
  v.Child("Adres", x.adres);
  v.Leaf("Organisatie", x.organisatie);
  v.Child("Telefoon", x.telefoon);
  v.Leaf("Emailadres", x.emailadres);
  v.Child("Periode", x.periode);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Relatie& x) {
  v.Leaf("Nummer", x.nummer);
  v.Leaf("Volgorde", x.volgorde);
  v.Leaf("Soort", x.soort);
  v.Child("Geboortedatum", x.geboortedatum);
  v.Leaf("Geslacht", x.geslacht);
  v.Child("Naam", x.naam);
  v.Child("Contact", x.contact);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, ToegewezenProduct& x) {
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Leaf("ReferentieAanbieder", x.referentie_aanbieder);
  v.Child("Product", x.product);
  v.Leaf("Toewijzingsdatum", x.toewijzingsdatum);
  v.Leaf("Toewijzingstijd", x.toewijzingstijd);
  v.Leaf("Ingangsdatum", x.ingangsdatum);
  v.Leaf("Einddatum", x.einddatum);
  v.Leaf("RedenWijziging", x.reden_wijziging);
  v.Child("Omvang", x.omvang);
  v.Leaf("Budget", x.budget);
  v.Leaf("Commentaar", x.commentaar);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Client301& x) {
  v.Leaf("Bsn", x.bsn);
  v.Child("Geboortedatum", x.geboortedatum);
  v.Leaf("Geslacht", x.geslacht);
  v.Child("Naam", x.naam);
  v.Child("Communicatie", x.communicatie);
  v.Leaf("JuridischeStatus", x.juridische_status);
  v.Leaf("WettelijkeVertegenwoordiging", x.wettelijke_vertegenwoordiging);
  v.Leaf("Commentaar", x.commentaar);
  v.List("Relaties", "Relatie", x.relaties, /*wrapper_optional=*/true);
  v.List("Contactgegevens", "Contact", x.contactgegevens, false);
  v.List("ToegewezenProducten", "ToegewezenProduct", x.toegewezen_producten, false);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, StartProduct& x) {
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Child("Product", x.product);
  v.Leaf("ToewijzingIngangsdatum", x.toewijzing_ingangsdatum);
  v.Leaf("Begindatum", x.begindatum);
  v.Leaf("StatusAanlevering", x.status_aanlevering);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, StopProduct& x) {
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Child("Product", x.product);
  v.Leaf("ToewijzingIngangsdatum", x.toewijzing_ingangsdatum);
  v.Leaf("Begindatum", x.begindatum);
  v.Leaf("RedenBeeindiging", x.reden_beeindiging);
  v.Leaf("Einddatum", x.einddatum);
  v.Leaf("StatusAanlevering", x.status_aanlevering);
  v.Retour(x.retour_codes);
}
template <class V, class P>
void VisitRegieClient(V& v, RegieClient<P>& x, const char* wrapper, const char* item) {
  v.Leaf("Bsn", x.bsn);
  v.Child("Geboortedatum", x.geboortedatum);
  v.Leaf("Geslacht", x.geslacht);
  v.Child("Naam", x.naam);
  v.List(wrapper, item, x.producten, false);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Client305& x) {
  VisitRegieClient(v, x, "StartProducten", "StartProduct");
}
template <class V>
void Visit(V& v, Client307& x) {
  VisitRegieClient(v, x, "StopProducten", "StopProduct");
}
template <class V>
void Visit(V& v, AangevraagdProduct& x) {
  v.Leaf("ReferentieAanbieder", x.referentie_aanbieder);
  v.Leaf("BeschikkingNummer", x.beschikking_nummer);
  v.Child("Product", x.product);
  v.Leaf("BeschikkingIngangsdatum", x.beschikking_ingangsdatum);
  v.Leaf("ToewijzingIngangsdatum", x.toewijzing_ingangsdatum);
  v.Leaf("ToewijzingEinddatum", x.toewijzing_einddatum);
  v.Child("Omvang", x.omvang);
  v.Leaf("Budget", x.budget);
  v.Child("Verwijzer", x.verwijzer);
  v.Leaf("Raamcontract", x.raamcontract);
  v.Leaf("Commentaar", x.commentaar);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Client315& x) {
  v.Leaf("Bsn", x.bsn);
  v.Child("Geboortedatum", x.geboortedatum);
  v.Leaf("Geslacht", x.geslacht);
  v.Child("Naam", x.naam);
  if (v.jeugd()) v.Leaf("GezagsdragerBekend", x.gezagsdrager_bekend);
  v.Leaf("Commentaar", x.commentaar);
  v.List("AangevraagdeProducten", "AangevraagdProduct", x.aangevraagde_producten, false);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, OngewijzigdProduct& x) {
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, TeWijzigenProduct& x) {
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Leaf("GewensteIngangsdatum", x.gewenste_ingangsdatum);
  v.Leaf("Einddatum", x.einddatum);
  v.Child("Omvang", x.omvang);
  v.Leaf("Budget", x.budget);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, NieuwProduct& x) {
  v.Child("Product", x.product);
  v.Leaf("GewensteIngangsdatum", x.gewenste_ingangsdatum);
  v.Leaf("Einddatum", x.einddatum);
  v.Child("Omvang", x.omvang);
  v.Leaf("Budget", x.budget);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Verzoek& x) {
  v.Leaf("ReferentieAanbieder", x.referentie_aanbieder);
  v.Leaf("RedenVerzoek", x.reden_verzoek);
  v.List("OngewijzigdeProducten", "OngewijzigdProduct", x.ongewijzigde_producten, true);
  v.List("TeWijzigenProducten", "TeWijzigenProduct", x.te_wijzigen_producten, true);
  v.List("NieuweProducten", "NieuwProduct", x.nieuwe_producten, true);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Client317& x) {
  v.Leaf("Bsn", x.bsn);
  v.Child("Verzoek", x.verzoek);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Woonplaatsbeginsel& x) {
  v.Leaf("Gemeente", x.gemeente);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Antwoord& x) {
  v.Leaf("ReferentieAanbieder", x.referentie_aanbieder);
  v.Leaf("VerzoekAntwoord", x.verzoek_antwoord);
  v.Leaf("RedenAfwijzingVerzoek", x.reden_afwijzing_verzoek);
  if (v.jeugd()) v.Child("Woonplaatsbeginsel", x.woonplaatsbeginsel);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Prestatie& x) {
  v.Child("ProductReferentie", x.product_referentie);
  v.Leaf("ToewijzingNummer", x.toewijzing_nummer);
  v.Leaf("ProductCategorie", x.product_categorie);
  v.Leaf("ProductCode", x.product_code);
  v.Child("ProductPeriode", x.product_periode);
  v.Leaf("GeleverdVolume", x.geleverd_volume);
  v.Leaf("Eenheid", x.eenheid);
  v.Leaf("ProductTarief", x.product_tarief);
  v.Child("IngediendBedrag", x.ingediend_bedrag);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, DeclaratieClient& x) {
  v.Leaf("Bsn", x.bsn);
  v.List("Prestaties", "Prestatie", x.prestaties, false);
  v.Retour(x.retour_codes);
}
template <class V>
void Visit(V& v, Declaratie& x) {
  v.Leaf("DeclaratieNummer", x.declaratie_nummer);
  v.Child("DeclaratiePeriode", x.declaratie_periode);
  v.Leaf("DeclaratieDagtekening", x.declaratie_dagtekening);
  v.Child("TotaalIngediendBedrag", x.totaal_ingediend_bedrag);
  v.List("Clienten", "Client", x.clienten, false);
}
template <class V>
void Visit(V& v, DeclaratieAntwoord& x) {
  v.Leaf("DeclaratieNummer", x.declaratie_nummer);
  v.Child("TotaalIngediendBedrag", x.totaal_ingediend_bedrag);
  v.Child("TotaalToegekendBedrag", x.totaal_toegekend_bedrag);
  v.List("Clienten", "Client", x.clienten, true);
  v.Retour(x.retour_codes);
}

// --- headers: the fixed fields go through temporaries so that the reader can check them. ---

struct FixedHeaderFields {
  std::string bericht_code, bericht_versie = "3", bericht_subversie = "2";
};

template <class V>
void VisitHeader(V& v, Header& h, FixedHeaderFields& fixed, bool gemeente_is_afzender) {
  v.Leaf("BerichtCode", fixed.bericht_code);
  v.Leaf("BerichtVersie", fixed.bericht_versie);
  v.Leaf("BerichtSubversie", fixed.bericht_subversie);
  if (gemeente_is_afzender) {
    v.Leaf("Afzender", h.gemeente);
    v.Leaf("Ontvanger", h.aanbieder);
  } else {
    v.Leaf("Afzender", h.aanbieder);
    v.Leaf("Ontvanger", h.gemeente);
  }
  v.Child("BerichtIdentificatie", h.bericht_identificatie);
  v.Child("XsdVersie", h.xsd_versie);
}

template <class V>
void VisitRetourHeader(V& v, RetourHeader& h, FixedHeaderFields& fixed, bool gemeente_afzender) {
  VisitHeader(v, h.heen, fixed, gemeente_afzender);
  v.Leaf("IdentificatieRetour", h.identificatie_retour);
  v.Leaf("DagtekeningRetour", h.dagtekening_retour);
  v.Leaf("XsltVersie", h.xslt_versie);
  v.Child("XsdVersieRetour", h.xsd_versie_retour);
  v.Codes(h.retour_codes, /*required=*/false);
}

template <class V>
void VisitHeader325(V& v, Header325& h, FixedHeaderFields& fixed) {
  VisitHeader(v, h.header, fixed, /*gemeente_is_afzender=*/true);
  v.Child("DeclaratieIdentificatie", h.declaratie_identificatie);
  v.Leaf("XsltVersie", h.xslt_versie);
  v.Child("XsdVersieDeclaratie", h.xsd_versie_declaratie);
  v.Codes(h.retour_codes, /*required=*/true);
}

// The body of each message: (root-level children after the Header).
template <class V>
void VisitBody(V& v, Bericht301& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht302& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht305& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht306& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht307& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht308& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht315& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht316& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht317& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht318& b) {
  v.Child("Client", b.client);
}
template <class V>
void VisitBody(V& v, Bericht319& b) {
  v.Child("Antwoord", b.antwoord);
}
template <class V>
void VisitBody(V& v, Bericht320& b) {
  v.Child("Antwoord", b.antwoord);
}
template <class V>
void VisitBody(V& v, Bericht323& b) {
  v.Child("Declaratie", b.declaratie);
}
template <class V>
void VisitBody(V& v, Bericht325& b) {
  v.Child("DeclaratieAntwoord", b.declaratie_antwoord);
}

// Whether the classes of a message carry RetourCodes (retours and the 325).
inline bool ClassesCarryRetourCodes(BerichtType t) { return IsRetour(t) || t == BerichtType::k325; }

// Dispatches the header by message shape.
template <class V, class B>
void VisitAnyHeader(V& v, B& b, FixedHeaderFields& fixed, BerichtType t) {
  if constexpr (std::is_same_v<B, Bericht325>) {
    VisitHeader325(v, b.header, fixed);
  } else if constexpr (std::is_same_v<decltype(b.header), RetourHeader>) {
    VisitRetourHeader(v, b.header, fixed, GemeenteIsAfzender(t));
  } else {
    VisitHeader(v, b.header, fixed, GemeenteIsAfzender(t));
  }
}

}  // namespace sluis::codecs::payload
