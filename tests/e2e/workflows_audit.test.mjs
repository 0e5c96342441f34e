// Staff permissions and prohibited acts (Art. 19–20): per-staff permissions refuse and log
// a query beyond them; the audit log is append-only and hash-chained, and the verify
// endpoint finds an entry edited, removed or forged behind the worker's back. The tamper
// tests drop an append-only trigger to act behind the worker's back and always put it
// back exactly as defined (`withoutTrigger`); every test makes the entries it tampers with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, verifyAudit, RUN, daysAgo, withoutTrigger, triggerSql } from './workflows_lib.mjs';

const ORG = freshOrg('A', '审计');
const DEPT = '审计测试市场监管局';
const sql = (v) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const insertRow = (row) => {
  const columns = Object.keys(row);
  return `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((c) => sql(row[c])).join(', ')})`;
};

before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'LIC-PERMIT', document_number: `AUD-${RUN}-1`, title: '许可', decision_date: daysAgo(30) },
    { item_code: 'PEN-GENERAL', document_number: `AUD-${RUN}-2`, title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(31), penalty_types: ['fine'] },
  ]);
});

after(() => {
  // Whatever happened above, the next files run with the log append-only.
  for (const name of ['audit_log_no_update', 'audit_log_no_delete']) assert.ok(triggerSql(name), `${name} in place after the file`);
});

/** A refused agency query of ORG by a staff member of its own: one new `refused` entry. */
async function refusedEntry(staff) {
  const agency = token('agency', '--agency', `审计测试局${RUN}`, '--matter', 'administrative_licensing', '--staff', staff);
  assertError(await api(`/api/v1/subjects/${ORG.code}?matter=land_transfer`, { token: agency }), 403, 'forbidden');
  const [entry] = d1(`SELECT * FROM audit_log WHERE viewer = '${staff}'`);
  assert.ok(entry, `the refusal of ${staff} is logged`);
  return entry;
}

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

test('an entry removed behind the worker\'s back is found at the next seq; the last ones by the head', async () => {
  const row = await refusedEntry(`tamper-remove-${RUN}`);
  await refusedEntry(`tamper-remove-next-${RUN}`); // so that an entry follows it
  await withoutTrigger('audit_log_no_delete', async () => {
    d1(`DELETE FROM audit_log WHERE seq = ${row.seq}`);
    try {
      const v = await verifyAudit();
      assert.equal(v.intact, false);
      assert.equal(v.first_break.seq, row.seq + 1);
      assert.equal(v.first_break.kind, 'prev_mismatch');
    } finally {
      d1(insertRow(row));
    }
  });
  assert.equal((await verifyAudit()).intact, true);
  // Removing the newest entries leaves a valid but shorter chain: the recorded head tells.
  const [last] = d1('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
  await withoutTrigger('audit_log_no_delete', async () => {
    d1(`DELETE FROM audit_log WHERE seq = ${last.seq}`);
    try {
      const v = await verifyAudit();
      assert.equal(v.intact, false);
      assert.equal(v.first_break.kind, 'truncated');
    } finally {
      d1(insertRow(last));
    }
  });
  assert.equal((await verifyAudit()).intact, true);
});

test('a row forged into the log is found', async () => {
  const [{ seq }] = d1('SELECT max(seq) AS seq FROM audit_log');
  const forged = seq + 1000;
  d1(`INSERT INTO audit_log (seq, at, viewer_role, viewer, token_id, action, subject_code, items, outcome)
      VALUES (${forged}, '2026-01-01T00:00:00.000Z', 'admin', 'nobody', 'forged', 'profile', '${ORG.code}', '[]', 'ok')`);
  try {
    const v = await verifyAudit();
    assert.equal(v.intact, false);
    assert.equal(v.first_break.seq, forged);
    assert.equal(v.first_break.kind, 'unchained');
  } finally {
    await withoutTrigger('audit_log_no_delete', () => d1(`DELETE FROM audit_log WHERE seq = ${forged}`));
  }
  assert.equal((await verifyAudit()).intact, true);
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
