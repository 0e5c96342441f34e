// Objections (Art. 34): filed from any visible record, marked at once, followed by receipt number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, codeOf, token, allRecords } from './lib.mjs';

async function aLiveRecord() {
  const code = await codeOf('贵阳黔信示范科技有限公司');
  const r = await api(`/api/v1/subjects/${code}/records?class=administrative_licensing`);
  return { code, record: r.json.items.find((x) => !x.under_objection) ?? r.json.items[0] };
}

test('filing an objection marks the record at once and gives a receipt with working-day deadlines', async () => {
  // A fresh record of its own, so that the test does not depend on earlier runs.
  const provider = token('provider', '--provider', '贵阳市行政审批局');
  const code = await codeOf('贵阳黔信示范科技有限公司');
  const doc = `OBJ-${Date.now()}`;
  const submitted = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [{
    subject: { code, name: '贵阳黔信示范科技有限公司' }, item_code: 'LIC-PERMIT', document_number: doc,
    title: '食品经营许可证', legal_basis: '《中华人民共和国食品安全法》第三十五条', decision_date: '2026-01-05' }] } });
  assert.equal(submitted.status, 201, submitted.text);
  const before = await allRecords(code, undefined, '&class=administrative_licensing');
  const record = before.find((r) => r.document_number === doc);
  assert.equal(record.under_objection, false);
  const filed = await api('/api/v1/objections', { method: 'POST', body: {
    record_id: record.id, objector: { name: '张先生', contact: '13800000000' },
    reason: '许可证有效期记载错误，应为五年。', evidence: '许可证复印件' } });
  assert.equal(filed.status, 201, filed.text);
  assert.match(filed.json.id, /^YY\d{8}[0-9A-F]{10}$/);
  assert.equal(filed.json.state, 'marked');
  const mark = filed.json.steps.find((s) => s.step === 'mark');
  assert.equal(mark.done_on, filed.json.received_on, 'marked on the day of receipt');
  const decide = filed.json.steps.find((s) => s.step === 'decide');
  assert.ok(decide.due > filed.json.received_on, 'the decision is due some working days later');
  assert.ok(!filed.text.includes('13800000000'), 'the status carries no contact details');

  const status = await api(`/api/v1/objections/${filed.json.id}`);
  assert.equal(status.status, 200);
  assert.deepEqual(status.json, filed.json);
  const after = await allRecords(code, undefined, '&class=administrative_licensing');
  assert.equal(after.find((r) => r.id === record.id).under_objection, true, 'the mark shows on every view');
  const profile = await api(`/api/v1/subjects/${code}`);
  assert.ok(profile.json.classes.find((c) => c.class === 'administrative_licensing').under_objection >= 1);
});

test('one cannot object to what one cannot see, and bad input is refused', async () => {
  const admin = token('admin');
  const hiddenCode = await codeOf('李隐私', admin);
  const hidden = await api(`/api/v1/subjects/${hiddenCode}/records`, { token: admin });
  const hiddenId = hidden.json.items[0].id;
  const body = (id) => ({ record_id: id, objector: { name: '路人', contact: '13900000000' }, reason: '我想看看这条记录。' });
  assertError(await api('/api/v1/objections', { method: 'POST', body: body(hiddenId) }), 404, 'not_found');
  assertError(await api('/api/v1/objections', { method: 'POST', body: body(999999999) }), 404, 'not_found');
  const { record } = await aLiveRecord();
  assertError(await api('/api/v1/objections', { method: 'POST', body: { ...body(record.id), reason: '短' } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/objections', { method: 'POST', body: { record_id: record.id } }), 400, 'invalid_body');
  assertError(await api('/api/v1/objections/YY20260101ABCDEF0123'), 404, 'not_found');
  assertError(await api('/api/v1/objections/..%2F..%2Fetc'), 404, 'not_found');
});
