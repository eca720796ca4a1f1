-- Writing the prestaties of a 323 is the hot path of every declaratie: one INSERT of up to
-- ~30,000 rows. Measured on the benchmark's 323 (workflow/README.md), three per-row costs
-- took more than half of that INSERT and are replaced here:
--   * the bigserial key and its index: a prestatie is already identified by (declaratie_id,
--     positie), which becomes the primary key;
--   * the row-by-row foreign-key trigger to declaratie: the same guarantee, checked once per
--     statement over the inserted set (one anti-join), and declaratie rows that still have
--     prestaties cannot be deleted;
--   * indexes led by gemeente, domein and agb, which are the same for every row of a
--     declaratie: the lookups keep filtering on them, the indexes now start at the selective
--     column.
-- The approved credit that credits a debit is now named by its ReferentieNummer (unique per
-- aanbieder, TR314) instead of the dropped row id.

ALTER TABLE prestatie ADD COLUMN gecrediteerd_ref text;
UPDATE prestatie debit SET gecrediteerd_ref = credit.referentienummer
  FROM prestatie credit WHERE credit.id = debit.gecrediteerd_door;
DROP INDEX prestatie_open_debet;
ALTER TABLE prestatie DROP COLUMN gecrediteerd_door;
ALTER TABLE prestatie RENAME COLUMN gecrediteerd_ref TO gecrediteerd_door;
COMMENT ON COLUMN prestatie.gecrediteerd_door IS
  'ReferentieNummer of the approved credit (same gemeente, domein, agb) that credits this debit';

ALTER TABLE prestatie DROP CONSTRAINT prestatie_pkey;
ALTER TABLE prestatie DROP COLUMN id;
ALTER TABLE prestatie DROP CONSTRAINT prestatie_declaratie_id_positie_key;
ALTER TABLE prestatie ADD CONSTRAINT prestatie_pkey PRIMARY KEY (declaratie_id, positie);

DROP INDEX prestatie_referentie;
CREATE INDEX prestatie_referentie ON prestatie (referentienummer);
DROP INDEX prestatie_vorig;
CREATE INDEX prestatie_vorig ON prestatie (vorig_referentienummer)
  WHERE debet_credit = 'C' AND status = 'goedgekeurd';
CREATE INDEX prestatie_open_debet ON prestatie (toewijzing_nummer)
  WHERE debet_credit = 'D' AND status = 'goedgekeurd' AND gecrediteerd_door IS NULL;

-- The foreign key prestatie.declaratie_id -> declaratie.id, per statement.
ALTER TABLE prestatie DROP CONSTRAINT prestatie_declaratie_id_fkey;

CREATE FUNCTION prestatie_declaratie_bestaat() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wees bigint;
BEGIN
  SELECT n.declaratie_id INTO wees FROM nieuw n
    WHERE NOT EXISTS (SELECT 1 FROM declaratie d WHERE d.id = n.declaratie_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'prestatie refers to declaratie % which does not exist', wees
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER prestatie_declaratie_fk AFTER INSERT ON prestatie
  REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT
  EXECUTE FUNCTION prestatie_declaratie_bestaat();

CREATE FUNCTION prestatie_declaratie_vast() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.declaratie_id IS DISTINCT FROM OLD.declaratie_id THEN
    RAISE EXCEPTION 'a prestatie stays with its declaratie' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER prestatie_declaratie_vast BEFORE UPDATE OF declaratie_id ON prestatie
  FOR EACH ROW EXECUTE FUNCTION prestatie_declaratie_vast();

CREATE FUNCTION declaratie_zonder_prestaties() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  weg bigint;
BEGIN
  SELECT o.id INTO weg FROM oud o
    WHERE EXISTS (SELECT 1 FROM prestatie p WHERE p.declaratie_id = o.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'declaratie % still has prestaties', weg
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER declaratie_prestaties_fk AFTER DELETE ON declaratie
  REFERENCING OLD TABLE AS oud FOR EACH STATEMENT
  EXECUTE FUNCTION declaratie_zonder_prestaties();

-- Messages are stored byte for byte; a 25 MB 323 compressed with pglz costs ~250 ms on the
-- 2-core reference VM, with lz4 ~80 ms (and it decompresses faster). Rows stored before keep
-- pglz; both read the same. A server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE bericht ALTER COLUMN payload SET COMPRESSION lz4;
  ALTER TABLE ebms_received ALTER COLUMN body SET COMPRESSION lz4;
  ALTER TABLE ebms_outbox ALTER COLUMN body SET COMPRESSION lz4;
  ALTER TABLE ebms_refused ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available in this PostgreSQL: messages stay pglz-compressed';
END $$;
