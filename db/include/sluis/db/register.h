// The berichtenregister side of the transport: turning committed ebms_received business rows
// into `bericht` rows (the workflow's inbox; unpack), and `bericht` rows the workflow queued for
// sending into ebms_outbox rows (pack). The decisions (StUF, XSD, level 2, ebMS routing) are the
// caller's: db/ claims the rows, calls a function per row inside the transaction, and writes
// what it returns. Both are safe with several sluisd processes on one database (FOR UPDATE SKIP
// LOCKED) and at-least-once: the writes and the state change commit together.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sluis/db/messaging.h"

namespace sluis::db {

// --- unpack: ebms_received (business, state received) -> bericht (direction in) -----------

struct ReceivedForUnpack {
  int64_t id = 0;
  std::string message_id;
  std::string conversation_id;
  std::string cpa_id;
  std::string from_party_id;
  std::string to_party_id;
  std::string action;
  std::string content_type;
  std::string body;
  Instant received_at;
};

struct BerichtInsert {
  std::string direction = "in";
  std::string domein;  // wmo | jeugd
  int berichttype = 0;
  std::string gemeente;
  std::string agb;
  std::string identificatie;
  std::string dagtekening;  // YYYY-MM-DD
  std::string payload;
  std::optional<std::string> stuf_referentienummer;
  std::optional<std::string> stuf_cross_refnummer;
  std::optional<std::string> xsd_errors;         // JSON array
  std::optional<std::string> level2_violations;  // JSON array
  std::string state;                             // queued | xsd_rejected
  std::optional<std::string> error;
  // A retour (Du01): link answers_bericht_id to our heenbericht with this referentienummer.
  bool link_heenbericht = false;
};

struct Fo01Insert {
  std::string direction;  // in | out
  std::string referentienummer;
  std::string cross_refnummer;
  std::string code;
  std::string plek;
  std::string omschrijving;
  std::optional<std::string> details;
  std::string zender;
  std::string ontvanger;
};

struct UnpackOutcome {
  std::string state = "unpacked";  // unpacked | failed
  std::optional<std::string> error;
  std::optional<BerichtInsert> bericht;
  // A received Fo01: registered, linked to the bericht it is about (stuf_referentienummer =
  // cross_refnummer), whose `error` is set.
  std::optional<Fo01Insert> fo01_in;
  // A Fo01 StUF055 going back (with its register row, linked to `bericht`).
  std::optional<OutboxMessage> reply;
  std::optional<Fo01Insert> fo01_out;
  std::vector<AlertSpec> alerts;
};

using Unpacker = std::function<UnpackOutcome(const ReceivedForUnpack&)>;

// Claims up to `limit` received business rows (oldest first, FOR UPDATE SKIP LOCKED), calls
// `unpack` for each and writes the outcomes, all in one transaction. If that transaction fails,
// the rows are done one per transaction, and a row that still fails is marked failed with the
// database's error (a poison message never blocks the queue). Returns the outcomes written, in
// claim order.
std::vector<UnpackOutcome> UnpackBatch(Connection& conn, size_t limit, Instant now,
                                       const Unpacker& unpack);

// --- pack: bericht (direction out, queued) -> ebms_outbox ------------------------------------

struct BerichtForPacking {
  int64_t id = 0;
  std::string domein;
  int berichttype = 0;
  std::string gemeente;
  std::string agb;
  std::string identificatie;
  std::string payload;
  std::optional<int64_t> answers_bericht_id;
  // Of the heenbericht answered (answers_bericht_id), when it came over the GGk.
  std::optional<std::string> heen_referentienummer;
  std::optional<std::string> heen_conversation_id;
};

struct PackOutcome {
  bool packed = false;  // false: the bericht goes to dead with `error` and `alert`
  std::string stuf_referentienummer;
  std::optional<std::string> stuf_cross_refnummer;
  std::optional<OutboxMessage> outbox;  // set when packed (bericht_id is filled in by db/)
  std::string error;
  std::optional<AlertSpec> alert;
};

using Packer = std::function<PackOutcome(const BerichtForPacking&)>;

// Claims up to `limit` queued outgoing berichten (FOR UPDATE SKIP LOCKED), calls `pack` for
// each, inserts the outbox rows and sets the berichten packed (or dead), in one transaction.
// Returns the outcomes in claim order.
std::vector<PackOutcome> PackBatch(Connection& conn, size_t limit, Instant now, const Packer& pack);

}  // namespace sluis::db
