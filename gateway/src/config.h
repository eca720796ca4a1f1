// sluisd's configuration: one TOML file, parsed once at start-up, validated, then passed by
// const& (docs/conventions §7). Defaults are in-line here and documented in
// ops/sluisd.example.toml. Secrets are referenced by path, never written in the file.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sluis::gateway {

// A configuration error: one line that names the key ("config: database.url: missing").
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListenerConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 0;  // 0: pick a free port (tests); logged at start
  uint32_t max_connections = 512;
  uint32_t header_timeout_ms = 10'000;   // whole request header must arrive within this
  uint32_t body_timeout_ms = 60'000;     // whole body (slow senders are cut off)
  uint32_t idle_timeout_ms = 60'000;     // keep-alive connections without a request
  uint64_t max_body_bytes = 36'000'000;  // 25 MB envelope + base64/MIME overhead
};

struct TlsConfig {
  std::string cert_file;  // PEM: our certificate chain (server, and client for outbound)
  std::string key_file;   // PEM private key
  std::string ca_file;    // PEM bundle of the CAs we trust for peers; never the system store
};

struct DatabaseConfig {
  std::string url;       // libpq URL; or
  std::string url_file;  // a file holding it (keeps the password out of this file)
  uint32_t pool_size = 4;
  bool auto_migrate = false;  // apply pending migrations at start instead of refusing work
};

struct LogConfig {
  std::string level = "info";  // debug | info | warn | error
};

// The gemeente's own account: the debtor of the SEPA payment batches (sluis betaal batch).
struct DebiteurConfig {
  std::string naam;  // Dbtr/Nm
  std::string iban;  // normalised (no spaces, upper case)
  std::string bic;   // "" = not given (the file says NOTPROVIDED)
};

// [betaling]: debtor_* for every gemeente, [betaling.gemeente.NNNN] for a gemeente that pays
// from an account of its own (a gastheergemeente serving several gemeenten).
struct BetalingConfig {
  DebiteurConfig debiteur;                             // naam "" = not configured
  std::map<std::string, DebiteurConfig> per_gemeente;  // by CBS gemeentecode
  // The account for `gemeente`, or nullptr when none is configured.
  const DebiteurConfig* DebiteurVoor(const std::string& gemeente) const;
};

// [ui]: the web UI and API on the admin listener (gateway/src/api/router.h).
struct UiSettings {
  uint32_t session_minutes = 480;
  uint32_t max_failed_logins = 5;
  uint32_t max_failed_logins_per_address = 20;
  uint32_t throttle_minutes = 15;
};

// The gemeente this Sluis runs for: what goes into the StUF envelopes it sends.
struct GemeenteConfig {
  std::string oin;                         // informational: our OIN (the PartyId is per [[ggk]])
  std::vector<std::string> gemeentecodes;  // CBS codes (4 digits) of the gemeente(n) served
  std::string stuf_applicatie = "Sluis";   // StUF zender/applicatie (3..50 characters)
  std::string stuf_administratie;          // StUF zender/administratie; empty: none
};

// One GGk connection: a CPA and the names in it. The real GGk CPA's Service and Action names
// are not public (docs: UNCONFIRMED), so they are configuration.
struct GgkConfig {
  std::string name = "ggk";  // for logs and metrics
  std::string cpa_file;      // required
  std::string party_id;      // required: our PartyId in the CPA (the gemeente's OIN)
  std::string party_id_type = "urn:osb:oin";
  std::string service;  // empty: the one service of our CollaborationRole in the CPA
  std::string action_di01 = "ggk_Di01";
  std::string action_du01 = "ggk_Du01";
  std::string action_fo01 = "Fo01";
  // Outgoing berichten for these gemeentecodes go over this connection; empty: all (the first
  // [[ggk]] without a list takes what no other claims).
  std::vector<std::string> gemeentecodes;
};

// Delivery of ebms_outbox rows (business messages and asynchronous signals).
struct OutboxConfig {
  bool enabled = true;
  std::string worker_id;            // claimed_by; empty: hostname:pid
  uint32_t max_in_flight = 64;      // concurrent sends per sluisd
  uint32_t claim_batch = 64;        // rows claimed per query
  uint32_t poll_interval_ms = 500;  // look for due rows at least this often
  uint32_t connect_timeout_ms = 10'000;
  uint32_t request_timeout_ms = 60'000;  // write the request and read the answer
  uint32_t lease_ms = 0;                 // 0: connect + request timeout + 30 s
  // Keep-alive connections kept per endpoint: at least max_in_flight, or every send beyond
  // the kept ones opens a connection with a full two-way TLS handshake.
  uint32_t max_idle_per_endpoint = 64;
  // Signals (Acknowledgment, MessageError, Pong) when the CPA gives no ReliableMessaging for
  // our MSH channel or business channel.
  uint32_t signal_retries = 3;
  uint32_t signal_retry_interval_ms = 60'000;
  uint32_t signal_persist_ms = 3'600'000;
};

// A background worker that polls the database (unpack: received -> bericht; pack: bericht ->
// outbox); it is also woken when this process commits new work.
struct WorkerConfig {
  bool enabled = true;
  uint32_t poll_interval_ms = 500;
  uint32_t batch = 64;
  uint32_t workers = 1;  // loops running at once ([inbox] only: each aanbieder stays in order)
  uint32_t per_transaction = 1;  // [inbox] only: berichten handled in one transaction
};

struct Config {
  std::string config_path;  // the file this came from (for relative paths and messages)
  ListenerConfig ebms{.port = 8443};
  ListenerConfig admin{.port = 8444, .max_connections = 128, .max_body_bytes = 2'000'000};
  TlsConfig tls;
  DatabaseConfig database;
  LogConfig log;
  BetalingConfig betaling;
  UiSettings ui;
  GemeenteConfig gemeente;
  std::vector<GgkConfig> ggk;
  OutboxConfig outbox;
  WorkerConfig unpack;
  WorkerConfig pack{.poll_interval_ms = 1000, .batch = 32};
  WorkerConfig inbox{.workers = 2,
                     .per_transaction = 16};  // the workflow's inbox (323 judged, 325 queued)
  // [deadlines]: the deadline sweep and its alerts (poll_interval_ms; batch unused).
  WorkerConfig deadlines{.poll_interval_ms = 60'000};
  std::string alert_webhook_url;  // [deadlines] webhook_url: https, trusted by the CA bundle
  // [inbox] hh_zes_weken_per_periode: workflow::Beleid (TR321 toelichting); off by default.
  bool hh_zes_weken_per_periode = false;
  uint32_t store_batch = 256;  // [ebms] received messages committed together (group commit)
  // Directory with the reference material: istandaarden/, ebms/xsd/, sepa/.
  std::string shared_dir;
  uint32_t io_threads = 2;
};

// Reads and validates the file. Throws ConfigError with one line on any problem: unknown key,
// wrong type, missing required value, a file that does not exist, a URL that does not parse.
// Relative paths are resolved against the config file's directory.
Config LoadConfig(const std::string& path);

// Same, from text (tests). base_dir resolves relative paths.
Config ParseConfig(const std::string& toml_text, const std::string& base_dir,
                   const std::string& source_name = "config");

// The database URL from database.url or database.url_file.
std::string ResolveDatabaseUrl(const DatabaseConfig& db);

}  // namespace sluis::gateway
