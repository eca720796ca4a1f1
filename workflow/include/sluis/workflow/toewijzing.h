// Toewijzingen (allocated care) as Sluis keeps them, whatever way they came in: imported from
// the gemeente's current system (CSV), created or changed through the API, or carried by a 301
// (istandaarden-spec §3.1, OP087, IV013). Pure values and the conversions to and from the 301.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sluis/codecs/payload.h"

namespace sluis::workflow {

using codecs::Domein;

// What a 301 needs about the client besides the toewijzingen.
struct ClientGegevens {
  codecs::GemeenteCode gemeente;
  Domein domein = Domein::kWmo;
  codecs::Bsn bsn;
  codecs::Date geboortedatum;
  std::string geboortedatum_gebruik = "1";  // COD170: 1 = datum bekend
  std::string geslacht = "0";               // COD046: 0 onbekend, 1 man, 2 vrouw
  std::string achternaam;
  std::optional<std::string> voorvoegsel;
  std::optional<std::string> voorletters;
  std::string naam_gebruik = "1";  // COD700: eigen naam
  std::string adres_soort = "01";  // COD757: BRP-adres
  std::optional<std::string> straatnaam;
  std::optional<int64_t> huisnummer;
  std::optional<std::string> huisletter;
  std::optional<std::string> huisnummer_toevoeging;
  std::optional<std::string> postcode;
  std::optional<std::string> plaatsnaam;
  std::optional<std::string> telefoon;
  bool operator==(const ClientGegevens&) const = default;
};

// One version of a toewijzing. The current version of a ToewijzingNummer is the one with the
// latest Toewijzingsdatum + Toewijzingstijd (IV013).
struct ToewijzingVersie {
  codecs::GemeenteCode gemeente;
  Domein domein = Domein::kWmo;
  codecs::ToewijzingNummer nummer;
  codecs::AgbCode agb;
  codecs::Bsn bsn;
  std::optional<codecs::Product> product;  // absent: generiek; code absent: aspecifiek
  codecs::Date toewijzingsdatum;
  codecs::TimeOfDay toewijzingstijd;
  codecs::Date ingangsdatum;
  std::optional<codecs::Date> einddatum;
  std::optional<std::string> reden_wijziging;  // 13 = verwijderd
  std::optional<codecs::Omvang> omvang;
  std::optional<codecs::Cents> budget;
  std::optional<std::string> referentie_aanbieder;
  std::optional<std::string> commentaar;
  bool operator==(const ToewijzingVersie&) const = default;

  // IV013 ordering: is this version newer than `other`?
  bool NewerThan(const ToewijzingVersie& other) const {
    return std::tie(toewijzingsdatum, toewijzingstijd) >
           std::tie(other.toewijzingsdatum, other.toewijzingstijd);
  }
};

// A 301 taken apart: its client and every ToegewezenProduct as a version.
struct Toewijzing301 {
  ClientGegevens client;
  std::vector<ToewijzingVersie> versies;
};
Toewijzing301 FromBericht301(const codecs::Bericht301& bericht);

// The full-set 301 (OP087) for one client and one aanbieder: every current toewijzing of that
// client at that aanbieder, ordered by ToewijzingNummer. `identificatie` and `dagtekening`
// identify the message; `xsd_versie` comes from the schema set (IV034).
codecs::Bericht301 MaakBericht301(const ClientGegevens& client,
                                  const std::vector<ToewijzingVersie>& actueel,
                                  std::string identificatie, codecs::Date dagtekening,
                                  codecs::XsdVersie xsd_versie);

}  // namespace sluis::workflow
