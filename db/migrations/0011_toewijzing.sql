-- 0011 clients and toewijzingen (allocated care), per gemeente and wettelijk domein.
--
-- Every version of a toewijzing is kept (toewijzing_versie); the current one is the version
-- with the latest Toewijzingsdatum + Toewijzingstijd (IV013), pointed to by toewijzing, which
-- also carries the state of its delivery to the aanbieder (301 -> 302) and of the care
-- (305 start, 307 stop).

-- What a 301 needs about the client besides the toewijzingen (Client301: name, birth date,
-- gender, one address). Test installations use BSNs from the 9999xxxxx test range.
CREATE TABLE client (
  gemeente text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  bsn text NOT NULL CHECK (bsn ~ '^[0-9]{9}$'),
  geboortedatum date NOT NULL,
  geboortedatum_gebruik text NOT NULL DEFAULT '1',   -- COD170: 1 = datum is bekend
  geslacht text NOT NULL DEFAULT '0',                -- COD046: 0 onbekend, 1 man, 2 vrouw
  achternaam text NOT NULL,
  voorvoegsel text,
  voorletters text,
  naam_gebruik text NOT NULL DEFAULT '1',            -- COD700: 1 = eigen naam
  adres_soort text NOT NULL DEFAULT '01',            -- COD757: 01 BRP-adres
  straatnaam text,
  huisnummer integer,
  huisletter text,
  huisnummer_toevoeging text,
  postcode text,
  plaatsnaam text,
  telefoon text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gemeente, domein, bsn)
);

CREATE TABLE toewijzing_versie (
  id bigserial PRIMARY KEY,
  gemeente text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  nummer bigint NOT NULL,               -- ToewijzingNummer, unique per gemeente and domein (TR332)
  agb text NOT NULL,
  bsn text NOT NULL,
  categorie text,                       -- null: generiek (no product)
  code text,                            -- null: aspecifiek (category only)
  toewijzingsdatum date NOT NULL,
  toewijzingstijd time NOT NULL,
  ingangsdatum date NOT NULL,
  einddatum date,
  reden_wijziging text,                 -- 13 = verwijderd (TR384)
  volume bigint,
  eenheid text,
  frequentie text,
  budget_cent bigint,
  referentie_aanbieder text,
  commentaar text,
  bron text NOT NULL CHECK (bron IN ('import', 'api', '301')),
  bericht_id bigint REFERENCES bericht (id),   -- the 301 that carried this version
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (gemeente, domein, nummer, toewijzingsdatum, toewijzingstijd),
  CHECK ((volume IS NULL) = (eenheid IS NULL) AND (eenheid IS NULL) = (frequentie IS NULL))
);

CREATE TABLE toewijzing (
  gemeente text NOT NULL,
  domein text NOT NULL,
  nummer bigint NOT NULL,
  versie_id bigint NOT NULL REFERENCES toewijzing_versie (id),
  agb text NOT NULL,                    -- of the current version, for lookups by aanbieder
  bsn text NOT NULL,
  -- Delivery of the current version: te_verzenden (a 301 is due) | verzonden (301 queued or
  -- sent) | ontvangen (302 without codes) | afgekeurd (302 with codes) | extern (imported from
  -- a system that already delivered it; replayed 301s count as delivered too).
  levering text NOT NULL DEFAULT 'te_verzenden',
  levering_bericht_id bigint REFERENCES bericht (id),
  levering_codes text[],
  -- Care delivery as the aanbieder reported it (305/307).
  start_datum date,
  stop_datum date,
  reden_beeindiging text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gemeente, domein, nummer)
);
CREATE INDEX toewijzing_client ON toewijzing (gemeente, domein, agb, bsn);
CREATE INDEX toewijzing_te_verzenden ON toewijzing (gemeente, domein, agb, bsn)
  WHERE levering = 'te_verzenden';

-- The current version of every toewijzing, as the judge and the UI read it.
CREATE VIEW toewijzing_actueel AS
  SELECT t.levering, t.levering_codes, t.start_datum, t.stop_datum, t.reden_beeindiging, v.*
  FROM toewijzing t JOIN toewijzing_versie v ON v.id = t.versie_id;
