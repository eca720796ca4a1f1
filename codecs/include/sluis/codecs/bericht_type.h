// The iWmo/iJw 3.2 message set (istandaarden-spec §1): 14 message types per wettelijk domein,
// their BerichtCodes (COD002), namespaces and which side sends them.
#pragma once

#include <optional>
#include <string_view>

namespace sluis::codecs {

// Wettelijk domein: Wmo (iWmo) or Jeugdwet (iJw).
enum class Domein : unsigned char { kWmo, kJeugd };

enum class BerichtType : unsigned char {
  k301,
  k302,
  k305,
  k306,
  k307,
  k308,
  k315,
  k316,
  k317,
  k318,
  k319,
  k320,
  k323,
  k325,
};
inline constexpr BerichtType kAllBerichtTypes[] = {
    BerichtType::k301, BerichtType::k302, BerichtType::k305, BerichtType::k306, BerichtType::k307,
    BerichtType::k308, BerichtType::k315, BerichtType::k316, BerichtType::k317, BerichtType::k318,
    BerichtType::k319, BerichtType::k320, BerichtType::k323, BerichtType::k325};

int Nummer(BerichtType t);  // 301, 302, ...
std::optional<BerichtType> FromNummer(int nummer);
std::string_view BerichtCode(Domein d, BerichtType t);  // COD002: "414" (Wmo 301), "436" (Jw)
std::optional<std::pair<Domein, BerichtType>> FromBerichtCode(std::string_view code);
// "WMO323" / "JW325": the StUF `functie` and the schema file stem.
std::string_view Functie(Domein d, BerichtType t);
std::optional<std::pair<Domein, BerichtType>> FromFunctie(std::string_view functie);
std::string_view DomeinName(Domein d);  // "wmo" / "jeugd"
std::optional<Domein> ParseDomeinName(std::string_view name);

// A retourbericht (302, 306, 308, 316, 318, 320) echoes its heenbericht with RetourCodes.
bool IsRetour(BerichtType t);
// 301 -> 302, 305 -> 306, ...; nullopt for retours, 323 and 325.
std::optional<BerichtType> RetourOf(BerichtType heen);
std::optional<BerichtType> HeenOf(BerichtType retour);
// True when the gemeente is the Afzender in the header (301, 302, 319, 320, 325).
bool GemeenteIsAfzender(BerichtType t);
// True for what the gemeente receives (302, 305, 307, 315, 317, 320, 323).
bool GemeenteReceives(BerichtType t);

std::string_view BasisNamespace(
    Domein d);  // http://www.istandaarden.nl/iwmo/3_2/basisschema/schema
// http://www.istandaarden.nl/iwmo/3_2/wmo323/schema, .../ijw/3_2/jw323/schema
std::string_view MessageNamespace(Domein d, BerichtType t);
std::optional<std::pair<Domein, BerichtType>> FromMessageNamespace(std::string_view ns);

}  // namespace sluis::codecs
