#include "sluis/codecs/answer.h"

namespace sluis::codecs {

RetourHeader MakeRetourHeader(const Header& heen, const AnswerIdentity& a, RetourCodes codes) {
  RetourHeader h;
  h.heen = heen;  // IV028: everything, Afzender and Ontvanger included, copied unchanged
  h.identificatie_retour = a.identificatie;
  h.dagtekening_retour = a.dagtekening;
  h.xslt_versie = a.xslt_versie;
  h.xsd_versie_retour = a.xsd_versie;
  h.retour_codes = std::move(codes);
  return h;
}

namespace {

template <class R, class H>
Bericht Make(const H& heen, const AnswerIdentity& a, RetourCodes codes) {
  R r;
  r.domein = heen.domein;
  r.header = MakeRetourHeader(heen.header, a, std::move(codes));
  return r;
}

}  // namespace

Result<Bericht> MakeHeaderOnlyRetour(const Bericht& heen, const AnswerIdentity& a,
                                     RetourCodes codes) {
  return std::visit(
      [&](const auto& b) -> Result<Bericht> {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, Bericht301>) return Make<Bericht302>(b, a, codes);
        if constexpr (std::is_same_v<B, Bericht305>) return Make<Bericht306>(b, a, codes);
        if constexpr (std::is_same_v<B, Bericht307>) return Make<Bericht308>(b, a, codes);
        if constexpr (std::is_same_v<B, Bericht315>) return Make<Bericht316>(b, a, codes);
        if constexpr (std::is_same_v<B, Bericht317>) return Make<Bericht318>(b, a, codes);
        if constexpr (std::is_same_v<B, Bericht319>) return Make<Bericht320>(b, a, codes);
        return MakeError(ErrorKind::kUnsupported, "RETOUR",
                         std::to_string(Nummer(TypeOf(heen))) + " has no retourbericht");
      },
      heen);
}

Bericht325 MakeHeaderOnly325(const Bericht323& d, const AnswerIdentity& a, RetourCodes codes) {
  Bericht325 r;
  r.domein = d.domein;
  r.header.header.gemeente = d.header.gemeente;
  r.header.header.aanbieder = d.header.aanbieder;
  r.header.header.bericht_identificatie = {a.identificatie, a.dagtekening};
  r.header.header.xsd_versie = a.xsd_versie;
  r.header.declaratie_identificatie = d.header.bericht_identificatie;  // TR337
  r.header.xslt_versie = a.xslt_versie;
  r.header.xsd_versie_declaratie = d.header.xsd_versie;  // TR371
  r.header.retour_codes = std::move(codes);
  return r;
}

}  // namespace sluis::codecs
