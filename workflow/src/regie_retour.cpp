// The retours 306/308/316/318 (IV028, OP065) and the checks on the 301/319 we send after a
// verzoek (TR379, TR355, TR359, TR360, TR365).
#include <cassert>

#include "sluis/workflow/regie.h"

namespace sluis::workflow {

using codecs::RetourCodes;

namespace {

const RetourCodes k0200 = {"0200"};
const RetourCodes k0233 = {"0233"};

// A class's codes in the retour: its own, 0233 when a class above it was rejected (it was not
// assessed), else 0200.
RetourCodes ClassCodes(const RetourCodes& own, bool parent_rejected) {
  if (!own.empty()) return own;
  return parent_rejected ? k0233 : k0200;
}

template <class Retour, class Heen, class Fill>
codecs::Bericht Build(const Heen& heen, const RegieOordeel& o, const codecs::AnswerIdentity& a,
                      Fill fill) {
  Retour r;
  r.domein = heen.domein;
  if (!o.header_codes.empty()) {
    r.header = codecs::MakeRetourHeader(heen.header, a, o.header_codes);
  } else if (!o.Afgekeurd()) {
    r.header = codecs::MakeRetourHeader(heen.header, a, {});  // fully approved: header only
  } else {
    r.header = codecs::MakeRetourHeader(heen.header, a, k0200);
    fill(r);  // OP065: the one client (a regie message has one) with every class
  }
  return r;
}

template <class Client>
void FillProducts(Client& c, const RegieOordeel& o, bool parent_rejected) {
  assert(c.producten.size() == o.producten.size());
  for (size_t i = 0; i < c.producten.size(); ++i) {
    c.producten[i].retour_codes = ClassCodes(o.producten[i], parent_rejected);
  }
}

}  // namespace

codecs::Bericht MaakRetour(const codecs::Bericht& heen, const RegieOordeel& o,
                           const codecs::AnswerIdentity& a) {
  return std::visit(
      [&](const auto& b) -> codecs::Bericht {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, codecs::Bericht305>) {
          return Build<codecs::Bericht306>(b, o, a, [&](codecs::Bericht306& r) {
            auto& c = r.client.emplace(b.client);
            c.retour_codes = ClassCodes(o.client_codes, false);
            FillProducts(c, o, !o.client_codes.empty());
          });
        } else if constexpr (std::is_same_v<B, codecs::Bericht307>) {
          return Build<codecs::Bericht308>(b, o, a, [&](codecs::Bericht308& r) {
            auto& c = r.client.emplace(b.client);
            c.retour_codes = ClassCodes(o.client_codes, false);
            FillProducts(c, o, !o.client_codes.empty());
          });
        } else if constexpr (std::is_same_v<B, codecs::Bericht315>) {
          return Build<codecs::Bericht316>(b, o, a, [&](codecs::Bericht316& r) {
            auto& c = r.client.emplace(b.client);
            c.retour_codes = ClassCodes(o.client_codes, false);
            const bool rejected = !o.client_codes.empty();
            assert(c.aangevraagde_producten.size() == o.producten.size());
            for (size_t i = 0; i < c.aangevraagde_producten.size(); ++i) {
              c.aangevraagde_producten[i].retour_codes = ClassCodes(o.producten[i], rejected);
            }
          });
        } else if constexpr (std::is_same_v<B, codecs::Bericht317>) {
          return Build<codecs::Bericht318>(b, o, a, [&](codecs::Bericht318& r) {
            auto& c = r.client.emplace(b.client);
            c.retour_codes = ClassCodes(o.client_codes, false);
            codecs::Verzoek& v = c.verzoek;
            v.retour_codes = ClassCodes(o.verzoek_codes, !o.client_codes.empty());
            const bool rejected = !o.client_codes.empty() || !o.verzoek_codes.empty();
            size_t i = 0;
            for (auto& p : v.ongewijzigde_producten) {
              p.retour_codes = ClassCodes(o.producten.at(i++), rejected);
            }
            for (auto& p : v.te_wijzigen_producten) {
              p.retour_codes = ClassCodes(o.producten.at(i++), rejected);
            }
            for (auto& p : v.nieuwe_producten) {
              p.retour_codes = ClassCodes(o.producten.at(i++), rejected);
            }
          });
        } else {
          assert(false && "MaakRetour: not a 305, 307, 315 or 317");
          return heen;
        }
      },
      heen);
}

namespace regel {

bool TR355_AntwoordZonderVerzoek(const VerzoekStand* stand) { return stand == nullptr; }

bool TR359_AlToegewezen(const VerzoekStand& stand) { return stand.toegewezen; }

bool TR360_TweedeOnderzoek(const VerzoekStand& stand, const std::string& antw) {
  return antw == "2" && stand.in_onderzoek;
}

bool TR365_AlAfgewezen(const VerzoekStand& stand) { return stand.afgewezen; }

bool TR379_ReferentieOnterecht(const VerzoekStand* stand) {
  return stand == nullptr || stand->toegewezen || stand->afgewezen;
}

}  // namespace regel

RetourCodes ControleerAntwoord(const VerzoekStand* stand, const std::string& antwoord) {
  if (regel::TR355_AntwoordZonderVerzoek(stand)) return {"9355"};
  RetourCodes out;
  if (regel::TR359_AlToegewezen(*stand)) out.push_back("9359");
  if (regel::TR360_TweedeOnderzoek(*stand, antwoord)) out.push_back("9360");
  if (regel::TR365_AlAfgewezen(*stand)) out.push_back("9365");
  return out;
}

RetourCodes ControleerToewijzing(const VerzoekStand* stand) {
  if (stand && regel::TR359_AlToegewezen(*stand)) return {"9359"};
  if (regel::TR379_ReferentieOnterecht(stand)) return {"9379"};
  return {};
}

codecs::Bericht319 MaakBericht319(codecs::Domein domein, const codecs::GemeenteCode& gemeente,
                                  const AgbCode& agb, std::string referentie_aanbieder,
                                  std::string antwoord, std::optional<std::string> reden,
                                  std::optional<codecs::GemeenteCode> woonplaatsbeginsel,
                                  std::string identificatie, Date dagtekening,
                                  codecs::XsdVersie xsd_versie) {
  codecs::Bericht319 b;
  b.domein = domein;
  b.header.gemeente = gemeente;
  b.header.aanbieder = agb;
  b.header.bericht_identificatie = {std::move(identificatie), dagtekening};
  b.header.xsd_versie = std::move(xsd_versie);
  b.antwoord.referentie_aanbieder = std::move(referentie_aanbieder);
  b.antwoord.verzoek_antwoord = std::move(antwoord);
  b.antwoord.reden_afwijzing_verzoek = std::move(reden);
  if (woonplaatsbeginsel && domein == codecs::Domein::kJeugd) {
    b.antwoord.woonplaatsbeginsel = codecs::Woonplaatsbeginsel{*woonplaatsbeginsel, {}};
  }
  return b;
}

}  // namespace sluis::workflow
