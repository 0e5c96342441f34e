-- Workflows of issue 6: objections routed and decided (Art. 34), withdrawals of publicity
-- (Art. 35, 36), written authorizations issued through the API (Art. 16), credit reports
-- (Art. 31, 40), and the hash-chained audit log (Art. 19–20).

-- Objections: the route, who decided, and when the objection was closed, so that open
-- objections are found by index (the full state stays in `state`).
ALTER TABLE objections ADD COLUMN route TEXT;              -- platform | provider
ALTER TABLE objections ADD COLUMN decided_by TEXT;         -- staff or department that decided
ALTER TABLE objections ADD COLUMN closed_on TEXT;          -- the objector was informed
CREATE INDEX objections_open ON objections(closed_on, received_on);

-- Withdrawals of publicity (Art. 35 repair, Art. 36 revocation) with the platform's
-- 3-working-day deadline. The record itself carries withdrawal_ground/received for the
-- disclosure rules; this table is the procedure.
CREATE TABLE withdrawals (
  id TEXT PRIMARY KEY,                   -- withdrawal number
  record_id INTEGER NOT NULL REFERENCES records(id),
  ground TEXT NOT NULL,                  -- repair | revocation
  received_on TEXT NOT NULL,             -- proof or notice received
  document_number TEXT NOT NULL,         -- of the proof or notice
  reason TEXT NOT NULL,
  provider TEXT NOT NULL,                -- the department that submitted it
  due_on TEXT NOT NULL,                  -- 3 working days after receipt
  withdrawn_on TEXT,                     -- completed everywhere
  created_at TEXT NOT NULL,
  UNIQUE (record_id)
);
CREATE INDEX withdrawals_open ON withdrawals(withdrawn_on, due_on);

-- Written authorizations: when issued, and by index per subject.
ALTER TABLE grants ADD COLUMN created_at TEXT;
CREATE INDEX grants_subject ON grants(subject_code, valid_until);

-- Credit reports (Art. 31, 40): what was issued, for the quota and for verification.
CREATE TABLE reports (
  number TEXT PRIMARY KEY,
  subject_code TEXT NOT NULL,
  kind TEXT NOT NULL,                    -- personal | enterprise
  year INTEGER NOT NULL,                 -- calendar year of issue, Asia/Shanghai
  issued_at TEXT NOT NULL,
  content TEXT NOT NULL,                 -- canonical JSON of the report
  content_hash TEXT NOT NULL,            -- SHA-256 of content, hex
  signature TEXT NOT NULL,               -- Ed25519, base64url
  public_key TEXT NOT NULL
);
CREATE INDEX reports_subject_year ON reports(subject_code, year, kind);
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
  BEGIN SELECT RAISE(ABORT, 'reports are immutable'); END;

-- Audit log: who acted for which organisation, and the hash chain (shared::audit).
-- Entries are inserted with an explicit seq = head + 1 in the same batch as the head
-- update, so a concurrent append fails on the primary key and is retried: the chain never
-- forks. audit_head records the end of the chain, so that removing the last entries is
-- detected too.
ALTER TABLE audit_log ADD COLUMN organisation TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE INDEX audit_log_subject_role ON audit_log(subject_code, viewer_role, seq);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
  WHEN NEW.seq <= OLD.seq
  BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  BEGIN SELECT RAISE(ABORT, 'audit_head is never deleted'); END;

-- Entries written before this migration have no hash, and SQL cannot compute one: they
-- are moved aside unchanged into audit_log_legacy (append-only like the log) and the
-- chain starts empty.
CREATE TABLE audit_log_legacy AS SELECT * FROM audit_log;
DROP TRIGGER audit_log_no_delete;
DELETE FROM audit_log;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_legacy_no_update BEFORE UPDATE ON audit_log_legacy
  BEGIN SELECT RAISE(ABORT, 'audit_log_legacy is append-only'); END;
CREATE TRIGGER audit_log_legacy_no_delete BEFORE DELETE ON audit_log_legacy
  BEGIN SELECT RAISE(ABORT, 'audit_log_legacy is append-only'); END;

-- Guards of multi-statement batches: `INSERT INTO batch_guard SELECT 0 WHERE <state changed>`
-- violates the CHECK and rolls the whole batch back, so a decision taken on a stale read
-- is never applied (D1 batches are transactions). The table is always empty.
CREATE TABLE batch_guard (ok INTEGER NOT NULL CHECK (ok = 1));
