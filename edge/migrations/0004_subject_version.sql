-- The version of a subject's records (issue 12). Every change of a subject's records
-- carries a guard `version = <as read>` and bumps it in the same batch, so a change
-- planned from rows that another write has changed since rolls back and is planned again:
-- a subject's list standing is always the one `shared` computes from its records as they
-- are, however writes interleave.
ALTER TABLE subjects ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
