-- gzcredit schema. Only edge/src/storage.rs (and the demo data generator, which writes
-- the same rows) know it. Every search and profile query is answered from an index with
-- a bounded number of rows read (see docs/benchmarks.md).

-- Credit subjects (Art. 3): organisations by USCC, natural persons by an opaque public code.
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,             -- public code: the USCC, or 'np-…' for a natural person
  uscc TEXT UNIQUE,                      -- unified social credit code of an organisation
  registration_number TEXT,              -- legacy 15-digit registration number
  id_number TEXT UNIQUE,                 -- resident ID of a natural person (never served unmasked to the public)
  name TEXT NOT NULL,
  name_norm TEXT NOT NULL,               -- shared::search_terms::normalize_name(name)
  name_rank INTEGER NOT NULL,            -- relevance order among matches: shorter names first
  subject_type TEXT NOT NULL,            -- enterprise, individual_business, farmer_cooperative, social_organization, public_institution, natural_person
  natural_person INTEGER NOT NULL DEFAULT 0,
  region TEXT NOT NULL,                  -- six-digit administrative division code
  legal_representative TEXT,
  established TEXT,
  address TEXT,
  registration_authority TEXT,
  red_list_until TEXT,                   -- list standing (shared::disclosure::ListStanding),
  serious_list_until TEXT,               -- recomputed whenever the subject's records change
  public_list_until TEXT                 -- last day a public list names it (natural persons' only way into public view)
);
CREATE INDEX subjects_registration_number ON subjects(registration_number);
CREATE INDEX subjects_region_rank ON subjects(region, name_rank);

-- Trigram index of names: answers queries of three or more characters. Contentless, with
-- rowid = name_rank << 32 | subject id, so that FTS5's natural rowid order is relevance
-- order (shorter names first; an exact match is the shortest) and a page of results reads
-- only that page's rows, however common the query.
CREATE VIRTUAL TABLE subject_names USING fts5(
  name_norm, content = '', tokenize = 'trigram'
);

-- Postings of every 1- and 2-character fragment of a name, in relevance order: answers
-- one- and two-character queries with one range scan.
CREATE TABLE name_grams (
  gram TEXT NOT NULL,
  name_rank INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (gram, name_rank, subject_id)
) WITHOUT ROWID;

-- How many names contain each gram: the total of a short query in one row read.
CREATE TABLE gram_counts (
  gram TEXT PRIMARY KEY,
  subjects INTEGER NOT NULL
) WITHOUT ROWID;

-- Pinyin keys (full pinyin and initials, with heteronym variants) for prefix search.
CREATE TABLE name_pinyin (
  key TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (key, subject_id)
) WITHOUT ROWID;

-- Credit records (Art. 12), one per provider and document number.
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  item_code TEXT NOT NULL,
  class TEXT NOT NULL,
  provider TEXT NOT NULL,
  document_number TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL,
  decision_date TEXT,
  act_end_date TEXT,
  valid_until TEXT,
  penalty_types TEXT NOT NULL DEFAULT '[]',
  withdrawal_ground TEXT,                -- repair | revocation (Art. 35, 36)
  withdrawal_received TEXT,
  persons TEXT NOT NULL DEFAULT '[]',    -- JSON: persons recorded with it (Art. 26)
  extra_fields TEXT NOT NULL DEFAULT '{}',
  written_consent INTEGER NOT NULL DEFAULT 0,
  under_objection INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (provider, document_number)
);
CREATE INDEX records_subject_class ON records(subject_id, class);

-- Provenance (Art. 31): the source and reason of every change; never updated or deleted.
CREATE TABLE record_history (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  snapshot TEXT NOT NULL                 -- JSON of the record after the change
);
CREATE INDEX record_history_record ON record_history(record_id, id);

-- Objections (Art. 34).
CREATE TABLE objections (
  id TEXT PRIMARY KEY,                   -- receipt number
  record_id INTEGER NOT NULL REFERENCES records(id),
  objector_name TEXT NOT NULL,
  objector_contact TEXT NOT NULL,
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  received_on TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  state TEXT NOT NULL                    -- JSON of shared::objection::Objection
);
CREATE INDEX objections_record ON objections(record_id);

-- Written authorizations (Art. 16 ¶3).
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  subject_code TEXT NOT NULL,
  grantee TEXT NOT NULL,
  items TEXT NOT NULL,                   -- JSON array of catalog item codes
  purpose TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  revoked_on TEXT
);

-- Audit log of every query beyond the public level (Art. 19–20, 31). Append-only.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  viewer_role TEXT NOT NULL,
  viewer TEXT NOT NULL,
  token_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_code TEXT,
  items TEXT NOT NULL DEFAULT '[]',
  matter TEXT,
  purpose TEXT,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log(subject_code, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER record_history_no_update BEFORE UPDATE ON record_history
  BEGIN SELECT RAISE(ABORT, 'record_history is append-only'); END;
CREATE TRIGGER record_history_no_delete BEFORE DELETE ON record_history
  BEGIN SELECT RAISE(ABORT, 'record_history is append-only'); END;
