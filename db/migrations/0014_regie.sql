-- 0014 regie: starts and stops (305/307), verzoeken om toewijzing/wijziging (315/317) as the
-- back office's work queue, and the answers the gemeente sends on them (301 or 319).
--
--   verzoek.status:  open --(319 "in onderzoek")--> in_onderzoek
--                    open | in_onderzoek --(301 with ReferentieAanbieder)--> toegewezen
--                    open | in_onderzoek --(319 "afgewezen")--> afgewezen

-- Every accepted StartProduct / StopProduct (a rejected message is not stored here: IV032, it
-- counts as not sent). A deletion (StatusAanlevering 3) is stored too and marks the row it
-- deletes. Kept for the account managers' timeliness figures (OP271/OP272: within 5 werkdagen
-- after the actual start or stop); never a condition for payment (OP364).
CREATE TABLE regie_melding (
  id bigserial PRIMARY KEY,
  bericht_id bigint NOT NULL REFERENCES bericht (id),
  berichttype smallint NOT NULL CHECK (berichttype IN (305, 307)),
  positie integer NOT NULL,             -- the product's place in the message
  gemeente text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  agb text NOT NULL,
  bsn text NOT NULL,
  nummer bigint NOT NULL,               -- ToewijzingNummer (TR019)
  begindatum date NOT NULL,
  reden_beeindiging text,               -- 307 only; 20 = tijdelijk
  einddatum date,                       -- 307 only
  status_aanlevering text NOT NULL,
  ontvangen_dag date NOT NULL,
  -- OP271/OP272: working days from the actual start (305; or the Toewijzingsdatum of a
  -- retroactive toewijzing, when later) or the last day of care (307) to receipt.
  werkdagen_na integer NOT NULL,
  tijdig boolean NOT NULL,
  verwijderd_door bigint REFERENCES regie_melding (id),  -- the StatusAanlevering 3 that removed it
  UNIQUE (bericht_id, positie)
);
CREATE INDEX regie_melding_toewijzing ON regie_melding (gemeente, domein, nummer)
  WHERE verwijderd_door IS NULL AND status_aanlevering <> '3';
CREATE INDEX regie_melding_agb ON regie_melding (gemeente, domein, agb, ontvangen_dag);

-- One row per requested product of a 315 (each has its own ReferentieAanbieder) and one per 317
-- (its Verzoek has one). Only accepted messages: TR347 counts these.
CREATE TABLE verzoek (
  id bigserial PRIMARY KEY,
  bericht_id bigint NOT NULL REFERENCES bericht (id),
  berichttype smallint NOT NULL CHECK (berichttype IN (315, 317)),
  positie integer NOT NULL,             -- AangevraagdProduct in a 315; 0 for a 317
  gemeente text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  agb text NOT NULL,
  bsn text NOT NULL,
  referentie_aanbieder text NOT NULL,
  dagtekening date NOT NULL,
  ontvangen_op timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'in_onderzoek', 'toegewezen', 'afgewezen')),
  besluit_uiterlijk date NOT NULL,      -- OP274/OP346: 5 werkdagen after receipt
  onderzoek_uiterlijk date,             -- OP346: 8 weeks after the dagtekening, once in onderzoek
  reden_afwijzing text,                 -- LDT_RedenAfwijzingVerzoek of the final 319
  besluit_bericht_id bigint REFERENCES bericht (id),    -- the final 301 or 319
  onderzoek_bericht_id bigint REFERENCES bericht (id),  -- the 319 "in onderzoek"
  besloten_door text,
  besloten_op timestamptz,
  UNIQUE (gemeente, domein, agb, referentie_aanbieder),  -- TR347
  UNIQUE (bericht_id, positie)
);
CREATE INDEX verzoek_werkvoorraad ON verzoek (besluit_uiterlijk)
  WHERE status IN ('open', 'in_onderzoek');
CREATE INDEX verzoek_client ON verzoek (gemeente, domein, agb, bsn)
  WHERE status IN ('open', 'in_onderzoek');

-- Every 319 the gemeente sent, and what the aanbieder's 320 said about it.
CREATE TABLE verzoek_antwoord (
  id bigserial PRIMARY KEY,
  verzoek_id bigint NOT NULL REFERENCES verzoek (id),
  bericht_id bigint NOT NULL UNIQUE REFERENCES bericht (id),
  verzoek_antwoord text NOT NULL CHECK (verzoek_antwoord IN ('1', '2')),
  reden_afwijzing text,
  -- verzonden (queued or sent) | ontvangen (320 without codes) | afgekeurd (320 with codes)
  levering text NOT NULL DEFAULT 'verzonden',
  levering_codes text[],
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verzoek_antwoord_verzoek ON verzoek_antwoord (verzoek_id);

-- What we sent that waits for its retour (OP090): out 301/319 not yet answered.
CREATE INDEX bericht_wacht_op_retour ON bericht (id)
  WHERE direction = 'out' AND berichttype IN (301, 319);
