// The CPA queries an MSH makes (docs/ebms2-digikoppeling §5, §2.3, §4.5, §4.7). Linear scans:
// a CPA has two parties and a handful of channels.
#include <algorithm>
#include <limits>

#include "sluis/codecs/cpa.h"

namespace sluis::codecs::cpa {

const char* CpaStatusName(CpaStatus s) {
  switch (s) {
    case CpaStatus::kAgreed:
      return "agreed";
    case CpaStatus::kSigned:
      return "signed";
    case CpaStatus::kProposed:
      return "proposed";
  }
  return "?";
}

const char* SyncReplyModeName(SyncReplyMode m) {
  switch (m) {
    case SyncReplyMode::kNone:
      return "none";
    case SyncReplyMode::kMshSignalsOnly:
      return "mshSignalsOnly";
    case SyncReplyMode::kResponseOnly:
      return "responseOnly";
    case SyncReplyMode::kSignalsAndResponse:
      return "signalsAndResponse";
    case SyncReplyMode::kSignalsOnly:
      return "signalsOnly";
  }
  return "?";
}

const char* PerMessageName(PerMessage p) {
  switch (p) {
    case PerMessage::kAlways:
      return "always";
    case PerMessage::kNever:
      return "never";
    case PerMessage::kPerMessage:
      return "perMessage";
  }
  return "?";
}

bool DocExchange::IsSigned() const {
  return (sender && sender->non_repudiation) || (receiver && receiver->non_repudiation);
}

bool DocExchange::IsEncrypted() const {
  return (sender && sender->digital_envelope) || (receiver && receiver->digital_envelope);
}

Status CheckValidAt(const Cpa& cpa, Instant timestamp) {
  if (cpa.status == CpaStatus::kProposed) {
    return MakeError(ErrorKind::kRule, "Inconsistent", "CPA " + cpa.cpa_id + " has status proposed",
                     "//Header/MessageHeader/@cpaid");
  }
  if (timestamp < cpa.start || timestamp > cpa.end) {
    return MakeError(ErrorKind::kRule, "Inconsistent",
                     "CPA " + cpa.cpa_id + " is not valid at " + FormatXsDateTime(timestamp),
                     "//Header/MessageHeader/@cpaid");
  }
  return Status::Ok();
}

std::vector<ProfileProblem> DigikoppelingProblems(const Cpa& cpa) {
  std::vector<ProfileProblem> out;
  // EC CPAValidator: "CPA Status is proposed!"
  if (cpa.status == CpaStatus::kProposed) out.push_back({"CPA", "CPA Status is proposed"});
  for (const PartyInfo& p : cpa.parties) {
    for (const DeliveryChannel& c : p.delivery_channels) {
      const MessagingCharacteristics& m = c.messaging;
      // KVS ch05 l.256-265: none, or mshSignalsOnly by bilateral agreement.
      if (m.sync_reply_mode != SyncReplyMode::kNone &&
          m.sync_reply_mode != SyncReplyMode::kMshSignalsOnly) {
        out.push_back({c.channel_id, std::string("syncReplyMode ") +
                                         SyncReplyModeName(m.sync_reply_mode) +
                                         " is not allowed by Digikoppeling"});
      }
      if (m.actor && *m.actor == "urn:oasis:names:tc:ebxml-msg:actor:nextMSH") {
        out.push_back({c.channel_id, "actor nextMSH is not supported (no intermediaries)"});
      }
      if (m.ack_signature_requested == PerMessage::kAlways) {
        out.push_back({c.channel_id,
                       "signed acknowledgments (ackSignatureRequested always) are "
                       "out of scope"});
      }
      // osb-rm: ackRequested and duplicateElimination always; osb-be: both never (§4.1).
      const bool rm =
          m.ack_requested == PerMessage::kAlways && m.duplicate_elimination == PerMessage::kAlways;
      const bool be =
          m.ack_requested == PerMessage::kNever && m.duplicate_elimination == PerMessage::kNever;
      if (!rm && !be) {
        out.push_back({c.channel_id,
                       std::string("ackRequested ") + PerMessageName(m.ack_requested) +
                           " with duplicateElimination " + PerMessageName(m.duplicate_elimination) +
                           " is neither osb-rm nor osb-be"});
      }
    }
    for (const DocExchange& d : p.doc_exchanges) {
      if (d.IsSigned()) {
        out.push_back({d.doc_exchange_id, "signed profile (NonRepudiation) is out of scope"});
      }
      if (d.IsEncrypted()) {
        out.push_back({d.doc_exchange_id, "encrypted profile (DigitalEnvelope) is out of scope"});
      }
      for (const auto* b : {&d.sender, &d.receiver}) {
        if (*b && (*b)->reliable_messaging && (*b)->reliable_messaging->guaranteed_order) {
          // KVS ch03 l.50-54, BP ch04: MessageOrder is not implemented.
          out.push_back({d.doc_exchange_id, "MessageOrderSemantics Guaranteed is not supported"});
          break;
        }
      }
    }
  }
  return out;
}

const DeliveryChannel* FindChannel(const Cpa& cpa, std::string_view id) {
  for (const PartyInfo& p : cpa.parties) {
    for (const DeliveryChannel& c : p.delivery_channels) {
      if (c.channel_id == id) return &c;
    }
  }
  return nullptr;
}

const Transport* FindTransport(const Cpa& cpa, std::string_view id) {
  for (const PartyInfo& p : cpa.parties) {
    for (const Transport& t : p.transports) {
      if (t.transport_id == id) return &t;
    }
  }
  return nullptr;
}

const DocExchange* FindDocExchange(const Cpa& cpa, std::string_view id) {
  for (const PartyInfo& p : cpa.parties) {
    for (const DocExchange& d : p.doc_exchanges) {
      if (d.doc_exchange_id == id) return &d;
    }
  }
  return nullptr;
}

const Certificate* FindCertificate(const Cpa& cpa, std::string_view id) {
  for (const PartyInfo& p : cpa.parties) {
    for (const Certificate& c : p.certificates) {
      if (c.cert_id == id) return &c;
    }
  }
  return nullptr;
}

const PartyInfo* FindParty(const Cpa& cpa, const PartyId& id) {
  for (const PartyInfo& p : cpa.parties) {
    if (std::find(p.party_ids.begin(), p.party_ids.end(), id) != p.party_ids.end()) return &p;
  }
  return nullptr;
}

const PartyInfo* FindParty(const Cpa& cpa, std::span<const PartyId> ids) {
  if (ids.empty()) return nullptr;
  for (const PartyInfo& p : cpa.parties) {
    const bool all = std::all_of(ids.begin(), ids.end(), [&](const PartyId& id) {
      return std::find(p.party_ids.begin(), p.party_ids.end(), id) != p.party_ids.end();
    });
    if (all) return &p;
  }
  return nullptr;
}

const PartyInfo* OtherParty(const Cpa& cpa, const PartyInfo& party) {
  for (const PartyInfo& p : cpa.parties) {
    if (&p != &party) return &p;
  }
  return nullptr;
}

namespace {

std::optional<BindingRef> FindBinding(const Cpa& cpa, const PartyInfo& party,
                                      std::optional<std::string_view> role, const Service& service,
                                      std::string_view action, bool send) {
  for (const CollaborationRole& r : party.roles) {
    if ((role && r.role != *role) || r.service != service) continue;
    for (const ActionBinding& b : send ? r.can_send : r.can_receive) {
      if (b.action != action) continue;
      return BindingRef{&party, &r, &b, FindChannel(cpa, b.channel_ids.front())};
    }
  }
  return std::nullopt;
}

// The ThisPartyActionBinding with XML id `id`, anywhere in the CPA.
std::optional<BindingRef> FindBindingById(const Cpa& cpa, std::string_view id) {
  for (const PartyInfo& p : cpa.parties) {
    for (const CollaborationRole& r : p.roles) {
      for (const auto* list : {&r.can_send, &r.can_receive}) {
        for (const ActionBinding& b : *list) {
          if (b.id == id) return BindingRef{&p, &r, &b, FindChannel(cpa, b.channel_ids.front())};
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<BindingRef> FindCanSend(const Cpa& cpa, const PartyInfo& party,
                                      std::optional<std::string_view> role, const Service& service,
                                      std::string_view action) {
  return FindBinding(cpa, party, role, service, action, true);
}

std::optional<BindingRef> FindCanReceive(const Cpa& cpa, const PartyInfo& party,
                                         std::optional<std::string_view> role,
                                         const Service& service, std::string_view action) {
  return FindBinding(cpa, party, role, service, action, false);
}

const DeliveryChannel* DefaultMshChannel(const Cpa& cpa, const PartyInfo& party,
                                         std::string_view action) {
  for (const OverrideMshActionBinding& o : party.override_msh_action_bindings) {
    if (o.action == action) return FindChannel(cpa, o.channel_id);
  }
  return FindChannel(cpa, party.default_msh_channel_id);
}

const DeliveryChannel* SendChannel(const Cpa& cpa, const PartyInfo& party,
                                   std::optional<std::string_view> role, const Service& service,
                                   std::string_view action) {
  if (service.value == kEbmsServiceUri && !service.type) {
    return DefaultMshChannel(cpa, party, action);
  }
  const auto b = FindCanSend(cpa, party, role, service, action);
  return b ? b->channel : nullptr;
}

const DeliveryChannel* ReceiveChannel(const Cpa& cpa, const PartyInfo& party,
                                      std::optional<std::string_view> role, const Service& service,
                                      std::string_view action) {
  if (service.value == kEbmsServiceUri && !service.type) {
    return DefaultMshChannel(cpa, party, action);
  }
  const auto b = FindCanReceive(cpa, party, role, service, action);
  return b ? b->channel : nullptr;
}

std::optional<std::string> EndpointUri(const Cpa& cpa, const DeliveryChannel& channel) {
  const Transport* t = FindTransport(cpa, channel.transport_id);
  if (t == nullptr || t->endpoints.empty()) return std::nullopt;
  return t->endpoints.front().uri;
}

const Certificate* ClientCertificate(const Cpa& cpa, const DeliveryChannel& channel) {
  const Transport* t = FindTransport(cpa, channel.transport_id);
  if (t == nullptr || !t->client_certificate_ref) return nullptr;
  return FindCertificate(cpa, *t->client_certificate_ref);
}

const Certificate* ServerCertificate(const Cpa& cpa, const DeliveryChannel& channel) {
  const Transport* t = FindTransport(cpa, channel.transport_id);
  if (t == nullptr || !t->server_certificate_ref) return nullptr;
  return FindCertificate(cpa, *t->server_certificate_ref);
}

const EbXmlBinding* SenderBinding(const Cpa& cpa, const DeliveryChannel& channel) {
  const DocExchange* d = FindDocExchange(cpa, channel.doc_exchange_id);
  return d != nullptr && d->sender ? &*d->sender : nullptr;
}

const EbXmlBinding* ReceiverBinding(const Cpa& cpa, const DeliveryChannel& channel) {
  const DocExchange* d = FindDocExchange(cpa, channel.doc_exchange_id);
  return d != nullptr && d->receiver ? &*d->receiver : nullptr;
}

Instant TimeToLive(Instant timestamp, int64_t retries, std::chrono::milliseconds retry_interval) {
  // Saturating: a CPA may say anything that is an xs:integer and an xs:duration.
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t attempts = retries < 0 ? 1 : (retries == kMax ? kMax : retries + 1);
  const int64_t interval = std::max<int64_t>(0, retry_interval.count());
  const int64_t start = timestamp.time_since_epoch().count();
  if (interval != 0 &&
      (start >= kMax || attempts > (kMax - std::max<int64_t>(start, 0)) / interval)) {
    return Instant::max();
  }
  return timestamp + std::chrono::milliseconds(interval * attempts);
}

std::optional<Instant> TimeToLive(const Cpa& cpa, const DeliveryChannel& send_channel,
                                  Instant timestamp) {
  // EC EbMSMessageFactory: no TTL for best effort.
  if (send_channel.messaging.ack_requested == PerMessage::kNever) return std::nullopt;
  const EbXmlBinding* b = SenderBinding(cpa, send_channel);
  if (b == nullptr || !b->reliable_messaging) return std::nullopt;
  const ReliableMessaging& rm = *b->reliable_messaging;
  if (!rm.retries || !rm.retry_interval) return std::nullopt;
  return TimeToLive(timestamp, *rm.retries, *rm.retry_interval);
}

Result<SendRoute> RouteSend(const Cpa& cpa, const PartyId& from, const Service& service,
                            std::string_view action) {
  const auto fail = [&](const std::string& message) {
    return MakeError(ErrorKind::kRule, "CPA", message, cpa.cpa_id);
  };
  const PartyInfo* sender = FindParty(cpa, from);
  if (sender == nullptr) return fail("no party with PartyId " + from.value);
  const auto send = FindCanSend(cpa, *sender, std::nullopt, service, action);
  if (!send)
    return fail(sender->party_name + " has no CanSend for " + service.value + "/" +
                std::string(action));
  std::optional<BindingRef> receive;
  if (send->binding->other_party_action_binding) {
    receive = FindBindingById(cpa, *send->binding->other_party_action_binding);
  } else if (const PartyInfo* other = OtherParty(cpa, *sender)) {
    receive = FindCanReceive(cpa, *other, std::nullopt, service, action);
  }
  if (!receive || receive->party == sender) {
    return fail("no receiving party for " + service.value + "/" + std::string(action));
  }
  if (send->channel == nullptr || receive->channel == nullptr) {
    return fail("a channel of " + service.value + "/" + std::string(action) + " is missing");
  }
  std::optional<std::string> uri = EndpointUri(cpa, *receive->channel);
  if (!uri)
    return fail("the receiving channel " + receive->channel->channel_id + " has no Endpoint");
  SendRoute route;
  route.sender = *send;
  route.receiver = *receive;
  route.endpoint_uri = std::move(*uri);
  route.client_certificate = ClientCertificate(cpa, *send->channel);
  route.server_certificate = ServerCertificate(cpa, *receive->channel);
  return route;
}

}  // namespace sluis::codecs::cpa
