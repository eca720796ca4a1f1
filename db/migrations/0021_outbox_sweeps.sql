-- Every outbox claim first sweeps for messages past their PersistDuration (dead letters) and
-- for messages whose retries are used up. Both sweeps walked the outbox in id order and
-- filtered: in the transport benchmark PostgreSQL took a sequential scan of ebms_outbox for
-- the first (8.7 ms a claim after 20,000 messages, growing with every message ever sent), and
-- the second passes every message waiting for delivery. Each now has a partial index of just
-- the rows it looks for, in the order it takes them.
CREATE INDEX ebms_outbox_expiry ON ebms_outbox (expires_at)
  WHERE state IN ('pending', 'awaiting_ack') AND expires_at IS NOT NULL;
CREATE INDEX ebms_outbox_exhausted ON ebms_outbox (next_attempt_at)
  WHERE state IN ('pending', 'awaiting_ack') AND attempts > max_retries;
