#include "ebms/cpa_registry.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "sluis/codecs/xsd.h"

#include "ids.h"

namespace sluis::gateway {

namespace cpa = codecs::cpa;

const ActionRoute* CpaEntry::Route(std::string_view action) const {
  auto it = routes.find(std::string(action));
  return it == routes.end() ? nullptr : &it->second;
}

std::optional<std::string> CpaEntry::SignalEndpoint(const cpa::PartyInfo& party,
                                                    std::string_view signal_action) const {
  const cpa::DeliveryChannel* channel = cpa::DefaultMshChannel(cpa, party, signal_action);
  if (channel == nullptr) return std::nullopt;
  return cpa::EndpointUri(cpa, *channel);
}

RetryPolicy PolicyOf(const cpa::Cpa& c, const cpa::DeliveryChannel& send,
                     const cpa::DeliveryChannel* receive) {
  RetryPolicy p;
  p.reliable = send.messaging.ack_requested == cpa::PerMessage::kAlways;
  const cpa::EbXmlBinding* binding = cpa::SenderBinding(c, send);
  const cpa::EbXmlBinding* fallback = receive ? cpa::ReceiverBinding(c, *receive) : nullptr;
  for (const cpa::EbXmlBinding* b : {binding, fallback}) {
    if (b == nullptr || !b->reliable_messaging) continue;
    const cpa::ReliableMessaging& rm = *b->reliable_messaging;
    if (rm.retries && rm.retry_interval) {
      p.retries = static_cast<int32_t>(std::clamp<int64_t>(*rm.retries, 0, 1000));
      p.retry_interval_ms = rm.retry_interval->count();
      if (b->persist_duration) p.persist_ms = b->persist_duration->count();
      return p;
    }
  }
  for (const cpa::EbXmlBinding* b : {binding, fallback}) {
    if (b != nullptr && b->persist_duration) p.persist_ms = b->persist_duration->count();
  }
  return p;
}

std::unique_ptr<CpaEntry> MakeCpaEntry(const GgkConfig& config, cpa::Cpa parsed,
                                       const OutboxConfig& outbox) {
  auto fail = [&](const std::string& why) {
    throw ConfigError("config: ggk " + config.name + ": CPA " + config.cpa_file + ": " + why);
  };
  auto e = std::make_unique<CpaEntry>();
  e->config = config;
  e->cpa = std::move(parsed);
  e->our_party_id = cpa::PartyId{config.party_id_type, config.party_id};
  e->us = cpa::FindParty(e->cpa, e->our_party_id);
  if (e->us == nullptr) fail("no party with PartyId " + config.party_id);
  e->them = cpa::OtherParty(e->cpa, *e->us);
  if (e->them == nullptr) fail("no other party");
  if (!config.service.empty()) {
    bool found = false;
    for (const auto& role : e->us->roles) {
      if (role.service.value == config.service) {
        e->service = role.service;
        found = true;
      }
    }
    if (!found) fail("our party has no service " + config.service);
  } else {
    std::set<std::pair<std::string, std::string>> services;
    for (const auto& role : e->us->roles) {
      services.insert({role.service.type.value_or(""), role.service.value});
      e->service = role.service;
    }
    if (services.size() != 1) fail("our party has several services: set ggk.service");
  }
  for (const std::string& action : {config.action_di01, config.action_du01, config.action_fo01}) {
    codecs::Result<cpa::SendRoute> r = cpa::RouteSend(e->cpa, e->our_party_id, e->service, action);
    if (!r.ok()) fail("cannot send " + action + ": " + r.error().message);
    ActionRoute route{action, *r, PolicyOf(e->cpa, *r->sender.channel, r->receiver.channel)};
    e->routes.emplace(action, std::move(route));
  }
  // Our MessageIds end in the host of our own endpoint (ebms2-digikoppeling §4.6).
  if (auto in = cpa::FindCanReceive(e->cpa, *e->us, std::nullopt, e->service, config.action_di01);
      in && in->channel) {
    if (auto uri = cpa::EndpointUri(e->cpa, *in->channel)) e->our_host = UrlHost(*uri);
  }
  if (e->our_host.empty()) e->our_host = "localhost";
  // Signals go over our default MSH channel; its retry settings, else the business channel's,
  // else the configured defaults.
  e->signal_policy = RetryPolicy{static_cast<int32_t>(outbox.signal_retries),
                                 outbox.signal_retry_interval_ms, outbox.signal_persist_ms, false};
  const cpa::DeliveryChannel* msh = cpa::FindChannel(e->cpa, e->us->default_msh_channel_id);
  RetryPolicy from_msh = msh ? PolicyOf(e->cpa, *msh, nullptr) : RetryPolicy{};
  const ActionRoute& business = e->routes.at(config.action_di01);
  const RetryPolicy& chosen = from_msh.retry_interval_ms > 0 ? from_msh : business.policy;
  if (chosen.retry_interval_ms > 0) {
    e->signal_policy.retries = chosen.retries;
    e->signal_policy.retry_interval_ms = chosen.retry_interval_ms;
    if (chosen.persist_ms) e->signal_policy.persist_ms = chosen.persist_ms;
  }
  e->signal_policy.reliable = false;
  return e;
}

std::shared_ptr<const CpaRegistry> CpaRegistry::Load(const Config& config,
                                                     const codecs::SchemaSet* schemas) {
  auto registry = std::make_shared<CpaRegistry>();
  for (const GgkConfig& g : config.ggk) {
    auto fail = [&](const std::string& why) {
      throw ConfigError("config: ggk " + g.name + ": CPA " + g.cpa_file + ": " + why);
    };
    std::ifstream in(g.cpa_file, std::ios::binary);
    if (!in) fail("cannot read");
    std::stringstream text;
    text << in.rdbuf();
    const std::string xml = text.str();
    if (schemas != nullptr) {
      const auto errors = schemas->Validate(codecs::SchemaKind::kCpa, xml, 3);
      if (!errors.empty()) fail("not valid against cpp-cpa-2_0.xsd: " + errors[0].ToString());
    }
    codecs::Result<cpa::Cpa> parsed = cpa::ParseCpa(xml);
    if (!parsed.ok()) fail(parsed.error().ToString());
    const auto problems = cpa::DigikoppelingProblems(*parsed);
    if (!problems.empty()) {
      fail("not usable for Digikoppeling osb-rm/osb-be: " + problems[0].subject + ": " +
           problems[0].reason);
    }
    if (registry->Find(parsed->cpa_id) != nullptr) fail("CPAId " + parsed->cpa_id + " twice");
    registry->entries_.push_back(MakeCpaEntry(g, std::move(parsed).value(), config.outbox));
  }
  return registry;
}

const CpaEntry* CpaRegistry::Find(std::string_view cpa_id) const {
  for (const auto& e : entries_) {
    if (e->cpa.cpa_id == cpa_id) return e.get();
  }
  return nullptr;
}

const CpaEntry* CpaRegistry::ForGemeente(std::string_view code) const {
  for (const auto& e : entries_) {
    for (const std::string& c : e->config.gemeentecodes) {
      if (c == code) return e.get();
    }
  }
  for (const auto& e : entries_) {
    if (e->config.gemeentecodes.empty()) return e.get();
  }
  return nullptr;
}

}  // namespace sluis::gateway
