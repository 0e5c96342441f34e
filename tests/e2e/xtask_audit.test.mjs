// `cargo xtask audit verify` reads the same local D1 as the server under test and agrees
// with the admin endpoint (edge/src/audit.rs, `GET /api/v1/admin/audit/verify`): the same
// number of entries and the same head on an intact chain, the same first broken entry on a
// tampered one.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, assertError, token, d1, NEEDS_STATE } from './lib.mjs';
import { verifyAudit, withoutTrigger, triggerSql, RUN } from './workflows_lib.mjs';

const XTASK = process.env.XTASK_BIN ?? 'target/debug/xtask';

/** Run `xtask audit verify` on the server's D1: `{ ok, out }` (stdout, or stderr on failure). */
function cli() {
  try {
    return { ok: true, out: execFileSync(XTASK, ['audit', 'verify', '--state', process.env.STATE_DIR, ...(process.env.WRANGLER_ENV ? ['--env', process.env.WRANGLER_ENV] : [])], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}`, status: e.status };
  }
}

after(() => {
  if (process.env.STATE_DIR) assert.ok(triggerSql('audit_log_no_update'), 'audit_log_no_update in place after the file');
});

test('xtask audit verify and the admin endpoint agree on an intact chain: same count, same head', { skip: NEEDS_STATE }, async () => {
  // An audited query, so that the chain is not empty.
  const staff = `xtask-audit-check-${RUN}`;
  assert.equal((await api('/api/v1/subjects/91520115MA6000008B', { token: token('admin', '--staff', staff) })).status, 200);
  const first = cli();
  assert.ok(first.ok, first.out);
  const match = first.out.match(/audit log of DB intact: (\d+) entries, head ([0-9a-f]{64}) at seq (\d+)/);
  assert.ok(match, first.out);
  const [count, hash, seq] = [Number(match[1]), match[2], Number(match[3])];
  assert.ok(count > 0, 'the chain has entries');
  // Nothing is written between the two walks; the endpoint records its own verification
  // only after its walk.
  const endpoint = await verifyAudit();
  assert.equal(endpoint.intact, true, endpoint.message_en);
  assert.equal(endpoint.entries, count, 'the endpoint counts what the CLI counted');
  assert.deepEqual(endpoint.head, { seq, hash }, 'and reaches the same head');
  // The endpoint's verification is itself an audited act: the CLI now sees one more entry.
  const again = cli();
  assert.ok(again.ok, again.out);
  assert.match(again.out, new RegExp(`audit log of DB intact: ${count + 1} entries, head [0-9a-f]{64} at seq ${seq + 1}`));
});

test('xtask audit verify and the admin endpoint report the same first break of a tampered chain', { skip: NEEDS_STATE }, async () => {
  const staff = `xtask-audit-tamper-${RUN}`;
  const agency = token('agency', '--agency', `审计命令测试局${RUN}`, '--matter', 'administrative_licensing', '--staff', staff);
  assertError(await api('/api/v1/subjects/91520115MA6000008B?matter=land_transfer', { token: agency }), 403, 'forbidden');
  const [entry] = d1(`SELECT seq, matter FROM audit_log WHERE viewer = '${staff}'`);
  assert.ok(entry, 'the refusal is logged');
  await withoutTrigger('audit_log_no_update', async () => {
    d1(`UPDATE audit_log SET matter = 'administrative_licensing' WHERE seq = ${entry.seq}`);
    try {
      const broken = cli();
      assert.equal(broken.ok, false, `the CLI must fail on a tampered chain: ${broken.out}`);
      const match = broken.out.match(/audit log broken at entry (\d+): (.*)/);
      assert.ok(match, broken.out);
      const endpoint = await verifyAudit();
      assert.equal(endpoint.intact, false);
      assert.equal(endpoint.first_break.seq, entry.seq);
      assert.equal(Number(match[1]), entry.seq, 'the CLI names the edited entry');
      assert.equal(match[2].trim(), endpoint.message_en, 'with the endpoint\'s words');
    } finally {
      d1(`UPDATE audit_log SET matter = '${entry.matter}' WHERE seq = ${entry.seq}`);
    }
  });
  const restored = cli();
  assert.ok(restored.ok, restored.out);
  assert.equal((await verifyAudit()).intact, true, 'restored, the chain holds again');
});
