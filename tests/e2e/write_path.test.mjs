// Writes that must not corrupt (issue 12, first part), against the real worker:
// - a document number a provider holds for one subject is never moved to another by
//   re-submitting it (409 `document_number_in_use`, nothing written);
// - a record's history stores the record as stored, not the raw submission (which names a
//   natural person by resident ID);
// - an ingest is in the audit chain (Art. 19–20).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, residentId, RUN, daysAgo } from './workflows_lib.mjs';

const DEPT = `写入测试市场监督管理局${RUN}`;

test('a document number held for one subject is refused for another, and nothing is written', async () => {
  const a = freshOrg('K', '文号甲');
  const b = freshOrg('L', '文号乙');
  const doc = `WP-${RUN}-1`;
  await submit(DEPT, a, [{ item_code: 'PEN-GENERAL', document_number: doc, title: '罚款人民币3000元', decision_date: daysAgo(20),
    act_end_date: daysAgo(25), penalty_types: ['fine'] }]);
  const before = await recordByDoc(a.code, doc);
  assert.ok(before, 'filed for A');

  const provider = token('provider', '--provider', DEPT);
  const moved = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [
    { subject: b, item_code: 'PEN-GENERAL', document_number: `WP-${RUN}-2`, title: '警告', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(5), act_end_date: daysAgo(6), penalty_types: ['warning'] },
    { subject: b, item_code: 'LST-SERIOUS', document_number: doc, title: '列入严重失信主体名单', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(2), act_end_date: daysAgo(3) },
  ] } });
  assert.equal(moved.status, 409, moved.text);
  assert.equal(moved.json.code, 'document_number_in_use');
  assert.ok(moved.json.message_zh && moved.json.message_en);
  assert.deepEqual(moved.json.details.map((d) => [d.index, d.field, d.code]), [[1, 'document_number', 'document_number_in_use']]);
  assert.ok(moved.json.details[0].message_zh.includes(doc), 'the message names the number');

  // A's record is as it was; B does not exist; nothing of the batch was written.
  const after = await recordByDoc(a.code, doc);
  assert.deepEqual(after, before);
  assert.equal((await api(`/api/v1/subjects/${b.code}`, { token: token('admin') })).status, 404);
  assert.deepEqual(d1(`SELECT count(*) AS n FROM records WHERE provider = '${DEPT}' AND document_number = 'WP-${RUN}-2'`), [{ n: 0 }]);
  const profileA = await api(`/api/v1/subjects/${a.code}`);
  assert.equal(profileA.status, 200, profileA.text);
  assert.deepEqual(profileA.json.lists, [], 'A was never listed as seriously dishonest');
});

test('the history stores the record as stored: the public code, never the submitted resident ID', async () => {
  const id = residentId(61);
  const name = `写入测试人${RUN}`;
  const doc = `WP-${RUN}-3`;
  await submit(DEPT, { code: id, name }, [{ item_code: 'JUD-NONFULFILMENT', document_number: doc, title: '拒不履行生效判决',
    decision_date: daysAgo(15), act_continuing: true }]);
  const [{ code }] = d1(`SELECT code FROM subjects WHERE id_number = '${id}'`);
  assert.match(code, /^np-/);
  const subject = token('subject', '--subject', code);
  const record = await recordByDoc(code, doc);
  const history = await api(`/api/v1/me/records/${record.id}/history`, { token: subject });
  assert.equal(history.status, 200, history.text);
  assert.equal(history.json.entries.length, 1);
  const [entry] = history.json.entries;
  assert.equal(entry.snapshot.subject_code, code);
  assert.equal(entry.snapshot.document_number, doc);
  assert.ok(!JSON.stringify(history.json).includes(id), 'no resident ID in the history');
  assert.ok(!d1(`SELECT snapshot FROM record_history WHERE record_id = ${record.id}`)[0].snapshot.includes(id), 'nor in the table');
});

test('an ingest is in the audit chain, with its items', async () => {
  const org = freshOrg('M', '审计');
  const dept = `审计写入测试局${RUN}`;
  await submit(dept, org, [
    { item_code: 'LIC-PERMIT', document_number: `WP-${RUN}-4`, title: '食品经营许可证', decision_date: daysAgo(3) },
    { item_code: 'PEN-GENERAL', document_number: `WP-${RUN}-5`, title: '警告', decision_date: daysAgo(3), penalty_types: ['warning'] },
  ]);
  const rows = d1(`SELECT viewer_role, organisation, action, subject_code, items, outcome FROM audit_log WHERE organisation = '${dept}'`);
  assert.deepEqual(rows, [{ viewer_role: 'provider', organisation: dept, action: 'records.ingest', subject_code: org.code,
    items: JSON.stringify(['LIC-PERMIT', 'PEN-GENERAL']), outcome: 'ok' }]);
  // Submitting the same again changes nothing, and writes nothing.
  await submit(dept, org, [
    { item_code: 'LIC-PERMIT', document_number: `WP-${RUN}-4`, title: '食品经营许可证', decision_date: daysAgo(3) },
  ]);
  assert.equal(d1(`SELECT count(*) AS n FROM audit_log WHERE organisation = '${dept}'`)[0].n, 1);
  const chain = await api('/api/v1/admin/audit/verify', { token: token('admin') });
  assert.equal(chain.status, 200, chain.text);
  assert.equal(chain.json.intact, true, chain.text);
});
