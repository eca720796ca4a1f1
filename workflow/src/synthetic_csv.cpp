// The reference data as CSV strings (synthetic.h: formats).
#include <initializer_list>

#include "synthetic_internal.h"

namespace sluis::workflow::synth {
namespace {

// RFC 4180: a field with a comma, a double quote or a line break is quoted, quotes doubled.
void Field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void Row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    first = false;
    Field(out, f);
  }
  out += '\n';
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
    Row(out, {codecs::DomeinName(pc.domein), pc.categorie, pc.code, pc.omschrijving});
  }
  return out;
}

std::string TarievenCsv(const Population& p) {
  std::string out;
  Row(out, {"agb", "domein", "productcategorie", "productcode", "eenheid", "tarief_cent",
            "ingangsdatum", "einddatum"});
  for (const Tarief& t : p.tarieven) {
    Row(out, {t.agb.str(), codecs::DomeinName(t.domein), t.categorie, t.code, t.eenheid,
              std::to_string(t.tarief.value()), t.ingangsdatum.ToString(), Opt(t.einddatum)});
  }
  return out;
}

std::string ToewijzingenCsv(const Population& p) {
  std::string out;
  Row(out, {"gemeente",         "domein",           "agb",         "bsn",
            "geboortedatum",    "geslacht",         "achternaam",  "voorletters",
            "postcode",         "huisnummer",       "straatnaam",  "plaatsnaam",
            "toewijzingnummer", "productcategorie", "productcode", "toewijzingsdatum",
            "toewijzingstijd",  "ingangsdatum",     "einddatum",   "redenwijziging",
            "volume",           "eenheid",          "frequentie",  "budget_cent"});
  for (const Toewijzing& t : p.toewijzingen) {
    const Client& c = p.clients[t.client];
    const codecs::ToegewezenProduct& tp = t.product;
    const std::string volume = tp.omvang ? std::to_string(tp.omvang->volume) : "";
    Row(out, {p.gemeenten[c.gemeente].code.str(),
              codecs::DomeinName(c.domein),
              p.aanbieders[t.aanbieder].agb.str(),
              c.bsn.str(),
              c.geboortedatum.ToString(),
              c.geslacht,
              c.achternaam,
              c.voorletters,
              c.postcode,
              std::to_string(c.huisnummer),
              c.straatnaam,
              c.plaatsnaam,
              std::to_string(tp.toewijzing_nummer.value()),
              tp.product ? tp.product->categorie : "",
              tp.product ? tp.product->code.value_or("") : "",
              tp.toewijzingsdatum.ToString(),
              tp.toewijzingstijd.ToString(),
              tp.ingangsdatum.ToString(),
              Opt(tp.einddatum),
              tp.reden_wijziging.value_or(""),
              volume,
              tp.omvang ? tp.omvang->eenheid : "",
              tp.omvang ? tp.omvang->frequentie : "",
              tp.budget ? std::to_string(tp.budget->value()) : ""});
  }
  return out;
}

}  // namespace sluis::workflow::synth
