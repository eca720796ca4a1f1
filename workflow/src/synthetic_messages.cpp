// The regie messages: 301/302, 305, 307, 315, 317, 319/320.
#include <algorithm>
#include <set>

#include "synthetic_internal.h"
#include "synthetic_prng.h"

namespace sluis::workflow::synth {
namespace {

using codecs::Date;

bool IsHeaderLevel(std::string_view code) {
  return code == "0001" || code == "8848" || code == "9056" || code == "S300";
}

codecs::Header MakeHeader(const Population& p, const Client& c, size_t aanbieder,
                          const codecs::BerichtIdentificatie& id, const codecs::XsdVersie& xsd) {
  return {p.gemeenten[c.gemeente].code, p.aanbieders[aanbieder].agb, id, xsd};
}

codecs::VerkorteNaam ShortName(const Client& c) {
  return {codecs::Achternaam{c.achternaam, std::nullopt}, std::nullopt, c.voorletters};
}

// The client as an aanbieder's message names it: BSN, birth date, gender and short name.
template <class C>
void FillClient(C& out, const Client& c) {
  out.bsn = c.bsn;
  out.geboortedatum = {c.geboortedatum, std::nullopt};
  out.geslacht = c.geslacht;
  out.naam = ShortName(c);
}

// The toewijzing a start or stop reports on, as its product line (begindatum: the toewijzing's
// start unless given; verwijderen: StatusAanlevering 3).
template <class P>
P MeldingProduct(const Toewijzing& t, std::optional<Date> begindatum, bool verwijderen) {
  P s;
  s.toewijzing_nummer = t.product.toewijzing_nummer;
  s.product = t.product.product;
  s.toewijzing_ingangsdatum = t.product.ingangsdatum;
  s.begindatum = begindatum.value_or(t.product.ingangsdatum);
  s.status_aanlevering = verwijderen ? "3" : "1";
  return s;
}

codecs::Error NoMessage(std::string message) {
  return codecs::MakeError(codecs::ErrorKind::kUnsupported, "SYNTH", std::move(message));
}

// A toewijzing that still runs after `day` and was not removed (RedenWijziging 13).
bool Current(const codecs::ToegewezenProduct& t, Date day) {
  if (t.reden_wijziging == "13") return false;
  return !t.einddatum || *t.einddatum > day;
}

std::set<std::string> CategoriesOf(const Population& p, const Client& c) {
  std::set<std::string> out;
  for (size_t t : c.toewijzingen) {
    if (const auto& prod = p.toewijzingen[t].product.product) out.insert(prod->categorie);
  }
  return out;
}

// Contracted codes of the aanbieder in the client's domein, those in categories the client has
// no toewijzing in first, each group in a seeded order.
std::vector<const ProductCode*> Requestable(const Population& p, const Client& c, size_t aanbieder,
                                            Rng& rng) {
  const std::set<std::string> held = CategoriesOf(p, c);
  std::vector<const ProductCode*> fresh, other;
  for (const ProductCode& pc : p.productcodes) {
    if (pc.domein != c.domein || !p.Contracts(aanbieder, c.domein, pc.categorie)) continue;
    (held.count(pc.categorie) ? other : fresh).push_back(&pc);
  }
  rng.PartialShuffle(fresh, fresh.size());
  rng.PartialShuffle(other, other.size());
  fresh.insert(fresh.end(), other.begin(), other.end());
  return fresh;
}

codecs::Omvang TypicalOmvang(const ProductCode& pc, Rng& rng) {
  const int64_t steps = (pc.volume_max - pc.volume_min) / pc.volume_stap;
  return {pc.volume_min + pc.volume_stap * rng.Between(0, steps), pc.eenheid, pc.frequentie};
}

}  // namespace

codecs::Result<codecs::Bericht301> MakeToewijzing(const Population& p, size_t client,
                                                  size_t aanbieder,
                                                  const codecs::BerichtIdentificatie& id,
                                                  const codecs::XsdVersie& xsd) {
  const std::vector<size_t> list = p.ToewijzingenOf(client, aanbieder);
  if (list.empty()) return NoMessage("the client has no toewijzing with this aanbieder");
  const Client& c = p.clients[client];
  codecs::Bericht301 b;
  b.domein = c.domein;
  b.header = MakeHeader(p, c, aanbieder, id, xsd);
  codecs::Client301& cl = b.client;
  cl.bsn = c.bsn;
  cl.geboortedatum = {c.geboortedatum, std::nullopt};
  cl.geslacht = c.geslacht;
  cl.naam.geslachtsnaam = {c.achternaam, std::nullopt};
  cl.naam.voorletters = c.voorletters;
  cl.naam.naam_gebruik = "1";  // eigen naam (CS050: no partner name)
  // TR061/TR006: the BRP address (Soort 01) with Huis and Postcode.
  codecs::Contact home;
  home.soort = "01";
  home.adres = codecs::Adres{codecs::Huis{c.huisnummer, std::nullopt, std::nullopt, std::nullopt},
                             c.postcode, c.straatnaam, c.plaatsnaam, "NL"};
  cl.contactgegevens.push_back(std::move(home));
  for (size_t t : list) cl.toegewezen_producten.push_back(p.toewijzingen[t].product);
  return b;
}

codecs::Bericht302 MakeToewijzingRetour(const codecs::Bericht301& heen,
                                        const codecs::AnswerIdentity& retour,
                                        const std::optional<Afkeuring>& afkeuring) {
  codecs::Bericht302 r;
  r.domein = heen.domein;
  r.header = codecs::MakeRetourHeader(heen.header, retour, {});
  if (!afkeuring) return r;  // IV028: fully approved, header only
  if (IsHeaderLevel(afkeuring->retourcode)) {
    r.header.retour_codes = {afkeuring->retourcode};
    return r;
  }
  r.header.retour_codes = {"0200"};
  codecs::Client301 c = heen.client;
  c.retour_codes = {"0200"};
  for (codecs::Contact& k : c.contactgegevens) k.retour_codes = {"0200"};
  for (codecs::Relatie& rel : c.relaties) {
    rel.retour_codes = {"0200"};
    rel.contact.retour_codes = {"0200"};
  }
  bool rejected = false;
  for (codecs::ToegewezenProduct& t : c.toegewezen_producten) {
    const bool target =
        afkeuring->toewijzing ? t.toewijzing_nummer == *afkeuring->toewijzing : !rejected;
    t.retour_codes = {target && !rejected ? afkeuring->retourcode : "0200"};
    rejected = rejected || target;
  }
  r.client = std::move(c);
  return r;
}

codecs::Bericht305 MakeStart(const Population& p, size_t toewijzing,
                             const codecs::BerichtIdentificatie& id, const codecs::XsdVersie& xsd,
                             const StartOptions& options) {
  const Toewijzing& t = p.toewijzingen[toewijzing];
  const Client& c = p.clients[t.client];
  codecs::Bericht305 b;
  b.domein = c.domein;
  b.header = MakeHeader(p, c, t.aanbieder, id, xsd);
  FillClient(b.client, c);
  b.client.producten.push_back(
      MeldingProduct<codecs::StartProduct>(t, options.begindatum, options.verwijderen));
  return b;
}

codecs::Bericht307 MakeStop(const Population& p, size_t toewijzing,
                            const codecs::BerichtIdentificatie& id, const codecs::XsdVersie& xsd,
                            const StopOptions& options) {
  const Toewijzing& t = p.toewijzingen[toewijzing];
  const Client& c = p.clients[t.client];
  codecs::Bericht307 b;
  b.domein = c.domein;
  b.header = MakeHeader(p, c, t.aanbieder, id, xsd);
  FillClient(b.client, c);
  auto s = MeldingProduct<codecs::StopProduct>(t, options.begindatum, options.verwijderen);
  if (options.einddatum) {
    s.einddatum = *options.einddatum;
  } else {
    // A stop is reported after the fact: the planned end if it has passed, else today.
    const Date planned = t.product.einddatum.value_or(id.dagtekening);
    s.einddatum = std::max(std::min(planned, id.dagtekening), s.begindatum);
  }
  s.reden_beeindiging =
      options.reden_beeindiging.value_or(c.domein == codecs::Domein::kWmo ? "19" : "31");
  b.client.producten.push_back(std::move(s));
  return b;
}

codecs::Result<codecs::Bericht315> MakeVerzoekOmToewijzing(
    const Population& p, size_t client, size_t aanbieder, const codecs::BerichtIdentificatie& id,
    const codecs::XsdVersie& xsd, IdGenerator& ids, const VerzoekOptions& options) {
  const Client& c = p.clients[client];
  Rng rng(p.options.seed ^ options.seed, StreamId("vot"), client * 65536 + aanbieder);
  const std::vector<const ProductCode*> candidates = Requestable(p, c, aanbieder, rng);
  if (candidates.empty()) return NoMessage("the aanbieder has no contract in the client's domein");
  codecs::Bericht315 b;
  b.domein = c.domein;
  b.header = MakeHeader(p, c, aanbieder, id, xsd);
  codecs::Client315& cl = b.client;
  FillClient(cl, c);
  const size_t wanted = static_cast<size_t>(std::clamp(options.producten, 1, 2));
  std::set<std::string> cats;  // distinct categories: no stacking (TR386)
  for (const ProductCode* pc : candidates) {
    if (cl.aangevraagde_producten.size() == wanted) break;
    if (!cats.insert(pc->categorie).second) continue;
    codecs::AangevraagdProduct a;
    a.referentie_aanbieder = ids.ReferentieAanbieder();
    a.product = codecs::Product{pc->categorie, pc->code};
    a.toewijzing_ingangsdatum = id.dagtekening.AddDays(static_cast<int32_t>(rng.Between(7, 35)));
    a.toewijzing_einddatum =
        a.toewijzing_ingangsdatum.AddMonths(static_cast<int>(rng.Between(3, 12))).LastOfMonth();
    a.omvang = TypicalOmvang(*pc, rng);
    a.verwijzer.type = "01";  // gemeente (wijkteam)
    a.verwijzer.naam = "Gemeente " + p.gemeenten[c.gemeente].naam;
    cl.aangevraagde_producten.push_back(std::move(a));
  }
  return b;
}

codecs::Result<codecs::Bericht317> MakeVerzoekOmWijziging(
    const Population& p, size_t client, size_t aanbieder, const codecs::BerichtIdentificatie& id,
    const codecs::XsdVersie& xsd, IdGenerator& ids, const WijzigingOptions& options) {
  const Client& c = p.clients[client];
  std::vector<size_t> current;
  for (size_t t : p.ToewijzingenOf(client, aanbieder)) {
    if (Current(p.toewijzingen[t].product, id.dagtekening)) current.push_back(t);
  }
  if (current.empty()) return NoMessage("the client has no current toewijzing with this aanbieder");
  Rng rng(p.options.seed ^ options.seed, StreamId("vow"), client * 65536 + aanbieder);
  codecs::Bericht317 b;
  b.domein = c.domein;
  b.header = MakeHeader(p, c, aanbieder, id, xsd);
  b.client.bsn = c.bsn;
  codecs::Verzoek& v = b.client.verzoek;
  v.referentie_aanbieder = ids.ReferentieAanbieder();
  v.reden_verzoek = rng.Chance(0.5) ? "1" : "2";
  const size_t change = static_cast<size_t>(rng.Below(current.size()));
  for (size_t i = 0; i < current.size(); ++i) {
    const Toewijzing& t = p.toewijzingen[current[i]];
    const codecs::ToegewezenProduct& tp = t.product;
    if (i != change) {
      v.ongewijzigde_producten.push_back({tp.toewijzing_nummer, {}});
      continue;
    }
    codecs::TeWijzigenProduct w;
    w.toewijzing_nummer = tp.toewijzing_nummer;
    // TR357/TR373: the GewensteIngangsdatum of a change is the current Ingangsdatum.
    w.gewenste_ingangsdatum = tp.ingangsdatum;
    w.omvang = tp.omvang;  // TR411/TR412: with a code always, without one never
    if (tp.budget) {
      w.budget = codecs::Cents(std::min<int64_t>(99'999'999, tp.budget->value() * 5 / 4));
    }
    if (tp.einddatum) {  // extend by three months (TR380: after the Dagtekening)
      w.einddatum = std::max(*tp.einddatum, id.dagtekening).AddMonths(3).LastOfMonth();
    } else if (w.omvang) {  // open-ended: more of the same
      const ProductCode* pc = p.FindProductCode(c.domein, tp.product->code.value_or(""));
      w.omvang->volume += pc ? pc->volume_stap : 1;
    } else {  // open-ended aspecifiek: end it in half a year
      w.einddatum = id.dagtekening.AddMonths(6).LastOfMonth();
    }
    v.te_wijzigen_producten.push_back(std::move(w));
  }
  if (options.nieuw_product) {
    for (const ProductCode* pc : Requestable(p, c, aanbieder, rng)) {
      if (CategoriesOf(p, c).count(pc->categorie)) break;  // only categories the client lacks
      codecs::NieuwProduct n;
      n.product = codecs::Product{pc->categorie, pc->code};
      n.gewenste_ingangsdatum = id.dagtekening.AddDays(static_cast<int32_t>(rng.Between(7, 35)));
      n.einddatum =
          n.gewenste_ingangsdatum.AddMonths(static_cast<int>(rng.Between(3, 12))).LastOfMonth();
      n.omvang = TypicalOmvang(*pc, rng);
      v.nieuwe_producten.push_back(std::move(n));
      break;
    }
  }
  return b;
}

namespace {

codecs::Bericht319 Antwoord(codecs::Domein domein, const codecs::Header& verzoek,
                            std::string referentie, const codecs::BerichtIdentificatie& id,
                            const codecs::XsdVersie& xsd, std::string_view verzoek_antwoord,
                            std::optional<std::string> reden) {
  codecs::Bericht319 b;
  b.domein = domein;
  b.header = {verzoek.gemeente, verzoek.aanbieder, id, xsd};
  b.antwoord.referentie_aanbieder = std::move(referentie);
  b.antwoord.verzoek_antwoord = std::string(verzoek_antwoord);
  b.antwoord.reden_afwijzing_verzoek = std::move(reden);
  return b;
}

}  // namespace

codecs::Bericht319 MakeAntwoord(const codecs::Bericht315& verzoek, size_t product,
                                const codecs::BerichtIdentificatie& id,
                                const codecs::XsdVersie& xsd, std::string_view verzoek_antwoord,
                                std::optional<std::string> reden) {
  const auto& producten = verzoek.client.aangevraagde_producten;
  const std::string ref =
      producten.empty() ? ""
                        : producten[std::min(product, producten.size() - 1)].referentie_aanbieder;
  return Antwoord(verzoek.domein, verzoek.header, ref, id, xsd, verzoek_antwoord, std::move(reden));
}

codecs::Bericht319 MakeAntwoord(const codecs::Bericht317& verzoek,
                                const codecs::BerichtIdentificatie& id,
                                const codecs::XsdVersie& xsd, std::string_view verzoek_antwoord,
                                std::optional<std::string> reden) {
  return Antwoord(verzoek.domein, verzoek.header, verzoek.client.verzoek.referentie_aanbieder, id,
                  xsd, verzoek_antwoord, std::move(reden));
}

codecs::Bericht320 MakeAntwoordRetour(const codecs::Bericht319& heen,
                                      const codecs::AnswerIdentity& retour,
                                      const std::optional<std::string>& retourcode) {
  codecs::Bericht320 r;
  r.domein = heen.domein;
  r.header = codecs::MakeRetourHeader(heen.header, retour, {});
  if (!retourcode) return r;
  if (IsHeaderLevel(*retourcode)) {
    r.header.retour_codes = {*retourcode};
    return r;
  }
  r.header.retour_codes = {"0200"};
  codecs::Antwoord a = heen.antwoord;
  a.retour_codes = {*retourcode};
  if (a.woonplaatsbeginsel) a.woonplaatsbeginsel->retour_codes = {"0200"};
  r.antwoord = std::move(a);
  return r;
}

}  // namespace sluis::workflow::synth
