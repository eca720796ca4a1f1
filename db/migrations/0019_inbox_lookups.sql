-- Two plans that made the inbox scan whole tables per message (found with the transport
-- benchmark: ~130 305s/s, PostgreSQL busy with sequential scans).
--
-- 1. The inbox claims the oldest queued incoming bericht, one per transaction, and the pack
-- worker the oldest queued outgoing ones (ORDER BY id LIMIT n FOR UPDATE SKIP LOCKED). With
-- statistics from before a burst of messages (autovacuum analyzes a minute or more later) the
-- planner took the primary key for that order and filtered every bericht ever processed on
-- each claim: 8 ms per inbox claim after 4,000 messages, and growing with the register. Both
-- claims now order by id + 0, an order only this partial index provides (it replaces
-- bericht_queue), so the planner's choice is this index or a full sort.
DROP INDEX bericht_queue;
CREATE INDEX bericht_wachtrij ON bericht (direction, (id + 0)) WHERE state = 'queued';

-- 2. toewijzing_actueel exposed the version's gemeente, domein and nummer, so a lookup of one
-- toewijzing found its versions by index and then joined the current pointers by versie_id,
-- which has no index: a sequential scan of toewijzing for every 305, 307 and 323. The pointer
-- table's own columns (its primary key; agb and bsn for toewijzing_client) are the same values
-- (TR332) and lead the planner to that key.
CREATE OR REPLACE VIEW toewijzing_actueel AS
  SELECT t.levering, t.levering_codes, t.start_datum, t.stop_datum, t.reden_beeindiging, v.id,
    t.gemeente, t.domein, t.nummer, t.agb, t.bsn, v.categorie, v.code, v.toewijzingsdatum,
    v.toewijzingstijd, v.ingangsdatum, v.einddatum, v.reden_wijziging, v.volume, v.eenheid,
    v.frequentie, v.budget_cent, v.referentie_aanbieder, v.commentaar, v.bron, v.bericht_id,
    v.created_by, v.created_at
  FROM toewijzing t JOIN toewijzing_versie v ON v.id = t.versie_id;
