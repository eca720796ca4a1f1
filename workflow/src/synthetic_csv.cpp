// The reference data as CSV strings in the formats `sluis import` reads (README: Reference
// data), so that a synthetic population loads into PostgreSQL as it is.
#include <string>
#include <vector>

#include "sluis/codecs/csv.h"

#include "synthetic_internal.h"

namespace sluis::workflow::synth {
namespace {

void Row(std::string& out, const std::vector<std::string>& fields) {
  out += codecs::csv::EncodeRecord(fields);
}

std::string Opt(const std::optional<codecs::Date>& d) { return d ? d->ToString() : ""; }

}  // namespace

std::string GemeentenCsv(const Population& p) {
  std::string out;
  Row(out, {"gemeentecode", "naam", "ingangsdatum", "einddatum"});
  for (const Gemeente& g : p.gemeenten) {
    Row(out, {g.code.str(), g.naam, g.ingangsdatum.ToString(), Opt(g.einddatum)});
  }
  return out;
}

std::string AanbiedersCsv(const Population& p) {
  std::string out;
  Row(out, {"agb", "naam", "iban"});
  for (const Aanbieder& a : p.aanbieders) Row(out, {a.agb.str(), a.naam, a.iban});
  return out;
}

std::string ProductcodesCsv(const Population& p) {
  std::string out;
  Row(out, {"domein", "productcategorie", "productcode", "omschrijving"});
  for (const ProductCode& pc : p.productcodes) {
    Row(out, {std::string(codecs::DomeinName(pc.domein)), pc.categorie, pc.code, pc.omschrijving});
  }
  return out;
}

std::string TarievenCsv(const Population& p) {
  std::string out;
  Row(out, {"agb", "domein", "productcategorie", "productcode", "eenheid", "tarief_cent",
            "ingangsdatum", "einddatum"});
  for (const Tarief& t : p.tarieven) {
    Row(out,
        {t.agb.str(), std::string(codecs::DomeinName(t.domein)), t.categorie, t.code, t.eenheid,
         std::to_string(t.tarief.value()), t.ingangsdatum.ToString(), Opt(t.einddatum)});
  }
  return out;
}

std::string ClientenCsv(const Population& p) {
  std::string out;
  Row(out, {"gemeente", "domein", "bsn", "geboortedatum", "geslacht", "achternaam", "voorletters",
            "straatnaam", "huisnummer", "postcode", "plaatsnaam"});
  for (const Client& c : p.clients) {
    Row(out, {p.gemeenten[c.gemeente].code.str(), std::string(codecs::DomeinName(c.domein)),
              c.bsn.str(), c.geboortedatum.ToString(), c.geslacht, c.achternaam, c.voorletters,
              c.straatnaam, std::to_string(c.huisnummer), c.postcode, c.plaatsnaam});
  }
  return out;
}

std::string ToewijzingenCsv(const Population& p) {
  std::string out;
  Row(out, {"gemeente", "domein", "toewijzingnummer", "agb", "bsn", "productcategorie",
            "productcode", "ingangsdatum", "einddatum", "volume", "eenheid", "frequentie",
            "budget_cent", "toewijzingsdatum", "toewijzingstijd", "reden_wijziging"});
  for (const Toewijzing& t : p.toewijzingen) {
    const Client& c = p.clients[t.client];
    const codecs::ToegewezenProduct& tp = t.product;
    Row(out, {p.gemeenten[c.gemeente].code.str(), std::string(codecs::DomeinName(c.domein)),
              std::to_string(tp.toewijzing_nummer.value()), p.aanbieders[t.aanbieder].agb.str(),
              c.bsn.str(), tp.product ? tp.product->categorie : "",
              tp.product ? tp.product->code.value_or("") : "", tp.ingangsdatum.ToString(),
              Opt(tp.einddatum), tp.omvang ? std::to_string(tp.omvang->volume) : "",
              tp.omvang ? tp.omvang->eenheid : "", tp.omvang ? tp.omvang->frequentie : "",
              tp.budget ? std::to_string(tp.budget->value()) : "", tp.toewijzingsdatum.ToString(),
              tp.toewijzingstijd.ToString(), tp.reden_wijziging.value_or("")});
  }
  return out;
}

}  // namespace sluis::workflow::synth
