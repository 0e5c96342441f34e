-- The token revocation list (issue 13): a token whose id (`jti`) is here is refused on every
-- request, whatever its expiry — a leaked token, a staff member who left. Entries are added
-- by platform staff (`POST /api/v1/admin/tokens/revoked`, audited as `token.revoke`).
CREATE TABLE revoked_tokens (
  jti TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  revoked_at TEXT NOT NULL
);
