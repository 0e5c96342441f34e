// The subject's rights: who queried my information (Art. 31), the history of my records
// (Art. 31), written authorizations issued, used and revoked through the API (Art. 16 ¶3),
// and agency queries of joint reward and punishment measures (Art. 17, 21–29).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, RUN, daysAgo, TODAY } from './workflows_lib.mjs';

const ORG = freshOrg('D', '权益');
const DEPT = '权益测试人社局';
const AGENCY = `贵阳市公共资源交易中心${RUN}`;
const subject = token('subject', '--subject', ORG.code);
const doc = (n) => `RGT-${RUN}-${n}`;

test('setup: a fresh organisation with public, authorized-only and government-only records', async () => {
  await submit(DEPT, ORG, [
    { item_code: 'PEN-GENERAL', document_number: doc(1), title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(35), penalty_types: ['fine'] },
    { item_code: 'LEVY-SOCIAL-INSURANCE-ARREARS', document_number: doc(2), title: '欠缴社会保险费', decision_date: daysAgo(30), act_end_date: daysAgo(31) },
    { item_code: 'INS-SUPERVISION-GRADE', document_number: doc(3), title: '监管等级 C', decision_date: daysAgo(30) },
    { item_code: 'LST-SERIOUS', document_number: doc(4), title: '列入严重失信名单', decision_date: daysAgo(10), valid_until: daysAgo(-300) },
  ]);
});

test('written authorization (Art. 16 ¶3): issued by the subject, used by the grantee during validity, revoked', async () => {
  const body = { grantee: '贵阳银行', items: ['LEVY-SOCIAL-INSURANCE-ARREARS'], purpose: '流动资金贷款审查', valid_from: TODAY, valid_until: daysAgo(-30) };
  assertError(await api('/api/v1/grants', { method: 'POST', body }), 401, 'invalid_token');
  assertError(await api('/api/v1/grants', { token: token('agency', '--agency', 'x', '--matter', 'administrative_licensing'), method: 'POST', body }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/grants', { token: token('provider', '--provider', DEPT), method: 'POST', body }), 403, 'forbidden');
  const government = await api('/api/v1/grants', { token: subject, method: 'POST', body: { ...body, items: ['INS-SUPERVISION-GRADE'] } });
  assertError(government, 400, 'invalid_parameter');
  assert.match(government.json.message_zh, /国家机关/);
  assertError(await api('/api/v1/grants', { token: subject, method: 'POST', body: { ...body, items: ['NO-SUCH'] } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/grants', { token: subject, method: 'POST', body: { ...body, valid_from: daysAgo(1) } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/grants', { token: subject, method: 'POST', body: { ...body, extra: 1 } }), 400, 'invalid_body');

  const issued = await api('/api/v1/grants', { token: subject, method: 'POST', body });
  assert.equal(issued.status, 201, issued.text);
  assert.match(issued.json.id, /^SQ\d{8}[0-9A-F]{10}$/);
  assert.equal(issued.json.status, 'valid');
  const grantId = issued.json.id;

  const bank = token('authorized', '--grant', grantId, '--staff', `bank-officer-${RUN}`);
  const seen = await api(`/api/v1/subjects/${ORG.code}/records?page_size=50`, { token: bank });
  assert.equal(seen.status, 200, seen.text);
  const items = seen.json.items.map((r) => r.item_code).sort();
  assert.deepEqual(items, ['LEVY-SOCIAL-INSURANCE-ARREARS', 'LST-SERIOUS', 'PEN-GENERAL'], 'the authorised item and the public ones');
  const publicItems = (await api(`/api/v1/subjects/${ORG.code}/records?page_size=50`)).json.items.map((r) => r.item_code);
  assert.ok(!publicItems.includes('LEVY-SOCIAL-INSURANCE-ARREARS'), 'not public');

  const list = await api('/api/v1/grants', { token: subject });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((g) => g.id), [grantId]);

  assertError(await api(`/api/v1/grants/${grantId}/revoke`, { token: token('subject', '--subject', '91520102MA0000000X'), method: 'POST' }), 404, 'not_found');
  const revoked = await api(`/api/v1/grants/${grantId}/revoke`, { token: subject, method: 'POST' });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.json.status, 'revoked');
  assert.equal(revoked.json.revoked_on, TODAY);
  assertError(await api(`/api/v1/grants/${grantId}/revoke`, { token: subject, method: 'POST' }), 409, 'conflict');

  const after = await api(`/api/v1/subjects/${ORG.code}/records?page_size=50`, { token: bank });
  assert.equal(after.status, 200, after.text);
  assert.deepEqual(after.json.items.map((r) => r.item_code).sort(), [...publicItems].sort(), 'after revocation: what the public sees');
  assert.equal((await api('/api/v1/grants', { token: subject })).json.items[0].status, 'revoked');
});

test('joint reward and punishment (Art. 21–29): an agency in its matter gets the measures with basis and reason', async () => {
  const agency = token('agency', '--agency', AGENCY, '--matter', 'government_procurement,bidding_and_tendering', '--staff', `procurement-${RUN}`);
  const r = await api(`/api/v1/subjects/${ORG.code}/measures?matter=government_procurement`, { token: agency });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.matter, 'government_procurement');
  assert.deepEqual(r.json.standing, { red_list: false, dishonest: true, seriously_dishonest: true });
  const ids = r.json.measures.map((m) => m.id);
  assert.ok(ids.includes('s29-8-public-resource-trading'), ids.join());
  assert.ok(ids.includes('p28-4-trading-credit-deduction'), ids.join());
  assert.ok(!ids.includes('r23-3-trading-credit-bonus'), 'no reward for a dishonest subject');
  assert.equal(r.json.measures[0].kind, 'serious_punishment', 'serious punishments first');
  for (const m of r.json.measures) {
    assert.ok(m.legal_basis_zh && m.reason_zh && m.article_clause.startsWith('第'), JSON.stringify(m));
  }
  const basis = await recordByDoc(ORG.code, doc(4));
  assert.ok(r.json.basis_record_ids.includes(basis.id));

  // Outside its matters: refused and logged; other roles: refused.
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures?matter=land_transfer`, { token: agency }), 403, 'forbidden');
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures?matter=government_procurement`, { token: subject }), 403, 'forbidden');
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures?matter=government_procurement`), 401, 'invalid_token');
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures`, { token: agency }), 400, 'invalid_parameter');
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures?matter=bribery`, { token: agency }), 400, 'invalid_parameter');
  // A staff member whose own permissions exclude measures.
  const clerk = token('agency', '--agency', AGENCY, '--matter', 'government_procurement', '--actions', 'profile,records', '--staff', `clerk-${RUN}`);
  assertError(await api(`/api/v1/subjects/${ORG.code}/measures?matter=government_procurement`, { token: clerk }), 403, 'forbidden');
  const log = d1(`SELECT viewer, action, matter, outcome FROM audit_log WHERE organisation = '${AGENCY}' ORDER BY seq`);
  assert.deepEqual(log.map((e) => `${e.viewer}:${e.action}:${e.matter}:${e.outcome}`), [
    `procurement-${RUN}:measures:government_procurement:ok`,
    `procurement-${RUN}:measures:land_transfer:refused`,
    `clerk-${RUN}:measures:government_procurement:refused`,
  ]);
});

test('who queried my information (Art. 31): every query by others, with role, organisation, matter or purpose', async () => {
  await api(`/api/v1/subjects/${ORG.code}`, { token: subject }); // its own query: not listed
  assertError(await api('/api/v1/me/queries'), 401, 'invalid_token');
  assertError(await api('/api/v1/me/queries', { token: token('admin') }), 403, 'forbidden');
  const r = await api('/api/v1/me/queries?page_size=50', { token: subject });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, ORG.code);
  const seqs = r.json.items.map((q) => q.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
  assert.ok(!r.json.items.some((q) => q.role === 'subject'), 'its own queries are not listed');
  const measures = r.json.items.find((q) => q.action === 'measures' && q.outcome === 'ok');
  assert.equal(measures.organisation, AGENCY);
  assert.equal(measures.matter, 'government_procurement');
  assert.equal(measures.matter_zh, '政府采购');
  assert.equal(measures.account, `procurement-${RUN}`);
  assert.ok(measures.items.includes('LST-SERIOUS'));
  const bank = r.json.items.find((q) => q.role === 'authorized' && q.action === 'records' && q.items.includes('LEVY-SOCIAL-INSURANCE-ARREARS'));
  assert.equal(bank.purpose, '流动资金贷款审查');
  assert.equal(bank.organisation, '贵阳银行');
  assert.ok(r.json.items.some((q) => q.outcome === 'refused'), 'refused attempts are shown too');
  const page = await api('/api/v1/me/queries?page=2&page_size=1', { token: subject });
  assert.equal(page.json.items.length, 1);
  assert.equal(page.json.total, r.json.total);
  assert.equal(page.json.items[0].seq, seqs[1]);
  assertError(await api('/api/v1/me/queries?page_size=500', { token: subject }), 400, 'invalid_parameter');
});

test('the history of my records (Art. 31): source and every change; another subject\'s record is not found', async () => {
  const record = await recordByDoc(ORG.code, doc(1));
  await submit(DEPT, ORG, [{ item_code: 'PEN-GENERAL', document_number: doc(1), title: '罚款（更正金额）', decision_date: daysAgo(30),
    act_end_date: daysAgo(35), penalty_types: ['fine'], change_reason: '更正罚款金额' }]);
  const r = await api(`/api/v1/me/records/${record.id}/history`, { token: subject });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.provider_department, DEPT);
  assert.equal(r.json.document_number, doc(1));
  assert.deepEqual(r.json.entries.map((e) => e.reason), ['信息提供单位报送', '更正罚款金额']);
  assert.equal(r.json.entries[1].snapshot.title, '罚款（更正金额）');
  const other = token('subject', '--subject', '91520102MA0000000X');
  assertError(await api(`/api/v1/me/records/${record.id}/history`, { token: other }), 404, 'not_found');
  assertError(await api('/api/v1/me/records/abc/history', { token: subject }), 404, 'not_found');
});
