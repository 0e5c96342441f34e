// The objection workflow (Art. 34): filed by the credit subject, routed by the platform to
// itself or to the providing department, decided with reasons by whoever the route names, a
// correction changing the record with history kept, the objector told through the status
// page, the mark lifted. Due dates are the exact ones of the working-day oracle
// (./working_days.mjs; hand-worked examples in objections.test.mjs and working_days.test.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, RUN, daysAgo, TODAY, assertStep } from './workflows_lib.mjs';

const ORG = freshOrg('B', '异议');
const DEPT = '异议测试行政审批局';
/** Platform staff, one account per test so that each test reads its own audit entries. */
const desk = (name) => token('admin', '--staff', `objections-${name}-${RUN}`);
const subject = token('subject', '--subject', ORG.code);

before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'LIC-PERMIT', document_number: `OBW-${RUN}-1`, title: '食品经营许可证（有效期三年）', decision_date: daysAgo(40) },
    { item_code: 'LIC-PERMIT', document_number: `OBW-${RUN}-2`, title: '排污许可证', decision_date: daysAgo(40) },
    { item_code: 'LIC-PERMIT', document_number: `OBW-${RUN}-3`, title: '卫生许可证', decision_date: daysAgo(10) },
  ]);
});

/** The subject objects to its record `doc` (Art. 34 ¶1). */
async function fileOn(doc) {
  const record = await recordByDoc(ORG.code, doc);
  assert.ok(record, `${doc} submitted`);
  const filed = await api('/api/v1/objections', { token: subject, method: 'POST', body: {
    record_id: record.id, objector: { name: '王女士', contact: '13800000001' }, reason: '许可证有效期记载错误，应为五年。' } });
  assert.equal(filed.status, 201, filed.text);
  assert.equal(filed.json.received_on, TODAY);
  return { record, id: filed.json.id };
}

test('forwarded to the providing department, which corrects the record; history kept, mark lifted', async () => {
  const admin = desk('forward');
  const provider = token('provider', '--provider', DEPT);
  const { record, id } = await fileOn(`OBW-${RUN}-1`);

  // Only platform staff route; the body is checked.
  assertError(await api(`/api/v1/objections/${id}/route`, { token: provider, method: 'POST', body: { route: 'provider' } }), 403, 'forbidden');
  assertError(await api(`/api/v1/objections/${id}/route`, { token: admin, method: 'POST', body: { route: 'elsewhere' } }), 400, 'invalid_body');
  // Not routed yet: nobody decides.
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: admin, method: 'POST', body: { outcome: 'corrected' } }), 409, 'conflict');

  const routed = await api(`/api/v1/objections/${id}/route`, { token: admin, method: 'POST', body: { route: 'provider' } });
  assert.equal(routed.status, 200, routed.text);
  assert.equal(routed.json.state, 'forwarded_to_provider');
  assert.equal(routed.json.route, 'provider');
  assert.deepEqual(routed.json.steps.map((s) => s.step), ['mark', 'forward', 'provider_decide', 'notify']);
  // Forwarding: 2 working days from the platform's receipt, done today. The department's 5
  // working days run from its receipt of the forwarded materials (「收到转交的异议材料之日起」);
  // until it confirms another day, from the day they were forwarded: today.
  assertStep(routed.json, 'mark', { from: TODAY, days: 1, doneOn: TODAY });
  assertStep(routed.json, 'forward', { from: TODAY, days: 2, doneOn: TODAY });
  assertStep(routed.json, 'provider_decide', { from: TODAY, days: 5, doneOn: null });
  assertStep(routed.json, 'notify', { from: TODAY, days: null, doneOn: null });
  assertError(await api(`/api/v1/objections/${id}/route`, { token: admin, method: 'POST', body: { route: 'platform' } }), 409, 'conflict');

  // Forwarded: neither the platform nor another department decides.
  const body = { outcome: 'corrected', reason: '经核实，有效期为五年，予以更正。', corrections: { title: '食品经营许可证（有效期五年）' } };
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: admin, method: 'POST', body }), 403, 'forbidden');
  const other = token('provider', '--provider', '别的部门');
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: other, method: 'POST', body }), 403, 'forbidden');
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: provider, method: 'POST',
    body: { ...body, corrections: { valid_until: '1999-01-01' } } }), 400, 'invalid_parameter');
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: provider, method: 'POST',
    body: { ...body, corrections: { colour: 'red' } } }), 400, 'invalid_body');

  const decided = await api(`/api/v1/objections/${id}/decision`, { token: provider, method: 'POST', body });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.state, 'notified', 'the objector is told at once, on the status page');
  assert.equal(decided.json.outcome, 'corrected');
  assert.deepEqual(decided.json.steps.map((s) => [s.step, s.done_on]),
    [['mark', TODAY], ['forward', TODAY], ['provider_decide', TODAY], ['notify', TODAY]], 'every step done today');
  assertStep(decided.json, 'provider_decide', { from: TODAY, days: 5 });
  assert.ok(decided.json.steps.every((s) => s.overdue === false), 'nothing late');
  assert.deepEqual((await api(`/api/v1/objections/${id}`)).json, decided.json, 'the status page shows the same');
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: provider, method: 'POST', body }), 409, 'conflict');

  const after = await recordByDoc(ORG.code, `OBW-${RUN}-1`, null);
  assert.equal(after.title, '食品经营许可证（有效期五年）', 'the public sees the corrected record');
  assert.equal(after.under_objection, false, 'the mark is lifted');

  const subject = token('subject', '--subject', ORG.code);
  const history = await api(`/api/v1/me/records/${record.id}/history`, { token: subject });
  assert.equal(history.status, 200, history.text);
  const reasons = history.json.entries.map((e) => e.reason);
  assert.ok(reasons.some((r) => r.includes(`受理号 ${id}`) && r.includes('五年')), reasons.join(' | '));
  const correction = history.json.entries.find((e) => e.actor === DEPT && e.reason.includes(id));
  assert.equal(correction.actor_role, 'provider');
  assert.equal(correction.snapshot.title, '食品经营许可证（有效期五年）');
  assert.equal(history.json.entries[0].snapshot.title, '食品经营许可证（有效期三年）', 'the original stays in the history');
});

test('an error of the platform\'s own collection: the platform decides, a refusal needs its reason', async () => {
  const admin = desk('platform');
  const { record, id } = await fileOn(`OBW-${RUN}-2`);
  const routed = await api(`/api/v1/objections/${id}/route`, { token: admin, method: 'POST', body: { route: 'platform' } });
  assert.equal(routed.status, 200, routed.text);
  assert.equal(routed.json.route, 'platform');
  // Art. 34 ¶2 (一): the platform decides within 5 working days of receipt; no forwarding.
  assert.deepEqual(routed.json.steps.map((s) => s.step), ['mark', 'decide', 'notify'], 'no forwarding on this route');
  assertStep(routed.json, 'decide', { from: TODAY, days: 5, doneOn: null });
  const provider = token('provider', '--provider', DEPT);
  assertError(await api(`/api/v1/objections/${id}/decision`, { token: provider, method: 'POST',
    body: { outcome: 'not_corrected', reason: '无误' } }), 403, 'forbidden');
  const noReason = await api(`/api/v1/objections/${id}/decision`, { token: admin, method: 'POST', body: { outcome: 'not_corrected' } });
  assertError(noReason, 400, 'invalid_parameter');
  assert.match(noReason.json.message_zh, /理由/);
  const decided = await api(`/api/v1/objections/${id}/decision`, { token: admin, method: 'POST',
    body: { outcome: 'not_corrected', reason: '经核对归集原始数据，记录与提供单位报送一致，不予更正。' } });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.outcome, 'not_corrected');
  assert.match(decided.json.reason, /不予更正/);
  const after = await recordByDoc(ORG.code, `OBW-${RUN}-2`, null);
  assert.equal(after.title, record.title, 'not corrected: unchanged');
  assert.equal(after.under_objection, false);
  // The decision is audited with the staff member who took it.
  assertStep(decided.json, 'decide', { from: TODAY, days: 5, doneOn: TODAY });
  const log = d1(`SELECT action FROM audit_log WHERE viewer = 'objections-platform-${RUN}' ORDER BY seq`);
  assert.deepEqual(log.map((e) => e.action).filter((a) => a.startsWith('objection.')),
    ['objection.route', 'objection.decide']);
});

test('the mark stays while another objection on the same record is open', async () => {
  const admin = desk('twice');
  const first = await fileOn(`OBW-${RUN}-3`);
  const second = await fileOn(`OBW-${RUN}-3`);
  assert.equal((await api(`/api/v1/objections/${first.id}/route`, { token: admin, method: 'POST', body: { route: 'platform' } })).status, 200);
  const decided = await api(`/api/v1/objections/${first.id}/decision`, { token: admin, method: 'POST',
    body: { outcome: 'not_corrected', reason: '记录无误。' } });
  assert.equal(decided.status, 200, decided.text);
  assert.equal((await recordByDoc(ORG.code, `OBW-${RUN}-3`, null)).under_objection, true, 'still under objection');
  assert.equal((await api(`/api/v1/objections/${second.id}/route`, { token: admin, method: 'POST', body: { route: 'platform' } })).status, 200);
  const last = await api(`/api/v1/objections/${second.id}/decision`, { token: admin, method: 'POST', body: { outcome: 'not_corrected', reason: '记录无误。' } });
  assert.equal(last.status, 200, last.text);
  assert.equal((await recordByDoc(ORG.code, `OBW-${RUN}-3`, null)).under_objection, false);
});

test('unknown receipts and bad bodies are 4xx, never 500', async () => {
  const admin = desk('errors');
  assertError(await api('/api/v1/objections/YY20260101ABCDEF0123/route', { token: admin, method: 'POST', body: { route: 'platform' } }), 404, 'not_found');
  assertError(await api('/api/v1/objections/..%2Fx/decision', { token: admin, method: 'POST', body: { outcome: 'corrected' } }), 404, 'not_found');
  assertError(await api('/api/v1/objections/YY1/route', { token: admin, method: 'POST', body: 'route=platform', raw: true,
    headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  assertError(await api('/api/v1/objections/YY1/route', { method: 'POST', body: { route: 'platform' } }), 401, 'invalid_token');
});
