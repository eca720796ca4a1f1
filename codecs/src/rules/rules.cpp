#include "sluis/codecs/rules.h"

#include "rules/checker.h"

namespace sluis::codecs {
namespace rules {

void CheckBsn(Checker& c, const Bsn& bsn, const std::string& location) {
  if (!PassesElfproef(bsn.str())) {
    c.Fail("CS002", location, "Bsn '" + bsn.str() + "' does not pass the 11-proef");
  }
}

void CheckAge(Checker& c, const Geboortedatum& g, Date dagtekening, const std::string& loc) {
  // TR002: at most 120 years before the Dagtekening, unless the date is unknown
  // (DatumGebruik 3 with Datum 1900-01-01).
  if (g.datum_gebruik == "3" && g.datum == *Date::Make(1900, 1, 1)) return;
  if (g.datum < dagtekening.AddMonths(-120 * 12)) {
    c.Fail("TR002", loc + "/Datum",
           "Geboortedatum " + g.datum.ToString() +
               " lies more than 120 years before the "
               "Dagtekening " +
               dagtekening.ToString());
  }
}

void CheckNotAfter(Checker& c, std::string_view rule, Date value, Date dagtekening,
                   const std::string& location, std::string_view what) {
  if (value > dagtekening) {
    c.Fail(rule, location,
           std::string(what) + " " + value.ToString() + " lies after the Dagtekening " +
               dagtekening.ToString());
  }
}

}  // namespace rules

Error RuleViolation::ToError() const {
  return MakeError(ErrorKind::kRule, rule, message, location);
}

std::vector<RuleViolation> CheckLevel2(const Bericht& bericht) {
  std::vector<RuleViolation> out;
  rules::Checker c(out);
  std::visit(
      [&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, Bericht301>) rules::CheckToewijzing(c, b);
        if constexpr (std::is_same_v<B, Bericht305>) rules::CheckStart(c, b);
        if constexpr (std::is_same_v<B, Bericht307>) rules::CheckStop(c, b);
        if constexpr (std::is_same_v<B, Bericht315>) rules::CheckVerzoekOmToewijzing(c, b);
        if constexpr (std::is_same_v<B, Bericht317>) rules::CheckVerzoekOmWijziging(c, b);
        if constexpr (std::is_same_v<B, Bericht323>) rules::CheckDeclaratie(c, b);
        if constexpr (std::is_same_v<B, Bericht325>) rules::CheckDeclaratieAntwoord(c, b);
        // Retours (302, 306, ...) and the 319: only the 11-proef on the client they carry.
        if constexpr (std::is_same_v<B, Bericht302> || std::is_same_v<B, Bericht306> ||
                      std::is_same_v<B, Bericht308> || std::is_same_v<B, Bericht316> ||
                      std::is_same_v<B, Bericht318>) {
          if (b.client) rules::CheckBsn(c, b.client->bsn, "/Bericht/Client/Bsn");
        }
      },
      bericht);
  return out;
}

std::vector<std::string_view> Level2Rules(BerichtType t) {
  switch (t) {
    case BerichtType::k301:
      return {"CS002", "TR002", "TR006", "TR061", "TR101", "TR134", "TR302", "CD041",
              "CD075", "CD076", "CD077", "CD079", "CS335", "CS336", "CS338"};
    case BerichtType::k305:
      return {"CS002", "TR002", "TR101", "TR134", "OP033x2"};
    case BerichtType::k307:
      return {"CS002", "TR002", "TR018", "TR101", "TR134", "OP033x2"};
    case BerichtType::k315:
      return {"CS002", "TR002", "TR134", "TR383", "TR386"};
    case BerichtType::k317:
      return {"CS002", "TR101", "TR352", "TR353", "TR380", "TR410"};
    case BerichtType::k323:
      return {"CS002", "CS319", "CS340", "CS100", "CS337", "TR134", "TR137", "TR335", "CD087",
              "CS339", "CD060", "CS325", "TR358", "TR315", "TR316", "TR416", "TR101"};
    case BerichtType::k325:
      return {"CS002", "CS325", "TR101", "TR342"};
    case BerichtType::k302:
    case BerichtType::k306:
    case BerichtType::k308:
    case BerichtType::k316:
    case BerichtType::k318:
      return {"CS002"};
    default:
      return {};
  }
}

}  // namespace sluis::codecs
