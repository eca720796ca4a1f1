// Private to db/: queueing a message Sluis sends (bericht, direction 'out', state 'queued') for
// the transport to wrap in StUF and ebMS. Nothing leaves unchecked: the payload must validate
// against its XSD and pass level 2, or it is not queued.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/xsd.h"

namespace sluis::db::internal {

// "SL" and ten digits from bericht_identificatie_seq: at most 12 characters
// (LDT_IdentificatieBericht).
std::string NextIdentificatie(pqxx::transaction_base& tx);
// The same for a number already taken from that sequence (the inbox's claim takes one for each
// heenbericht it claims: one round trip less per answer).
std::string FormatIdentificatie(int64_t nummer);

// The schema versions (IV034) of a message Sluis makes.
codecs::XsdVersie OwnXsdVersie(const codecs::SchemaSet& schemas, codecs::Domein domein,
                               codecs::BerichtType type);

struct Queued {
  int64_t id = 0;     // 0 when refused
  std::string error;  // why it was refused: XSD or level-2 findings
};

// Encodes, checks and queues `b`; `answers` links a retour or 325 to its heenbericht.
Queued QueueOutgoing(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                     const codecs::Bericht& b, std::optional<int64_t> answers);

// QueueOutgoing for the answer to heenbericht `heen`, which the same statement marks processed
// (`note` as its error text when not empty). Refused: nothing is written, as QueueOutgoing.
Queued QueueAnswer(pqxx::transaction_base& tx, const codecs::SchemaSet& schemas,
                   const codecs::Bericht& b, int64_t heen, const std::string& note);

}  // namespace sluis::db::internal
