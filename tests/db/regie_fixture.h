// Shared by the regie pg tests: reference data, two toewijzingen of client 999900006 at
// aanbieder 65656055, and builders for 305/307/315/317 based on the official examples with
// dates in 2026.
#pragma once

#include <gtest/gtest.h>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/xsd.h"
#include "sluis/db/connection.h"
#include "sluis/db/inbox.h"

#include "examples.h"
#include "pg_schema.h"
#include "test_env.h"

namespace sluis::db::regie_test {

using testing::D;
using testing::TestSchema;

constexpr char kAgb[] = "65656055";
constexpr char kBsn[] = "999900006";

inline void Seed(const TestSchema& s) {
  s.Query(
      "INSERT INTO gemeente VALUES ('0363', 'Amsterdam', '2000-01-01', NULL);"
      "INSERT INTO aanbieder VALUES ('65656055', 'Zorg Test', 'NL91ABNA0417164300', 30);"
      "INSERT INTO client (gemeente, domein, bsn, geboortedatum, geslacht, achternaam,"
      " straatnaam, huisnummer, postcode, plaatsnaam) VALUES ('0363', 'wmo', '999900006',"
      " '1967-08-13', '1', 'Wit', 'Dorpsstraat', 1, '1011AB', 'Amsterdam');"
      "INSERT INTO toewijzing_versie (gemeente, domein, nummer, agb, bsn, categorie, code,"
      " toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, volume, eenheid, frequentie,"
      " bron, created_by) VALUES"
      " ('0363', 'wmo', 300201, '65656055', '999900006', '01', '01A11', '2025-12-15',"
      "  '10:15:00', '2026-01-01', '2026-12-31', 4, '04', '2', 'import', 'test'),"
      " ('0363', 'wmo', 300202, '65656055', '999900006', '01', '01A12', '2025-12-15',"
      "  '10:15:00', '2026-01-01', '2026-12-31', 2, '04', '2', 'import', 'test');"
      "INSERT INTO toewijzing (gemeente, domein, nummer, versie_id, agb, bsn, levering)"
      " SELECT gemeente, domein, nummer, id, agb, bsn, 'extern' FROM toewijzing_versie;");
}

inline std::shared_ptr<const codecs::SchemaSet> Schemas() {
  static const auto schemas = *codecs::SchemaSet::Load(testing::SharedDir());
  return schemas;
}

inline InboxConfig Config() { return {Schemas(), workflow::WorkingDayCalendar(), {}}; }

inline workflow::TimePoint At(const char* date, int hour = 9) {
  return workflow::DutchMidnight(D(date)) + std::chrono::hours(hour);
}

template <class B>
B Official(const char* name) {
  const auto b = codecs::ParseBericht(
      testing::ReadFile(testing::SharedDir() + "/istandaarden/iwmo-3.2/" + name + ".xml"));
  EXPECT_TRUE(b);
  return std::get<B>(*b);
}

inline void SetHeader(codecs::Header& h, const std::string& id, const char* dag) {
  h.gemeente = codecs::GemeenteCode("0363");
  h.aanbieder = codecs::AgbCode(kAgb);
  h.bericht_identificatie = {id, D(dag)};
}

inline codecs::StartProduct StartP(int64_t nummer, const char* begin, const char* status = "1") {
  codecs::StartProduct p;
  p.toewijzing_nummer = codecs::ToewijzingNummer(nummer);
  p.begindatum = D(begin);
  p.status_aanlevering = status;
  return p;
}

inline codecs::StopProduct StopP(int64_t nummer, const char* begin, const char* reden,
                                 const char* eind, const char* status = "1") {
  codecs::StopProduct p;
  p.toewijzing_nummer = codecs::ToewijzingNummer(nummer);
  p.begindatum = D(begin);
  p.reden_beeindiging = reden;
  p.einddatum = D(eind);
  p.status_aanlevering = status;
  return p;
}

inline codecs::Bericht305 Start(const std::string& id, const char* dag,
                                std::vector<codecs::StartProduct> producten) {
  auto b = Official<codecs::Bericht305>("WMO305");
  SetHeader(b.header, id, dag);
  b.client.producten = std::move(producten);
  return b;
}

inline codecs::Bericht307 Stop(const std::string& id, const char* dag,
                               std::vector<codecs::StopProduct> producten) {
  auto b = Official<codecs::Bericht307>("WMO307");
  SetHeader(b.header, id, dag);
  b.client.producten = std::move(producten);
  return b;
}

// A 315 for client 999900006 asking for two products (02 and 03) from 2026-04-01.
inline codecs::Bericht315 Vot(const std::string& id, const char* dag, const std::string& ref1,
                              const std::string& ref2) {
  auto b = Official<codecs::Bericht315>("WMO315");
  SetHeader(b.header, id, dag);
  b.client.bsn = codecs::Bsn(kBsn);
  auto& ps = b.client.aangevraagde_producten;
  ps[0].referentie_aanbieder = ref1;
  ps[1].referentie_aanbieder = ref2;
  for (auto& p : ps) {
    p.beschikking_ingangsdatum = D("2026-04-01");
    p.toewijzing_ingangsdatum = D("2026-04-01");
    p.toewijzing_einddatum = D("2026-12-31");
  }
  ps[0].product = codecs::Product{"02", "02A01"};
  ps[1].product = codecs::Product{"03", "03A01"};
  return b;
}

// A 317 listing both toewijzingen unchanged and asking one new product (03A01 from June; a VOW
// must ask something, TR353).
inline codecs::Bericht317 Vow(const std::string& id, const char* dag, const std::string& ref) {
  auto b = Official<codecs::Bericht317>("WMO317");
  SetHeader(b.header, id, dag);
  auto& v = b.client.verzoek;
  v.referentie_aanbieder = ref;
  v.ongewijzigde_producten = {{codecs::ToewijzingNummer(300201), {}},
                              {codecs::ToewijzingNummer(300202), {}}};
  v.te_wijzigen_producten.clear();
  codecs::NieuwProduct n;
  n.product = codecs::Product{"03", "03A01"};
  n.gewenste_ingangsdatum = D("2026-06-01");
  n.einddatum = D("2026-12-31");
  n.omvang = codecs::Omvang{2, "04", "2"};
  v.nieuwe_producten = {n};
  return b;
}

inline codecs::TeWijzigenProduct Wijzig(int64_t nummer, const char* ingang) {
  codecs::TeWijzigenProduct p;
  p.toewijzing_nummer = codecs::ToewijzingNummer(nummer);
  p.gewenste_ingangsdatum = D(ingang);
  return p;
}

// Registers an incoming message as the transport does, received at `at`.
inline int64_t Receive(const TestSchema& s, const codecs::Bericht& b, const char* at) {
  const codecs::Header& h = codecs::HeaderOf(b);
  const std::string xml = codecs::EncodeBericht(b);
  std::string hex;
  for (const unsigned char c : xml) {
    static const char* digits = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  const std::string ident = codecs::IsRetour(codecs::TypeOf(b))
                                ? std::visit(
                                      [](const auto& m) -> std::string {
                                        if constexpr (requires { m.header.identificatie_retour; }) {
                                          return m.header.identificatie_retour;
                                        } else {
                                          return "";
                                        }
                                      },
                                      b)
                                : h.bericht_identificatie.identificatie;
  return std::stoll(s.Query(
      "INSERT INTO bericht (direction, domein, berichttype, gemeente, agb, identificatie,"
      " dagtekening, payload, state, created_at) VALUES ('in', '" +
      std::string(codecs::DomeinName(codecs::DomeinOf(b))) + "', " +
      std::to_string(codecs::Nummer(codecs::TypeOf(b))) + ", '" + h.gemeente.str() + "', '" +
      h.aanbieder.str() + "', '" + ident + "', '" + h.bericht_identificatie.dagtekening.ToString() +
      "', '\\x" + hex + "', 'queued', '" + at + "') RETURNING id"));
}

inline codecs::Bericht Sent(const TestSchema& s, int64_t id) {
  const std::string hex =
      s.Query("SELECT encode(payload, 'hex') FROM bericht WHERE id = " + std::to_string(id));
  std::string xml;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    xml += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  const auto b = codecs::ParseBericht(xml);
  EXPECT_TRUE(b) << xml;
  return b ? *b : codecs::Bericht{};
}

// Receives `b` at `at`, processes it, and returns the retour we queued.
template <class Retour>
Retour Answer(const TestSchema& s, Connection& conn, const codecs::Bericht& b, const char* date) {
  Receive(s, b, (std::string(date) + " 09:00+01").c_str());
  Inbox inbox(Config());
  workflow::ManualClock clock(At(date));
  const auto r = inbox.ProcessNext(conn, clock);
  EXPECT_TRUE(r);
  if (!r || r->answers.size() != 1) {
    ADD_FAILURE() << (r ? r->outcome + ": " + r->detail : "nothing processed");
    return Retour{};
  }
  return std::get<Retour>(Sent(s, r->answers[0]));
}

// The codes of every product in a retour's client, "" when header-only; header codes first.
template <class Retour>
std::string Codes(const Retour& r) {
  std::string out;
  for (const auto& c : r.header.retour_codes) out += c + " ";
  if constexpr (requires { r.client; }) {
    if (r.client) {
      out += "|";
      if constexpr (requires { r.client->producten; }) {
        for (const auto& p : r.client->producten) {
          for (const auto& c : p.retour_codes) out += " " + c;
        }
      } else if constexpr (requires { r.client->aangevraagde_producten; }) {
        for (const auto& c : r.client->retour_codes) out += " c" + c;
        for (const auto& p : r.client->aangevraagde_producten) {
          for (const auto& c : p.retour_codes) out += " " + c;
        }
      } else {
        for (const auto& c : r.client->retour_codes) out += " c" + c;
        const auto& v = r.client->verzoek;
        for (const auto& c : v.retour_codes) out += " v" + c;
        for (const auto& p : v.ongewijzigde_producten) {
          for (const auto& c : p.retour_codes) out += " o" + c;
        }
        for (const auto& p : v.te_wijzigen_producten) {
          for (const auto& c : p.retour_codes) out += " w" + c;
        }
        for (const auto& p : v.nieuwe_producten) {
          for (const auto& c : p.retour_codes) out += " n" + c;
        }
      }
    }
  }
  return out;
}

}  // namespace sluis::db::regie_test
