// Maak325 (IV087) and Controleer325 (TR337, TR366, TR367, TR371, TR376 on what we send).
#include <map>

#include "sluis/codecs/rules.h"
#include "sluis/workflow/declaratie.h"

namespace sluis::workflow {

using codecs::DeclaratieAntwoord;
using codecs::DeclaratieClient;
using codecs::Prestatie;
using codecs::TotaalBedragMetDC;

Bericht325 Maak325(const Bericht323& d, const Oordeel& o, const codecs::AnswerIdentity& a) {
  if (o.HeaderAfgekeurd()) return codecs::MakeHeaderOnly325(d, a, o.header_codes);
  Bericht325 r = codecs::MakeHeaderOnly325(d, a, {"0200"});
  DeclaratieAntwoord& antwoord = r.declaratie_antwoord.emplace();
  antwoord.declaratie_nummer = d.declaratie.declaratie_nummer;
  antwoord.totaal_ingediend_bedrag = d.declaratie.totaal_ingediend_bedrag;
  if (o.DeclaratieAfgekeurd()) {
    // The declaratie counts as not sent: nothing granted, no prestaties assessed or returned.
    antwoord.totaal_toegekend_bedrag = TotaalBedragMetDC::FromSigned(Cents(0));
    antwoord.retour_codes = o.declaratie_codes;
    return r;
  }
  antwoord.totaal_toegekend_bedrag = TotaalBedragMetDC::FromSigned(o.toegekend);
  bool any_rejected = false;
  for (size_t ci = 0; ci < d.declaratie.clienten.size(); ++ci) {
    const DeclaratieClient& c = d.declaratie.clienten[ci];
    const ClientOordeel& co = o.clienten[ci];
    DeclaratieClient out;
    out.bsn = c.bsn;
    for (size_t pi = 0; pi < c.prestaties.size(); ++pi) {
      if (co.prestaties[pi].goedgekeurd) continue;  // OP303: approved ones are not returned
      Prestatie copy = c.prestaties[pi];            // an exact copy of the 323's prestatie
      copy.retour_codes = co.prestaties[pi].codes;
      out.prestaties.push_back(std::move(copy));
    }
    if (out.prestaties.empty()) continue;  // OP304: only clients with rejected prestaties
    any_rejected = true;
    out.retour_codes = co.codes.empty() ? RetourCodes{"0200"} : co.codes;
    antwoord.clienten.push_back(std::move(out));
  }
  antwoord.retour_codes = any_rejected ? RetourCodes{"0200"} : RetourCodes{"8001"};
  return r;
}

std::vector<std::string> Controleer325(const Bericht325& a, const Bericht323& d) {
  std::vector<std::string> out;
  if (a.header.declaratie_identificatie != d.header.bericht_identificatie) {
    out.push_back("TR337 DeclaratieIdentificatie differs from the 323's BerichtIdentificatie");
  }
  if (a.header.xsd_versie_declaratie != d.header.xsd_versie) {
    out.push_back("TR371 XsdVersieDeclaratie differs from the 323's XsdVersie");
  }
  if (a.header.header.gemeente != d.header.gemeente ||
      a.header.header.aanbieder != d.header.aanbieder) {
    out.push_back("IV028 Afzender/Ontvanger do not mirror the 323");
  }
  for (const codecs::RuleViolation& v : codecs::CheckLevel2(codecs::Bericht(a))) {
    out.push_back(v.rule + " " + v.location + ": " + v.message);
  }
  if (!a.declaratie_antwoord) return out;
  const DeclaratieAntwoord& ant = *a.declaratie_antwoord;
  if (ant.declaratie_nummer != d.declaratie.declaratie_nummer) {
    out.push_back("TR376 DeclaratieNummer differs from the 323's");
  }
  if (ant.totaal_ingediend_bedrag != d.declaratie.totaal_ingediend_bedrag) {
    out.push_back("TR367 TotaalIngediendBedrag differs from the 323's");
  }
  // Every returned prestatie exists in the 323 under the same client, with equal values.
  std::map<std::pair<std::string, std::string>, const Prestatie*> in_323;
  for (const DeclaratieClient& c : d.declaratie.clienten) {
    for (const Prestatie& p : c.prestaties) {
      in_323[{c.bsn.str(), p.product_referentie.referentie_nummer.str()}] = &p;
    }
  }
  for (const DeclaratieClient& c : ant.clienten) {
    for (const Prestatie& p : c.prestaties) {
      const auto it = in_323.find({c.bsn.str(), p.product_referentie.referentie_nummer.str()});
      if (it == in_323.end()) {
        out.push_back("TR366 prestatie " + p.product_referentie.referentie_nummer.str() +
                      " is not in the 323");
        continue;
      }
      Prestatie without_codes = p;
      without_codes.retour_codes.clear();
      if (!(without_codes == *it->second)) {
        out.push_back("TR367 prestatie " + p.product_referentie.referentie_nummer.str() +
                      " differs from the 323's");
      }
    }
  }
  return out;
}

}  // namespace sluis::workflow
