-- Search finds what people type (issue 18; `shared::search_terms`).
--
-- A query of several terms reads the postings of its rarest term and keeps the names
-- that hold the others: these counts say which term is the rarest. They count the names
-- of each part of the name index (`shared::disclosure::NameIndex`) and are read only to
-- choose the term, never shown: a total is counted over what a search may show.
--
-- The index forms changed with this migration (traditional characters as simplified,
-- brackets dropped, 有限公司 read as 公司, pinyin keys of every syllable run): a database
-- indexed before it keeps answering, in the old forms, until its subjects are indexed
-- again (docs/deploy.md).

CREATE TABLE public_gram_counts (
  gram TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE private_gram_counts (
  gram TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO public_gram_counts (gram, n) SELECT gram, count(*) FROM public_name_grams GROUP BY gram;
INSERT INTO private_gram_counts (gram, n) SELECT gram, count(*) FROM private_name_grams GROUP BY gram;
