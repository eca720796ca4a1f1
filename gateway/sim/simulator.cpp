#include "simulator.h"
#include <utility>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <boost/asio.hpp>
#include <nlohmann/json.hpp>

#include "sluis/codecs/bericht_type.h"
#include "sluis/codecs/ebms_inbound.h"
#include "sluis/codecs/stuf.h"
#include "sluis/workflow/clock.h"

#include "clock.h"
#include "ebms/cpa_registry.h"
#include "ebms/outbound.h"
#include "ids.h"
#include "log.h"
#include "net/https_client.h"
#include "net/https_server.h"

namespace sluis::sim {

namespace net = boost::asio;
namespace ebms = codecs::ebms;
namespace stuf = codecs::stuf;
using net::awaitable;
using SteadyTime = std::chrono::steady_clock::time_point;
using gateway::HttpRequest;
using gateway::HttpResponse;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers SoapActionHeader() {
  Headers h;
  h.emplace_back("SOAPAction", std::string(ebms::kSoapActionValue));
  return h;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text of the first <prefix:name> element (a cheap look at a payload's header).
std::string ElementText(const std::string& xml, const std::string& name) {
  const size_t open = xml.find(":" + name + ">");
  if (open == std::string::npos) return "";
  const size_t start = open + name.size() + 2;
  const size_t end = xml.find('<', start);
  return end == std::string::npos ? "" : xml.substr(start, end - start);
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  return v[i];
}

HttpResponse Answer(int status, std::string body = "") {
  HttpResponse r;
  r.status = status;
  r.content_type = body.empty() ? "" : std::string(ebms::kXmlContentType);
  r.body = std::move(body);
  if (!r.body.empty()) r.headers = SoapActionHeader();
  return r;
}

}  // namespace

std::string LoadReport::ToJson() const {
  nlohmann::json j = {{"sent", sent},
                      {"failed", failed},
                      {"acknowledged", acknowledged},
                      {"message_errors", message_errors},
                      {"send_seconds", send_seconds},
                      {"messages_per_second", messages_per_second},
                      {"ack_p50_ms", ack_p50_ms},
                      {"ack_p99_ms", ack_p99_ms},
                      {"ack_max_ms", ack_max_ms},
                      {"answered_306", answered},
                      {"answer_p50_ms", answer_p50_ms},
                      {"answer_p99_ms", answer_p99_ms},
                      {"sent_305", sent_305},
                      {"answers_per_second", answers_per_second}};
  return j.dump();
}

struct Simulator::Impl : std::enable_shared_from_this<Simulator::Impl> {
  struct Sent {
    SteadyTime at;
    std::string referentienummer;
    bool is_305 = false;
    bool acknowledged = false;
    bool error = false;
    bool counted = false;  // part of the current load run
    int acks = 0;          // Acknowledgments that arrived, duplicates included
  };

  explicit Impl(SimulatorOptions opts)
      : o(std::move(opts)),
        io(std::make_unique<net::io_context>()),
        ioc(*io),
        guard(net::make_work_guard(ioc)) {
    gateway::GgkConfig g;
    g.name = "sim";
    g.cpa_file = o.cpa_file;
    g.party_id = o.party_id;
    g.party_id_type = o.party_id_type;
    g.service = o.service;
    g.action_di01 = o.action_di01;
    g.action_du01 = o.action_du01;
    g.action_fo01 = o.action_fo01;
    codecs::Result<codecs::cpa::Cpa> cpa = codecs::cpa::ParseCpa(ReadFile(o.cpa_file));
    if (!cpa.ok()) throw std::runtime_error(o.cpa_file + ": " + cpa.error().ToString());
    entry = gateway::MakeCpaEntry(g, std::move(cpa).value(), gateway::OutboxConfig{});
    server_ctx = gateway::MakeServerTlsContext(o.tls, gateway::PeerAuth::kRequired);
    client_ctx = gateway::MakeClientTlsContext(o.tls);
    // Keep every connection the load opens (--concurrency of them): a connection dropped after
    // its message means a new two-way TLS handshake for the next one, on both sides.
    gateway::HttpsClientOptions client_options;
    client_options.max_idle_per_endpoint = 4096;
    client = std::make_unique<gateway::HttpsClient>(
        ioc, [this] { return client_ctx; }, client_options);
    peer_url = o.peer_url;
    if (!o.store_dir.empty()) std::filesystem::create_directories(o.store_dir);
    for (uint32_t i = 0; i < std::max(1u, o.io_threads); ++i) {
      threads.emplace_back([this] { ioc.run(); });
    }
  }

  // Called by the owner (never on an I/O thread): stops the threads, then destroys what waits in
  // the io_context (handlers hold this Impl, so it cannot do that in its destructor).
  void Shutdown() {
    guard.reset();
    if (server) server->Stop();
    if (client) client->CloseIdle();
    ioc.stop();
    for (auto& t : threads) t.join();
    threads.clear();
    server.reset();
    client.reset();
    io.reset();
  }

  SimulatorOptions o;
  std::unique_ptr<net::io_context> io;
  net::io_context& ioc;
  net::executor_work_guard<net::io_context::executor_type> guard;
  std::vector<std::thread> threads;
  std::unique_ptr<gateway::CpaEntry> entry;
  std::shared_ptr<net::ssl::context> server_ctx, client_ctx;
  std::unique_ptr<gateway::HttpsServer> server;
  std::unique_ptr<gateway::HttpsClient> client;
  gateway::SystemClock clock;

  mutable std::mutex mu;
  mutable std::condition_variable cv;
  std::string peer_url;
  uint16_t bound_port = 0;
  std::unordered_map<std::string, Sent> sent;                  // by MessageId
  std::unordered_map<std::string, std::string> by_referentie;  // referentienummer -> MessageId
  std::vector<ReceivedMessage> received;
  std::vector<std::string> alerts;  // webhook bodies
  std::unordered_map<std::string, size_t> received_index;
  std::unordered_map<std::string, std::string> answers;  // MessageId -> our stored answer
  std::vector<double> ack_ms, answer_ms;
  SteadyTime last_ack{}, last_answer{};
  uint64_t acked = 0, errors = 0, answered = 0;

  std::string PeerUrl() {
    std::lock_guard<std::mutex> lock(mu);
    if (!peer_url.empty()) return peer_url;
    return entry->Route(o.action_di01)->route.endpoint_uri;
  }

  std::string SignalUrl() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!peer_url.empty()) return peer_url;
    }
    return entry->SignalEndpoint(*entry->them, "Acknowledgment").value_or(PeerUrl());
  }

  void OnAcknowledged(const std::string& id, bool error) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = sent.find(id);
    if (it == sent.end()) return;
    if (!error) ++it->second.acks;
    cv.notify_all();
    if (it->second.acknowledged || it->second.error) return;
    (error ? it->second.error : it->second.acknowledged) = true;
    if (it->second.counted) {
      const SteadyTime now = std::chrono::steady_clock::now();
      if (error) {
        ++errors;
      } else {
        ++acked;
        last_ack = now;
        ack_ms.push_back(std::chrono::duration<double, std::milli>(now - it->second.at).count());
      }
    }
    cv.notify_all();
  }

  // Asynchronous signal to Sluis, a few attempts.
  static awaitable<void> SendSignal(std::shared_ptr<Impl> self, std::string body) {
    const std::string url = self->SignalUrl();
    for (int attempt = 0; attempt < 5; ++attempt) {
      auto post =
          self->client->Post(url, std::string(ebms::kXmlContentType), body, SoapActionHeader());
      gateway::ClientResult r = co_await std::move(post);
      if (r.ok() && r.status >= 200 && r.status < 300) co_return;
      net::steady_timer t(self->ioc);
      t.expires_after(std::chrono::milliseconds(200 << attempt));
      co_await t.async_wait(net::use_awaitable);
    }
    gateway::LogWarn("sim_signal_undelivered", {{"url", url}});
  }

  // Our answer to a business message of Sluis (a 302 on its 301): a business message of ours.
  static awaitable<void> SendAnswer(std::shared_ptr<Impl> self, TrafficItem item) {
    const std::string functie = item.functie;
    auto post = PostBuilt(self, self->Build(std::move(item)), false);
    const SendResult r = co_await std::move(post);
    if (!r.error.empty()) {
      gateway::LogWarn("sim_answer_failed", {{"functie", functie}, {"error", r.error}});
    } else {
      gateway::LogInfo("sim_answered", {{"functie", functie}, {"message_id", r.message_id}});
    }
  }

  // A business message from Sluis: stored once, acknowledged every time.
  std::string Record(const ebms::InboundMessage& in, const ebms::InboundVerdict& v,
                     const std::string& raw_content_type, const std::string& raw_body,
                     std::optional<ReceivedMessage>& fresh) {
    const ebms::MessageHeader& h = in.envelope.header;
    const std::string& id = h.message_data.message_id;
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = received_index.find(id); it != received_index.end()) {
      ++received[it->second].deliveries;
      return answers[id];
    }
    ReceivedMessage m;
    m.message_id = id;
    m.action = h.action;
    m.deliveries = 1;
    m.first_seen = std::chrono::steady_clock::now();
    std::string stuf_xml = in.payloads.empty() ? "" : in.payloads[0].body;
    if (auto parsed = stuf::Parse(stuf_xml); parsed.ok()) {
      if (const auto* e = std::get_if<stuf::Envelope>(&*parsed)) {
        m.soort = e->soort == stuf::Soort::kDi01 ? "Di01" : "Du01";
        m.functie = e->functie;
        m.referentienummer = e->referentienummer;
        m.cross_refnummer = e->cross_refnummer.value_or("");
        m.payload = e->payload;
        // A retour on one of our heenberichten: 305 -> 306 latency.
        if (auto ref = by_referentie.find(m.cross_refnummer); ref != by_referentie.end()) {
          auto s = sent.find(ref->second);
          if (s != sent.end() && s->second.counted && s->second.is_305) {
            ++answered;
            last_answer = m.first_seen;
            answer_ms.push_back(
                std::chrono::duration<double, std::milli>(m.first_seen - s->second.at).count());
          }
        }
      } else {
        const auto& f = std::get<stuf::Fo01>(*parsed);
        m.soort = "Fo01";
        m.referentienummer = f.referentienummer;
        m.cross_refnummer = f.cross_refnummer;
        m.fo01_code = f.code;
        m.payload = stuf_xml;
      }
    }
    std::string answer;
    if (v.acknowledge) {
      answer = ebms::EncodeEnvelope(ebms::MakeAcknowledgment(
          in.envelope, gateway::NewMessageId(entry->our_host), clock.Now()));
    }
    answers[id] = answer;
    if (!o.store_dir.empty()) Store(m, raw_content_type, raw_body, stuf_xml);
    received_index[id] = received.size();
    if (o.answer) fresh = m;
    received.push_back(std::move(m));
    cv.notify_all();
    return answer;
  }

  HttpResponse Alert(const HttpRequest& req) {
    if (req.method != "POST") return Answer(405);
    if (!nlohmann::json::accept(req.body)) return Answer(400);
    {
      std::lock_guard<std::mutex> lock(mu);
      alerts.push_back(req.body);
    }
    cv.notify_all();
    if (!o.store_dir.empty()) {
      std::ofstream(o.store_dir + "/alerts.jsonl", std::ios::app)
          << nlohmann::json::parse(req.body).dump() << "\n";
    }
    return Answer(204);
  }

  void Store(const ReceivedMessage& m, const std::string& content_type, const std::string& body,
             const std::string& stuf_xml) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%06zu", received.size() + 1);
    const std::string base = o.store_dir + "/" + prefix + "-" +
                             (m.functie.empty() ? m.soort.empty() ? m.action : m.soort : m.functie);
    std::ofstream(base + ".ebms", std::ios::binary)
        << "Content-Type: " << content_type << "\r\n\r\n"
        << body;
    if (!stuf_xml.empty()) std::ofstream(base + ".stuf.xml", std::ios::binary) << stuf_xml;
    if (!m.payload.empty() && m.soort != "Fo01") {
      std::ofstream(base + ".payload.xml", std::ios::binary) << m.payload;
    }
    nlohmann::json j = {{"file", base},
                        {"message_id", m.message_id},
                        {"action", m.action},
                        {"soort", m.soort},
                        {"functie", m.functie},
                        {"referentienummer", m.referentienummer},
                        {"cross_refnummer", m.cross_refnummer},
                        {"fo01_code", m.fo01_code}};
    std::ofstream(o.store_dir + "/received.jsonl", std::ios::app) << j.dump() << "\n";
  }

  static awaitable<HttpResponse> Handle(std::shared_ptr<Impl> self, HttpRequest req) {
    if (req.Path() == "/alerts") co_return self->Alert(req);
    if (auto v = ebms::CheckHttpRequest(req.method, req.Header("soapaction"))) {
      co_return Answer(500);
    }
    codecs::Result<ebms::InboundMessage> in =
        ebms::DecodeMessage(req.Header("content-type"), req.body);
    if (!in.ok()) co_return Answer(500);
    ebms::InboundContext ctx;
    ctx.cpa = &self->entry->cpa;
    ctx.mime_content_ids = in->ContentIds();
    ctx.now = self->clock.Now();
    ctx.is_known_message_id = [&](std::string_view id) {
      std::lock_guard<std::mutex> lock(self->mu);
      return self->sent.count(std::string(id)) > 0 ||
             self->received_index.count(std::string(id)) > 0;
    };
    const ebms::Envelope& env = in->envelope;
    const ebms::InboundVerdict v = ebms::ValidateInbound(env, ctx);
    std::string answer;
    const std::string our_id = gateway::NewMessageId(self->entry->our_host);
    switch (v.disposition) {
      case ebms::Disposition::kSoapFault:
        co_return Answer(500, ebms::EncodeSoapFault({"Client", v.reason}));
      case ebms::Disposition::kRejectEmpty:
        co_return Answer(500);
      case ebms::Disposition::kProcessSignal:
        if (env.header.message_data.ref_to_message_id &&
            (v.kind == ebms::MessageKind::kAcknowledgment ||
             v.kind == ebms::MessageKind::kMessageError)) {
          self->OnAcknowledged(*env.header.message_data.ref_to_message_id,
                               v.kind == ebms::MessageKind::kMessageError);
        }
        co_return Answer(204);
      case ebms::Disposition::kAccept: {
        std::optional<ReceivedMessage> fresh;
        answer = self->Record(*in, v, std::string(req.Header("content-type")), req.body, fresh);
        if (fresh) {
          if (std::optional<TrafficItem> reply = self->o.answer(*fresh)) {
            net::co_spawn(self->ioc, SendAnswer(self, std::move(*reply)), net::detached);
          }
        }
        break;
      }
      case ebms::Disposition::kMessageError:
        answer = ebms::EncodeEnvelope(ebms::MakeMessageError(env, {*v.error}, our_id, ctx.now));
        break;
      case ebms::Disposition::kReplyPong:
        answer = ebms::EncodeEnvelope(ebms::MakePong(env, our_id, ctx.now));
        break;
      case ebms::Disposition::kReplyStatusResponse:
        answer = ebms::EncodeEnvelope(ebms::MakeStatusResponse(
            env, ebms::MessageStatus::kNotRecognized, std::nullopt, our_id, ctx.now));
        break;
    }
    if (answer.empty()) co_return Answer(204);
    if (v.sync_reply) co_return Answer(200, answer);
    net::co_spawn(self->ioc, SendSignal(self, std::move(answer)), net::detached);
    co_return Answer(204);
  }

  Simulator::Built Build(TrafficItem item) {
    Simulator::Built out;
    out.functie = item.functie;
    const auto kind = codecs::FromFunctie(item.functie);
    if (!kind) {
      out.error = "unknown functie " + item.functie;
      return out;
    }
    const codecs::BerichtType type = kind->second;
    stuf::Envelope env;
    env.soort = codecs::IsRetour(type) ? stuf::Soort::kDu01 : stuf::Soort::kDi01;
    const std::string afzender = ElementText(item.payload, "Afzender");
    const std::string ontvanger = ElementText(item.payload, "Ontvanger");
    const bool afzender_is_agb = afzender.size() == 8;
    env.zender.organisatie = afzender_is_agb ? afzender : ontvanger;
    env.zender.applicatie = "Zorgsysteem";
    env.ontvanger.organisatie = afzender_is_agb ? ontvanger : afzender;
    env.ontvanger.applicatie = o.gemeente_applicatie;
    env.referentienummer = gateway::NewUuid();
    const codecs::Instant now = clock.Now();
    env.tijdstip_bericht = stuf::Tijdstip(now, workflow::DutchUtcOffsetMillis(now));
    env.cross_refnummer = item.cross_refnummer;
    if (env.soort == stuf::Soort::kDu01 && !env.cross_refnummer) {
      env.cross_refnummer = gateway::NewUuid();  // an answer to nothing we know
    }
    env.functie = item.functie;
    env.payload = std::move(item.payload);
    const std::string action = env.soort == stuf::Soort::kDu01 ? o.action_du01 : o.action_di01;
    const gateway::ActionRoute* route = entry->Route(action);
    codecs::Result<gateway::BuiltMessage> m = gateway::BuildBusinessMessage(
        *entry, *route, stuf::Encode(env), env.referentienummer + "@" + entry->our_host,
        env.referentienummer, now);
    if (!m.ok()) {
      out.error = m.error().ToString();
      return out;
    }
    out.message_id = m->envelope.header.message_data.message_id;
    out.referentienummer = env.referentienummer;
    out.content_type = std::move(m->content_type);
    out.body = std::move(m->body);
    return out;
  }

  static awaitable<SendResult> PostBuilt(std::shared_ptr<Impl> self, Simulator::Built m,
                                         bool counted) {
    SendResult result;
    result.message_id = m.message_id;
    result.referentienummer = m.referentienummer;
    if (!m.error.empty()) {
      result.error = m.error;
      co_return result;
    }
    {
      std::lock_guard<std::mutex> lock(self->mu);
      Sent& s = self->sent[m.message_id];
      s.at = std::chrono::steady_clock::now();
      s.referentienummer = m.referentienummer;
      s.is_305 = m.functie == "WMO305" || m.functie == "JW305";
      s.counted = counted;
      self->by_referentie[m.referentienummer] = m.message_id;
    }
    auto post = self->client->Post(self->PeerUrl(), std::move(m.content_type), std::move(m.body),
                                   SoapActionHeader());
    gateway::ClientResult r = co_await std::move(post);
    result.http_status = r.status;
    if (!r.ok()) {
      result.error = std::string(gateway::ClientErrorName(r.error)) + ": " + r.detail;
      co_return result;
    }
    if (r.status == 200 && !r.body.empty()) {
      if (auto sig = ebms::DecodeMessage(r.content_type, r.body); sig.ok()) {
        const auto k = ebms::KindOf(sig->envelope.header);
        result.acknowledged = k == ebms::MessageKind::kAcknowledgment;
        result.message_error = k == ebms::MessageKind::kMessageError;
        if (result.acknowledged || result.message_error) {
          self->OnAcknowledged(result.message_id, result.message_error);
        }
      }
    } else if (r.status != 204 && r.status != 200) {
      result.error = "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 200);
    }
    co_return result;
  }

  struct LoadState {
    std::mutex mu;
    TrafficSource* source = nullptr;
    LoadOptions options;
    SteadyTime start;
    uint64_t issued = 0;
    bool done = false;
    uint64_t sent = 0, failed = 0;
  };

  static awaitable<void> LoadWorker(std::shared_ptr<Impl> self, std::shared_ptr<LoadState> st) {
    const LoadOptions& lo = st->options;
    for (;;) {
      std::optional<TrafficItem> item;
      uint64_t slot = 0;
      {
        std::lock_guard<std::mutex> lock(st->mu);
        const auto elapsed = std::chrono::steady_clock::now() - st->start;
        if (st->done || (lo.count != 0 && st->issued >= lo.count) ||
            (lo.duration_seconds > 0 &&
             elapsed >= std::chrono::duration<double>(lo.duration_seconds))) {
          st->done = true;
          break;
        }
        item = st->source->Next();
        if (!item) {
          st->done = true;
          break;
        }
        slot = st->issued++;
      }
      if (lo.rate > 0) {
        net::steady_timer t(self->ioc);
        t.expires_at(st->start +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(static_cast<double>(slot) / lo.rate)));
        boost::system::error_code ec;
        co_await t.async_wait(net::redirect_error(net::use_awaitable, ec));
      }
      const std::string story = item->story;
      auto post = PostBuilt(self, self->Build(std::move(*item)), true);
      const SendResult r = co_await std::move(post);
      std::lock_guard<std::mutex> lock(st->mu);
      (r.error.empty() ? st->sent : st->failed)++;
      if (!story.empty()) st->source->Settle(story, r.error.empty() && !r.message_error);
    }
  }
};

Simulator::Simulator(SimulatorOptions options)
    : impl_(std::make_shared<Impl>(std::move(options))) {}

Simulator::~Simulator() {
  Stop();
  impl_->Shutdown();
}

void Simulator::Start() {
  auto impl = impl_;
  gateway::ListenerConfig l;
  l.address = impl->o.listen_address;
  {
    std::lock_guard<std::mutex> lock(impl->mu);
    l.port = impl->bound_port != 0 ? impl->bound_port : impl->o.port;
  }
  impl->server = std::make_unique<gateway::HttpsServer>(
      impl->ioc, gateway::HttpsServer::Options{.name = "ggk-sim", .listener = l},
      [impl] { return impl->server_ctx; },
      [impl](HttpRequest req) { return Impl::Handle(impl, std::move(req)); });
  impl->server->Start();
  std::lock_guard<std::mutex> lock(impl->mu);
  impl->bound_port = impl->server->port();
}

void Simulator::Stop() {
  if (!impl_->server) return;
  impl_->server->Stop();
  // Wait (briefly) for the listening socket and the connections to go, so that a later Start
  // can bind the port again.
  for (int i = 0;
       i < 250 && (impl_->server->listening() || impl_->server->active_connections() > 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  impl_->server.reset();
  impl_->client->CloseIdle();
}

uint16_t Simulator::port() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->bound_port;
}

std::string Simulator::url() const {
  return "https://localhost:" + std::to_string(port()) + "/ebms";
}

void Simulator::SetPeerUrl(std::string url) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->peer_url = std::move(url);
}

Simulator::Built Simulator::Build(const TrafficItem& item) { return impl_->Build(item); }

SendResult Simulator::Send(const TrafficItem& item) { return Post(Build(item)); }

SendResult Simulator::Post(const Built& message) {
  return net::co_spawn(impl_->ioc, Impl::PostBuilt(impl_, message, false), net::use_future).get();
}

int Simulator::AckCount(const std::string& message_id) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->sent.find(message_id);
  return it == impl_->sent.end() ? 0 : it->second.acks;
}

Simulator::RawResult Simulator::PostRaw(const std::string& content_type, const std::string& body) {
  auto impl = impl_;
  gateway::ClientResult r =
      net::co_spawn(impl->ioc,
                    impl->client->Post(impl->PeerUrl(), content_type, body, SoapActionHeader()),
                    net::use_future)
          .get();
  return RawResult{r.status, r.ok() ? "" : r.detail, r.content_type, r.body};
}

LoadReport Simulator::RunLoad(TrafficSource& source, const LoadOptions& options) {
  auto impl = impl_;
  {
    std::lock_guard<std::mutex> lock(impl->mu);
    impl->ack_ms.clear();
    impl->answer_ms.clear();
    impl->acked = impl->errors = impl->answered = 0;
    for (auto& [id, s] : impl->sent) s.counted = false;
  }
  auto st = std::make_shared<Impl::LoadState>();
  st->source = &source;
  st->options = options;
  st->start = std::chrono::steady_clock::now();
  std::vector<std::future<void>> workers;
  for (uint32_t i = 0; i < std::max(1u, options.concurrency); ++i) {
    workers.push_back(
        net::co_spawn(net::make_strand(impl->ioc), Impl::LoadWorker(impl, st), net::use_future));
  }
  for (auto& w : workers) w.get();
  const SteadyTime sent_done = std::chrono::steady_clock::now();
  LoadReport report;
  {
    std::unique_lock<std::mutex> lock(impl->mu);
    uint64_t sent_305 = 0;
    for (const auto& [id, s] : impl->sent) sent_305 += s.counted && s.is_305 ? 1 : 0;
    impl->cv.wait_until(lock,
                        sent_done + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(options.drain_seconds)),
                        [&] {
                          return impl->acked + impl->errors >= st->sent &&
                                 (!options.wait_answers || impl->answered >= sent_305);
                        });
    report.sent_305 = sent_305;
    report.sent = st->sent;
    report.failed = st->failed;
    report.acknowledged = impl->acked;
    report.message_errors = impl->errors;
    report.send_seconds = std::chrono::duration<double>(sent_done - st->start).count();
    const double window =
        std::chrono::duration<double>(std::max(impl->last_ack, sent_done) - st->start).count();
    report.messages_per_second = window > 0 ? static_cast<double>(impl->acked) / window : 0;
    report.ack_p50_ms = Percentile(impl->ack_ms, 0.50);
    report.ack_p99_ms = Percentile(impl->ack_ms, 0.99);
    report.ack_max_ms = Percentile(impl->ack_ms, 1.0);
    report.answered = impl->answered;
    report.answer_p50_ms = Percentile(impl->answer_ms, 0.50);
    report.answer_p99_ms = Percentile(impl->answer_ms, 0.99);
    const double answer_window =
        std::chrono::duration<double>(impl->last_answer - st->start).count();
    report.answers_per_second =
        impl->answered > 0 && answer_window > 0 ? impl->answered / answer_window : 0;
  }
  return report;
}

bool Simulator::Acknowledged(const std::string& id) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->sent.find(id);
  return it != impl_->sent.end() && it->second.acknowledged;
}

bool Simulator::WaitAcknowledged(const std::string& id, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] {
    auto it = impl_->sent.find(id);
    return it != impl_->sent.end() && (it->second.acknowledged || it->second.error);
  }) && impl_->sent[id].acknowledged;
}

std::vector<ReceivedMessage> Simulator::Received() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->received;
}

std::vector<std::string> Simulator::Alerts() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->alerts;
}

bool Simulator::WaitAlerts(size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->alerts.size() >= n; });
}

bool Simulator::WaitReceived(size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->received.size() >= n; });
}

}  // namespace sluis::sim
