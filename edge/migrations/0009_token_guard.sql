-- The revocation guard of every write (issue 12): the token revocation list is checked
-- alongside the request, not before it, so a write carries its own check into its batch:
-- `INSERT INTO token_guard SELECT 0 WHERE <the caller's token is revoked>` violates this
-- CHECK and rolls the whole batch back. No row is ever stored here.
CREATE TABLE token_guard (live INTEGER NOT NULL CHECK (live = 1));
