// The fixed tables of the synthetic data: the default region, the product code lists and the
// word lists names are made from.
#include <cstdio>

#include "synthetic_internal.h"

namespace sluis::workflow::synth {
namespace {

codecs::Date D(int y, int m, int d) { return *codecs::Date::Make(y, m, d); }

ProductCode P(codecs::Domein domein, const char* code, const char* omschrijving,
              const char* eenheid, const char* tarief_eenheid, const char* frequentie, int64_t vmin,
              int64_t vmax, int64_t vstap, int64_t tarief, int gewicht) {
  ProductCode p;
  p.domein = domein;
  p.code = code;
  p.categorie = p.code.substr(0, 2);
  p.omschrijving = omschrijving;
  p.eenheid = eenheid;
  p.tarief_eenheid = tarief_eenheid;
  p.frequentie = frequentie;
  p.volume_min = vmin;
  p.volume_max = vmax;
  p.volume_stap = vstap;
  p.basis_tarief_cent = tarief;
  p.gewicht = gewicht;
  return p;
}

std::vector<ProductCode> BuildCatalog() {
  constexpr codecs::Domein W = codecs::Domein::kWmo;
  constexpr codecs::Domein J = codecs::Domein::kJeugd;
  // Units: 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82 stuks (output), 83 euro, 84 stuks
  // (inspanning). Frequentie: 1 dag, 2 week, 4 maand, 6 totaal. CS338: 14/16/83/84 never per
  // dag. Tariffs in cents per tarief_eenheid.
  return {
      P(W, "01A01", "Huishoudelijke hulp", "04", "04", "2", 2, 4, 1, 3250, 10),
      P(W, "01A02", "Huishoudelijke hulp plus", "04", "04", "2", 2, 5, 1, 3575, 3),
      P(W, "02A01", "Individuele begeleiding basis", "04", "04", "2", 2, 6, 1, 5600, 8),
      P(W, "02A02", "Individuele begeleiding specialistisch", "04", "04", "2", 1, 4, 1, 7250, 4),
      P(W, "02A03", "Individuele begeleiding per minuut", "01", "04", "2", 60, 360, 15, 5600, 4),
      P(W, "03A01", "Persoonlijke verzorging", "01", "01", "1", 15, 60, 5, 95, 4),
      P(W, "04A01", "Kortdurend verblijf (logeeropvang)", "14", "14", "4", 2, 8, 1, 14500, 2),
      P(W, "05A01", "Woondienst maaltijdservice", "82", "82", "4", 8, 30, 1, 850, 2),
      P(W, "06A01", "Clientondersteuning", "04", "04", "4", 2, 8, 1, 6100, 2),
      P(W, "07A01", "Dagbesteding basis", "16", "16", "2", 2, 6, 1, 4250, 6),
      P(W, "07A02", "Dagbesteding specialistisch", "16", "16", "2", 2, 6, 1, 6350, 3),
      P(W, "08A01", "Vervoer naar dagbesteding (rit)", "82", "82", "4", 8, 40, 1, 1875, 3),
      P(W, "09A01", "Groepsbegeleiding inloop", "16", "16", "4", 2, 8, 1, 2900, 1),
      P(W, "10A01", "Maatwerkarrangement (budget)", "83", "83", "4", 25000, 150000, 500, 1, 2),
      P(W, "11A01", "Handbewogen rolstoel (bruikleen)", "82", "82", "6", 1, 1, 1, 95000, 1),
      P(W, "12A01", "Scootmobiel (bruikleen)", "82", "82", "6", 1, 1, 1, 185000, 1),
      P(W, "13A01", "Woningaanpassing", "83", "83", "6", 150000, 1500000, 5000, 1, 1),
      P(W, "14A01", "Tillift (huur)", "84", "84", "4", 1, 1, 1, 4500, 1),
      P(W, "15A01", "Beschermd wonen", "14", "14", "4", 31, 31, 1, 13800, 2),
      P(W, "15A02", "Beschermd wonen intensief", "14", "14", "4", 31, 31, 1, 18900, 1),
      P(W, "16A01", "Maatschappelijke opvang", "14", "14", "4", 31, 31, 1, 8500, 1),
      P(W, "17A01", "Spoedopvang", "14", "14", "6", 7, 28, 1, 11200, 1),
      P(W, "18A01", "Begeleid wonen ambulant", "04", "04", "2", 2, 6, 1, 6400, 2),
      P(J, "40A01", "Persoonlijke verzorging jeugd", "04", "04", "2", 1, 4, 1, 5800, 2),
      P(J, "40A02", "Persoonlijke verzorging jeugd per minuut", "01", "01", "1", 15, 45, 5, 98, 1),
      P(J, "41A01", "Dagbehandeling jeugd", "16", "16", "2", 2, 8, 1, 9800, 3),
      P(J, "42A01", "Vervoer jeugdhulp (rit)", "82", "82", "4", 8, 40, 1, 2200, 2),
      P(J, "43A01", "Verblijf met behandeling licht", "14", "14", "4", 31, 31, 1, 24500, 1),
      P(J, "43A02", "Verblijf met behandeling zwaar", "14", "14", "4", 31, 31, 1, 39500, 1),
      P(J, "44A01", "Pleegzorg", "14", "14", "4", 31, 31, 1, 5200, 2),
      P(J, "44A02", "Gezinshuis", "14", "14", "4", 31, 31, 1, 17500, 1),
      P(J, "45A01", "Jeugdhulp ambulant", "04", "04", "2", 1, 4, 1, 8900, 10),
      P(J, "45A02", "Jeugdhulp ambulant specialistisch", "04", "04", "2", 1, 3, 1, 11200, 5),
      P(J, "45A03", "Jeugdhulp ambulant per minuut", "01", "04", "2", 60, 240, 15, 8900, 3),
      P(J, "46A01", "Crisisopvang jeugd", "14", "14", "6", 7, 28, 1, 29500, 1),
      P(J, "47A01", "Jeugdreclassering", "84", "84", "4", 1, 1, 1, 165000, 1),
      P(J, "48A01", "Ondertoezichtstelling", "84", "84", "4", 1, 1, 1, 135000, 1),
      P(J, "49A01", "Preventief justitieel traject", "04", "04", "6", 10, 40, 1, 7600, 1),
      P(J, "50A01", "Maatwerkarrangement jeugd (budget)", "83", "83", "4", 50000, 300000, 1000, 1,
        1),
      P(J, "51A01", "Generalistische basis-ggz kort", "82", "82", "6", 1, 1, 1, 52000, 1),
      P(J, "52A01", "Specialistische ggz behandeling", "01", "01", "2", 60, 180, 15, 190, 2),
      P(J, "53A01", "Kindergeneeskundige behandeling", "04", "04", "6", 4, 12, 1, 9500, 1),
      P(J, "54A01", "Jeugd-ggz behandeling", "01", "01", "4", 240, 720, 30, 185, 2),
      P(J, "55A01", "Landelijk ingekochte zorg verblijf", "14", "14", "4", 31, 31, 1, 42000, 1),
  };
}

}  // namespace

std::vector<Gemeente> DefaultGemeenten() {
  const codecs::Date old = D(1900, 1, 1);
  return {
      {codecs::GemeenteCode("0363"), "Amsterdam", old, std::nullopt, 1011, 1109},
      {codecs::GemeenteCode("0362"), "Amstelveen", old, std::nullopt, 1180, 1189},
      {codecs::GemeenteCode("0384"), "Diemen", old, std::nullopt, 1110, 1113},
      {codecs::GemeenteCode("0437"), "Ouder-Amstel", old, std::nullopt, 1190, 1191},
      {codecs::GemeenteCode("0358"), "Aalsmeer", old, std::nullopt, 1430, 1433},
      {codecs::GemeenteCode("0451"), "Uithoorn", old, std::nullopt, 1420, 1424},
      // Merged into Amsterdam on 24 March 2022 (gemeentelijke herindeling).
      {codecs::GemeenteCode("0457"), "Weesp", old, D(2022, 3, 23), 1380, 1384},
  };
}

const std::vector<ProductCode>& ProductCatalog() {
  static const std::vector<ProductCode> catalog = BuildCatalog();
  return catalog;
}

std::string_view VariantName(Variant v) {
  switch (v) {
    case Variant::kPerDag:
      return "per_dag";
    case Variant::kPerWeek:
      return "per_week";
    case Variant::kPerMaand:
      return "per_maand";
    case Variant::kTotaal:
      return "totaal";
    case Variant::kAspecifiek:
      return "aspecifiek";
    case Variant::kGeneriek:
      return "generiek";
  }
  return "?";
}

namespace internal {

std::string_view EuroProductCode(codecs::Domein d) {
  return d == codecs::Domein::kWmo ? "10A01" : "50A01";
}

std::string Padded(uint64_t value, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(value));
  return buf;
}

const std::vector<std::string_view>& Achternamen() {
  static const std::vector<std::string_view> v = {
      "Jansen",    "Bakker",    "Visser",     "Smit",     "Meijer",    "Mulder",   "Bos",
      "Vos",       "Peters",    "Hendriks",   "Dekker",   "Brouwer",   "Dijkstra", "Smits",
      "Kok",       "Jacobs",    "Vermeulen",  "Willems",  "Koster",    "Prins",    "Huisman",
      "Kuipers",   "Post",      "Kramer",     "Schouten", "Hoekstra",  "Veenstra", "Wouters",
      "Maas",      "Verhoeven", "Koning",     "Boersma",  "Postma",    "Hermans",  "Goossens",
      "Schipper",  "Evers",     "Timmermans", "Groen",    "Molenaar",  "Blom",     "Kuiper",
      "Claassen",  "Wijnands",  "Terpstra",   "Zwart",    "Verbeek",   "Lammers",  "Oosterhout",
      "Rademaker", "Siebers",   "Tuinman",    "Veldkamp", "Wesselink", "Zijlstra", "Ahmadi",
      "Bouali",    "Yilmaz",    "Kaya",       "Nguyen",   "Pinas",     "Ramdin",   "Sital",
  };
  return v;
}

const std::vector<std::string_view>& Straatnamen() {
  static const std::vector<std::string_view> v = {
      "Lindelaan",        "Kastanjestraat", "Beukenhof",      "Esdoornweg",     "Wilgenpad",
      "Populierenkade",   "Meidoornplein",  "Vlierstraat",    "Hazelaarhof",    "Berkenlaan",
      "Eikenweg",         "Iepenstraat",    "Lijsterbeslaan", "Vogelkersweg",   "Sparrenhof",
      "Dennenstraat",     "Acaciaplein",    "Magnoliastraat", "Seringenlaan",   "Rozenhof",
      "Tulpstraat",       "Narcissenweg",   "Krokuspad",      "Zonnebloemkade", "Klaproosstraat",
      "Korenbloemlaan",   "Madeliefhof",    "Boterbloemweg",  "Lavendelpad",    "Salieplein",
      "Reigersbekstraat", "Kievitlaan",     "Meeuwenhof",     "Zwaluwstraat",   "Merelpad",
      "Spreeuwenkade",
  };
  return v;
}

const std::vector<std::string_view>& AanbiederNamen() {
  // One name holds a comma, one an apostrophe: the CSV quoting is exercised.
  static const std::vector<std::string_view> v = {
      "Zorggroep De Linde",        "Thuiszorg Amstelland",   "Stichting Wonen, Werken en Welzijn",
      "Jeugdhulp 't Kompas",       "Begeleiding Op Maat",    "Dagbesteding De Werkplaats",
      "Huishoudelijke Hulp Noord", "Jeugdzorg Het Anker",    "Zorgcooperatie Samen Verder",
      "Stichting Het Baken",       "Wijkzorg De Brug",       "Gezinshuizen Het Nest",
      "Ambulante Hulp Amstel",     "Zorgboerderij De Hoeve", "Stichting Beschermd Thuis",
      "Jeugd-ggz De Horizon",
  };
  return v;
}

}  // namespace internal
}  // namespace sluis::workflow::synth
