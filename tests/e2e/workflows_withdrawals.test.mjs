// Repair (Art. 35) and revocation (Art. 36): the providing department submits the proof or
// notice, the public view stops showing the record at once, the 3-working-day deadline is
// tracked, and the administrator's overdue list shows everything late — deadlines counted
// over the real National Day 2025 holiday, and from today by the working-day oracle
// (./working_days.mjs): e.g. received Thu 2026-12-31, due Wed 2027-01-06, provisional
// (元旦 2027 and the weekend skipped by the statutory fallback); received Wed 2026-02-18
// inside 春节, due Thu 2026-02-26.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, RUN, daysAgo, TODAY } from './workflows_lib.mjs';
import { addWorkingDays, workingDaysBetween } from './working_days.mjs';

const ORG = freshOrg('C', '修复');
const DEPT = '修复测试市场监管局';
const admin = token('admin');
const doc = (n) => `WDR-${RUN}-${n}`;

// Dishonesty records of a fresh organisation; doc(4) is deliberately historical: the overdue
// test counts from a notice received on 30 September 2025.
before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'PEN-GENERAL', document_number: doc(1), title: '罚款五千元', decision_date: daysAgo(60), act_end_date: daysAgo(65), penalty_types: ['fine'] },
    { item_code: 'CMT-BREACH', document_number: doc(2), title: '违背信用承诺', decision_date: daysAgo(100), act_end_date: daysAgo(110) },
    { item_code: 'LST-SERIOUS', document_number: doc(3), title: '列入严重失信名单', decision_date: daysAgo(20), valid_until: daysAgo(-700), act_end_date: daysAgo(25) },
    { item_code: 'CMT-BREACH', document_number: doc(4), title: '违背信用承诺（旧）', decision_date: '2025-09-01', act_end_date: '2025-08-25' },
    { item_code: 'LIC-PERMIT', document_number: doc(5), title: '许可', decision_date: daysAgo(10) },
  ]);
});

test('the submitted dishonesty records are public', async () => {
  for (const n of [1, 2, 3]) assert.ok(await recordByDoc(ORG.code, doc(n), null), `public sees ${doc(n)}`);
});

test('revocation (Art. 36): only the providing department submits it; the public stops seeing the record at once', async () => {
  const record = await recordByDoc(ORG.code, doc(1));
  const body = { ground: 'revocation', document_number: `黔复决〔2026〕${RUN}号`, reason: '复议机关决定撤销原处罚决定' };
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { token: token('provider', '--provider', '别的部门'), method: 'POST', body }), 403, 'forbidden');
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { token: admin, method: 'POST', body }), 403, 'forbidden');
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { method: 'POST', body }), 401, 'invalid_token');
  const provider = token('provider', '--provider', DEPT);
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: { ...body, received_on: daysAgo(-1) } }), 400, 'invalid_parameter');
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: { ...body, ground: 'pardon' } }), 400, 'invalid_body');
  assertError(await api('/api/v1/records/999999999/withdrawal', { token: provider, method: 'POST', body }), 404, 'not_found');

  const r = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.ground, 'revocation');
  assert.equal(r.json.article, '第三十六条');
  assert.equal(r.json.received_on, TODAY);
  const due = addWorkingDays(TODAY, 3);
  assert.deepEqual({ due: r.json.due, provisional: r.json.provisional }, due, 'three working days after receipt');
  assert.equal(r.json.overdue, false);
  assert.equal(r.json.shown_publicly_until, null, 'not shown publicly from today');
  assert.equal(await recordByDoc(ORG.code, doc(1), null), undefined, 'the public no longer sees it');
  const own = await recordByDoc(ORG.code, doc(1), token('subject', '--subject', ORG.code));
  assert.deepEqual(own.publicity, { state: 'ended', since: TODAY, reason: 'revoked' }, 'the subject still sees it, ended');
  assertError(await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body }), 409, 'conflict');
  const history = await api(`/api/v1/me/records/${record.id}/history`, { token: token('subject', '--subject', ORG.code) });
  assert.ok(history.json.entries.some((e) => e.reason.includes('第三十六条') && e.reason.includes(body.document_number)));
});

test('repair (Art. 35) of a serious-dishonesty listing takes the subject off the list at once', async () => {
  const before = await api(`/api/v1/subjects/${ORG.code}`);
  assert.ok(before.json.lists.some((l) => l.class === 'serious_dishonesty_list'));
  const record = await recordByDoc(ORG.code, doc(3));
  const provider = token('provider', '--provider', DEPT);
  const r = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST',
    body: { ground: 'repair', document_number: `黔修复〔2026〕${RUN}号`, reason: '已全部履行法定义务并消除不利影响' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.article, '第三十五条');
  assert.equal(r.json.received_on, TODAY);
  assert.deepEqual({ due: r.json.due, provisional: r.json.provisional }, addWorkingDays(TODAY, 3), 'three working days after receipt');
  const after = await api(`/api/v1/subjects/${ORG.code}`);
  assert.ok(!after.json.lists.some((l) => l.class === 'serious_dishonesty_list'), 'off the list');
  const search = await api(`/api/v1/subjects?q=${ORG.code}`);
  assert.equal(search.json.items[0]?.serious_dishonesty, false, 'the stored standing was recomputed');
});

test('only dishonesty information is repaired or revoked', async () => {
  const record = await recordByDoc(ORG.code, doc(5));
  const r = await api(`/api/v1/records/${record.id}/withdrawal`, { token: token('provider', '--provider', DEPT), method: 'POST',
    body: { ground: 'repair', document_number: 'X-1', reason: '无关' } });
  assertError(r, 409, 'conflict');
  assert.match(r.json.message_zh, /不是失信信息/);
});

test('the overdue list: a revocation received before National Day 2025 and an unhandled objection', async () => {
  const provider = token('provider', '--provider', DEPT);
  const record = await recordByDoc(ORG.code, doc(4));
  const w = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST',
    body: { ground: 'revocation', received_on: '2025-09-30', document_number: `黔法判〔2025〕${RUN}号`, reason: '人民法院判决撤销' } });
  assert.equal(w.status, 201, w.text);
  // Received Tuesday 30 September 2025; 1–8 October is the National Day holiday; Thursday 9,
  // Friday 10 and the make-up Saturday 11 are the three working days.
  assert.equal(w.json.due, '2025-10-11');
  assert.deepEqual(addWorkingDays('2025-09-30', 3), { due: '2025-10-11', provisional: false }, 'the oracle agrees');
  assert.equal(w.json.provisional, false, 'the 2025 arrangement is published');
  assert.equal(w.json.overdue, true);

  // An objection received the same day and never routed, as the platform would hold it.
  const objection = `YYW${RUN}`;
  const state = JSON.stringify({ channel: 'provincial_platform', received: '2025-09-30', marked_on: '2025-09-30', routing: null, decision: null, notified_on: null });
  d1(`INSERT INTO objections (id, record_id, objector_name, objector_contact, reason, received_on, filed_at, state)
      VALUES ('${objection}', ${record.id}, '测试', '13800000000', '测试逾期', '2025-09-30', '2025-09-30T01:00:00.000Z', '${state}')`);

  assertError(await api('/api/v1/admin/overdue', { token: provider }), 403, 'forbidden');
  assertError(await api('/api/v1/admin/overdue'), 401, 'invalid_token');
  const list = await api('/api/v1/admin/overdue', { token: admin });
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.as_of, TODAY);
  const mine = list.json.items.filter((i) => i.id === w.json.id || i.id === objection);
  const byStep = Object.fromEntries(mine.map((i) => [`${i.kind}:${i.step}`, i]));
  assert.deepEqual(Object.keys(byStep).sort(), ['objection:decide', 'objection:forward', 'revocation:withdraw'],
    'marked in time; forwarding and deciding late; notifying has no due date');
  assert.equal(byStep['revocation:withdraw'].due, '2025-10-11');
  assert.equal(byStep['revocation:withdraw'].article, '第三十六条');
  assert.equal(byStep['objection:forward'].due, '2025-10-10', 'forward in 2 working days: 9 and 10 October');
  assert.equal(byStep['objection:decide'].due, '2025-10-14', '5 working days: 9, 10, 11 (make-up), 13, 14 October');
  // Working days late: those after the due day, up to and including today; provisional once
  // the count reaches a day the published arrangements do not cover (from 2026-12-26 on).
  for (const [key, due] of [['revocation:withdraw', '2025-10-11'], ['objection:forward', '2025-10-10'], ['objection:decide', '2025-10-14']]) {
    const late = workingDaysBetween(due, TODAY);
    assert.deepEqual([byStep[key].working_days_late, byStep[key].provisional], [late.count, late.provisional], `${key}: working days late since ${due}`);
  }
  const lates = list.json.items.map((i) => i.working_days_late);
  assert.ok(lates.length >= 3);
  assert.deepEqual(lates, [...lates].sort((a, b) => b - a), 'most late first');

  // Completing the withdrawal takes it off the list; completing twice is a conflict.
  const done = await api(`/api/v1/admin/withdrawals/${w.json.id}/complete`, { token: admin, method: 'POST' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.withdrawn_on, TODAY);
  assertError(await api(`/api/v1/admin/withdrawals/${w.json.id}/complete`, { token: admin, method: 'POST' }), 409, 'conflict');
  assertError(await api('/api/v1/admin/withdrawals/NOPE/complete', { token: admin, method: 'POST' }), 404, 'not_found');
  const again = await api('/api/v1/admin/overdue', { token: admin });
  assert.equal(again.status, 200, again.text);
  assert.ok(again.json.items.some((i) => i.id === objection), 'the objection is still late, and listed');
  assert.ok(!again.json.items.some((i) => i.id === w.json.id), 'the completed withdrawal is not');
  // Close the inserted objection so that later runs start from the same state.
  await api(`/api/v1/objections/${objection}/route`, { token: admin, method: 'POST', body: { route: 'platform' } });
  const closed = await api(`/api/v1/objections/${objection}/decision`, { token: admin, method: 'POST', body: { outcome: 'not_corrected', reason: '测试结束。' } });
  assert.equal(closed.status, 200, closed.text);
  assert.ok(closed.json.steps.find((s) => s.step === 'decide').done_on === TODAY);
});
