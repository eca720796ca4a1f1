#include "sluis/workflow/toewijzing.h"

#include <algorithm>

namespace sluis::workflow {

using codecs::Client301;
using codecs::Contact;
using codecs::ToegewezenProduct;

namespace {

// TR061: the client's address is a contact of Soort 01 (BRP), 02 (correspondentie) or 03
// (verblijf); prefer them in that order.
const Contact* AddressContact(const Client301& c) {
  for (const char* soort : {"01", "02", "03"}) {
    for (const Contact& contact : c.contactgegevens) {
      if (contact.soort == soort) return &contact;
    }
  }
  return c.contactgegevens.empty() ? nullptr : &c.contactgegevens.front();
}

}  // namespace

Toewijzing301 FromBericht301(const codecs::Bericht301& b) {
  Toewijzing301 out;
  const Client301& c = b.client;
  ClientGegevens& g = out.client;
  g.gemeente = b.header.gemeente;
  g.domein = b.domein;
  g.bsn = c.bsn;
  g.geboortedatum = c.geboortedatum.datum;
  g.geboortedatum_gebruik = c.geboortedatum.datum_gebruik.value_or("1");
  g.geslacht = c.geslacht;
  g.achternaam = c.naam.geslachtsnaam.achternaam;
  g.voorvoegsel = c.naam.geslachtsnaam.voorvoegsel;
  g.voorletters = c.naam.voorletters;
  g.naam_gebruik = c.naam.naam_gebruik;
  if (const Contact* contact = AddressContact(c)) {
    g.adres_soort = contact->soort;
    if (contact->adres) {
      const codecs::Adres& a = *contact->adres;
      if (a.huis) {
        g.huisnummer = a.huis->huisnummer;
        g.huisletter = a.huis->huisletter;
        g.huisnummer_toevoeging = a.huis->huisnummer_toevoeging;
      }
      g.postcode = a.postcode;
      g.straatnaam = a.straatnaam;
      g.plaatsnaam = a.plaatsnaam;
    }
  }
  for (const Contact& contact : c.contactgegevens) {
    if (contact.telefoon) {
      g.telefoon = contact.telefoon->telefoon01.telefoonnummer;
      break;
    }
  }
  for (const ToegewezenProduct& p : c.toegewezen_producten) {
    ToewijzingVersie v;
    v.gemeente = b.header.gemeente;
    v.domein = b.domein;
    v.nummer = p.toewijzing_nummer;
    v.agb = b.header.aanbieder;
    v.bsn = c.bsn;
    v.product = p.product;
    v.toewijzingsdatum = p.toewijzingsdatum;
    v.toewijzingstijd = p.toewijzingstijd;
    v.ingangsdatum = p.ingangsdatum;
    v.einddatum = p.einddatum;
    v.reden_wijziging = p.reden_wijziging;
    v.omvang = p.omvang;
    v.budget = p.budget;
    v.referentie_aanbieder = p.referentie_aanbieder;
    v.commentaar = p.commentaar;
    out.versies.push_back(std::move(v));
  }
  return out;
}

codecs::Bericht301 MaakBericht301(const ClientGegevens& g,
                                  const std::vector<ToewijzingVersie>& actueel,
                                  std::string identificatie, codecs::Date dagtekening,
                                  codecs::XsdVersie xsd_versie) {
  codecs::Bericht301 b;
  b.domein = g.domein;
  b.header.gemeente = g.gemeente;
  if (!actueel.empty()) b.header.aanbieder = actueel.front().agb;
  b.header.bericht_identificatie = {std::move(identificatie), dagtekening};
  b.header.xsd_versie = std::move(xsd_versie);

  Client301& c = b.client;
  c.bsn = g.bsn;
  c.geboortedatum.datum = g.geboortedatum;
  if (g.geboortedatum_gebruik != "1") c.geboortedatum.datum_gebruik = g.geboortedatum_gebruik;
  c.geslacht = g.geslacht;
  c.naam.geslachtsnaam.achternaam = g.achternaam;
  c.naam.geslachtsnaam.voorvoegsel = g.voorvoegsel;
  c.naam.voorletters = g.voorletters;
  c.naam.naam_gebruik = g.naam_gebruik;
  Contact contact;
  contact.soort = g.adres_soort;
  if (g.postcode || g.straatnaam || g.plaatsnaam || g.huisnummer) {
    codecs::Adres& a = contact.adres.emplace();
    if (g.huisnummer) {
      a.huis = codecs::Huis{*g.huisnummer, g.huisletter, g.huisnummer_toevoeging, std::nullopt};
    }
    a.postcode = g.postcode;
    a.straatnaam = g.straatnaam;
    a.plaatsnaam = g.plaatsnaam;
  }
  if (g.telefoon) contact.telefoon = codecs::Telefoonnummers{{*g.telefoon, "0031"}, std::nullopt};
  c.contactgegevens.push_back(std::move(contact));

  std::vector<const ToewijzingVersie*> sorted;
  for (const ToewijzingVersie& v : actueel) sorted.push_back(&v);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* x, const auto* y) { return x->nummer.value() < y->nummer.value(); });
  for (const ToewijzingVersie* v : sorted) {
    ToegewezenProduct p;
    p.toewijzing_nummer = v->nummer;
    p.referentie_aanbieder = v->referentie_aanbieder;
    p.product = v->product;
    p.toewijzingsdatum = v->toewijzingsdatum;
    p.toewijzingstijd = v->toewijzingstijd;
    p.ingangsdatum = v->ingangsdatum;
    p.einddatum = v->einddatum;
    p.reden_wijziging = v->reden_wijziging;
    p.omvang = v->omvang;
    p.budget = v->budget;
    p.commentaar = v->commentaar;
    c.toegewezen_producten.push_back(std::move(p));
  }
  return b;
}

}  // namespace sluis::workflow
