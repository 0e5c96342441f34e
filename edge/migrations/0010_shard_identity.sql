-- Row ids unique across the databases of a sharded deployment (issue 14).
--
-- Objections, withdrawals, history and the API name a record by its id, and a search merges
-- subjects of several databases, so the ids of subjects and records must not repeat from one
-- database to the next. Each database numbers its new rows from its own base: the n-th
-- database of the shard map (`shared::shards::ShardMap::id_base`) starts at n << 28
-- (268 million rows each, 16 databases; the trigram index's rowid `name_rank << 32 | id`
-- needs subject ids below 2^32). `cargo xtask migrate` writes the base after migrating; a
-- database without one (the single database) numbers from 0 as before.
CREATE TABLE shard_identity (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  binding TEXT NOT NULL,
  base INTEGER NOT NULL
);
