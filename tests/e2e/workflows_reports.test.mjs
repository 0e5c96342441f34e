// Credit reports (Art. 31, 40): two free personal reports a calendar year (the third is
// issued marked beyond the free quota: reports_art31.test.mjs checks the marks and notices);
// enterprise reports without quota; contents with the query history; signed by the platform
// and verifiable, altered copies detected.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, residentId, RUN, daysAgo, TODAY } from './workflows_lib.mjs';

const DEPT = '报告测试法院';
const ORG = freshOrg('E', '报告');

/** A fresh natural person with a live and an ended record, queried once by an agency. Two
 * of them: the quota test uses up the first one's free reports, the verification test
 * issues its own report for the second. */
const PERSONS = [1, 2].map((tag) => ({ tag, id: residentId(tag), name: `测试报告人${tag}号${RUN}`, code: undefined }));

before(async () => {
  for (const person of PERSONS) {
    await submit(DEPT, { code: person.id, name: person.name }, [
      // Still refusing to perform: served until performed (SPC rule on the list, Art. 10).
      { item_code: 'JUD-NONFULFILMENT', document_number: `RPT-${RUN}-${person.tag}-1`, title: '拒不履行生效判决', decision_date: daysAgo(100), act_continuing: true },
      // Performed in 2018: deliberately historical, ended since.
      { item_code: 'JUD-NONFULFILMENT', document_number: `RPT-${RUN}-${person.tag}-2`, title: '拒不履行（已结束）', decision_date: '2018-01-05', act_end_date: '2018-02-01' },
    ]);
    [{ code: person.code }] = d1(`SELECT code FROM subjects WHERE id_number = '${person.id}'`);
    assert.match(person.code, /^np-/);
    // An agency query, so that the report has a history of use to show (Art. 31 ¶2).
    const agency = token('agency', '--agency', `报告测试人社局${RUN}`, '--matter', 'public_servant_recruitment');
    assert.equal((await api(`/api/v1/subjects/${person.code}?matter=public_servant_recruitment`, { token: agency })).status, 200);
  }
});

test('a natural person gets two free reports a year, each with its records, their sources and the uses of its information', async () => {
  const [{ id: ID, tag, code: personCode }] = PERSONS;
  const person = token('subject', '--subject', personCode);
  assertError(await api('/api/v1/reports', { method: 'POST' }), 401, 'invalid_token');
  assertError(await api('/api/v1/reports', { token: token('admin'), method: 'POST' }), 403, 'forbidden');
  const first = await api('/api/v1/reports', { token: person, method: 'POST' });
  assert.equal(first.status, 201, first.text);
  const report = first.json.report;
  assert.equal(report.kind, 'personal');
  assert.match(report.number, /^BG\d{8}[0-9A-F]{10}$/);
  assert.equal(report.as_of_date, TODAY);
  assert.equal(report.subject.id_number, ID, 'the subject\'s own report is unmasked');
  const statuses = Object.fromEntries(report.records.map((r) => [r.document_number, r.status]));
  assert.deepEqual(statuses, { [`RPT-${RUN}-${tag}-1`]: 'live', [`RPT-${RUN}-${tag}-2`]: 'ended' });
  assert.ok(report.records.every((r) => r.provider_department === DEPT), 'the source of each record');
  const use = report.queries.find((q) => q.role === 'agency');
  assert.ok(use, 'the agency query is in the report');
  assert.equal(use.matter, 'public_servant_recruitment');
  assert.equal(report.queries_total, report.queries.length);
  assert.match(first.json.signature, /^[A-Za-z0-9_-]{86}$/);
  assert.match(first.json.content_hash, /^[0-9a-f]{64}$/);

  assert.deepEqual(first.json.charge, { kind: 'free', remaining_after: 1 }, 'the first free report of the year');

  const second = await api('/api/v1/reports', { token: person, method: 'POST', body: { purpose: '求职' } });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.report.purpose, '求职');
  assert.deepEqual(second.json.charge, { kind: 'free', remaining_after: 0 }, 'the second and last free one');
  // Art. 31 ¶2 gives two free reports a year and does not forbid a third: it is issued,
  // marked beyond the free quota (the marks and notices: reports_art31.test.mjs).
  const third = await api('/api/v1/reports', { token: person, method: 'POST' });
  assert.equal(third.status, 201, third.text);
  assert.deepEqual(third.json.charge, { kind: 'beyond_free_quota' });
  const [{ n }] = d1(`SELECT count(*) AS n FROM reports WHERE subject_code = '${personCode}'`);
  assert.equal(n, 3, 'every report issued is on record');
});

test('an organisation gets enterprise reports for procurement and bidding, without quota', async () => {
  await submit(DEPT, ORG, [{ item_code: 'LIC-PERMIT', document_number: `RPT-${RUN}-3`, title: '许可', decision_date: daysAgo(5) }]);
  const org = token('subject', '--subject', ORG.code);
  for (let i = 0; i < 3; i++) {
    const r = await api('/api/v1/reports', { token: org, method: 'POST', body: { purpose: '参加政府采购投标' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.report.kind, 'enterprise');
    assert.match(r.json.report.title_zh, /招标投标/);
  }
  assertError(await api('/api/v1/reports', { token: org, method: 'POST', body: { purpose: 'x'.repeat(300) } }), 400, 'invalid_parameter');
});

test('a report is fetched by its subject and verified by anyone; an altered copy is detected', async () => {
  const personCode = PERSONS[1].code;
  const person = token('subject', '--subject', personCode);
  const first = await api('/api/v1/reports', { token: person, method: 'POST' });
  assert.equal(first.status, 201, first.text);
  const number = first.json.report.number;
  const got = await api(`/api/v1/reports/${number}`, { token: person });
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.json, first.json, 'stored exactly as issued');
  assertError(await api(`/api/v1/reports/${number}`, { token: token('subject', '--subject', ORG.code) }), 404, 'not_found');
  assertError(await api(`/api/v1/reports/${number}`), 401, 'invalid_token');
  assertError(await api('/api/v1/reports/BG2026NOPE/verify'), 404, 'not_found');

  const byNumber = await api(`/api/v1/reports/${number}/verify`);
  assert.equal(byNumber.status, 200, byNumber.text);
  assert.equal(byNumber.json.genuine, true);
  assert.equal(byNumber.json.on_record, true);
  assert.equal(byNumber.json.content_hash, first.json.content_hash);

  const presented = await api('/api/v1/reports/verify', { method: 'POST', body: first.json });
  assert.equal(presented.json.genuine, true, presented.text);
  assert.equal(presented.json.on_record, true);
  // Re-serialised with keys in another order: still the same report.
  const shuffled = { signature: first.json.signature, report: Object.fromEntries(Object.entries(first.json.report).reverse()) };
  assert.equal((await api('/api/v1/reports/verify', { method: 'POST', body: shuffled })).json.genuine, true);

  const altered = structuredClone(first.json);
  altered.report.records = altered.report.records.filter((r) => r.status !== 'live');
  assert.ok(altered.report.records.length < first.json.report.records.length, 'the alteration drops the live record');
  const forged = await api('/api/v1/reports/verify', { method: 'POST', body: altered });
  assert.equal(forged.status, 200, forged.text);
  assert.equal(forged.json.genuine, false);
  assert.equal(forged.json.on_record, false);
  assert.match(forged.json.message_zh, /改动/);
  const unsigned = await api('/api/v1/reports/verify', { method: 'POST', body: { report: first.json.report } });
  assert.equal(unsigned.json.genuine, true, 'without its signature, matched against the record');
  assertError(await api('/api/v1/reports/verify', { method: 'POST', body: { report: 'text' } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/reports/verify', { method: 'POST', body: { signature: 'x' } }), 400, 'invalid_body');
});
