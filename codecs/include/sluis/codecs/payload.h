// Value types for every iWmo/iJw 3.2 message (istandaarden-spec §3), parse and encode.
//
// One set of class structs serves a heenbericht and its retour: a retour (302, 306, 308, 316,
// 318, 320) echoes the heenbericht's classes and adds RetourCodes to each (IV028). In a
// heenbericht every `retour_codes` member is empty and not written. The same holds for the 323
// and the 325, whose Client and Prestatie classes carry RetourCodes in the 325 only.
//
// Field names follow the XSD element names. Optional elements are std::optional; a wrapper
// element with 1..n items (Prestaties/Prestatie) is a std::vector (empty = absent wrapper when
// the wrapper itself is optional). Codes from code lists (Eenheid, Frequentie, RedenWijziging,
// ...) stay strings exactly as sent; the XSD enumerations validate them (level 1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"
#include "sluis/codecs/types.h"

namespace sluis::codecs {

using RetourCodes = std::vector<std::string>;  // LDT_RetourCode (WJ001), e.g. "0200", "9321"

enum class DebetCredit : unsigned char { kDebet, kCredit };

// --- Basisschema complex types (CDT_*): their children are in the basisschema namespace. ---

struct BerichtIdentificatie {  // CDT_BerichtIdentificatie
  std::string identificatie;   // LDT_IdentificatieBericht, 1..12
  Date dagtekening;
  bool operator==(const BerichtIdentificatie&) const = default;
};

struct XsdVersie {  // CDT_XsdVersie
  std::string basisschema_xsd_versie;
  std::string bericht_xsd_versie;
  bool operator==(const XsdVersie&) const = default;
};

struct Geboortedatum {  // CDT_Geboortedatum
  Date datum;
  std::optional<std::string> datum_gebruik;
  bool operator==(const Geboortedatum&) const = default;
};

struct Achternaam {  // CDT_Achternaam
  std::string achternaam;
  std::optional<std::string> voorvoegsel;
  bool operator==(const Achternaam&) const = default;
};

struct VolledigeNaam {  // CDT_VolledigeNaam
  Achternaam geslachtsnaam;
  std::optional<Achternaam> partnernaam;
  std::optional<std::string> voornamen;
  std::optional<std::string> voorletters;
  std::string naam_gebruik;
  bool operator==(const VolledigeNaam&) const = default;
};

struct VerkorteNaam {  // CDT_VerkorteNaam
  Achternaam geslachtsnaam;
  std::optional<std::string> voornamen;
  std::optional<std::string> voorletters;
  bool operator==(const VerkorteNaam&) const = default;
};

struct Communicatie {  // CDT_Communicatie
  std::string vorm;
  std::optional<std::string> taal;
  bool operator==(const Communicatie&) const = default;
};

struct Huis {  // CDT_Huis
  int64_t huisnummer = 0;
  std::optional<std::string> huisletter;
  std::optional<std::string> huisnummer_toevoeging;
  std::optional<std::string> aanduiding_woonadres;
  bool operator==(const Huis&) const = default;
};

struct Adres {  // CDT_Adres
  std::optional<Huis> huis;
  std::optional<std::string> postcode;
  std::optional<std::string> straatnaam;
  std::optional<std::string> plaatsnaam;
  std::optional<std::string> land_code;
  bool operator==(const Adres&) const = default;
};

struct Telefoon {  // CDT_Telefoon
  std::string telefoonnummer;
  std::string landnummer;
  bool operator==(const Telefoon&) const = default;
};

struct Telefoonnummers {  // CDT_Telefoonnummers
  Telefoon telefoon01;
  std::optional<Telefoon> telefoon02;
  bool operator==(const Telefoonnummers&) const = default;
};

struct OpenPeriode {  // CDT_OpenPeriode
  std::optional<Date> begindatum;
  std::optional<Date> einddatum;
  bool operator==(const OpenPeriode&) const = default;
};

struct GeslotenPeriode {  // CDT_GeslotenPeriode
  Date begindatum;
  Date einddatum;
  bool operator==(const GeslotenPeriode&) const = default;
};

struct Product {          // CDT_Product
  std::string categorie;  // LDT_ProductCategorie, "01".."18" (Wmo), "31".."55" (Jw)
  std::optional<std::string> code;
  bool operator==(const Product&) const = default;
};

struct Omvang {  // CDT_Omvang
  int64_t volume = 0;
  std::string
      eenheid;  // LDT_Eenheid: 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82/84 stuks, 83 euro
  std::string frequentie;  // LDT_Frequentie: 1 dag, 2 week, 4 maand, 6 totaal
  bool operator==(const Omvang&) const = default;
};

struct Verwijzer {  // CDT_Verwijzer
  std::string type;
  std::optional<std::string> naam;
  std::optional<AgbCode> zorgverlener_code;
  bool operator==(const Verwijzer&) const = default;
};

struct Referentie {  // CDT_Referentie
  ReferentieNummer referentie_nummer;
  std::optional<ReferentieNummer> vorig_referentie_nummer;
  bool operator==(const Referentie&) const = default;
};

struct BedragMetDC {  // CDT_BedragMetDC: amount 0..99 999 999 cent, sign in DebetCredit
  Cents bedrag;
  DebetCredit debet_credit = DebetCredit::kDebet;
  Cents Signed() const { return debet_credit == DebetCredit::kCredit ? -bedrag : bedrag; }
  bool operator==(const BedragMetDC&) const = default;
};

struct TotaalBedragMetDC {  // CDT_TotaalBedragMetDC
  Cents totaal_bedrag;
  DebetCredit debet_credit = DebetCredit::kDebet;
  Cents Signed() const {
    return debet_credit == DebetCredit::kCredit ? -totaal_bedrag : totaal_bedrag;
  }
  static TotaalBedragMetDC FromSigned(Cents signed_total);  // 0 -> D (CS325)
  bool operator==(const TotaalBedragMetDC&) const = default;
};

// --- Headers. The gemeente and the aanbieder are named by role; which one is Afzender depends
// on the message type (GemeenteIsAfzender). ---

struct Header {
  GemeenteCode gemeente;  // LDT_Gemeente, 4 digits
  AgbCode aanbieder;      // LDT_AgbCode, 8 digits
  BerichtIdentificatie bericht_identificatie;
  XsdVersie xsd_versie;
  bool operator==(const Header&) const = default;
};

// A retour's header (IV028): the heenbericht's header copied, plus the retour's own identity.
struct RetourHeader {
  Header heen;  // BerichtIdentificatie and XsdVersie of the heenbericht
  std::string identificatie_retour;
  Date dagtekening_retour;
  std::optional<std::string> xslt_versie;
  XsdVersie xsd_versie_retour;
  RetourCodes retour_codes;  // [0..1]: empty = absent (a fully approved message)
  bool operator==(const RetourHeader&) const = default;
};

// The 325's header: a heenbericht header plus the identity of the 323 it answers.
struct Header325 {
  Header header;
  BerichtIdentificatie declaratie_identificatie;  // TR337: the 323's BerichtIdentificatie
  std::optional<std::string> xslt_versie;
  XsdVersie xsd_versie_declaratie;  // TR371: the 323's XsdVersie
  RetourCodes retour_codes;         // [1..1]
  bool operator==(const Header325&) const = default;
};

// --- 301/302 Toewijzing ---

struct Contact {
  std::string soort;  // LDT_AdresSoort
  std::optional<Adres> adres;
  std::optional<std::string> organisatie;
  std::optional<Telefoonnummers> telefoon;
  std::optional<std::string> emailadres;
  std::optional<OpenPeriode> periode;
  RetourCodes retour_codes;
  bool operator==(const Contact&) const = default;
};

struct Relatie {
  std::string nummer;  // LDT_Persoonsid
  std::optional<int64_t> volgorde;
  std::string soort;
  std::optional<Geboortedatum> geboortedatum;
  std::optional<std::string> geslacht;
  VolledigeNaam naam;
  Contact contact;
  RetourCodes retour_codes;
  bool operator==(const Relatie&) const = default;
};

struct ToegewezenProduct {
  ToewijzingNummer toewijzing_nummer;
  std::optional<std::string> referentie_aanbieder;  // TR379: only when honouring a 315/317
  std::optional<Product> product;
  Date toewijzingsdatum;
  TimeOfDay toewijzingstijd;
  Date ingangsdatum;
  std::optional<Date> einddatum;
  std::optional<std::string> reden_wijziging;  // 13 = verwijderd
  std::optional<Omvang> omvang;
  std::optional<Cents> budget;
  std::optional<std::string> commentaar;
  RetourCodes retour_codes;
  bool operator==(const ToegewezenProduct&) const = default;
};

struct Client301 {
  Bsn bsn;
  Geboortedatum geboortedatum;
  std::string geslacht;
  VolledigeNaam naam;
  std::optional<Communicatie> communicatie;
  std::optional<std::string> juridische_status;
  std::optional<std::string> wettelijke_vertegenwoordiging;
  std::optional<std::string> commentaar;
  std::vector<Relatie> relaties;         // Relaties [0..1] / Relatie [1..n]
  std::vector<Contact> contactgegevens;  // Contactgegevens / Contact [1..n]
  std::vector<ToegewezenProduct> toegewezen_producten;
  RetourCodes retour_codes;
  bool operator==(const Client301&) const = default;
};

// --- 305/306 Start, 307/308 Stop ---

struct StartProduct {
  std::optional<ToewijzingNummer> toewijzing_nummer;
  std::optional<Product> product;
  std::optional<Date> toewijzing_ingangsdatum;
  Date begindatum;
  std::string status_aanlevering;  // 1 eerste, 3 verwijderen, 9 n.v.t. (2 not allowed)
  RetourCodes retour_codes;
  bool operator==(const StartProduct&) const = default;
};

struct StopProduct {
  std::optional<ToewijzingNummer> toewijzing_nummer;
  std::optional<Product> product;
  std::optional<Date> toewijzing_ingangsdatum;
  Date begindatum;
  std::string reden_beeindiging;
  Date einddatum;
  std::string status_aanlevering;
  RetourCodes retour_codes;
  bool operator==(const StopProduct&) const = default;
};

template <class ProductT>
struct RegieClient {  // Client of a 305/306 (StartProduct) or 307/308 (StopProduct)
  Bsn bsn;
  Geboortedatum geboortedatum;
  std::string geslacht;
  VerkorteNaam naam;
  std::vector<ProductT> producten;  // StartProducten/StartProduct or StopProducten/StopProduct
  RetourCodes retour_codes;
  bool operator==(const RegieClient&) const = default;
};
using Client305 = RegieClient<StartProduct>;
using Client307 = RegieClient<StopProduct>;

// --- 315/316 Verzoek om toewijzing ---

struct AangevraagdProduct {
  std::string referentie_aanbieder;
  std::optional<int64_t> beschikking_nummer;
  std::optional<Product> product;
  std::optional<Date> beschikking_ingangsdatum;
  Date toewijzing_ingangsdatum;
  std::optional<Date> toewijzing_einddatum;
  std::optional<Omvang> omvang;
  std::optional<Cents> budget;
  Verwijzer verwijzer;
  std::optional<std::string> raamcontract;
  std::optional<std::string> commentaar;
  RetourCodes retour_codes;
  bool operator==(const AangevraagdProduct&) const = default;
};

struct Client315 {
  Bsn bsn;
  Geboortedatum geboortedatum;
  std::string geslacht;
  VerkorteNaam naam;
  std::optional<std::string> gezagsdrager_bekend;  // iJw only
  std::optional<std::string> commentaar;
  std::vector<AangevraagdProduct> aangevraagde_producten;
  RetourCodes retour_codes;
  bool operator==(const Client315&) const = default;
};

// --- 317/318 Verzoek om wijziging ---

struct OngewijzigdProduct {
  ToewijzingNummer toewijzing_nummer;
  RetourCodes retour_codes;
  bool operator==(const OngewijzigdProduct&) const = default;
};

struct TeWijzigenProduct {
  ToewijzingNummer toewijzing_nummer;
  Date gewenste_ingangsdatum;
  std::optional<Date> einddatum;
  std::optional<Omvang> omvang;
  std::optional<Cents> budget;
  RetourCodes retour_codes;
  bool operator==(const TeWijzigenProduct&) const = default;
};

struct NieuwProduct {
  std::optional<Product> product;
  Date gewenste_ingangsdatum;
  std::optional<Date> einddatum;
  std::optional<Omvang> omvang;
  std::optional<Cents> budget;
  RetourCodes retour_codes;
  bool operator==(const NieuwProduct&) const = default;
};

struct Verzoek {
  std::string referentie_aanbieder;
  std::string reden_verzoek;
  std::vector<OngewijzigdProduct> ongewijzigde_producten;
  std::vector<TeWijzigenProduct> te_wijzigen_producten;
  std::vector<NieuwProduct> nieuwe_producten;
  RetourCodes retour_codes;
  bool operator==(const Verzoek&) const = default;
};

struct Client317 {
  Bsn bsn;
  Verzoek verzoek;
  RetourCodes retour_codes;
  bool operator==(const Client317&) const = default;
};

// --- 319/320 Antwoordbericht ---

struct Woonplaatsbeginsel {  // iJw only
  GemeenteCode gemeente;
  RetourCodes retour_codes;
  bool operator==(const Woonplaatsbeginsel&) const = default;
};

struct Antwoord {
  std::string referentie_aanbieder;
  std::string verzoek_antwoord;  // 1 afgewezen, 2 in onderzoek
  std::optional<std::string> reden_afwijzing_verzoek;
  std::optional<Woonplaatsbeginsel> woonplaatsbeginsel;  // iJw only
  RetourCodes retour_codes;
  bool operator==(const Antwoord&) const = default;
};

// --- 323 Declaratie, 325 Declaratie-antwoord ---

struct Prestatie {
  Referentie product_referentie;
  ToewijzingNummer toewijzing_nummer;
  std::string product_categorie;
  std::string product_code;
  GeslotenPeriode product_periode;
  int64_t geleverd_volume = 0;  // eurocent when eenheid is 83
  std::string eenheid;
  std::optional<Cents> product_tarief;  // required unless eenheid 83 (CD087)
  BedragMetDC ingediend_bedrag;
  RetourCodes retour_codes;  // 325 only
  bool operator==(const Prestatie&) const = default;
};

struct DeclaratieClient {
  Bsn bsn;
  std::vector<Prestatie> prestaties;
  RetourCodes retour_codes;  // 325 only
  bool operator==(const DeclaratieClient&) const = default;
};

struct Declaratie {
  std::string declaratie_nummer;
  GeslotenPeriode declaratie_periode;
  Date declaratie_dagtekening;
  TotaalBedragMetDC totaal_ingediend_bedrag;
  std::vector<DeclaratieClient> clienten;
  bool operator==(const Declaratie&) const = default;
};

struct DeclaratieAntwoord {
  std::string declaratie_nummer;
  TotaalBedragMetDC totaal_ingediend_bedrag;
  TotaalBedragMetDC totaal_toegekend_bedrag;
  std::vector<DeclaratieClient> clienten;  // Clienten [0..1]: only rejected clients (OP304)
  RetourCodes retour_codes;
  bool operator==(const DeclaratieAntwoord&) const = default;
};

// --- The 14 messages. `domein` says iWmo or iJw; the type is the struct. ---

struct Bericht301 {
  Domein domein = Domein::kWmo;
  Header header;
  Client301 client;
  bool operator==(const Bericht301&) const = default;
};
struct Bericht302 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Client301> client;
  bool operator==(const Bericht302&) const = default;
};
struct Bericht305 {
  Domein domein = Domein::kWmo;
  Header header;
  Client305 client;
  bool operator==(const Bericht305&) const = default;
};
struct Bericht306 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Client305> client;
  bool operator==(const Bericht306&) const = default;
};
struct Bericht307 {
  Domein domein = Domein::kWmo;
  Header header;
  Client307 client;
  bool operator==(const Bericht307&) const = default;
};
struct Bericht308 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Client307> client;
  bool operator==(const Bericht308&) const = default;
};
struct Bericht315 {
  Domein domein = Domein::kWmo;
  Header header;
  Client315 client;
  bool operator==(const Bericht315&) const = default;
};
struct Bericht316 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Client315> client;
  bool operator==(const Bericht316&) const = default;
};
struct Bericht317 {
  Domein domein = Domein::kWmo;
  Header header;
  Client317 client;
  bool operator==(const Bericht317&) const = default;
};
struct Bericht318 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Client317> client;
  bool operator==(const Bericht318&) const = default;
};
struct Bericht319 {
  Domein domein = Domein::kWmo;
  Header header;
  Antwoord antwoord;
  bool operator==(const Bericht319&) const = default;
};
struct Bericht320 {
  Domein domein = Domein::kWmo;
  RetourHeader header;
  std::optional<Antwoord> antwoord;
  bool operator==(const Bericht320&) const = default;
};
struct Bericht323 {
  Domein domein = Domein::kWmo;
  Header header;
  Declaratie declaratie;
  bool operator==(const Bericht323&) const = default;
};
struct Bericht325 {
  Domein domein = Domein::kWmo;
  Header325 header;
  std::optional<DeclaratieAntwoord> declaratie_antwoord;
  bool operator==(const Bericht325&) const = default;
};

// Alternatives in BerichtType order.
using Bericht = std::variant<Bericht301, Bericht302, Bericht305, Bericht306, Bericht307, Bericht308,
                             Bericht315, Bericht316, Bericht317, Bericht318, Bericht319, Bericht320,
                             Bericht323, Bericht325>;

BerichtType TypeOf(const Bericht& b);
Domein DomeinOf(const Bericht& b);
// The heenbericht header (for a retour: the copied one; for a 325: its own).
const Header& HeaderOf(const Bericht& b);

// Parses any iWmo/iJw 3.2 message; the root element's namespace decides the type. Checks the
// structure (element order, required elements, no unknown elements), the lexical form of
// dates, times and numbers, and that BerichtCode matches the namespace. It does not run the XSD
// (ValidateXsd) or the in-message rules (CheckRules). Errors carry an XPath-like location.
Result<Bericht> ParseBericht(std::string_view xml);

// Encodes as the XSDs require: UTF-8 without BOM, CRLF line ends (OP192), message elements in
// the message namespace and children of CDT_* types in the basisschema namespace. One element
// per line without indentation, which keeps large declaraties inside the 25 MB limit (OP179).
std::string EncodeBericht(const Bericht& b);

}  // namespace sluis::codecs
