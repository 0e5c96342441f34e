// Writes that must not corrupt (issue 12, first part), against the real worker:
// - a document number a provider holds for one subject is never moved to another by
//   re-submitting it (409 `document_number_in_use`, nothing written);
// - a record's history stores the record as stored, not the raw submission (which names a
//   natural person by resident ID);
// - an ingest is in the audit chain (Art. 19–20).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, d1, uscc } from './lib.mjs';
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

test('a write costs two calls to D1: the reads it is planned from, sent together, then its batch', async () => {
  // Each call to D1 is a round trip; a write used to wait for five of them in turn (the
  // revocation list, the subjects, their records, the document numbers, the audit head).
  const org = freshOrg('W', '往返');
  const provider = token('provider', '--provider', `往返测试局${RUN}`);
  const body = { records: [
    { subject: org, item_code: 'PEN-GENERAL', document_number: `WP-${RUN}-RT`, title: '警告', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(3), act_end_date: daysAgo(4), penalty_types: ['warning'] },
  ] };
  const trips = (r) => Number(r.headers.get('x-d1-round-trips'));
  // With shards (issue 14), a document number is checked in every shard, each asked once
  // and all at once (in parallel with the subject's own round), and a record id is looked
  // up in every shard first: more calls, not more calls in turn.
  const otherShards = process.env.SHARDED ? 2 : 0;
  const created = await api('/api/v1/records', { token: provider, method: 'POST', body });
  assert.equal(created.status, 201, created.text);
  assert.equal(trips(created), 2 + otherShards, 'a new record: one round of reads, one batch');
  const unchanged = await api('/api/v1/records', { token: provider, method: 'POST', body });
  assert.equal(unchanged.status, 200, unchanged.text);
  assert.equal(trips(unchanged), 1 + otherShards, 'nothing to write: the reads alone');
  const record = await recordByDoc(org.code, `WP-${RUN}-RT`);
  const objection = await api('/api/v1/objections', {
    token: token('subject', '--subject', org.code), method: 'POST',
    body: { record_id: record.id, objector: { name: '往返测试', contact: '13800000012' }, reason: '处罚决定书文号记载有误。' },
  });
  assert.equal(objection.status, 201, objection.text);
  assert.equal(trips(objection), 2 + (otherShards ? otherShards + 1 : 0), 'an objection: one round of reads, one batch');
});

// --- Issue 12, second part: every write is a change `shared` plans and `storage` applies. ---

const serious = (profile) => profile.json.lists.some((l) => l.class === 'serious_dishonesty_list');
const flaggedInSearch = async (subject) => {
  const r = await api(`/api/v1/subjects?q=${encodeURIComponent(subject.code)}`);
  assert.equal(r.status, 200, r.text);
  return r.json.items[0]?.serious_dishonesty;
};

test('a record filed against the wrong subject is moved by an explicit act, and both standings follow', async () => {
  const wrong = freshOrg('N', '错报');
  const right = freshOrg('P', '应报');
  const doc = `WP-${RUN}-6`;
  // Art. 24: a listing ends at its valid_until when that comes before the 3-year limit.
  await submit(DEPT, wrong, [{ item_code: 'LST-SERIOUS', document_number: doc, title: '列入严重失信主体名单',
    decision_date: daysAgo(2), act_end_date: daysAgo(3), valid_until: daysAgo(-300) }]);
  assert.ok(serious(await api(`/api/v1/subjects/${wrong.code}`)), 'the wrong subject is listed');
  assert.equal(await flaggedInSearch(wrong), true);
  const record = await recordByDoc(wrong.code, doc);
  const provider = token('provider', '--provider', DEPT);

  // Another department may not move it, and learns nothing of it.
  const other = await api(`/api/v1/records/${record.id}/subject`, { token: token('provider', '--provider', `他局${RUN}`),
    method: 'POST', body: { subject: right, reason: '报送时主体填写错误' } });
  assert.equal(other.status, 404, other.text);
  // A reason is required (Art. 31: the reason of every change).
  const bare = await api(`/api/v1/records/${record.id}/subject`, { token: provider, method: 'POST',
    body: { subject: right, reason: '错' } });
  assert.equal(bare.status, 400, bare.text);
  assert.equal(bare.json.code, 'invalid_parameter');

  const moved = await api(`/api/v1/records/${record.id}/subject`, { token: provider, method: 'POST',
    body: { subject: right, reason: '报送时主体填写错误' } });
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual(moved.json, { record_id: record.id, from: wrong.code, to: right.code });

  const wrongAfter = await api(`/api/v1/subjects/${wrong.code}`);
  assert.equal(serious(wrongAfter), false, 'the wrong subject is off the list');
  assert.equal(await flaggedInSearch(wrong), false, 'and unflagged in search');
  assert.equal(await recordByDoc(wrong.code, doc), undefined, 'and no longer holds the record');
  assert.ok(serious(await api(`/api/v1/subjects/${right.code}`)), 'the right subject is listed');
  assert.equal(await flaggedInSearch(right), true);
  const [row] = d1(`SELECT s.serious_list_until FROM subjects s WHERE s.code = '${right.code}'`);
  assert.equal(row.serious_list_until, daysAgo(-300), 'listed until valid_until');

  // The history tells the move, with its reason, and stores the record as stored.
  const history = d1(`SELECT actor_role, actor, reason, snapshot FROM record_history WHERE record_id = ${record.id} ORDER BY id`);
  assert.equal(history.length, 2);
  assert.equal(history[1].actor, DEPT);
  assert.ok(history[1].reason.includes(wrong.code) && history[1].reason.includes(right.code) &&
    history[1].reason.includes('报送时主体填写错误'), history[1].reason);
  assert.equal(JSON.parse(history[1].snapshot).subject_code, right.code);
  // Now re-submitting the number corrects the right subject's record; the wrong one is refused.
  const again = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [{ subject: wrong,
    item_code: 'LST-SERIOUS', document_number: doc, title: '列入严重失信主体名单', legal_basis: '《测试法》第一条',
    decision_date: daysAgo(2), act_end_date: daysAgo(3), valid_until: daysAgo(-300) }] } });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.json.code, 'document_number_in_use');
  const audit = d1(`SELECT action, subject_code FROM audit_log WHERE organisation = '${DEPT}' AND action = 'records.move'`);
  assert.deepEqual(audit, [{ action: 'records.move', subject_code: wrong.code }]);
  // A provider's move is not a query of the subject: it is not listed in "who queried me".
  const queries = await api('/api/v1/me/queries', { token: token('subject', '--subject', wrong.code) });
  assert.equal(queries.status, 200, queries.text);
  assert.ok(!queries.json.items.some((q) => q.organisation === DEPT), JSON.stringify(queries.json.items));
});

test('concurrent ingests for one subject always leave the standing its records give', async () => {
  // A listing from one department and a penalty from another, sent at the same moment,
  // for 8 subjects. Art. 24: the listing names the subject until its valid_until (300 days
  // on, before the 3-year limit); the penalty changes no list.
  const listing = `名单认定测试局${RUN}`;
  const penalty = `处罚测试局${RUN}`;
  const subjects = Array.from({ length: 8 }, (_, i) => ({ code: uscc('9', '1', '520103', `${i}${RUN}`), name: `贵阳并发${i}号${RUN}科技有限公司` }));
  // Each subject exists first, so both requests plan from the same stored version.
  for (const [i, s] of subjects.entries()) {
    await submit(penalty, s, [{ item_code: 'LIC-PERMIT', document_number: `WP-${RUN}-C${i}`, title: '许可', decision_date: daysAgo(30) }]);
  }
  const answers = await Promise.all(subjects.flatMap((s, i) => [
    api('/api/v1/records', { token: token('provider', '--provider', listing), method: 'POST', body: { records: [{ subject: s,
      item_code: 'LST-SERIOUS', document_number: `WP-${RUN}-L${i}`, title: '列入严重失信主体名单', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(2), act_end_date: daysAgo(3), valid_until: daysAgo(-300) }] } }),
    api('/api/v1/records', { token: token('provider', '--provider', penalty), method: 'POST', body: { records: [{ subject: s,
      item_code: 'PEN-GENERAL', document_number: `WP-${RUN}-P${i}`, title: '警告', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(1), act_end_date: daysAgo(1), penalty_types: ['warning'] }] } }),
  ]));
  for (const r of answers) assert.equal(r.status, 201, r.text);
  const codes = subjects.map((s) => `'${s.code}'`).join(', ');
  const rows = d1(`SELECT code, serious_list_until, public_list_until,
    (SELECT count(*) FROM records r WHERE r.subject_id = s.id) AS n FROM subjects s WHERE code IN (${codes}) ORDER BY code`);
  assert.deepEqual(rows, subjects.map((s) => s.code).sort().map((code) =>
    ({ code, serious_list_until: daysAgo(-300), public_list_until: daysAgo(-300), n: 3 })));
  for (const s of subjects) assert.equal(await flaggedInSearch(s), true, s.code);
});

test('a batch that fails in the middle writes nothing: no subject, no record, no history, no audit entry', async () => {
  const dept = `故障注入测试局${RUN}`;
  const org = freshOrg('T', '故障');
  const body = { records: [
    { subject: org, item_code: 'LST-SERIOUS', document_number: `WP-${RUN}-F1`, title: '列入严重失信主体名单',
      legal_basis: '《测试法》第一条', decision_date: daysAgo(2), act_end_date: daysAgo(3), valid_until: daysAgo(-300) },
    { subject: org, item_code: 'PEN-GENERAL', document_number: `WP-${RUN}-F2`, title: '警告', legal_basis: '《测试法》第一条',
      decision_date: daysAgo(1), act_end_date: daysAgo(1), penalty_types: ['warning'] },
  ] };
  const provider = token('provider', '--provider', dept);
  // One query for everything the batch could have written (each d1() call blocks this
  // process for a second or more; fewer keep the client's connection fresh).
  const written = () => d1(`SELECT
    (SELECT count(*) FROM subjects WHERE uscc = '${org.code}') AS subjects,
    (SELECT count(*) FROM public_name_grams g JOIN subjects s ON s.id = g.subject_id WHERE s.uscc = '${org.code}') AS grams,
    (SELECT count(*) FROM records WHERE provider = '${dept}') AS records,
    (SELECT count(*) FROM record_history WHERE actor = '${dept}') AS history,
    (SELECT count(*) FROM audit_log WHERE organisation = '${dept}') AS audit,
    (SELECT seq FROM audit_head WHERE id = 1) AS head`)[0];
  const nothing = { subjects: 0, grams: 0, records: 0, history: 0, audit: 0 };
  // The batch's statements: 1 the new subject, 2–5 its index (names, grams, gram counts,
  // pinyin), 6 the document guard, 7 the records, 8 their history, 9 the standing, 10–11
  // the audit entry and the chain's head (storage writes each kind of step as one
  // statement). A fault past the end would let the batch through, and the 500 below
  // would fail.
  for (const n of [1, 7, 8, 11]) {
    const failed = await api('/api/v1/records', { token: provider, method: 'POST', body,
      headers: { 'X-Test-Fault-Statement': String(n) } });
    assert.equal(failed.status, 500, `statement ${n}: ${failed.text}`);
    assert.equal(failed.json.code, 'internal');
    assert.ok(!failed.text.includes('injected_fault'), 'the infrastructure error stays in the log');
    const { head, ...rest } = written();
    assert.deepEqual(rest, nothing, `statement ${n}: nothing written`);
  }
  // Without the fault the same batch is written whole.
  const ok = await api('/api/v1/records', { token: provider, method: 'POST', body });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json, { created: 2, updated: 0, unchanged: 0 });
  assert.equal(d1(`SELECT count(*) AS n FROM record_history WHERE actor = '${dept}'`)[0].n, 2);
  assert.ok(serious(await api(`/api/v1/subjects/${org.code}`)));
});

test('a withdrawal that fails in the middle leaves the record public and the subject listed', async () => {
  const dept = `故障撤销测试局${RUN}`;
  const org = freshOrg('U', '撤销故障');
  const doc = `WP-${RUN}-W1`;
  await submit(dept, org, [{ item_code: 'LST-SERIOUS', document_number: doc, title: '列入严重失信主体名单',
    decision_date: daysAgo(2), act_end_date: daysAgo(3), valid_until: daysAgo(-300) }]);
  const record = await recordByDoc(org.code, doc);
  const provider = token('provider', '--provider', dept);
  const request = { ground: 'revocation', document_number: `撤字〔${RUN}〕1号`, reason: '原认定决定已被依法撤销' };
  const failed = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: request,
    headers: { 'X-Test-Fault-Statement': '3' } });
  assert.equal(failed.status, 500, failed.text);
  assert.deepEqual(d1(`SELECT count(*) AS n FROM withdrawals WHERE record_id = ${record.id}`), [{ n: 0 }]);
  assert.deepEqual(d1(`SELECT withdrawal_ground FROM records WHERE id = ${record.id}`), [{ withdrawal_ground: null }]);
  assert.equal(d1(`SELECT count(*) AS n FROM record_history WHERE record_id = ${record.id}`)[0].n, 1);
  assert.ok(serious(await api(`/api/v1/subjects/${org.code}`)), 'still listed');
  const done = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: request });
  assert.equal(done.status, 201, done.text);
  assert.equal(serious(await api(`/api/v1/subjects/${org.code}`)), false, 'off the list once revoked (Art. 36)');
});
