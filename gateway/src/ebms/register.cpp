#include "ebms/register.h"

#include <algorithm>
#include <variant>

#include <nlohmann/json.hpp>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/ebms.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"
#include "sluis/codecs/stuf.h"
#include "sluis/workflow/clock.h"

#include "ebms/outbound.h"
#include "ids.h"

namespace sluis::gateway {

namespace stuf = codecs::stuf;
namespace ebms = codecs::ebms;
using codecs::BerichtType;
using codecs::Domein;

namespace {

db::UnpackOutcome Failed(const db::ReceivedForUnpack& row, const std::string& why,
                         const std::string& severity = "critical") {
  db::UnpackOutcome o;
  o.state = "failed";
  o.error = why;
  o.alerts.push_back(db::AlertSpec{"unpack.failed:" + row.message_id, "unpack_failed", severity,
                                   row.message_id,
                                   "received ebMS message " + row.message_id + " (CPA " +
                                       row.cpa_id + ") cannot be registered: " + why});
  return o;
}

bool AllDigits(const std::string& s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string StufTijdstip(codecs::Instant now) {
  return stuf::Tijdstip(now, workflow::DutchUtcOffsetMillis(now));
}

// Identificatie and dagtekening of the message itself: a retour's own (IdentificatieRetour),
// a heenbericht's BerichtIdentificatie.
void IdentityOf(const codecs::Bericht& b, std::string& identificatie, std::string& dagtekening) {
  bool retour = false;
  std::visit(
      [&](const auto& m) {
        if constexpr (std::is_same_v<std::decay_t<decltype(m.header)>, codecs::RetourHeader>) {
          identificatie = m.header.identificatie_retour;
          dagtekening = m.header.dagtekening_retour.ToString();
          retour = true;
        }
      },
      b);
  if (retour) return;
  const codecs::Header& h = codecs::HeaderOf(b);
  identificatie = h.bericht_identificatie.identificatie;
  dagtekening = h.bericht_identificatie.dagtekening.ToString();
}

db::Fo01Insert Register(const stuf::Fo01& f, const std::string& direction) {
  db::Fo01Insert r;
  r.direction = direction;
  r.referentienummer = f.referentienummer;
  r.cross_refnummer = f.cross_refnummer;
  r.code = f.code;
  r.plek = f.plek;
  r.omschrijving = f.omschrijving;
  r.details = f.details;
  r.zender = f.zender.organisatie;
  r.ontvanger = f.ontvanger.organisatie;
  return r;
}

// The Fo01 StUF055 back to the sender of `received`, packed for the CPA it came over.
bool AddStuf055(db::UnpackOutcome& o, const db::ReceivedForUnpack& row, const stuf::Envelope& env,
                const std::string& reason, const RegisterContext& ctx) {
  const CpaEntry* entry = ctx.cpas->Find(row.cpa_id);
  const ActionRoute* route = entry ? entry->Route(entry->config.action_fo01) : nullptr;
  if (route == nullptr) return false;
  stuf::Systeem gemeente;
  gemeente.organisatie = env.ontvanger.organisatie;
  gemeente.applicatie = ctx.gemeente->stuf_applicatie;
  if (!ctx.gemeente->stuf_administratie.empty()) {
    gemeente.administratie = ctx.gemeente->stuf_administratie;
  }
  const std::string ref = NewUuid();
  const stuf::Fo01 fo01 = stuf::MakeStuf055(env, gemeente, ref, StufTijdstip(ctx.now), reason);
  codecs::Result<BuiltMessage> m =
      BuildBusinessMessage(*entry, *route, stuf::Encode(fo01), ref + "@" + entry->our_host,
                           row.conversation_id, ctx.now);
  if (!m.ok()) return false;
  o.reply = OutboxRow(*entry, *route, *m, ctx.now);
  o.fo01_out = Register(fo01, "out");
  return true;
}

}  // namespace

std::string BerichtLabel(const db::BerichtInsert& b) {
  const auto type = codecs::FromNummer(b.berichttype);
  if (!type) return "unknown";
  return std::string(codecs::Functie(b.domein == "wmo" ? Domein::kWmo : Domein::kJeugd, *type));
}

db::UnpackOutcome Unpack(const db::ReceivedForUnpack& row, const RegisterContext& ctx) {
  codecs::Result<ebms::InboundMessage> in = ebms::DecodeMessage(row.content_type, row.body);
  if (!in.ok()) return Failed(row, "ebMS message unreadable: " + in.error().ToString());
  if (in->payloads.size() != 1) {
    return Failed(row, "expected one payload (a StUF envelope), found " +
                           std::to_string(in->payloads.size()));
  }
  const std::string& document = in->payloads[0].body;
  codecs::Result<stuf::Bericht> parsed = stuf::Parse(document);
  if (!parsed.ok()) return Failed(row, "StUF envelope unreadable: " + parsed.error().ToString());
  if (ctx.schemas != nullptr) {
    const auto errors = ctx.schemas->Validate(codecs::SchemaKind::kStufGgk, document, 3);
    if (!errors.empty()) {
      return Failed(row, "StUF envelope not valid against ggk0210: " + errors[0].ToString());
    }
  }

  if (const auto* fo01 = std::get_if<stuf::Fo01>(&*parsed)) {
    db::UnpackOutcome o;
    o.fo01_in = Register(*fo01, "in");
    o.alerts.push_back(db::AlertSpec{
        "stuf.fo01:" + fo01->cross_refnummer, "fo01_received", "warning", fo01->cross_refnummer,
        "Fo01 " + fo01->code + " from " + fo01->zender.organisatie + " about " +
            fo01->cross_refnummer + ": " + fo01->omschrijving});
    return o;
  }
  const stuf::Envelope& env = std::get<stuf::Envelope>(*parsed);
  const auto kind = codecs::FromFunctie(env.functie);
  if (!kind) return Failed(row, "unknown StUF functie " + env.functie);
  const auto [domein, type] = *kind;
  if (!codecs::GemeenteReceives(type)) {
    return Failed(row, "a " + env.functie + " is not a message a gemeente receives");
  }
  if (env.tekst_bestandsnaam) return Failed(row, "a tekstBestand where an iWmo/iJw XML belongs");

  db::BerichtInsert b;
  b.domein = std::string(codecs::DomeinName(domein));
  b.berichttype = codecs::Nummer(type);
  b.payload = env.payload;
  b.stuf_referentienummer = env.referentienummer;
  b.stuf_cross_refnummer = env.cross_refnummer;
  b.link_heenbericht = codecs::IsRetour(type) && env.cross_refnummer.has_value();

  std::vector<codecs::Error> xsd;
  if (ctx.schemas != nullptr) xsd = ctx.schemas->ValidatePayload(domein, type, env.payload, 20);
  codecs::Result<codecs::Bericht> bericht = codecs::ParseBericht(env.payload);
  if (bericht.ok()) {
    const codecs::Header& h = codecs::HeaderOf(*bericht);
    b.gemeente = h.gemeente.str();
    b.agb = h.aanbieder.str();
    IdentityOf(*bericht, b.identificatie, b.dagtekening);
  } else {
    if (xsd.empty()) xsd.push_back(bericht.error());
    // The header cannot be read: what the StUF envelope says, and the day of receipt.
    b.gemeente = AllDigits(env.ontvanger.organisatie, 4) ? env.ontvanger.organisatie : "0000";
    b.agb = AllDigits(env.zender.organisatie, 8) ? env.zender.organisatie : "00000000";
    b.dagtekening = workflow::DutchDate(row.received_at).ToString();
  }

  db::UnpackOutcome o;
  if (!xsd.empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const codecs::Error& e : xsd) {
      errors.push_back({{"code", e.code}, {"location", e.location}, {"message", e.message}});
    }
    b.xsd_errors = errors.dump();
    b.state = "xsd_rejected";
    const std::string reason = xsd[0].location + ": " + xsd[0].message;
    b.error = "StUF055: " + reason;  // what the Fo01 says; track & trace shows it
    if (!AddStuf055(o, row, env, reason, ctx)) {
      o.alerts.push_back(db::AlertSpec{"unpack.no_fo01_route:" + row.cpa_id, "unpack_failed",
                                       "critical", row.cpa_id,
                                       "cannot send a Fo01 StUF055 over CPA " + row.cpa_id});
    }
    o.bericht = std::move(b);
    return o;
  }
  const std::vector<codecs::RuleViolation> violations = codecs::CheckLevel2(*bericht);
  if (!violations.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const codecs::RuleViolation& v : violations) {
      list.push_back({{"rule", v.rule},
                      {"retourcode", v.retourcode},
                      {"location", v.location},
                      {"message", v.message}});
    }
    b.level2_violations = list.dump();
  }
  b.state = "queued";
  o.bericht = std::move(b);
  return o;
}

db::PackOutcome Pack(const db::BerichtForPacking& b, const RegisterContext& ctx) {
  db::PackOutcome o;
  auto dead = [&](const std::string& why) {
    o.packed = false;
    o.error = why;
    o.alert = db::AlertSpec{"pack.failed:" + std::to_string(b.id), "pack_failed", "critical",
                            "bericht " + std::to_string(b.id), "cannot send: " + why};
    return o;
  };
  const auto type = codecs::FromNummer(b.berichttype);
  if (!type) return dead("unknown berichttype " + std::to_string(b.berichttype));
  const Domein domein = b.domein == "wmo" ? Domein::kWmo : Domein::kJeugd;
  const CpaEntry* entry = ctx.cpas->ForGemeente(b.gemeente);
  if (entry == nullptr) return dead("no [[ggk]] connection for gemeente " + b.gemeente);

  stuf::Envelope env;
  env.soort = codecs::IsRetour(*type) ? stuf::Soort::kDu01 : stuf::Soort::kDi01;
  if (env.soort == stuf::Soort::kDu01) {
    if (!b.heen_referentienummer) {
      return dead("a retour without the StUF referentienummer of its heenbericht");
    }
    env.cross_refnummer = b.heen_referentienummer;
  }
  env.zender.organisatie = b.gemeente;
  env.zender.applicatie = ctx.gemeente->stuf_applicatie;
  if (!ctx.gemeente->stuf_administratie.empty()) {
    env.zender.administratie = ctx.gemeente->stuf_administratie;
  }
  env.ontvanger.organisatie = b.agb;
  env.ontvanger.applicatie = "GGk";
  env.referentienummer = NewUuid();
  env.tijdstip_bericht = StufTijdstip(ctx.now);
  env.functie = std::string(codecs::Functie(domein, *type));
  env.payload = b.payload;

  const std::string action =
      env.soort == stuf::Soort::kDu01 ? entry->config.action_du01 : entry->config.action_di01;
  const ActionRoute* route = entry->Route(action);
  if (route == nullptr) return dead("the CPA has no route for " + action);
  // A retour continues the conversation of its heenbericht (KVS: ConversationId is shared by
  // request and response).
  const std::string conversation = env.soort == stuf::Soort::kDu01
                                       ? b.heen_conversation_id.value_or(env.referentienummer)
                                       : env.referentienummer;
  codecs::Result<BuiltMessage> m =
      BuildBusinessMessage(*entry, *route, stuf::Encode(env),
                           env.referentienummer + "@" + entry->our_host, conversation, ctx.now);
  if (!m.ok()) return dead(m.error().ToString());
  o.packed = true;
  o.stuf_referentienummer = env.referentienummer;
  o.stuf_cross_refnummer = env.cross_refnummer;
  o.outbox = OutboxRow(*entry, *route, *m, ctx.now);
  return o;
}

}  // namespace sluis::gateway
