-- The numbering of a database never goes back (issue 14, shard splits).
--
-- A database gives the next id after the largest in its own range (`edge/src/storage/apply.rs`,
-- `last_id`). When a split moves a county's subjects and records to a new shard and deletes
-- them here (docs/deploy.md), the largest ids of the range may be among those deleted: the
-- numbering would then give them again, to new rows, while the new shard still holds them
-- under the same ids. Before the delete, the split step writes the largest id given so far
-- as the floor, and numbering continues above it.
ALTER TABLE shard_identity ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;
