-- The regulation read again (issue 11).
--
-- Art. 33 counts the query window from the end of the act: a record of an item counted
-- that way says either when the act ended (act_end_date) or that it goes on
-- (act_continuing = 1); ingest refuses a record that says neither.
ALTER TABLE records ADD COLUMN act_continuing INTEGER NOT NULL DEFAULT 0;

-- A red-list entry (守信红名单) is removed at once when the subject becomes dishonest during
-- its term (the catalog's removal condition): the first day it is not served, derived from
-- the subject's other records and kept current at every write to the subject.
ALTER TABLE records ADD COLUMN list_removed_on TEXT;

-- Continuing acts older than their window are reviewed on the supervision list.
CREATE INDEX records_continuing ON records(act_continuing, decision_date) WHERE act_continuing = 1;

-- Errors reported by the public (Art. 34 ¶1 gives objections to the credit subject; anyone
-- else who finds an error reports it here). A report reaches the staff and marks nothing.
CREATE TABLE error_reports (
  id TEXT PRIMARY KEY,                   -- report number
  record_id INTEGER NOT NULL REFERENCES records(id),
  description TEXT NOT NULL,
  contact TEXT,                          -- never shown publicly
  received_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX error_reports_received ON error_reports(received_on, id);
