// Art. 31 and the credit report (issue 11, item 10). 「信用主体有权知晓与其社会信用信息相关的
// 采集、使用等情况, 以及其信用信息报告载明的信息来源和变动理由。」 and ¶2 「自然人有权每年从采集、
// 归集其社会信用信息的机构免费获取两次本人的信用信息报告。」: the third personal report of a year
// is not refused — it is issued, marked in its signed content as beyond the free quota — and
// every record in the report carries its source and each of its changes with the reason.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, d1 } from './lib.mjs';
import { submit, residentId, RUN, daysAgo, TODAY } from './workflows_lib.mjs';

const DEPT = `第三十一条测试法院${RUN}`;
const ID = residentId(31);
const NAME = `知情权测试人${RUN}`;
const DOC = (n) => `A31-${RUN}-${n}`;
const YEAR = Number(TODAY.slice(0, 4));
const MARK_ZH = '超出本年度免费次数（第三十一条第二款）';
const MARK_EN = "Beyond this year's free reports (Art. 31 ¶2)";
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let code;
let person;
let objectionId;
const reports = [];

/** A record of the subject, as in its report. */
const inReport = (report, doc) => report.records.find((r) => r.document_number === doc);

// Setup: a fresh natural person; a record submitted, corrected by its provider and objected to.
before(async () => {
  const subject = { code: ID, name: NAME };
  const record = {
    item_code: 'JUD-NONFULFILMENT', document_number: DOC(1), title: '拒不履行生效判决（误）',
    decision_date: daysAgo(30), act_continuing: true, change_reason: '首次报送',
  };
  await submit(DEPT, subject, [
    record,
    // Submitted without a reason: the platform's default reason is recorded.
    { item_code: 'JUD-NONFULFILMENT', document_number: DOC(2), title: '拒不履行（已结束）', decision_date: '2018-01-05', act_end_date: '2018-02-01' },
  ]);
  [{ code }] = d1(`SELECT code FROM subjects WHERE id_number = '${ID}'`);
  assert.match(code, /^np-/);
  person = token('subject', '--subject', code);
  // The provider corrects its record: re-submitted under the same document number, with why.
  await submit(DEPT, subject, [{ ...record, title: '拒不履行生效判决', change_reason: '更正标题中的笔误' }]);
  // And the subject objects to it (Art. 34): the platform marks it, with the receipt number.
  const records = await api(`/api/v1/subjects/${code}/records?page_size=50`, { token: person });
  assert.equal(records.status, 200, records.text);
  const one = records.json.items.find((r) => r.document_number === DOC(1));
  assert.equal(one.title, '拒不履行生效判决');
  const filed = await api('/api/v1/objections', {
    token: person, method: 'POST',
    body: { record_id: one.id, objector: { name: NAME, contact: '13800000031' }, reason: '判决已履行完毕，请核实' },
  });
  assert.equal(filed.status, 201, filed.text);
  objectionId = filed.json.id;
});

test('Art. 31 ¶2: two free reports, then the third is issued and marked beyond the free quota', async () => {
  for (let n = 1; n <= 3; n++) {
    const r = await api('/api/v1/reports', { token: person, method: 'POST', body: { purpose: `第${n}次申请` } });
    assert.equal(r.status, 201, `report ${n}: ${r.text}`);
    assert.equal(r.json.report.kind, 'personal');
    assert.equal(r.json.report.purpose, `第${n}次申请`);
    reports.push(r.json);
  }
  const [first, second, third] = reports;

  assert.deepEqual(first.charge, { kind: 'free', remaining_after: 1 });
  assert.deepEqual(first.report.charge, { kind: 'free', remaining_after: 1 });
  assert.equal(first.report.quota_mark_zh, null);
  assert.equal(first.report.quota_mark_en, null);
  assert.equal(first.charge_notice_zh,
    `本报告为本年度（${YEAR}年）免费获取的个人信用信息报告，本年度还可免费获取 1 次（第三十一条第二款）。`);

  assert.deepEqual(second.charge, { kind: 'free', remaining_after: 0 });
  assert.deepEqual(second.report.charge, { kind: 'free', remaining_after: 0 });
  assert.equal(second.report.quota_mark_zh, null);
  assert.equal(second.charge_notice_zh,
    `本报告为本年度（${YEAR}年）免费获取的个人信用信息报告，本年度的 2 次免费次数已经用完；下一次免费报告自 ${YEAR + 1}年1月1日 起可以获取（第三十一条第二款）。`);

  // The third: issued (201, above), not refused — and marked in the signed report itself.
  assert.deepEqual(third.charge, { kind: 'beyond_free_quota' });
  assert.deepEqual(third.report.charge, { kind: 'beyond_free_quota' });
  assert.equal(third.report.quota_mark_zh, MARK_ZH);
  assert.equal(third.report.quota_mark_en, MARK_EN);
  const notice = `本年度（${YEAR}年）的 2 次免费个人信用信息报告已经用完，本报告照常出具，并标注“${MARK_ZH}”。下一次免费报告自 ${YEAR + 1}年1月1日 起可以获取。`;
  assert.equal(third.charge_notice_zh, notice);
  assert.equal(third.charge_notice_en,
    `This year's (${YEAR}) 2 free personal credit reports are used up: this report is issued all the same and marked "${MARK_EN}". The next free report is available from ${YEAR + 1}-01-01.`);
  assert.equal(third.report.notes_zh[0], notice, 'the notice is also among the signed notes');
  assert.equal(new Set(reports.map((r) => r.report.number)).size, 3);

  // The signature of the marked report still verifies, by its text and by its number.
  const presented = await api('/api/v1/reports/verify', { method: 'POST', body: { report: third.report, signature: third.signature } });
  assert.equal(presented.status, 200, presented.text);
  assert.equal(presented.json.genuine, true, presented.text);
  assert.equal(presented.json.on_record, true);
  assert.equal(presented.json.number, third.report.number);
  assert.equal(presented.json.content_hash, third.content_hash);
  const byNumber = await api(`/api/v1/reports/${third.report.number}/verify`);
  assert.equal(byNumber.status, 200, byNumber.text);
  assert.equal(byNumber.json.genuine, true);
  // The mark cannot be stripped: without it the report is no longer what was signed.
  for (const strip of [
    (r) => { delete r.quota_mark_zh; delete r.quota_mark_en; },
    (r) => { r.charge = { kind: 'free', remaining_after: 0 }; },
  ]) {
    const stripped = structuredClone(third.report);
    strip(stripped);
    const forged = await api('/api/v1/reports/verify', { method: 'POST', body: { report: stripped, signature: third.signature } });
    assert.equal(forged.status, 200, forged.text);
    assert.equal(forged.json.genuine, false, 'a stripped mark breaks the signature');
    assert.equal(forged.json.on_record, false);
  }

  // Fetched again later, the answer is the same, charge and notice included.
  const got = await api(`/api/v1/reports/${third.report.number}`, { token: person });
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.json, third);

  const stored = d1(`SELECT kind, year, count(*) AS n FROM reports WHERE subject_code = '${code}' GROUP BY kind, year`);
  assert.deepEqual(stored, [{ kind: 'personal', year: YEAR, n: 3 }], 'all three issued and on record');
});

test('Art. 31 ¶1: each record carries its source and every change with its reason', async () => {
  // A report of its own, so that the test stands alone (free or not does not matter here).
  const issued = await api('/api/v1/reports', { token: person, method: 'POST', body: { purpose: '来源与变动理由' } });
  assert.equal(issued.status, 201, issued.text);
  const own = [issued.json];
  for (const signed of own) {
    const one = inReport(signed.report, DOC(1));
    assert.ok(one, `${DOC(1)} in report ${signed.report.number}`);
    // Its source.
    assert.equal(one.provider_department, DEPT);
    assert.equal(one.document_number, DOC(1));
    assert.equal(one.decision_date, daysAgo(30));
    assert.equal(one.legal_basis, '《测试法》第一条');
    assert.equal(one.title, '拒不履行生效判决', 'the record as corrected');
    // Its changes, oldest first: submitted, corrected, objected to.
    assert.deepEqual(one.changes.map(({ actor_role, actor, reason }) => ({ actor_role, actor, reason })), [
      { actor_role: 'provider', actor: DEPT, reason: '首次报送' },
      { actor_role: 'provider', actor: DEPT, reason: '更正标题中的笔误' },
      { actor_role: 'platform', actor: 'objection', reason: `异议标注（第三十四条），受理号 ${objectionId}` },
    ]);
    assert.equal(one.earlier_changes_left_out, false);
    for (const c of one.changes) assert.match(c.changed_at, ISO_INSTANT);
    const times = one.changes.map((c) => c.changed_at);
    assert.deepEqual([...times].sort(), times, 'oldest first');
    assert.ok(!('snapshot' in one.changes[0]), 'the report states the record as it is, not past snapshots');

    const two = inReport(signed.report, DOC(2));
    assert.equal(two.status, 'ended');
    assert.deepEqual(two.changes.map(({ actor_role, actor, reason }) => ({ actor_role, actor, reason })), [
      { actor_role: 'provider', actor: DEPT, reason: '信息提供单位报送' },
    ]);
  }
  // The same changes as the record's history page, when and who included.
  const one = inReport(own[0].report, DOC(1));
  const history = await api(`/api/v1/me/records/${one.id}/history`, { token: person });
  assert.equal(history.status, 200, history.text);
  assert.deepEqual(one.changes, history.json.entries.map(({ changed_at, actor_role, actor, reason }) => ({ changed_at, actor_role, actor, reason })));
  // The changes are signed: altering a reason is detected.
  const altered = structuredClone(own[0]);
  inReport(altered.report, DOC(1)).changes[1].reason = '另一个理由';
  const forged = await api('/api/v1/reports/verify', { method: 'POST', body: { report: altered.report, signature: altered.signature } });
  assert.equal(forged.json.genuine, false, forged.text);
});

test('a record with more changes than a report lists: the newest 20, and the report says older ones are left out', async () => {
  const subject = { code: ID, name: NAME };
  const record = { item_code: 'JUD-NONFULFILMENT', document_number: DOC(3), title: '多次更正的记录', decision_date: daysAgo(10), act_continuing: true };
  // Each re-submission changes the record (an unchanged one records nothing).
  for (let n = 1; n <= 22; n++) await submit(DEPT, subject, [{ ...record, title: `多次更正的记录（第 ${n} 版）`, change_reason: `第 ${n} 次报送` }]);
  const r = await api('/api/v1/reports', { token: person, method: 'POST' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.charge, { kind: 'beyond_free_quota' }, 'a fourth report is beyond the quota too');
  assert.equal(r.json.report.quota_mark_zh, MARK_ZH);
  const three = inReport(r.json.report, DOC(3));
  assert.equal(three.title, '多次更正的记录（第 22 版）');
  assert.equal(three.changes.length, 20);
  assert.deepEqual(three.changes.map((c) => c.reason), Array.from({ length: 20 }, (_, i) => `第 ${i + 3} 次报送`));
  assert.equal(three.earlier_changes_left_out, true);
  assert.equal(inReport(r.json.report, DOC(1)).earlier_changes_left_out, false);
  assert.equal(inReport(r.json.report, DOC(1)).changes.length, 3);
  const verified = await api('/api/v1/reports/verify', { method: 'POST', body: { report: r.json.report, signature: r.json.signature } });
  assert.equal(verified.json.genuine, true, verified.text);
});
