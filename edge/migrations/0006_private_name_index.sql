-- The name index in two parts (Art. 4, 18; `shared::disclosure::NameIndex`).
--
-- A search answers with a total and pages as well as items. While one index held every
-- subject, a search for a private person's name answered "1 result" with no item to show:
-- the count told of a natural person the public may not know of. The public part now holds
-- what the public may find (organisations, and natural persons once a public list names
-- them: `shared::disclosure::in_public_index`); the private part holds every natural
-- person, for platform staff. The gram counts that bounded the totals counted everyone,
-- so they go: totals are counted over what a search reads and may show.

ALTER TABLE subject_names RENAME TO public_subject_names;
ALTER TABLE name_grams RENAME TO public_name_grams;
ALTER TABLE name_pinyin RENAME TO public_name_pinyin;
DROP TABLE gram_counts;

CREATE VIRTUAL TABLE private_subject_names USING fts5(
  name_norm, content = '', tokenize = 'trigram'
);

CREATE TABLE private_name_grams (
  gram TEXT NOT NULL,
  name_rank INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (gram, name_rank, subject_id)
) WITHOUT ROWID;

CREATE TABLE private_name_pinyin (
  key TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (key, subject_id)
) WITHOUT ROWID;

-- Whether the subject is in the public part (it is put there once, and stays).
ALTER TABLE subjects ADD COLUMN publicly_indexed INTEGER NOT NULL DEFAULT 1;

-- Every natural person into the private part.
INSERT INTO private_subject_names (rowid, name_norm)
  SELECT (name_rank << 32) | id, name_norm FROM subjects WHERE natural_person = 1;
INSERT INTO private_name_grams (gram, name_rank, subject_id)
  SELECT g.gram, g.name_rank, g.subject_id FROM public_name_grams g JOIN subjects s ON s.id = g.subject_id
  WHERE s.natural_person = 1;
INSERT INTO private_name_pinyin (key, subject_id)
  SELECT p.key, p.subject_id FROM public_name_pinyin p JOIN subjects s ON s.id = p.subject_id
  WHERE s.natural_person = 1;

-- Natural persons no public list names out of the public part (the trigram index is
-- contentless: a row is deleted by giving the values it was indexed with).
UPDATE subjects SET publicly_indexed = 0 WHERE natural_person = 1 AND public_list_until IS NULL;
INSERT INTO public_subject_names (public_subject_names, rowid, name_norm)
  SELECT 'delete', (name_rank << 32) | id, name_norm FROM subjects WHERE publicly_indexed = 0;
DELETE FROM public_name_grams WHERE subject_id IN (SELECT id FROM subjects WHERE publicly_indexed = 0);
DELETE FROM public_name_pinyin WHERE subject_id IN (SELECT id FROM subjects WHERE publicly_indexed = 0);
