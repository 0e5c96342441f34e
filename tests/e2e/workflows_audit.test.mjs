// Staff permissions and prohibited acts (Art. 19–20): per-staff permissions refuse and log
// a query beyond them; the audit log is append-only and hash-chained, and the verify
// endpoint finds an entry edited behind the worker's back (removed and forged entries:
// workflows_audit_tamper.test.mjs). The tamper tests drop an append-only trigger to act
// behind the worker's back and always put it back exactly as defined (`withoutTrigger`);
// every test makes the entries it tampers with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { verifyAudit, RUN, withoutTrigger } from './workflows_lib.mjs';
import { auditFile, refusedEntry, ORG, DEPT, sql } from './audit_lib.mjs';

auditFile();

test('a staff member may query only the actions and classes of his permissions; beyond them: 403, logged', async () => {
  const staff = `licensing-clerk-${RUN}`;
  const clerk = token('admin', '--staff', staff, '--actions', 'records', '--classes', 'administrative_licensing');
  const ok = await api(`/api/v1/subjects/${ORG.code}/records?class=administrative_licensing`, { token: clerk });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.items.length, 1);
  const all = await api(`/api/v1/subjects/${ORG.code}/records`, { token: clerk });
  assert.deepEqual(all.json.items.map((r) => r.class), ['administrative_licensing'], 'unnamed classes: only the permitted ones');
  const beyond = await api(`/api/v1/subjects/${ORG.code}/records?class=administrative_penalty`, { token: clerk });
  assertError(beyond, 403, 'forbidden');
  assert.match(beyond.json.message_zh, /第十九条、第二十条/);
  assertError(await api(`/api/v1/subjects/${ORG.code}`, { token: clerk }), 403, 'forbidden');
  const log = d1(`SELECT action, outcome, items, subject_code FROM audit_log WHERE viewer = '${staff}' ORDER BY seq`);
  assert.deepEqual(log.map((e) => `${e.action}:${e.outcome}`), ['records:ok', 'records:ok', 'records:refused', 'profile:refused']);
  assert.equal(log[2].items, '["administrative_penalty"]');
  assert.ok(log.every((e) => e.subject_code === ORG.code));
});

test('an agency querying outside its published matters is refused (403) and the refusal logged (Art. 16, 20)', async () => {
  const agency = token('agency', '--agency', `审计测试局${RUN}`, '--matter', 'administrative_licensing', '--staff', `agent-${RUN}`);
  assertError(await api(`/api/v1/subjects/${ORG.code}?matter=land_transfer`, { token: agency }), 403, 'forbidden');
  const ok = await api(`/api/v1/subjects/${ORG.code}?matter=administrative_licensing`, { token: agency });
  assert.equal(ok.status, 200, ok.text);
  const log = d1(`SELECT matter, outcome, organisation, viewer_role FROM audit_log WHERE viewer = 'agent-${RUN}' ORDER BY seq`);
  assert.deepEqual(log.map((e) => [e.viewer_role, e.matter, e.outcome]), [
    ['agency', 'land_transfer', 'refused'], ['agency', 'administrative_licensing', 'ok']]);
  assert.equal(log[0].organisation, `审计测试局${RUN}`);
});

test('the audit chain verifies, counts every entry, and only platform staff may verify it', async () => {
  const first = await verifyAudit();
  assert.equal(first.intact, true, first.message_en);
  assert.match(first.head.hash, /^[0-9a-f]{64}$/);
  // One audited query between two verifications: the second counts it and the first
  // verification's own entry (written after its walk).
  await refusedEntry(`verify-count-${RUN}`);
  const second = await verifyAudit();
  assert.equal(second.intact, true, second.message_en);
  assert.equal(second.entries, first.entries + 2, 'the query and the first verification');
  assert.equal(second.head.seq, first.head.seq + 2);
  const [{ n }] = d1('SELECT count(*) AS n FROM audit_log');
  assert.equal(n, second.entries + 1, 'every row of the log, and the second verification itself');
  assert.equal(second.first_break, null);
  assertError(await api('/api/v1/admin/audit/verify'), 401, 'invalid_token');
  assertError(await api('/api/v1/admin/audit/verify', { token: token('provider', '--provider', DEPT) }), 403, 'forbidden');
  const rows = d1('SELECT count(*) AS n FROM audit_log WHERE hash IS NULL');
  assert.equal(rows[0].n, 0, 'every entry is chained when written');
});

test('the worker cannot update or delete audit entries: the table is append-only', async () => {
  const refused = (statement) => {
    try {
      d1(statement);
    } catch (e) {
      return `${e.message}${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    return 'executed';
  };
  assert.match(refused("UPDATE audit_log SET outcome = 'ok' WHERE seq = 1"), /append-only/);
  assert.match(refused('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
});

test('an entry edited behind the worker\'s back is found, at its seq', async () => {
  const entry = await refusedEntry(`tamper-edit-${RUN}`);
  await withoutTrigger('audit_log_no_update', async () => {
    d1(`UPDATE audit_log SET matter = 'administrative_licensing' WHERE seq = ${entry.seq}`);
    try {
      const v = await verifyAudit();
      assert.equal(v.intact, false);
      assert.equal(v.first_break.seq, entry.seq);
      assert.equal(v.first_break.kind, 'hash_mismatch');
      assert.match(v.message_zh, /被篡改/);
      assert.equal(v.head.seq, entry.seq - 1, 'the last good entry');
    } finally {
      d1(`UPDATE audit_log SET matter = ${sql(entry.matter)} WHERE seq = ${entry.seq}`);
    }
  });
  assert.equal((await verifyAudit()).intact, true, 'restored, the chain holds again');
});

test('concurrent audited queries do not fork the chain', async () => {
  const agency = token('agency', '--agency', `并发局${RUN}`, '--matter', 'administrative_licensing');
  const answers = await Promise.all(Array.from({ length: 12 }, () =>
    api(`/api/v1/subjects/${ORG.code}/records?matter=administrative_licensing`, { token: agency })));
  assert.ok(answers.every((r) => r.status === 200), answers.map((r) => r.status).join());
  const v = await verifyAudit();
  assert.equal(v.intact, true, v.message_en);
  const rows = d1(`SELECT count(*) AS n FROM audit_log WHERE organisation = '并发局${RUN}'`);
  assert.equal(rows[0].n, 12, 'every query logged once');
});
