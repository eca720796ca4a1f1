// One function per level-3 rule on the regie messages (istandaarden-spec §6.4), and the judges
// that apply them in order.
#include <algorithm>

#include "sluis/workflow/regie.h"

namespace sluis::workflow {

using codecs::StartProduct;
using codecs::StopProduct;
using codecs::TeWijzigenProduct;

namespace {

constexpr char kTijdelijk[] = "20";  // RedenBeeindiging: tijdelijke beeindiging
constexpr char kEerste[] = "1";      // StatusAanlevering: eerste aanlevering
constexpr char kVerwijderen[] = "3";

int64_t Nummer(const std::optional<ToewijzingNummer>& n) { return n ? n->value() : -1; }

bool SameStopKey(const RegieStop& s, const StopProduct& p) {
  return s.nummer == Nummer(p.toewijzing_nummer) && s.begindatum == p.begindatum;
}

const ToewijzingFeit* FindActueel(const VerzoekFeiten& f, ToewijzingNummer n, Date peildatum) {
  for (const ToewijzingFeit& t : f.toewijzingen) {
    if (t.nummer == n && IsActueel(t, peildatum)) return &t;
  }
  return nullptr;
}

void HeaderRules(const codecs::Header& h, bool eerder, bool bekend, Date vandaag, RegieOordeel& o) {
  if (regel::TR056_IdentificatieNietUniek(eerder)) o.header_codes.push_back("9056");
  if (regel::TR135_DagtekeningInToekomst(h, vandaag)) o.header_codes.push_back("8848");
  if (regel::TR378_GemeenteOnbekend(bekend)) o.header_codes.push_back("S300");
}

// Whether the TR319-style "totaal" of an Omvang (Frequentie 6) is set.
bool IsTotaal(const std::optional<codecs::Omvang>& o) { return o && o->frequentie == "6"; }

}  // namespace

bool RegieOordeel::Afgekeurd() const {
  if (!header_codes.empty() || !client_codes.empty() || !verzoek_codes.empty()) return true;
  return std::any_of(producten.begin(), producten.end(),
                     [](const codecs::RetourCodes& c) { return !c.empty(); });
}

std::string RegieOordeel::Codes() const {
  std::string out;
  auto add = [&](const codecs::RetourCodes& cs) {
    for (const auto& c : cs) out += (out.empty() ? "" : " ") + c;
  };
  add(header_codes);
  add(client_codes);
  add(verzoek_codes);
  for (const auto& p : producten) add(p);
  return out;
}

namespace regel {

bool TR056_IdentificatieNietUniek(bool eerder_gebruikt) { return eerder_gebruikt; }

bool TR135_DagtekeningInToekomst(const codecs::Header& h, Date vandaag) {
  return h.bericht_identificatie.dagtekening > vandaag;
}

bool TR378_GemeenteOnbekend(bool gemeente_bekend) { return !gemeente_bekend; }

bool TR019_GeenToewijzing(const std::optional<ToewijzingNummer>& nummer, const Bsn& bsn,
                          const AgbCode& agb, const RegieFeiten& f) {
  if (!nummer) return true;
  const auto it = f.toewijzingen.find(nummer->value());
  return it == f.toewijzingen.end() || it->second.agb != agb || it->second.bsn != bsn;
}

bool TR063_StartNietTeVerwijderen(const StartProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kVerwijderen) return false;
  return std::none_of(f.starts.begin(), f.starts.end(), [&](const RegieStart& s) {
    return s.nummer == Nummer(p.toewijzing_nummer) && s.begindatum == p.begindatum;
  });
}

bool TR071_StartAlGestopt(const StartProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kVerwijderen) return false;
  return std::any_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return s.nummer == Nummer(p.toewijzing_nummer) && s.begindatum == p.begindatum;
  });
}

bool TR074_StartAlOntvangen(const StartProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kEerste) return false;
  return std::any_of(f.starts.begin(), f.starts.end(), [&](const RegieStart& s) {
    return s.nummer == Nummer(p.toewijzing_nummer) && s.begindatum == p.begindatum;
  });
}

bool TR326_StartNogActueel(const StartProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kEerste) return false;
  // A start is actueel until a stop with its key arrives (or it is deleted).
  return std::any_of(f.starts.begin(), f.starts.end(), [&](const RegieStart& s) {
    if (s.nummer != Nummer(p.toewijzing_nummer)) return false;
    return std::none_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& stop) {
      return stop.nummer == s.nummer && stop.begindatum == s.begindatum;
    });
  });
}

bool TR063_StopNietTeVerwijderen(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kVerwijderen) return false;
  return std::none_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return SameStopKey(s, p) && s.reden_beeindiging == p.reden_beeindiging &&
           s.einddatum == p.einddatum;
  });
}

bool TR074_StopAlOntvangen(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering != kEerste) return false;
  return std::any_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return SameStopKey(s, p) && s.reden_beeindiging == p.reden_beeindiging &&
           s.einddatum == p.einddatum;
  });
}

bool TR382_GeenStartMetSleutel(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering == kVerwijderen) return false;
  return std::none_of(f.starts.begin(), f.starts.end(), [&](const RegieStart& s) {
    return s.nummer == Nummer(p.toewijzing_nummer) && s.begindatum == p.begindatum;
  });
}

bool TR413_TweedeTijdelijkeStop(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering == kVerwijderen || p.reden_beeindiging != kTijdelijk) return false;
  return std::any_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return SameStopKey(s, p) && s.reden_beeindiging == kTijdelijk;
  });
}

bool TR414_EinddatumVoorEerdereStop(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering == kVerwijderen) return false;
  return std::any_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return SameStopKey(s, p) && p.einddatum < s.einddatum;
  });
}

bool TR415_AlDefinitiefGestopt(const StopProduct& p, const RegieFeiten& f) {
  if (p.status_aanlevering == kVerwijderen) return false;
  return std::any_of(f.stops.begin(), f.stops.end(), [&](const RegieStop& s) {
    return SameStopKey(s, p) && s.reden_beeindiging != kTijdelijk;
  });
}

bool TR347_ReferentieNietUniek(const std::string& referentie, const VerzoekFeiten& f) {
  return f.gebruikte_referenties.count(referentie) > 0;
}

bool TR374_VerzoekOnderhanden(const VerzoekFeiten& f) { return f.verzoek_onderhanden; }

bool TR304_AndereClient(const codecs::Verzoek& v, const VerzoekFeiten& f) {
  auto andere = [&](ToewijzingNummer n) { return f.nummers_andere_client.count(n.value()) > 0; };
  return std::any_of(v.ongewijzigde_producten.begin(), v.ongewijzigde_producten.end(),
                     [&](const auto& p) { return andere(p.toewijzing_nummer); }) ||
         std::any_of(v.te_wijzigen_producten.begin(), v.te_wijzigen_producten.end(),
                     [&](const auto& p) { return andere(p.toewijzing_nummer); });
}

bool TR349_NietAlleActueleProducten(const codecs::Verzoek& v, const VerzoekFeiten& f,
                                    Date peildatum) {
  for (const ToewijzingFeit& t : f.toewijzingen) {
    if (!IsActueel(t, peildatum)) continue;
    const bool listed =
        std::any_of(v.ongewijzigde_producten.begin(), v.ongewijzigde_producten.end(),
                    [&](const auto& p) { return p.toewijzing_nummer == t.nummer; }) ||
        std::any_of(v.te_wijzigen_producten.begin(), v.te_wijzigen_producten.end(),
                    [&](const auto& p) { return p.toewijzing_nummer == t.nummer; });
    if (!listed) return true;
  }
  return false;
}

bool TR350_OngewijzigdNietActueel(const codecs::OngewijzigdProduct& p, const VerzoekFeiten& f,
                                  Date peildatum) {
  return FindActueel(f, p.toewijzing_nummer, peildatum) == nullptr;
}

bool TR351_TeWijzigenNietActueel(const TeWijzigenProduct& p, const VerzoekFeiten& f,
                                 Date peildatum) {
  return FindActueel(f, p.toewijzing_nummer, peildatum) == nullptr;
}

bool TR357_IngangsdatumInVerleden(const TeWijzigenProduct& p, const ToewijzingFeit& t,
                                  Date dagtekening) {
  return p.gewenste_ingangsdatum <= dagtekening && p.gewenste_ingangsdatum != t.ingangsdatum;
}

bool TR361_Overlapt(const GevraagdePeriode& a, const GevraagdePeriode& b) {
  const bool overlap = (!a.eind || b.begin <= *a.eind) && (!b.eind || a.begin <= *b.eind);
  if (!overlap) return false;
  auto hulpmiddel = [](const GevraagdePeriode& p) {
    if (!p.product) return false;
    const std::string& c = p.product->categorie;
    return c == "11" || c == "12" || c == "13" || c == "14";
  };
  // Hulpmiddelen (11–14) may overlap anything, also without a category on the other side.
  if (hulpmiddel(a) || hulpmiddel(b)) return false;
  if (!a.product || !b.product) return true;  // no category: overlaps every other product
  if (a.product->categorie != b.product->categorie) return false;
  if (!a.product->code || !b.product->code) return true;  // compared on category level
  return *a.product->code == *b.product->code;
}

bool TR373_BudgetNietVanafIngang(const TeWijzigenProduct& p, const ToewijzingFeit& t) {
  const bool budget_gewijzigd = p.budget && p.budget != t.budget;
  const bool totaal_gewijzigd = IsTotaal(p.omvang) && p.omvang != t.omvang;
  return (budget_gewijzigd || totaal_gewijzigd) && p.gewenste_ingangsdatum != t.ingangsdatum;
}

namespace {
bool NaVerplichting(const ToewijzingFeit& t) {
  // TR375/TR412 apply to toewijzingen running after 31-12-2020 (or without end).
  return !t.einddatum || *t.einddatum > *Date::Make(2020, 12, 31);
}
}  // namespace

bool TR375_OmvangBijGeneriek(const TeWijzigenProduct& p, const ToewijzingFeit& t) {
  return p.omvang && !t.product && NaVerplichting(t);
}

bool TR411_OmvangOntbreekt(const TeWijzigenProduct& p, const ToewijzingFeit& t) {
  return !p.omvang && t.product && t.product->code;
}

bool TR412_OmvangBijAspecifiek(const TeWijzigenProduct& p, const ToewijzingFeit& t) {
  return p.omvang && t.product && !t.product->code && NaVerplichting(t);
}

}  // namespace regel

bool IsActueel(const ToewijzingFeit& t, Date peildatum) {
  if (t.reden_wijziging == "13") return false;
  return !t.einddatum || *t.einddatum >= peildatum;
}

RegieOordeel BeoordeelStart(const codecs::Bericht305& b, const RegieFeiten& feiten, Date vandaag) {
  RegieOordeel o;
  HeaderRules(b.header, feiten.identificatie_eerder_gebruikt, feiten.gemeente_bekend, vandaag, o);
  if (!o.header_codes.empty()) return o;
  RegieFeiten f = feiten;  // grows with the products already judged
  for (const StartProduct& p : b.client.producten) {
    codecs::RetourCodes c;
    if (regel::TR019_GeenToewijzing(p.toewijzing_nummer, b.client.bsn, b.header.aanbieder, f)) {
      c.push_back("9019");
    } else if (p.status_aanlevering == kVerwijderen) {
      // TR063 toelichting: a deletion gets no further content checks.
      if (regel::TR063_StartNietTeVerwijderen(p, f))
        c.push_back("9063");
      else if (regel::TR071_StartAlGestopt(p, f))
        c.push_back("9071");
    } else {
      if (regel::TR074_StartAlOntvangen(p, f))
        c.push_back("9074");
      else if (regel::TR326_StartNogActueel(p, f))
        c.push_back("9326");
    }
    if (c.empty() && p.toewijzing_nummer) {
      const RegieStart s{p.toewijzing_nummer->value(), p.begindatum};
      if (p.status_aanlevering == kVerwijderen) {
        std::erase(f.starts, s);
      } else {
        f.starts.push_back(s);
      }
    }
    o.producten.push_back(std::move(c));
  }
  return o;
}

RegieOordeel BeoordeelStop(const codecs::Bericht307& b, const RegieFeiten& feiten, Date vandaag) {
  RegieOordeel o;
  HeaderRules(b.header, feiten.identificatie_eerder_gebruikt, feiten.gemeente_bekend, vandaag, o);
  if (!o.header_codes.empty()) return o;
  RegieFeiten f = feiten;
  for (const StopProduct& p : b.client.producten) {
    codecs::RetourCodes c;
    if (regel::TR019_GeenToewijzing(p.toewijzing_nummer, b.client.bsn, b.header.aanbieder, f)) {
      c.push_back("9019");
    } else if (p.status_aanlevering == kVerwijderen) {
      if (regel::TR063_StopNietTeVerwijderen(p, f)) c.push_back("9063");
    } else if (regel::TR074_StopAlOntvangen(p, f)) {
      c.push_back("9074");
    } else if (regel::TR382_GeenStartMetSleutel(p, f)) {
      c.push_back("9069");
    } else {
      if (regel::TR415_AlDefinitiefGestopt(p, f))
        c.push_back("9415");
      else if (regel::TR413_TweedeTijdelijkeStop(p, f))
        c.push_back("9413");
      if (regel::TR414_EinddatumVoorEerdereStop(p, f)) c.push_back("9414");
    }
    if (c.empty() && p.toewijzing_nummer) {
      const RegieStop s{p.toewijzing_nummer->value(), p.begindatum, p.reden_beeindiging,
                        p.einddatum};
      if (p.status_aanlevering == kVerwijderen) {
        std::erase(f.stops, s);
      } else {
        f.stops.push_back(s);
      }
    }
    o.producten.push_back(std::move(c));
  }
  return o;
}

RegieOordeel BeoordeelVerzoekToewijzing(const codecs::Bericht315& b, const VerzoekFeiten& f,
                                        Date vandaag) {
  RegieOordeel o;
  HeaderRules(b.header, f.identificatie_eerder_gebruikt, f.gemeente_bekend, vandaag, o);
  if (!o.header_codes.empty()) return o;
  if (regel::TR374_VerzoekOnderhanden(f)) o.client_codes.push_back("9374");
  VerzoekFeiten gezien = f;  // a ReferentieAanbieder twice in one message is not unique either
  for (const auto& p : b.client.aangevraagde_producten) {
    codecs::RetourCodes c;
    if (regel::TR347_ReferentieNietUniek(p.referentie_aanbieder, gezien)) c.push_back("9347");
    gezien.gebruikte_referenties.insert(p.referentie_aanbieder);
    o.producten.push_back(std::move(c));
  }
  return o;
}

RegieOordeel BeoordeelVerzoekWijziging(const codecs::Bericht317& b, const VerzoekFeiten& f,
                                       Date vandaag) {
  RegieOordeel o;
  HeaderRules(b.header, f.identificatie_eerder_gebruikt, f.gemeente_bekend, vandaag, o);
  if (!o.header_codes.empty()) return o;
  const codecs::Verzoek& v = b.client.verzoek;
  const Date dagtekening = b.header.bericht_identificatie.dagtekening;
  // TR304 puts 8187 on the Client (as on a 323); the products naming the other client's
  // toewijzing are then not assessed (0233) rather than reported as not current (9350/9351).
  if (regel::TR304_AndereClient(v, f)) o.client_codes.push_back("8187");
  auto andere_client = [&](ToewijzingNummer n) {
    return f.nummers_andere_client.count(n.value()) > 0;
  };
  if (regel::TR347_ReferentieNietUniek(v.referentie_aanbieder, f))
    o.verzoek_codes.push_back("9347");
  if (regel::TR374_VerzoekOnderhanden(f)) o.verzoek_codes.push_back("9374");
  if (regel::TR349_NietAlleActueleProducten(v, f, dagtekening)) o.verzoek_codes.push_back("9349");

  std::vector<GevraagdePeriode> eerder;  // TR361: the periods asked before this product
  auto overlap = [&](const GevraagdePeriode& p) {
    return std::any_of(eerder.begin(), eerder.end(),
                       [&](const GevraagdePeriode& e) { return regel::TR361_Overlapt(e, p); });
  };
  for (const auto& p : v.ongewijzigde_producten) {
    codecs::RetourCodes c;
    const ToewijzingFeit* t = FindActueel(f, p.toewijzing_nummer, dagtekening);
    if (!andere_client(p.toewijzing_nummer) &&
        regel::TR350_OngewijzigdNietActueel(p, f, dagtekening)) {
      c.push_back("9350");
    }
    if (t) {
      GevraagdePeriode g{t->product, t->ingangsdatum, t->einddatum};
      if (overlap(g)) c.push_back("9361");
      eerder.push_back(std::move(g));
    }
    o.producten.push_back(std::move(c));
  }
  for (const auto& p : v.te_wijzigen_producten) {
    codecs::RetourCodes c;
    const ToewijzingFeit* t = FindActueel(f, p.toewijzing_nummer, dagtekening);
    if (!andere_client(p.toewijzing_nummer) &&
        regel::TR351_TeWijzigenNietActueel(p, f, dagtekening)) {
      c.push_back("9351");
    }
    if (t) {
      if (regel::TR357_IngangsdatumInVerleden(p, *t, dagtekening)) c.push_back("9357");
      if (regel::TR373_BudgetNietVanafIngang(p, *t)) c.push_back("9373");
      if (regel::TR375_OmvangBijGeneriek(p, *t)) c.push_back("9375");
      if (regel::TR411_OmvangOntbreekt(p, *t)) c.push_back("9411");
      if (regel::TR412_OmvangBijAspecifiek(p, *t)) c.push_back("9412");
      GevraagdePeriode g{t->product, p.gewenste_ingangsdatum, p.einddatum};
      if (overlap(g)) c.push_back("9361");
      eerder.push_back(std::move(g));
    }
    o.producten.push_back(std::move(c));
  }
  for (const auto& p : v.nieuwe_producten) {
    codecs::RetourCodes c;
    GevraagdePeriode g{p.product, p.gewenste_ingangsdatum, p.einddatum};
    if (overlap(g)) c.push_back("9361");
    eerder.push_back(std::move(g));
    o.producten.push_back(std::move(c));
  }
  return o;
}

}  // namespace sluis::workflow
