// The CPAs this Sluis works with, one per [[ggk]] connection, loaded and checked at start-up:
// XSD-valid, usable for Digikoppeling osb-rm/osb-be, our party and the configured Service and
// Actions present, every action we send routable. Immutable once loaded, so any thread may read
// it. Entries point into their own CPA value and never move.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/cpa.h"

#include "config.h"

namespace sluis::codecs {
class SchemaSet;
}

namespace sluis::gateway {

// Retries, RetryInterval and PersistDuration that apply to a message we send.
struct RetryPolicy {
  int32_t retries = 0;
  int64_t retry_interval_ms = 0;
  std::optional<int64_t> persist_ms;  // unset: no dead-letter deadline from the CPA
  bool reliable = false;              // osb-rm: ackRequested always on the sending channel
};

// What we need to send one action to the other party.
struct ActionRoute {
  std::string action;
  codecs::cpa::SendRoute route;  // points into the entry's CPA
  RetryPolicy policy;
};

struct CpaEntry {
  GgkConfig config;
  codecs::cpa::Cpa cpa;
  codecs::cpa::PartyId our_party_id;
  const codecs::cpa::PartyInfo* us = nullptr;
  const codecs::cpa::PartyInfo* them = nullptr;
  codecs::cpa::Service service;
  std::string our_host;                       // the right-hand side of our MessageIds
  std::map<std::string, ActionRoute> routes;  // by action: di01, du01, fo01
  RetryPolicy signal_policy;                  // our Acknowledgments, MessageErrors, Pongs

  const ActionRoute* Route(std::string_view action) const;
  // The URL of `party`'s default MSH channel for a signal action ("Acknowledgment", ...).
  std::optional<std::string> SignalEndpoint(const codecs::cpa::PartyInfo& party,
                                            std::string_view signal_action) const;
};

class CpaRegistry {
 public:
  // Loads every [[ggk]] CPA. Throws ConfigError naming the file and the problem. schemas may be
  // null (no XSD check).
  static std::shared_ptr<const CpaRegistry> Load(const Config& config,
                                                 const codecs::SchemaSet* schemas);

  const CpaEntry* Find(std::string_view cpa_id) const;
  // The connection for outgoing berichten of a gemeente (its [[ggk]] gemeentecodes, else the
  // first without a list); null when there is none.
  const CpaEntry* ForGemeente(std::string_view gemeentecode) const;
  const std::vector<std::unique_ptr<CpaEntry>>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::unique_ptr<CpaEntry>> entries_;
};

// The retry policy of a sending channel: its ebXMLSenderBinding (else the receiver's
// ebXMLReceiverBinding) ReliableMessaging and PersistDuration.
RetryPolicy PolicyOf(const codecs::cpa::Cpa& cpa, const codecs::cpa::DeliveryChannel& send,
                     const codecs::cpa::DeliveryChannel* receive);

// Builds an entry from a parsed CPA (tests). Throws ConfigError.
std::unique_ptr<CpaEntry> MakeCpaEntry(const GgkConfig& config, codecs::cpa::Cpa cpa,
                                       const OutboxConfig& outbox);

}  // namespace sluis::gateway
