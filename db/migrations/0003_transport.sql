-- 0003 transport: alerts (shared with the workflow), what the ebMS listener refused (kept for
-- inspection), StUF Fo01 messages in both directions, and what the outbox workers need.
--
-- States used by the transport beyond those 0002 lists:
--   ebms_received.state: received (business, waiting for the unpack worker) | unpacked |
--     failed (the unpack worker could not read it; kept, alert raised) | rejected (answered with
--     an ebMS MessageError, never unpacked) | processed (a signal: applied on receipt)
--   ebms_outbox: claimed with a lease: a worker sets next_attempt_at = now + lease when it takes
--     a row, so no other sluisd sends it before the attempt is recorded.

-- One open alert per condition: raising an alert whose condition is already open updates that
-- alert (last_seen, occurrences, message) instead of adding a row. Use raise_alert() below.
CREATE TABLE alert (
  id bigserial PRIMARY KEY,
  condition_key text NOT NULL,   -- e.g. 'outbox.dead:<message id>', 'tls.expiry:<certificate>'
  kind text,                     -- e.g. 'dead_letter', 'message_error', 'unpack_failed'
  severity text CHECK (severity IN ('info', 'warning', 'critical')),
  subject text,                  -- what it is about (a MessageId, a CPA, a certificate)
  message text,                  -- for people; never a BSN
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  occurrences integer NOT NULL DEFAULT 1,
  acknowledged_by text,
  acknowledged_at timestamptz,
  resolved_at timestamptz
);
CREATE UNIQUE INDEX alert_open_condition ON alert (condition_key) WHERE resolved_at IS NULL;
CREATE INDEX alert_open ON alert (last_seen) WHERE resolved_at IS NULL;

-- Raises (or, when open, updates) the alert for a condition; returns its id.
CREATE FUNCTION raise_alert(p_key text, p_kind text, p_severity text, p_subject text,
                            p_message text, p_at timestamptz DEFAULT now())
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO alert (condition_key, kind, severity, subject, message, first_seen, last_seen)
  VALUES (p_key, p_kind, p_severity, p_subject, p_message, p_at, p_at)
  ON CONFLICT (condition_key) WHERE resolved_at IS NULL DO UPDATE
    SET last_seen = EXCLUDED.last_seen,
        occurrences = alert.occurrences + 1,
        message = EXCLUDED.message,
        severity = EXCLUDED.severity
  RETURNING id
$$;

-- Every request the ebMS listener refused after reading it: not decodable, SOAP fault, a
-- certificate that does not belong to the CPA party (SecurityFailure), the database down. Never
-- used for duplicate elimination (a refused message must not block the real one).
CREATE TABLE ebms_refused (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  peer_address text,
  peer_certificate_sha256 text,
  peer_oin text,
  message_id text,               -- when the envelope could be read
  cpa_id text,
  http_status integer NOT NULL,
  reason text NOT NULL,          -- the refusal, as logged
  content_type text,
  body bytea NOT NULL,
  answer_body bytea              -- the SOAP Fault or MessageError we answered with, if any
);
CREATE INDEX ebms_refused_at ON ebms_refused (received_at);

-- StUF Fo01 (chain errors): received ones (from RINIS, IB, VECOZO) and the StUF055s we send.
CREATE TABLE stuf_fo01 (
  id bigserial PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  referentienummer text NOT NULL,
  cross_refnummer text NOT NULL,  -- the Di01/Du01 in error
  code text NOT NULL,             -- StUF055, IB101, CC02, ...
  plek text,
  omschrijving text,
  details text,
  zender text,                    -- zender/organisatie
  ontvanger text,
  bericht_id bigint REFERENCES bericht (id),   -- the bericht the error is about, when known
  ebms_received_id bigint REFERENCES ebms_received (id),
  ebms_outbox_id bigint REFERENCES ebms_outbox (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stuf_fo01_cross ON stuf_fo01 (cross_refnummer);
CREATE INDEX stuf_fo01_bericht ON stuf_fo01 (bericht_id);

ALTER TABLE ebms_outbox ADD COLUMN claimed_by text;        -- the sluisd worker of the last attempt
ALTER TABLE ebms_outbox ADD COLUMN first_attempt_at timestamptz;
ALTER TABLE ebms_outbox ADD COLUMN last_http_status integer;
-- A duplicate asked for this (asynchronous) answer again while it was on its way: send it once
-- more after the current attempt.
ALTER TABLE ebms_outbox ADD COLUMN resend boolean NOT NULL DEFAULT false;
-- Incoming signals are matched on RefToMessageId; a duplicate gets its stored answer re-sent.
CREATE INDEX ebms_outbox_ref ON ebms_outbox (ref_to_message_id);
-- Metrics count what did not end well.
CREATE INDEX ebms_outbox_bad ON ebms_outbox (state) WHERE state IN ('failed', 'dead');
CREATE INDEX ebms_received_bericht ON bericht (ebms_received_id);
-- Why the unpack worker could not handle a received message (state failed).
ALTER TABLE ebms_received ADD COLUMN error text;
