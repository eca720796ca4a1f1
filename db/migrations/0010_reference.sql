-- 0010 reference data, loaded from CSV by `sluis import` (README, "Reference data"): CBS
-- gemeentecodes, aanbieders, product code lists and contract tariffs. A gastheergemeente
-- serves several gemeenten: a product code or tariff row names its gemeente, or '' when it
-- holds for every gemeente of the installation (the CSV's optional `gemeente` column).

CREATE TABLE gemeente (
  code text NOT NULL CHECK (code ~ '^[0-9]{4}$'),
  naam text NOT NULL,
  ingangsdatum date NOT NULL,
  einddatum date,                       -- null: still valid
  PRIMARY KEY (code, ingangsdatum),
  CHECK (einddatum IS NULL OR einddatum >= ingangsdatum)
);

CREATE TABLE aanbieder (
  agb text PRIMARY KEY CHECK (agb ~ '^[0-9]{8}$'),
  naam text NOT NULL,
  iban text NOT NULL,
  -- BW 6:119b: 30 days unless the contract agrees otherwise, never more than 60.
  betaaltermijn_dagen integer NOT NULL DEFAULT 30 CHECK (betaaltermijn_dagen BETWEEN 1 AND 60)
);

CREATE TABLE productcode (
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  gemeente text NOT NULL DEFAULT '',    -- '' = national list / every gemeente served
  categorie text NOT NULL,
  code text NOT NULL,
  omschrijving text NOT NULL,
  PRIMARY KEY (domein, gemeente, categorie, code)
);

CREATE TABLE tarief (
  id bigserial PRIMARY KEY,
  agb text NOT NULL,
  domein text NOT NULL CHECK (domein IN ('wmo', 'jeugd')),
  gemeente text NOT NULL DEFAULT '',
  categorie text NOT NULL,
  code text NOT NULL,
  eenheid text NOT NULL,
  tarief_cent bigint NOT NULL CHECK (tarief_cent >= 0),
  ingangsdatum date NOT NULL,
  einddatum date,
  CHECK (einddatum IS NULL OR einddatum >= ingangsdatum)
);
CREATE INDEX tarief_lookup ON tarief (agb, domein, categorie, code);

-- Every import, for the audit trail and the UI ("tariffs loaded on ... from ...").
CREATE TABLE reference_import (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,                   -- gemeenten | aanbieders | productcodes | tarieven | toewijzingen
  file_name text NOT NULL,
  sha256 text NOT NULL,
  rows integer NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
