// The audit chain against tampering behind the worker's back (Art. 19–20), continued from
// workflows_audit.test.mjs: an entry removed (in the middle, and the newest ones) and a row
// forged into the log are each found at the right place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d1 } from './lib.mjs';
import { verifyAudit, RUN, withoutTrigger } from './workflows_lib.mjs';
import { auditFile, refusedEntry, insertRow, ORG } from './audit_lib.mjs';

auditFile();

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
