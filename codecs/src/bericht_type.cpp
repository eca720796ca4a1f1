#include "sluis/codecs/bericht_type.h"

#include <string>

namespace sluis::codecs {
namespace {

struct Row {
  BerichtType type;
  int nummer;
  std::string_view wmo_code, jw_code;
  std::string_view wmo_functie, jw_functie;
  std::string_view wmo_ns, jw_ns;
  bool retour;
  bool gemeente_afzender;
  bool gemeente_receives;
};

#define SLUIS_NS(d, m) "http://www.istandaarden.nl/" d "/3_2/" m "/schema"
constexpr Row kRows[] = {
    {BerichtType::k301, 301, "414", "436", "WMO301", "JW301", SLUIS_NS("iwmo", "wmo301"),
     SLUIS_NS("ijw", "jw301"), false, true, false},
    {BerichtType::k302, 302, "415", "437", "WMO302", "JW302", SLUIS_NS("iwmo", "wmo302"),
     SLUIS_NS("ijw", "jw302"), true, true, true},
    {BerichtType::k305, 305, "418", "438", "WMO305", "JW305", SLUIS_NS("iwmo", "wmo305"),
     SLUIS_NS("ijw", "jw305"), false, false, true},
    {BerichtType::k306, 306, "419", "439", "WMO306", "JW306", SLUIS_NS("iwmo", "wmo306"),
     SLUIS_NS("ijw", "jw306"), true, false, false},
    {BerichtType::k307, 307, "420", "440", "WMO307", "JW307", SLUIS_NS("iwmo", "wmo307"),
     SLUIS_NS("ijw", "jw307"), false, false, true},
    {BerichtType::k308, 308, "421", "441", "WMO308", "JW308", SLUIS_NS("iwmo", "wmo308"),
     SLUIS_NS("ijw", "jw308"), true, false, false},
    {BerichtType::k315, 315, "444", "446", "WMO315", "JW315", SLUIS_NS("iwmo", "wmo315"),
     SLUIS_NS("ijw", "jw315"), false, false, true},
    {BerichtType::k316, 316, "445", "447", "WMO316", "JW316", SLUIS_NS("iwmo", "wmo316"),
     SLUIS_NS("ijw", "jw316"), true, false, false},
    {BerichtType::k317, 317, "480", "486", "WMO317", "JW317", SLUIS_NS("iwmo", "wmo317"),
     SLUIS_NS("ijw", "jw317"), false, false, true},
    {BerichtType::k318, 318, "481", "487", "WMO318", "JW318", SLUIS_NS("iwmo", "wmo318"),
     SLUIS_NS("ijw", "jw318"), true, false, false},
    {BerichtType::k319, 319, "482", "488", "WMO319", "JW319", SLUIS_NS("iwmo", "wmo319"),
     SLUIS_NS("ijw", "jw319"), false, true, false},
    {BerichtType::k320, 320, "483", "489", "WMO320", "JW320", SLUIS_NS("iwmo", "wmo320"),
     SLUIS_NS("ijw", "jw320"), true, true, true},
    {BerichtType::k323, 323, "484", "490", "WMO323", "JW323", SLUIS_NS("iwmo", "wmo323"),
     SLUIS_NS("ijw", "jw323"), false, false, true},
    {BerichtType::k325, 325, "485", "491", "WMO325", "JW325", SLUIS_NS("iwmo", "wmo325"),
     SLUIS_NS("ijw", "jw325"), false, true, false},
};
#undef SLUIS_NS

const Row& RowOf(BerichtType t) { return kRows[static_cast<int>(t)]; }

}  // namespace

int Nummer(BerichtType t) { return RowOf(t).nummer; }

std::optional<BerichtType> FromNummer(int n) {
  for (const Row& r : kRows) {
    if (r.nummer == n) return r.type;
  }
  return std::nullopt;
}

std::string_view BerichtCode(Domein d, BerichtType t) {
  return d == Domein::kWmo ? RowOf(t).wmo_code : RowOf(t).jw_code;
}

std::optional<std::pair<Domein, BerichtType>> FromBerichtCode(std::string_view code) {
  for (const Row& r : kRows) {
    if (r.wmo_code == code) return std::make_pair(Domein::kWmo, r.type);
    if (r.jw_code == code) return std::make_pair(Domein::kJeugd, r.type);
  }
  return std::nullopt;
}

std::string_view Functie(Domein d, BerichtType t) {
  return d == Domein::kWmo ? RowOf(t).wmo_functie : RowOf(t).jw_functie;
}

std::optional<std::pair<Domein, BerichtType>> FromFunctie(std::string_view f) {
  for (const Row& r : kRows) {
    if (r.wmo_functie == f) return std::make_pair(Domein::kWmo, r.type);
    if (r.jw_functie == f) return std::make_pair(Domein::kJeugd, r.type);
  }
  return std::nullopt;
}

std::string_view DomeinName(Domein d) { return d == Domein::kWmo ? "wmo" : "jeugd"; }

std::optional<Domein> ParseDomeinName(std::string_view name) {
  if (name == "wmo") return Domein::kWmo;
  if (name == "jeugd") return Domein::kJeugd;
  return std::nullopt;
}

bool IsRetour(BerichtType t) { return RowOf(t).retour; }

std::optional<BerichtType> RetourOf(BerichtType heen) {
  switch (heen) {
    case BerichtType::k301:
      return BerichtType::k302;
    case BerichtType::k305:
      return BerichtType::k306;
    case BerichtType::k307:
      return BerichtType::k308;
    case BerichtType::k315:
      return BerichtType::k316;
    case BerichtType::k317:
      return BerichtType::k318;
    case BerichtType::k319:
      return BerichtType::k320;
    default:
      return std::nullopt;
  }
}

std::optional<BerichtType> HeenOf(BerichtType retour) {
  for (BerichtType t : kAllBerichtTypes) {
    if (RetourOf(t) == retour) return t;
  }
  return std::nullopt;
}

bool GemeenteIsAfzender(BerichtType t) { return RowOf(t).gemeente_afzender; }
bool GemeenteReceives(BerichtType t) { return RowOf(t).gemeente_receives; }

std::string_view BasisNamespace(Domein d) {
  return d == Domein::kWmo ? "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
                           : "http://www.istandaarden.nl/ijw/3_2/basisschema/schema";
}

std::string_view MessageNamespace(Domein d, BerichtType t) {
  return d == Domein::kWmo ? RowOf(t).wmo_ns : RowOf(t).jw_ns;
}

std::optional<std::pair<Domein, BerichtType>> FromMessageNamespace(std::string_view ns) {
  for (const Row& r : kRows) {
    if (r.wmo_ns == ns) return std::make_pair(Domein::kWmo, r.type);
    if (r.jw_ns == ns) return std::make_pair(Domein::kJeugd, r.type);
  }
  return std::nullopt;
}

}  // namespace sluis::codecs
