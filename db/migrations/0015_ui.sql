-- 0015 web UI and API: local accounts, sessions, login attempts (throttling), and the audit log
-- made unchangeable for the product's own database role as well.

-- A person who logs in. roles: any of backoffice | accountmanager | operations | beheer.
-- password_hash: "scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>" (OpenSSL EVP_KDF scrypt).
CREATE TABLE account (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['backoffice', 'accountmanager', 'operations',
                                              'beheer']::text[] AND cardinality(roles) > 0),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A login. Only the SHA-256 of the cookie's token is stored: a copy of this table does not let
-- anyone log in. csrf_token is sent back in X-CSRF-Token on every state-changing request.
CREATE TABLE account_session (
  token_sha256 bytea PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES account (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  peer text
);
CREATE INDEX account_session_expiry ON account_session (expires_at);

-- Every login attempt, for throttling (failures per username and per address in a window).
CREATE TABLE login_attempt (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  peer text NOT NULL,
  at timestamptz NOT NULL,
  ok boolean NOT NULL
);
CREATE INDEX login_attempt_username ON login_attempt (username, at);
CREATE INDEX login_attempt_peer ON login_attempt (peer, at);

-- audit_log is append-only by trigger (0001); also take the privileges away from everyone but
-- its owner, so that a role granted to the product cannot change history either.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
CREATE INDEX audit_log_at ON audit_log (at);
