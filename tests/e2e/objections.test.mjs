// Objections (Art. 34): filed by the credit subject from any record it can see, marked at
// once, followed by receipt number, with the exact working-day deadlines of Art. 34 ¶2.
//
// The deadlines are computed by the independent oracle of ./working_days.mjs from today
// (the day of receipt, itself not counted). Worked by hand for the dates the suites run on
// (see working_days.test.mjs for more):
//
//   received          mark (1)     forward (2)   decide (5)   provisional
//   2026-12-03 Thu    12-04 Fri    12-07 Mon     12-10 Thu    no
//   2026-12-31 Thu    2027-01-04   2027-01-05    2027-01-08   yes: 元旦 (Fri 1 Jan 2027) and
//                                                                  the weekend are skipped by the
//                                                                  statutory fallback
//   2027-01-04 Mon    01-05 Tue    01-06 Wed     01-11 Mon    yes
//   2028-02-29 Tue    03-01 Wed    03-02 Thu     03-07 Tue    yes
//   2026-02-18 Wed    02-24 Tue    02-25 Wed     02-28 Sat    no: 春节 15–23 Feb, Sat 28 Feb
//   (in 春节)                                                     is a make-up working day
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, codeOf, token, allRecords, shanghaiToday, iso, addDays } from './lib.mjs';
import { assertStep } from './workflows_lib.mjs';

const TODAY = iso(shanghaiToday());
const SUBJECT_NAME = '贵阳黔信示范科技有限公司';

async function aLiveRecord() {
  const code = await codeOf(SUBJECT_NAME);
  const r = await api(`/api/v1/subjects/${code}/records?class=administrative_licensing`);
  assert.ok(r.json.items.length > 0, 'the demo enterprise has a live licence to object to');
  return { code, record: r.json.items.find((x) => !x.under_objection) ?? r.json.items[0] };
}

test('filing an objection marks the record at once and gives a receipt with working-day deadlines', async () => {
  // A fresh record of its own, so that the test does not depend on earlier runs: a licence
  // decided a month ago (valid five years from then by the catalog).
  const provider = token('provider', '--provider', '贵阳市行政审批局');
  const code = await codeOf(SUBJECT_NAME);
  const subject = token('subject', '--subject', code);
  const doc = `OBJ-${Date.now()}`;
  const submitted = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [{
    subject: { code, name: SUBJECT_NAME }, item_code: 'LIC-PERMIT', document_number: doc,
    title: '食品经营许可证', legal_basis: '《中华人民共和国食品安全法》第三十五条', decision_date: iso(addDays(shanghaiToday(), -30)) }] } });
  assert.equal(submitted.status, 201, submitted.text);
  const before = await allRecords(code, undefined, '&class=administrative_licensing');
  const record = before.find((r) => r.document_number === doc);
  assert.ok(record, 'the public sees the new licence');
  assert.equal(record.under_objection, false);
  const filed = await api('/api/v1/objections', { token: subject, method: 'POST', body: {
    record_id: record.id, objector: { name: '张先生', contact: '13800000000' },
    reason: '许可证有效期记载错误，应为五年。', evidence: '许可证复印件' } });
  assert.equal(filed.status, 201, filed.text);
  assert.match(filed.json.id, /^YY\d{8}[0-9A-F]{10}$/);
  assert.equal(filed.json.id.slice(2, 10), TODAY.replaceAll('-', ''), 'the receipt number carries the day of receipt');
  assert.equal(filed.json.state, 'marked');
  assert.equal(filed.json.received_on, TODAY, 'received today');
  // Not routed yet: both branches of Art. 34 ¶2 are listed, every one counted from receipt.
  assert.deepEqual(filed.json.steps.map((s) => s.step), ['mark', 'forward', 'decide', 'notify']);
  assertStep(filed.json, 'mark', { from: TODAY, days: 1, doneOn: TODAY });
  assertStep(filed.json, 'forward', { from: TODAY, days: 2, doneOn: null });
  assertStep(filed.json, 'decide', { from: TODAY, days: 5, doneOn: null });
  assertStep(filed.json, 'notify', { from: TODAY, days: null, doneOn: null });
  assert.ok(filed.json.steps.every((s) => s.overdue === false), 'nothing is late on the day of receipt');
  assert.ok(!filed.text.includes('13800000000'), 'the status carries no contact details');

  const status = await api(`/api/v1/objections/${filed.json.id}`);
  assert.equal(status.status, 200);
  assert.deepEqual(status.json, filed.json);
  const after = await allRecords(code, undefined, '&class=administrative_licensing');
  assert.equal(after.find((r) => r.id === record.id).under_objection, true, 'the mark shows on every view');
  const profile = await api(`/api/v1/subjects/${code}`);
  assert.ok(profile.json.classes.find((c) => c.class === 'administrative_licensing').under_objection >= 1);
});

test('one cannot object to what one cannot see, only the subject objects, and bad input is refused', async () => {
  const admin = token('admin');
  const hiddenCode = await codeOf('李隐私', admin);
  const hidden = await api(`/api/v1/subjects/${hiddenCode}/records`, { token: admin });
  assert.ok(hidden.json.items.length > 0, 'the hidden person has records');
  const hiddenId = hidden.json.items[0].id;
  const body = (id) => ({ record_id: id, objector: { name: '路人', contact: '13900000000' }, reason: '我想看看这条记录。' });
  assertError(await api('/api/v1/objections', { method: 'POST', body: body(hiddenId) }), 404, 'not_found');
  assertError(await api('/api/v1/objections', { method: 'POST', body: body(999999999) }), 404, 'not_found');
  const { code, record } = await aLiveRecord();
  // Art. 34 ¶1: 「信用主体认为……可以……提出异议」 — the public signs in, another subject may not.
  assertError(await api('/api/v1/objections', { method: 'POST', body: body(record.id) }), 401, 'invalid_token');
  assertError(await api('/api/v1/objections', { token: token('subject', '--subject', '91520102MA0000000X'), method: 'POST', body: body(record.id) }), 403, 'forbidden');
  const subject = token('subject', '--subject', code);
  assertError(await api('/api/v1/objections', { token: subject, method: 'POST', body: { ...body(record.id), reason: '短' } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/objections', { token: subject, method: 'POST', body: { record_id: record.id } }), 400, 'invalid_body');
  assertError(await api('/api/v1/objections/YY20260101ABCDEF0123'), 404, 'not_found');
  assertError(await api('/api/v1/objections/..%2F..%2Fetc'), 404, 'not_found');
});
