#include "examples.h"

namespace sluis::testing {

using codecs::Bsn;
using codecs::Cents;
using codecs::DeclaratieClient;
using codecs::Prestatie;

codecs::Date D(const char* s) { return *codecs::Date::Parse(s); }

Prestatie MakePrestatie(const char* ref, int64_t toewijzing, const char* begin, const char* eind,
                        int64_t volume, const char* eenheid, int64_t tarief) {
  Prestatie p;
  p.product_referentie.referentie_nummer = codecs::ReferentieNummer(ref);
  p.toewijzing_nummer = codecs::ToewijzingNummer(toewijzing);
  p.product_categorie = "01";
  p.product_code = "01A03";
  p.product_periode = {D(begin), D(eind)};
  p.geleverd_volume = volume;
  p.eenheid = eenheid;
  p.product_tarief = Cents(tarief);
  p.ingediend_bedrag.bedrag = Cents(volume * tarief);
  return p;
}

Prestatie MakeCredit(Prestatie p, const char* ref, const char* debit_ref) {
  p.product_referentie.referentie_nummer = codecs::ReferentieNummer(ref);
  p.product_referentie.vorig_referentie_nummer = codecs::ReferentieNummer(debit_ref);
  p.ingediend_bedrag.debet_credit = codecs::DebetCredit::kCredit;
  return p;
}

void Retotal(codecs::Bericht323& d) {
  Cents sum;
  for (const auto& c : d.declaratie.clienten) {
    for (const auto& p : c.prestaties) sum += p.ingediend_bedrag.Signed();
  }
  d.declaratie.totaal_ingediend_bedrag = codecs::TotaalBedragMetDC::FromSigned(sum);
}

codecs::Bericht323 SpecExample323() {
  codecs::Bericht323 d;
  d.domein = codecs::Domein::kWmo;
  d.header.gemeente = codecs::GemeenteCode("0363");
  d.header.aanbieder = codecs::AgbCode("42420001");
  d.header.bericht_identificatie = {"DCL260203A", D("2026-02-03")};
  d.header.xsd_versie = {"1.0.0", "1.0.0"};
  d.declaratie.declaratie_nummer = "D202602001";
  d.declaratie.declaratie_periode = {D("2026-01-01"), D("2026-01-31")};
  d.declaratie.declaratie_dagtekening = D("2026-02-03");
  d.declaratie.clienten.push_back(
      DeclaratieClient{Bsn("999990019"),
                       {MakePrestatie("P2026000101", 100234, "2026-01-05", "2026-01-31", 12)},
                       {}});
  d.declaratie.clienten.push_back(
      DeclaratieClient{Bsn("999900006"),
                       {MakePrestatie("P2026000102", 100240, "2026-01-01", "2026-01-31", 18)},
                       {}});
  Retotal(d);
  return d;
}

}  // namespace sluis::testing
