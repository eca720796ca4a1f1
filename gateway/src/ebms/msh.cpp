#include "ebms/msh.h"
#include <utility>

#include <chrono>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sluis/codecs/ebms_inbound.h"
#include "sluis/db/group_commit.h"
#include "sluis/db/messaging.h"

#include "db_pool.h"
#include "ebms/identity.h"
#include "ebms/transport_metrics.h"
#include "ids.h"
#include "log.h"

namespace sluis::gateway {

namespace net = boost::asio;
namespace ebms = codecs::ebms;
namespace cpa = codecs::cpa;
using net::awaitable;

namespace {

// Awaits the group-commit writer: resumes on the caller's executor after the commit.
// Closures that live across a co_await are named locals throughout this file: GCC 12 relocates
// closure temporaries in co_await expressions bitwise (see db_pool.h).
awaitable<db::StoreResult> Store(db::GroupCommitWriter& writer, db::StoreRequest request) {
  auto initiation = [&writer, request = std::move(request)](auto handler) mutable {
    auto ex = net::get_associated_executor(handler);
    // std::function needs a copyable callback; the handler is move-only.
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    writer.Submit(std::move(request), [ex, shared](db::StoreResult r) {
      net::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
    });
  };
  co_return co_await net::async_initiate<const net::use_awaitable_t<>&, void(db::StoreResult)>(
      std::move(initiation), net::use_awaitable);
}

std::string KindName(ebms::MessageKind k) {
  switch (k) {
    case ebms::MessageKind::kBusinessMessage:
      return "business";
    case ebms::MessageKind::kAcknowledgment:
      return "acknowledgment";
    case ebms::MessageKind::kMessageError:
      return "message_error";
    case ebms::MessageKind::kPing:
      return "ping";
    case ebms::MessageKind::kPong:
      return "pong";
    case ebms::MessageKind::kStatusRequest:
      return "status_request";
    case ebms::MessageKind::kStatusResponse:
      return "status_response";
  }
  return "business";
}

std::string JoinIds(const ebms::Party& p) {
  std::string s;
  for (const cpa::PartyId& id : p.party_ids) s += (s.empty() ? "" : ",") + id.value;
  return s;
}

std::string ErrorText(const ebms::ErrorList& list) {
  std::string s;
  for (const ebms::EbmsError& e : list.errors) {
    s += (s.empty() ? "" : "; ") + e.error_code;
    if (e.location) s += " " + *e.location;
    if (e.description) s += ": " + e.description->text;
  }
  return s;
}

HttpResponse SignalResponse(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.emplace_back("SOAPAction", std::string(ebms::kSoapActionValue));
  return r;
}

HttpResponse Empty(int status) {
  HttpResponse r;
  r.status = status;
  r.content_type.clear();
  return r;
}

}  // namespace

struct Msh::Impl {
  explicit Impl(Deps d) : deps(std::move(d)) {}
  Deps deps;

  MetricsRegistry& metrics() { return *deps.metrics; }

  // A label for the action that cannot grow without bound: the sender picks the action.
  std::string ActionLabel(const CpaEntry* entry, const ebms::MessageHeader& h) {
    if (ebms::KindOf(h) != ebms::MessageKind::kBusinessMessage) return h.action;
    if (entry != nullptr && entry->Route(h.action) != nullptr) return h.action;
    return "other";
  }

  void Count(const std::string& kind, const std::string& action, const std::string& outcome) {
    tm::EbmsMessages(metrics(), "in", kind, action, outcome).Inc();
  }

  // Refused at the HTTP level (500) or SecurityFailure: logged, kept in ebms_refused.
  // Callers pass named values, no braced or concatenated temporaries: GCC 12 mishandles
  // non-trivial temporaries in a co_await expression (see db_pool.h).
  awaitable<HttpResponse> Refuse(const HttpRequest& req, const ebms::Envelope* env,
                                 HttpResponse answer, const std::string& reason,
                                 const char* outcome) {
    const PeerInfo& peer = req.peer;
    LogFields f = {{"listener", "ebms"},
                   {"peer", peer.address},
                   {"reason", reason},
                   {"outcome", outcome},
                   {"http_status", answer.status}};
    if (peer.certificate) {
      f["peer_oin"] = peer.certificate->serial_number;
      f["peer_certificate"] = peer.certificate->sha256_hex;
    }
    if (env != nullptr) {
      f["message_id"] = env->header.message_data.message_id;
      f["cpa_id"] = env->header.cpa_id;
    }
    LogWarn("ebms_refused", f);
    tm::HttpRefused(metrics(), "ebms", outcome).Inc();
    Count(env ? KindName(ebms::KindOf(env->header)) : "unknown",
          env ? ActionLabel(deps.cpas->Find(env->header.cpa_id), env->header) : "", outcome);
    db::RefusedRequest r;
    r.peer_address = peer.address;
    if (peer.certificate) {
      r.peer_certificate_sha256 = peer.certificate->sha256_hex;
      r.peer_oin = peer.certificate->serial_number;
    }
    if (env != nullptr) {
      r.message_id = env->header.message_data.message_id;
      r.cpa_id = env->header.cpa_id;
    }
    r.http_status = answer.status;
    r.reason = reason;
    r.content_type = std::string(req.Header("content-type"));
    r.body = req.body;
    if (!answer.body.empty()) r.answer_body = answer.body;
    r.received_at = deps.clock->Now();
    try {
      auto job = [r = std::move(r)](db::Connection& c) { db::InsertRefused(c, r); };
      co_await deps.pool->Run(std::move(job));
    } catch (const std::exception& e) {
      LogError("ebms_refused_not_stored", {{"peer", peer.address}, {"error", e.what()}});
    }
    co_return answer;
  }

  awaitable<HttpResponse> Handle(HttpRequest req) {
    const auto started = std::chrono::steady_clock::now();
    const codecs::Instant now = deps.clock->Now();
    if (auto v = ebms::CheckHttpRequest(req.method, req.Header("soapaction"))) {
      HttpResponse a = v->disposition == ebms::Disposition::kSoapFault
                           ? SignalResponse(500, std::string(ebms::kXmlContentType),
                                            ebms::EncodeSoapFault({"Client", v->reason}))
                           : Empty(500);
      co_return co_await Refuse(req, nullptr, std::move(a), v->reason, "bad_request");
    }
    codecs::Result<ebms::InboundMessage> decoded =
        ebms::DecodeMessage(req.Header("content-type"), req.body);
    if (!decoded.ok()) {
      const std::string why = "undecodable: " + decoded.error().ToString();
      co_return co_await Refuse(req, nullptr, Empty(500), why, "undecodable");
    }
    const ebms::Envelope& env = decoded->envelope;
    const ebms::MessageHeader& h = env.header;
    const CpaEntry* entry = deps.cpas->Find(h.cpa_id);
    if (entry == nullptr) {
      const std::string fault = "CPA " + h.cpa_id + " not found!";
      HttpResponse a = SignalResponse(500, std::string(ebms::kXmlContentType),
                                      ebms::EncodeSoapFault({"Client", fault}));
      co_return co_await Refuse(req, &env, std::move(a), fault, "unknown_cpa");
    }
    const cpa::Cpa& c = entry->cpa;

    // §4.7: the certificate must belong to the CPA party of the message.
    if (SenderCheck who = CheckSenderCertificate(c, *entry->us, h, req.peer.certificate); !who.ok) {
      const ebms::Envelope error = ebms::MakeMessageError(
          env,
          {ebms::MakeEbmsError(ebms::kSecurityFailure, std::nullopt,
                               "The client certificate does not belong to the sending party.")},
          NewMessageId(entry->our_host), now);
      HttpResponse a =
          SignalResponse(200, std::string(ebms::kXmlContentType), ebms::EncodeEnvelope(error));
      const std::string why = "SecurityFailure: " + who.reason;
      co_return co_await Refuse(req, &env, std::move(a), why, "security_failure");
    }

    // RefToMessageId must name a message we know (business replies; signals answer ours).
    bool ref_known = false;
    const std::optional<std::string>& ref = h.message_data.ref_to_message_id;
    if (ref) {
      try {
        auto job = [id = *ref](db::Connection& conn) { return db::IsKnownMessageId(conn, id); };
        ref_known = co_await deps.pool->Run(std::move(job));
      } catch (const std::exception& e) {
        co_return StoreFailed(req, env, e.what());
      }
    }
    ebms::InboundContext ctx;
    ctx.cpa = &c;
    ctx.mime_content_ids = decoded->ContentIds();
    ctx.now = now;
    ctx.is_known_message_id = [&](std::string_view id) { return ref_known && ref && id == *ref; };
    const ebms::InboundVerdict v = ebms::ValidateInbound(env, ctx);
    if (v.disposition == ebms::Disposition::kSoapFault) {
      HttpResponse a = SignalResponse(500, std::string(ebms::kXmlContentType),
                                      ebms::EncodeSoapFault({"Client", v.reason}));
      co_return co_await Refuse(req, &env, std::move(a), v.reason, "soap_fault");
    }
    if (v.disposition == ebms::Disposition::kRejectEmpty) {
      co_return co_await Refuse(req, &env, Empty(500), v.reason, "rejected");
    }

    // The answer (if any), its state, and the effect of a signal.
    db::StoreRequest store;
    std::optional<ebms::Envelope> answer;
    std::string state = "processed";
    std::string outcome;
    switch (v.disposition) {
      case ebms::Disposition::kAccept:
        state = "received";
        outcome = "accepted";
        if (v.acknowledge)
          answer = ebms::MakeAcknowledgment(env, NewMessageId(entry->our_host), now);
        break;
      case ebms::Disposition::kMessageError:
        state = "rejected";
        outcome = "message_error";
        answer = ebms::MakeMessageError(env, {*v.error}, NewMessageId(entry->our_host), now);
        LogWarn("ebms_message_error",
                {{"peer", req.peer.address},
                 {"message_id", h.message_data.message_id},
                 {"cpa_id", h.cpa_id},
                 {"error", v.error->error_code},
                 {"location", v.error->location.value_or("")},
                 {"description", v.error->description ? v.error->description->text : ""}});
        break;
      case ebms::Disposition::kReplyPong:
        outcome = "answered";
        answer = ebms::MakePong(env, NewMessageId(entry->our_host), now);
        break;
      case ebms::Disposition::kReplyStatusResponse: {
        outcome = "answered";
        const std::string asked = env.status_request->ref_to_message_id;
        std::optional<db::ReceivedStatus> s;
        try {
          auto job = [asked](db::Connection& conn) {
            return db::LookupReceivedStatus(conn, asked);
          };
          s = co_await deps.pool->Run(std::move(job));
        } catch (const std::exception& e) {
          co_return StoreFailed(req, env, e.what());
        }
        ebms::MessageStatus status = ebms::MessageStatus::kNotRecognized;
        std::optional<codecs::Instant> at;
        if (s && s->from_party_id != JoinIds(h.from)) {
          status = ebms::MessageStatus::kUnAuthorized;
        } else if (s) {
          status = s->processed ? ebms::MessageStatus::kProcessed : ebms::MessageStatus::kReceived;
          at = s->received_at;
        }
        answer = ebms::MakeStatusResponse(env, status, at, NewMessageId(entry->our_host), now);
        break;
      }
      case ebms::Disposition::kProcessSignal:
        outcome = "processed";
        if (v.kind == ebms::MessageKind::kAcknowledgment) {
          store.effect = db::SignalEffect::kAcknowledged;
        } else if (v.kind == ebms::MessageKind::kMessageError) {
          store.effect = db::SignalEffect::kMessageError;
          store.effect_detail = ErrorText(*env.error_list);
          LogWarn("ebms_message_error_received", {{"peer", req.peer.address},
                                                  {"ref_to_message_id", ref.value_or("")},
                                                  {"errors", store.effect_detail}});
        }
        break;
      default:
        break;
    }

    std::string answer_body;
    if (answer) answer_body = ebms::EncodeEnvelope(*answer);
    bool sync = v.sync_reply;
    const cpa::PartyInfo* sender = cpa::FindParty(c, h.from.party_ids);
    if (answer && !sync) {
      std::optional<std::string> endpoint;
      if (sender != nullptr) endpoint = entry->SignalEndpoint(*sender, answer->header.action);
      if (!endpoint) {
        // No channel to send it to: the only way to tell the sender is this HTTP answer.
        sync = true;
      } else {
        db::OutboxMessage o;
        o.message_id = answer->header.message_data.message_id;
        o.conversation_id = answer->header.conversation_id;
        o.ref_to_message_id = h.message_data.message_id;
        o.cpa_id = h.cpa_id;
        o.to_party_id = JoinIds(answer->header.to);
        o.service = answer->header.service.value;
        o.action = answer->header.action;
        o.kind = KindName(ebms::KindOf(answer->header));
        o.endpoint = *endpoint;
        o.content_type = std::string(ebms::kXmlContentType);
        o.body = answer_body;
        o.reliable = false;
        o.max_retries = entry->signal_policy.retries;
        o.retry_interval_ms = entry->signal_policy.retry_interval_ms;
        if (entry->signal_policy.persist_ms) {
          o.expires_at = now + std::chrono::milliseconds(*entry->signal_policy.persist_ms);
        }
        o.created_at = now;
        store.answer = std::move(o);
      }
    }

    db::ReceivedMessage& m = store.received;
    m.message_id = h.message_data.message_id;
    m.conversation_id = h.conversation_id;
    m.ref_to_message_id = ref;
    m.cpa_id = h.cpa_id;
    m.from_party_id = JoinIds(h.from);
    m.to_party_id = JoinIds(h.to);
    m.service = h.service.value;
    m.action = h.action;
    m.kind = KindName(v.kind);
    m.peer_address = req.peer.address;
    if (req.peer.certificate) {
      m.peer_certificate_sha256 = req.peer.certificate->sha256_hex;
      m.peer_oin = req.peer.certificate->serial_number;
    }
    m.content_type = std::string(req.Header("content-type"));
    m.body = req.body;  // kept in req for a refusal after the duplicate lookup
    m.body_sha256 = Sha256(m.body);
    if (answer) {
      m.answer_content_type = std::string(ebms::kXmlContentType);
      m.answer_body = answer_body;
    }
    m.state = state;
    m.received_at = now;
    const std::string kind = m.kind;
    const std::string action = ActionLabel(entry, h);
    const std::string sha = m.body_sha256;

    const db::StoreResult stored = co_await Store(*deps.writer, std::move(store));
    if (stored.outcome == db::StoreResult::Outcome::kFailed) {
      co_return StoreFailed(req, env, stored.error);
    }
    if (stored.outcome == db::StoreResult::Outcome::kDuplicate) {
      co_return co_await Duplicate(req, env, entry, sha, sync, kind, action);
    }
    if (stored.acked_first_attempt) {
      tm::SendToAck(metrics()).Observe(
          std::chrono::duration<double>(now - *stored.acked_first_attempt).count());
    }
    Count(kind, action, outcome);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    tm::InboundSeconds(metrics()).Observe(seconds);
    if (answer && sync) {
      if (v.disposition == ebms::Disposition::kAccept)
        tm::StoreToAck(metrics(), "sync").Observe(seconds);
      co_return SignalResponse(200, std::string(ebms::kXmlContentType), std::move(answer_body));
    }
    co_return Empty(204);
  }

  // The commit failed: no Acknowledgment (the sender retries, and will get one then).
  HttpResponse StoreFailed(const HttpRequest& req, const ebms::Envelope& env,
                           const std::string& error) {
    LogError("ebms_store_failed", {{"peer", req.peer.address},
                                   {"message_id", env.header.message_data.message_id},
                                   {"cpa_id", env.header.cpa_id},
                                   {"error", error}});
    tm::HttpRefused(metrics(), "ebms", "store_failed").Inc();
    Count(KindName(ebms::KindOf(env.header)),
          ActionLabel(deps.cpas->Find(env.header.cpa_id), env.header), "store_failed");
    HttpResponse r = HttpResponse::Text(503, "storage unavailable, retry later\n");
    r.headers.emplace_back("Retry-After", "5");
    return r;
  }

  // §4.2: the same MessageId again. Same bytes: the stored answer again, never processed twice.
  awaitable<HttpResponse> Duplicate(const HttpRequest& req, const ebms::Envelope& env,
                                    const CpaEntry* entry, std::string sha, bool sync,
                                    std::string kind, std::string action) {
    const std::string id = env.header.message_data.message_id;
    std::optional<db::StoredMessage> stored;
    try {
      auto job = [id](db::Connection& conn) { return db::FindReceived(conn, id); };
      stored = co_await deps.pool->Run(std::move(job));
    } catch (const std::exception& e) {
      co_return StoreFailed(req, env, e.what());
    }
    (void)entry;
    if (!stored) co_return StoreFailed(req, env, "duplicate vanished");
    if (stored->body_sha256 != sha) {
      const std::string why = "MessageId " + id + " already used for another message";
      co_return co_await Refuse(req, &env, Empty(500), why, "message_id_reused");
    }
    LogInfo("ebms_duplicate", {{"peer", req.peer.address}, {"message_id", id}});
    Count(kind, action, "duplicate");
    if (!stored->answer_body) co_return Empty(204);
    if (sync) {
      co_return SignalResponse(
          200, stored->answer_content_type.value_or(std::string(ebms::kXmlContentType)),
          *stored->answer_body);
    }
    const codecs::Instant now = deps.clock->Now();
    try {
      auto job = [id, now](db::Connection& conn) { return db::RequeueAnswer(conn, id, now); };
      co_await deps.pool->Run(std::move(job));
    } catch (const std::exception& e) {
      co_return StoreFailed(req, env, e.what());
    }
    co_return Empty(204);
  }
};

Msh::Msh(Deps deps) : impl_(std::make_shared<Impl>(std::move(deps))) {}

awaitable<HttpResponse> Msh::Handle(HttpRequest req) {
  auto impl = impl_;
  auto handle = impl->Handle(std::move(req));
  co_return co_await std::move(handle);
}

}  // namespace sluis::gateway
