-- 0001 foundation: the installation's identity and an append-only audit log.
-- Every table Sluis creates lives in the connection's search_path schema, so that tests can run
-- each in a schema of its own.

-- One row per installation: created once, read by /readyz and the UI footer.
CREATE TABLE instance (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  installation_id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO instance DEFAULT VALUES;

-- Append-only: every human decision (hold/release, 315/317 decision, alert acknowledgement,
-- payment batch, BSN reveal) lands here. No UPDATE or DELETE is ever allowed.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
