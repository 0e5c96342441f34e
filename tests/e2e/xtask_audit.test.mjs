// `cargo xtask audit verify` reads the same local D1 as the server under test and agrees
// with the admin endpoint that the chain is intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, token, NEEDS_STATE } from './lib.mjs';

const XTASK = process.env.XTASK_BIN ?? 'target/debug/xtask';

test('xtask audit verify and the admin endpoint agree on an intact chain', { skip: NEEDS_STATE }, async () => {
  await api('/api/v1/subjects/91520115MA6000008B', { token: token('admin', '--staff', 'xtask-audit-check') });
  const out = execFileSync(XTASK, ['audit', 'verify', '--state', process.env.STATE_DIR], { encoding: 'utf8' });
  const match = out.match(/audit log intact: (\d+) entries/);
  assert.ok(match, out);
  const endpoint = await api('/api/v1/admin/audit/verify', { token: token('admin') });
  assert.equal(endpoint.status, 200, endpoint.text);
  assert.ok(Number(match[1]) >= 1);
});
