-- 0013 payment: batches of approved amounts per gemeente, one SEPA transfer per AGB, exported
-- as pain.001.001.03; and the wettelijke handelsrente for the late-payment exposure
-- (workflow/README.md, "Payment").
--
--   declaratie  verzonden -> betaalbaar (toegekend > 0; or < 0: a credit, netted in a batch)
--                         -> afgewezen  (toegekend = 0: nothing to pay)
--               betaalbaar -(batch made)-> betaalbaar + betaalbatch_id -(batch paid)-> betaald
--   betaalbatch aangemaakt -> geexporteerd (pain001 stored) -> betaald
--               aangemaakt | geexporteerd -> geannuleerd (its declaraties: betaalbaar, no batch)

-- Wettelijke handelsrente (art. 6:119a BW), a row per change; each holds until the next one.
-- `sluis betaal handelsrente FILE` replaces the rows (ops/handelsrente.csv has these).
CREATE TABLE handelsrente (
  ingangsdatum date PRIMARY KEY,
  percentage numeric(4,2) NOT NULL CHECK (percentage >= 0 AND percentage < 100)
);
INSERT INTO handelsrente (ingangsdatum, percentage) VALUES
  ('2020-01-01', 8.00), ('2020-07-01', 8.00), ('2021-01-01', 8.00), ('2021-07-01', 8.00),
  ('2022-01-01', 8.00), ('2022-07-01', 8.00), ('2023-01-01', 10.50), ('2023-07-01', 12.00),
  ('2024-01-01', 12.50), ('2024-07-01', 12.25), ('2025-01-01', 11.15), ('2025-07-01', 10.15),
  ('2026-01-01', 10.15);

CREATE TABLE betaalbatch (
  id bigserial PRIMARY KEY,
  gemeente text NOT NULL CHECK (gemeente ~ '^[0-9]{4}$'),
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  uitvoerdatum date NOT NULL,                 -- ReqdExctnDt
  msg_id text NOT NULL UNIQUE CHECK (length(msg_id) BETWEEN 1 AND 35),
  status text NOT NULL DEFAULT 'aangemaakt'
    CHECK (status IN ('aangemaakt', 'geexporteerd', 'betaald', 'geannuleerd')),
  totaal_cent bigint NOT NULL CHECK (totaal_cent > 0),
  aantal integer NOT NULL CHECK (aantal > 0),  -- transfers: one per AGB
  aantal_declaraties integer NOT NULL CHECK (aantal_declaraties > 0),
  pain001 bytea,                              -- the exported file, byte for byte
  debiteur_naam text,                         -- as exported
  debiteur_iban text,
  geexporteerd_at timestamptz,
  geexporteerd_by text,
  betaald_op date,                            -- the day the transfers were credited
  afgesloten_at timestamptz,                  -- betaald or geannuleerd
  afgesloten_by text,
  annuleer_reden text,
  CHECK (status NOT IN ('geexporteerd', 'betaald') OR pain001 IS NOT NULL),
  CHECK (status <> 'betaald' OR betaald_op IS NOT NULL)
);
CREATE INDEX betaalbatch_gemeente ON betaalbatch (gemeente, created_at);

-- One transfer (CdtTrfTxInf) per AGB: never zero or negative.
CREATE TABLE betaalregel (
  id bigserial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES betaalbatch (id),
  agb text NOT NULL,
  naam text NOT NULL,
  iban text NOT NULL,
  end_to_end_id text NOT NULL CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
  bedrag_cent bigint NOT NULL CHECK (bedrag_cent > 0),
  omschrijving text NOT NULL,                 -- RmtInf/Ustrd
  UNIQUE (batch_id, agb),
  UNIQUE (batch_id, end_to_end_id)
);

-- The declaraties a transfer settles (debits and the credits netted against them). Kept when
-- the batch is cancelled: declaratie.betaalbatch_id points at the live batch only.
CREATE TABLE betaalregel_declaratie (
  betaalregel_id bigint NOT NULL REFERENCES betaalregel (id),
  declaratie_id bigint NOT NULL REFERENCES declaratie (id),
  toegekend_cent bigint NOT NULL CHECK (toegekend_cent <> 0),
  PRIMARY KEY (betaalregel_id, declaratie_id)
);
CREATE INDEX betaalregel_declaratie_declaratie ON betaalregel_declaratie (declaratie_id);

ALTER TABLE declaratie ADD CONSTRAINT declaratie_betaalbatch_fk
  FOREIGN KEY (betaalbatch_id) REFERENCES betaalbatch (id);
CREATE INDEX declaratie_betaalbatch ON declaratie (betaalbatch_id)
  WHERE betaalbatch_id IS NOT NULL;
CREATE INDEX declaratie_betaalbaar ON declaratie (gemeente, agb)
  WHERE status = 'betaalbaar' AND betaalbatch_id IS NULL;
