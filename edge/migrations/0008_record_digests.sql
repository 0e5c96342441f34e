-- A profile reads a bounded number of rows, whatever the subject's history (issue 14).
--
-- `record_digests` holds, per subject and class, one row with what `shared::disclosure`
-- needs to decide who sees each record of the class today: its id, item, provider, the
-- dates of its query window (Art. 33, 35–36) and its objection flag (Art. 34) — no title,
-- content, legal basis or persons. The profile, the measures and the records page decide
-- on digests (one row per class) instead of reading every record, and the records page
-- then reads only the records of the page it shows.
--
-- The triggers keep the digest of a (subject, class) current in the same statement that
-- changes one of its records, so every write (the worker's batches, the data loader, a
-- hand-made fix) leaves digests that agree with the records. A class with no records left
-- has no digest row.

CREATE TABLE record_digests (
  subject_id INTEGER NOT NULL,
  class TEXT NOT NULL,
  -- JSON array, one array per record, in the order of `record_digest_entries`.
  entries TEXT NOT NULL,
  PRIMARY KEY (subject_id, class)
) WITHOUT ROWID;

-- The digest of every (subject, class), grouped from the records as they are. Queried
-- with `subject_id = ? AND class = ?`, which SQLite pushes into the grouping: it reads the
-- records of that class of that subject only (`records_subject_class`).
CREATE VIEW record_digest_entries AS
SELECT subject_id, class, json_group_array(json_array(
  id, item_code, provider, decision_date, act_end_date, act_continuing, list_removed_on,
  valid_until, penalty_types, withdrawal_ground, withdrawal_received, under_objection
)) AS entries
FROM records GROUP BY subject_id, class;

INSERT INTO record_digests (subject_id, class, entries) SELECT subject_id, class, entries FROM record_digest_entries;

-- Nothing writes records with `INSERT OR REPLACE`, whose implicit delete fires no trigger.
-- Each trigger deletes the digests it recomputes and inserts them again, with no conflict
-- clause: inside a trigger, SQLite applies the outer statement's conflict policy (an
-- upsert's included), so `INSERT OR REPLACE` would not replace there.
CREATE TRIGGER record_digests_insert AFTER INSERT ON records BEGIN
  DELETE FROM record_digests WHERE subject_id = NEW.subject_id AND class = NEW.class;
  INSERT INTO record_digests (subject_id, class, entries)
    SELECT subject_id, class, entries FROM record_digest_entries
    WHERE subject_id = NEW.subject_id AND class = NEW.class;
END;

CREATE TRIGGER record_digests_delete AFTER DELETE ON records BEGIN
  DELETE FROM record_digests WHERE subject_id = OLD.subject_id AND class = OLD.class;
  INSERT INTO record_digests (subject_id, class, entries)
    SELECT subject_id, class, entries FROM record_digest_entries
    WHERE subject_id = OLD.subject_id AND class = OLD.class;
END;

-- Title, content, legal basis, persons and timestamps are not in a digest: changing only
-- them, or writing a column's value again (an upsert of an unchanged record), leaves it as
-- it is. A record that moves to another subject or class changes two digests.
CREATE TRIGGER record_digests_update AFTER UPDATE OF
  subject_id, item_code, class, provider, decision_date, act_end_date, act_continuing, list_removed_on,
  valid_until, penalty_types, withdrawal_ground, withdrawal_received, under_objection
ON records
WHEN OLD.subject_id IS NOT NEW.subject_id OR OLD.item_code IS NOT NEW.item_code OR OLD.class IS NOT NEW.class
  OR OLD.provider IS NOT NEW.provider OR OLD.decision_date IS NOT NEW.decision_date OR OLD.act_end_date IS NOT NEW.act_end_date
  OR OLD.act_continuing IS NOT NEW.act_continuing OR OLD.list_removed_on IS NOT NEW.list_removed_on OR OLD.valid_until IS NOT NEW.valid_until
  OR OLD.penalty_types IS NOT NEW.penalty_types OR OLD.withdrawal_ground IS NOT NEW.withdrawal_ground OR OLD.withdrawal_received IS NOT NEW.withdrawal_received
  OR OLD.under_objection IS NOT NEW.under_objection
BEGIN
  DELETE FROM record_digests WHERE subject_id = OLD.subject_id AND class = OLD.class;
  DELETE FROM record_digests WHERE subject_id = NEW.subject_id AND class = NEW.class;
  INSERT INTO record_digests (subject_id, class, entries)
    SELECT subject_id, class, entries FROM record_digest_entries
    WHERE subject_id = OLD.subject_id AND class = OLD.class;
  INSERT INTO record_digests (subject_id, class, entries)
    SELECT subject_id, class, entries FROM record_digest_entries
    WHERE subject_id = NEW.subject_id AND class = NEW.class
      AND NOT (NEW.subject_id = OLD.subject_id AND NEW.class = OLD.class);
END;
