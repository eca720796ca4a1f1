-- 0002 messaging: the contract between the transport (gateway: ebMS MSH, StUF) and the workflow.
--
--   GGk --ebMS--> ebms_received --(StUF unpacked, level 1+2)--> bericht (direction 'in', queued)
--                                                                  | workflow judges, answers
--   GGk <--ebMS-- ebms_outbox <--(StUF + ebMS packed)---- bericht (direction 'out', queued)
--
-- Number ranges for later migrations: 0003-0009 transport, 0010 and up workflow/regie/UI.

-- Every ebMS message received, byte for byte, with its parsed header and the peer that sent it.
-- Committed before the Acknowledgment leaves (osb-rm); the stored answer is sent again, byte for
-- byte, when the same MessageId arrives again (duplicate elimination).
CREATE TABLE ebms_received (
  id bigserial PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  conversation_id text NOT NULL,
  ref_to_message_id text,
  cpa_id text NOT NULL,
  from_party_id text NOT NULL,
  to_party_id text NOT NULL,
  service text NOT NULL,
  action text NOT NULL,
  kind text NOT NULL,            -- business | acknowledgment | message_error | ping | pong | status_request | status_response
  received_at timestamptz NOT NULL DEFAULT now(),
  peer_address text,
  peer_certificate_sha256 text,
  peer_oin text,
  content_type text NOT NULL,
  body bytea NOT NULL,           -- the HTTP request body as received
  body_sha256 bytea NOT NULL,    -- same MessageId, same content? (a different content is refused)
  answer_content_type text,      -- the signal we answered with (Acknowledgment or MessageError)
  answer_body bytea,
  state text NOT NULL DEFAULT 'received'  -- received | unpacked | failed
);
CREATE INDEX ebms_received_unpack ON ebms_received (id) WHERE state = 'received' AND kind = 'business';

-- The register of every iWmo/iJw message received and sent; for direction 'in' it is the
-- workflow's inbox, for direction 'out' its outgoing queue.
CREATE TABLE bericht (
  id bigserial PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  berichttype smallint NOT NULL CHECK (berichttype IN
    (301, 302, 305, 306, 307, 308, 315, 316, 317, 318, 319, 320, 323, 325)),
  gemeente text NOT NULL,        -- LDT_Gemeente of the payload header
  agb text NOT NULL,             -- LDT_AgbCode of the payload header
  identificatie text NOT NULL,   -- BerichtIdentificatie (heen) or IdentificatieRetour (retour)
  dagtekening date NOT NULL,
  payload bytea NOT NULL,        -- the iWmo/iJw XML, exactly as received or sent
  -- Transport identity (StUF envelope and ebMS message), when it travelled over the GGk.
  stuf_referentienummer text,
  stuf_cross_refnummer text,     -- Du01: the Di01 answered
  ebms_received_id bigint REFERENCES ebms_received (id),
  -- Level 1 and 2 as the transport found them (direction 'in'); the workflow answers a
  -- level-2 failure with a header-only 0001 retour or 325.
  xsd_errors jsonb,              -- [{"code","location","message"}], null when valid
  level2_violations jsonb,       -- [{"rule","retourcode","location","message"}], null when none
  -- The heenbericht this retour or 325 answers (both directions).
  answers_bericht_id bigint REFERENCES bericht (id),
  -- in:  queued (for the workflow) | processed | xsd_rejected (Fo01 StUF055 sent) | failed
  -- out: queued (for the transport) | packed (in ebms_outbox) | acknowledged | dead
  state text NOT NULL,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX bericht_queue ON bericht (direction, id) WHERE state = 'queued';
CREATE INDEX bericht_by_agb ON bericht (agb, created_at);
CREATE INDEX bericht_identificatie ON bericht (identificatie);
CREATE INDEX bericht_stuf ON bericht (stuf_referentienummer);
CREATE INDEX bericht_answers ON bericht (answers_bericht_id);

-- Outbound ebMS messages: business messages (a bericht wrapped in StUF and ebMS) and the
-- asynchronous signals (Acknowledgment, MessageError, Pong, StatusResponse). The MessageId and
-- the bytes are fixed when the row is made and reused on every attempt. Workers claim due rows
-- with FOR UPDATE SKIP LOCKED, so several sluisd processes never send one message twice at once.
CREATE TABLE ebms_outbox (
  id bigserial PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  conversation_id text NOT NULL,
  ref_to_message_id text,
  cpa_id text NOT NULL,
  to_party_id text NOT NULL,
  service text NOT NULL,
  action text NOT NULL,
  kind text NOT NULL,            -- business | acknowledgment | message_error | pong | status_response
  endpoint text NOT NULL,        -- the receiver's URL from the CPA
  content_type text NOT NULL,
  body bytea NOT NULL,
  reliable boolean NOT NULL,     -- osb-rm: wait for an Acknowledgment
  bericht_id bigint REFERENCES bericht (id),
  -- pending | awaiting_ack | acknowledged | delivered (best effort, 2xx) | failed | dead
  state text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  max_retries integer NOT NULL,
  retry_interval_ms bigint NOT NULL,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,        -- created + PersistDuration: dead letter after this
  created_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  done_at timestamptz,
  last_error text
);
CREATE INDEX ebms_outbox_due ON ebms_outbox (next_attempt_at) WHERE state IN ('pending', 'awaiting_ack');
CREATE INDEX ebms_outbox_bericht ON ebms_outbox (bericht_id);
