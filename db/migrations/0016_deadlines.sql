-- 0016 deadlines: what the deadline sweep and the alert webhook need on top of 0003's alert
-- table, and the reconciliation view.

-- The stage a deadline alert reached (1.. per threshold passed, thresholds + 1 when overdue):
-- a sweep touches an open alert only when it escalates, so `occurrences` counts escalations.
ALTER TABLE alert ADD COLUMN stage integer NOT NULL DEFAULT 0;
-- Bumped whenever an alert opens, changes severity or stage, or is resolved; the webhook
-- delivers every revision once (notified_revision = what it delivered).
ALTER TABLE alert ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE alert ADD COLUMN notified_revision integer NOT NULL DEFAULT 0;
CREATE INDEX alert_to_notify ON alert (id) WHERE notified_revision < revision;

CREATE FUNCTION alert_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.severity IS DISTINCT FROM OLD.severity OR NEW.stage IS DISTINCT FROM OLD.stage
     OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER alert_bump_revision BEFORE UPDATE ON alert
  FOR EACH ROW EXECUTE FUNCTION alert_bump_revision();

-- Every 323 with its 325 and payment state (the reconciliation view). Ages are computed by the
-- reader against its own peildatum.
CREATE VIEW reconciliatie AS
SELECT d.id, d.gemeente, d.domein, d.agb, a_b.naam AS aanbieder, d.identificatie,
       d.declaratienummer, d.periode_begin, d.ontvangen_op, d.status, d.ingediend_cent,
       d.toegekend_cent, d.antwoord_uiterlijk, d.betalen_uiterlijk,
       antw.identificatie AS antwoord_identificatie, antw.state AS antwoord_state,
       d.betaalbatch_id, d.betaald_op,
       antw.state IS DISTINCT FROM 'acknowledged' AS onbeantwoord,
       d.status NOT IN ('betaald', 'afgewezen') AND coalesce(d.toegekend_cent, 1) > 0
         AS onbetaald
FROM declaratie d
LEFT JOIN bericht antw ON antw.id = d.antwoord_bericht_id
LEFT JOIN aanbieder a_b ON a_b.agb = d.agb;
