// Who acts in the objection procedure (Art. 34), against the real worker:
// - ¶1: the right to object — which marks a record 异议中 on every view — is the credit
//   subject's; anyone else reports an error, which reaches the staff and marks nothing;
// - ¶2 (二): the providing unit's 5 working days run from the day it *received* the
//   forwarded materials (「在收到转交的异议材料之日起的五个工作日内」), which it confirms.
// Due dates come from the independent working-day oracle (./working_days.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, RUN, daysAgo, TODAY, assertStep } from './workflows_lib.mjs';

const ORG = freshOrg('Q', '异议主体');
const DEPT = '第三十四条测试审批局';
const subject = token('subject', '--subject', ORG.code);
const provider = token('provider', '--provider', DEPT);
const admin = token('admin', '--staff', `art34-${RUN}`);

before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'LIC-PERMIT', document_number: `A34-${RUN}-1`, title: '建筑施工许可证', decision_date: daysAgo(20) },
    { item_code: 'LIC-PERMIT', document_number: `A34-${RUN}-2`, title: '排污许可证', decision_date: daysAgo(20) },
  ]);
});

test('Art. 34 ¶1: the public cannot object, but can report an error, which marks nothing', async () => {
  const record = await recordByDoc(ORG.code, `A34-${RUN}-1`);
  const objection = { record_id: record.id, objector: { name: '路人', contact: '13800000034' }, reason: '许可证名称记载有误。' };
  assertError(await api('/api/v1/objections', { method: 'POST', body: objection }), 401, 'invalid_token');
  const stranger = token('subject', '--subject', freshOrg('R', '他人').code);
  assertError(await api('/api/v1/objections', { token: stranger, method: 'POST', body: objection }), 403, 'forbidden');

  // Too short a description is refused with the shared limit (10 to 2000 characters).
  assertError(await api('/api/v1/error-reports', { method: 'POST', body: { record_id: record.id, description: '有误' } }),
    400, 'invalid_parameter');
  const report = await api('/api/v1/error-reports', { method: 'POST',
    body: { record_id: record.id, description: '许可证名称应为“建筑工程施工许可证”。', contact: 'reporter@example.org' } });
  assert.equal(report.status, 201, report.text);
  assert.match(report.json.id, /^BC\d{8}[0-9A-F]{10}$/);
  assert.deepEqual([report.json.record_id, report.json.received_on], [record.id, TODAY]);
  // Nothing is marked on any view.
  assert.equal((await recordByDoc(ORG.code, `A34-${RUN}-1`)).under_objection, false);
  // Staff see it, with the contact; the public never does.
  const list = await api('/api/v1/admin/error-reports', { token: admin });
  assert.equal(list.status, 200, list.text);
  const seen = list.json.items.find((r) => r.id === report.json.id);
  assert.deepEqual(seen, { id: report.json.id, record_id: record.id, description: '许可证名称应为“建筑工程施工许可证”。',
    contact: 'reporter@example.org', received_on: TODAY });
  assertError(await api('/api/v1/admin/error-reports'), 401, 'invalid_token');
  assertError(await api('/api/v1/admin/error-reports', { token: subject }), 403, 'forbidden');
  // A record one cannot see cannot be reported either (no existence oracle).
  assertError(await api('/api/v1/error-reports', { method: 'POST', body: { record_id: 999999999, description: '这条记录并不存在吧？' } }),
    404, 'not_found');
});

test('Art. 34 ¶2 (二): the providing unit has 5 working days from the day it received the forwarded materials', async () => {
  const record = await recordByDoc(ORG.code, `A34-${RUN}-2`);
  const filed = await api('/api/v1/objections', { token: subject, method: 'POST', body: {
    record_id: record.id, objector: { name: '王女士', contact: '13800000001' }, reason: '许可证有效期记载错误。' } });
  assert.equal(filed.status, 201, filed.text);
  const id = filed.json.id;
  // Not forwarded yet: there is nothing to receive.
  assertError(await api(`/api/v1/objections/${id}/received`, { token: provider, method: 'POST', body: {} }), 409, 'conflict');
  const routed = await api(`/api/v1/objections/${id}/route`, { token: admin, method: 'POST', body: { route: 'provider' } });
  assert.equal(routed.status, 200, routed.text);
  // As if filed, marked and forwarded three days ago (behind the worker's back), so that
  // the forwarding day and the day of receipt differ.
  const before3 = daysAgo(3);
  d1(`UPDATE objections SET state = json_set(state, '$.received', '${before3}', '$.marked_on', '${before3}',
      '$.routing.forwarded_on', '${before3}'), received_on = '${before3}' WHERE id = '${id}'`);
  const forwarded = (await api(`/api/v1/objections/${id}`)).json;
  // Until the unit confirms, its days are counted from the forwarding day.
  assertStep(forwarded, 'provider_decide', { from: before3, days: 5, doneOn: null });
  assert.equal(forwarded.provider_received_on, undefined);

  // Only the record's providing department confirms; not in the future, not before forwarding.
  assertError(await api(`/api/v1/objections/${id}/received`, { token: token('provider', '--provider', '别的部门'), method: 'POST', body: {} }),
    403, 'forbidden');
  assertError(await api(`/api/v1/objections/${id}/received`, { method: 'POST', body: {} }), 401, 'invalid_token');
  const tomorrow = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  assertError(await api(`/api/v1/objections/${id}/received`, { token: provider, method: 'POST', body: { received_on: tomorrow } }),
    400, 'invalid_parameter');
  assertError(await api(`/api/v1/objections/${id}/received`, { token: provider, method: 'POST', body: { received_on: daysAgo(4) } }),
    400, 'invalid_parameter');

  const received = await api(`/api/v1/objections/${id}/received`, { token: provider, method: 'POST', body: { received_on: TODAY } });
  assert.equal(received.status, 200, received.text);
  assert.equal(received.json.provider_received_on, TODAY);
  // From the day of receipt now.
  assertStep(received.json, 'provider_decide', { from: TODAY, days: 5, doneOn: null });
  assertError(await api(`/api/v1/objections/${id}/received`, { token: provider, method: 'POST', body: {} }), 409, 'conflict');
  // The status page shows the same.
  assert.deepEqual((await api(`/api/v1/objections/${id}`)).json, received.json);
});
