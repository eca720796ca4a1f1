-- 0012 declaraties (323) and their prestaties, judged by the workflow, answered with one 325,
-- and followed through payment.
--
--   ontvangen -> beoordeeld -> verzonden (325 queued) -> betaalbaar -> betaald
--        \-> in_review (held for formele controle) -> beoordeeld ...
--   afgewezen: nothing to pay (every prestatie rejected, or rejected at header/declaratie level)

CREATE TABLE declaratie (
  id bigserial PRIMARY KEY,
  bericht_id bigint NOT NULL UNIQUE REFERENCES bericht (id),   -- the 323
  gemeente text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  agb text NOT NULL,
  identificatie text NOT NULL,
  dagtekening date NOT NULL,
  declaratienummer text NOT NULL,
  periode_begin date NOT NULL,
  periode_eind date NOT NULL,
  ingediend_cent bigint NOT NULL,       -- signed: debit positive, credit negative
  toegekend_cent bigint,                -- signed; null until judged
  ontvangen_op timestamptz NOT NULL,    -- receipt: the payment clock starts here
  status text NOT NULL CHECK (status IN ('ontvangen', 'in_review', 'beoordeeld', 'verzonden',
                                         'betaalbaar', 'betaald', 'afgewezen')),
  -- Rejected as a whole (header: 9056, 8848, S300; declaratie: 9333, 8214): counts as not sent,
  -- so its DeclaratieNummer, period and ReferentieNummers stay free (TR333, TR318, TR314).
  afgewezen_codes text[] NOT NULL DEFAULT '{}',
  telt_mee boolean NOT NULL DEFAULT true,
  aantal_goedgekeurd integer NOT NULL DEFAULT 0,
  aantal_afgekeurd integer NOT NULL DEFAULT 0,
  aantal_niet_beoordeeld integer NOT NULL DEFAULT 0,
  antwoord_uiterlijk date NOT NULL,     -- OP090x4: 10 werkdagen after receipt
  betalen_uiterlijk date NOT NULL,      -- BW 6:119b: receipt + the aanbieder's betaaltermijn
  review_reden text,                    -- held for manual review (formele controle)
  review_door text,
  review_sinds timestamptz,
  beoordeeld_op timestamptz,
  antwoord_bericht_id bigint UNIQUE REFERENCES bericht (id),  -- the one 325
  verzonden_op timestamptz,
  betaalbaar_op timestamptz,
  betaalbatch_id bigint,                -- set by the payment batch (0013)
  betaald_op timestamptz
);
CREATE INDEX declaratie_aanbieder ON declaratie (gemeente, domein, agb, periode_begin);
CREATE INDEX declaratie_open ON declaratie (status, betalen_uiterlijk)
  WHERE status NOT IN ('betaald', 'afgewezen');
CREATE INDEX declaratie_nummer ON declaratie (gemeente, domein, agb, declaratienummer)
  WHERE telt_mee;

CREATE TABLE prestatie (
  id bigserial PRIMARY KEY,
  declaratie_id bigint NOT NULL REFERENCES declaratie (id),
  gemeente text NOT NULL,
  domein text NOT NULL,
  agb text NOT NULL,
  bsn text NOT NULL,
  positie integer NOT NULL,             -- order in the 323 (client, then prestatie)
  referentienummer text NOT NULL,
  vorig_referentienummer text,
  toewijzing_nummer bigint NOT NULL,
  categorie text NOT NULL,
  code text NOT NULL,
  periode_begin date NOT NULL,
  periode_eind date NOT NULL,
  volume bigint NOT NULL,
  eenheid text NOT NULL,
  tarief_cent bigint,
  bedrag_cent bigint NOT NULL CHECK (bedrag_cent >= 0),
  debet_credit char(1) NOT NULL CHECK (debet_credit IN ('D', 'C')),
  status text NOT NULL CHECK (status IN ('goedgekeurd', 'afgekeurd', 'niet_beoordeeld')),
  retourcodes text[] NOT NULL DEFAULT '{}',
  client_retourcodes text[] NOT NULL DEFAULT '{}',  -- on its Client in the 325 (8187)
  gecrediteerd_door bigint REFERENCES prestatie (id),   -- the approved credit
  UNIQUE (declaratie_id, positie)
);
CREATE INDEX prestatie_referentie ON prestatie (gemeente, domein, agb, referentienummer);
CREATE INDEX prestatie_vorig ON prestatie (gemeente, domein, agb, vorig_referentienummer)
  WHERE debet_credit = 'C' AND status = 'goedgekeurd';
CREATE INDEX prestatie_open_debet ON prestatie (gemeente, domein, toewijzing_nummer)
  WHERE debet_credit = 'D' AND status = 'goedgekeurd' AND gecrediteerd_door IS NULL;

-- One 325 per 323, ever: whatever path makes the answer.
CREATE UNIQUE INDEX bericht_one_325_per_323 ON bericht (answers_bericht_id)
  WHERE direction = 'out' AND berichttype = 325;

-- Formele controle (Regeling Jeugdwet art. 1; the Wmo equivalent in the gemeente's policy): a
-- declaratie that matches an active rule is judged as usual but held in review; its 325 waits
-- for the back office's decision, still inside the 10 werkdagen (an alert warns before it
-- slips). Empty gemeente/domein/agb match every value; vanaf_cent matches a declaratie whose
-- ingediend amount is at least that much.
CREATE TABLE review_regel (
  id bigserial PRIMARY KEY,
  gemeente text NOT NULL DEFAULT '',
  domein text NOT NULL DEFAULT '',
  agb text NOT NULL DEFAULT '',
  vanaf_cent bigint,
  reden text NOT NULL,
  actief boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Identities of the messages Sluis makes (BerichtIdentificatie / IdentificatieRetour, at most
-- 12 characters): "SL" and ten digits, unique for this installation as sender (TR056).
CREATE SEQUENCE bericht_identificatie_seq;
