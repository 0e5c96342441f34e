// The subject's rights: who queried my information (Art. 31), the history of my records
// (Art. 31), written authorizations issued, used and revoked through the API (Art. 16 ¶3),
// and agency queries of joint reward and punishment measures (Art. 17, 21–29).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, token, d1 } from './lib.mjs';
import { submit, freshOrg, recordByDoc, RUN, daysAgo, TODAY } from './workflows_lib.mjs';

const ORG = freshOrg('D', '权益');
const DEPT = '权益测试人社局';
const AGENCY = `贵阳市公共资源交易中心${RUN}`;
const subject = token('subject', '--subject', ORG.code);
const doc = (n) => `RGT-${RUN}-${n}`;

// A fresh organisation with public, authorized-only and government-only records.
before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'PEN-GENERAL', document_number: doc(1), title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(35), penalty_types: ['fine'] },
    { item_code: 'LEVY-SOCIAL-INSURANCE-ARREARS', document_number: doc(2), title: '欠缴社会保险费', decision_date: daysAgo(30), act_end_date: daysAgo(31) },
    { item_code: 'INS-SUPERVISION-GRADE', document_number: doc(3), title: '监管等级 C', decision_date: daysAgo(30) },
    { item_code: 'LST-SERIOUS', document_number: doc(4), title: '列入严重失信名单', decision_date: daysAgo(10), valid_until: daysAgo(-300), act_end_date: daysAgo(15) },
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

  const bank = token('authorized', '--grant', grantId, '--grantee', '贵阳银行', '--staff', `bank-officer-${RUN}`);
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

test('joint reward and punishment (Art. 21–29): an agency in its matter gets the list of its measures with basis and status', async () => {
  const agency = token('agency', '--agency', AGENCY, '--matter', 'government_procurement,bidding_and_tendering', '--staff', `procurement-${RUN}`);
  const r = await api(`/api/v1/subjects/${ORG.code}/measures?matter=government_procurement`, { token: agency });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.matter, 'government_procurement');
  // Its records: a penalty, social insurance arrears and a serious-dishonesty listing, live;
  // no judgment debt, no red list.
  const { dishonesty_classes: classes, ...standing } = r.json.standing;
  assert.deepEqual(standing, { red_list: false, dishonest: true, seriously_dishonest: true, judgment_debtor: false });
  assert.deepEqual([...classes].sort(), ['administrative_levy', 'administrative_penalty', 'serious_dishonesty_list']);
  // Art. 27 ¶2 「未经公布的信用惩戒措施，不得实施」: the list in shared/data/measures.toml is an
  // unpublished draft, so no measure is to be taken; the matter's measures are listed as not
  // applicable, each with its basis (the statuses in detail: measures_art27.test.mjs).
  assert.deepEqual(r.json.measures, [], 'nothing applicable while the list is unpublished');
  const ids = r.json.not_applicable.map((m) => m.id);
  assert.deepEqual(ids, ['s29-8-public-resource-trading', 'p28-4-trading-credit-deduction', 'r23-3-trading-credit-bonus']);
  for (const m of r.json.not_applicable) {
    assert.equal(m.status, 'not_published', m.id);
    assert.ok(m.legal_basis_zh && m.reason_zh && m.article_clause.startsWith('第'), JSON.stringify(m));
  }
  const basis = await recordByDoc(ORG.code, doc(4));
  assert.ok(basis, 'the listing is on record');
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
  // A subject of its own, so that the queries listed are exactly those made here.
  const org = freshOrg('F', '查询');
  const own = token('subject', '--subject', org.code);
  const agencyName = `贵阳市政府采购中心${RUN}`;
  await submit(DEPT, org, [
    { item_code: 'PEN-GENERAL', document_number: `RGQ-${RUN}-1`, title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(35), penalty_types: ['fine'] },
    { item_code: 'LEVY-SOCIAL-INSURANCE-ARREARS', document_number: `RGQ-${RUN}-2`, title: '欠缴社会保险费', decision_date: daysAgo(30), act_end_date: daysAgo(31) },
    { item_code: 'LST-SERIOUS', document_number: `RGQ-${RUN}-3`, title: '列入严重失信名单', decision_date: daysAgo(10), valid_until: daysAgo(-300), act_end_date: daysAgo(15) },
  ]);
  const grant = await api('/api/v1/grants', { token: own, method: 'POST', body: {
    grantee: '贵阳银行', items: ['LEVY-SOCIAL-INSURANCE-ARREARS'], purpose: '流动资金贷款审查', valid_from: TODAY, valid_until: daysAgo(-30) } });
  assert.equal(grant.status, 201, grant.text);
  const bank = token('authorized', '--grant', grant.json.id, '--grantee', '贵阳银行', '--staff', `bank-officer-q-${RUN}`);
  assert.equal((await api(`/api/v1/subjects/${org.code}/records?page_size=50`, { token: bank })).status, 200);
  const agency = token('agency', '--agency', agencyName, '--matter', 'government_procurement', '--staff', `procurement-q-${RUN}`);
  assert.equal((await api(`/api/v1/subjects/${org.code}/measures?matter=government_procurement`, { token: agency })).status, 200);
  assertError(await api(`/api/v1/subjects/${org.code}/measures?matter=land_transfer`, { token: agency }), 403, 'forbidden');
  await api(`/api/v1/subjects/${org.code}`, { token: own }); // its own query: not listed

  assertError(await api('/api/v1/me/queries'), 401, 'invalid_token');
  assertError(await api('/api/v1/me/queries', { token: token('admin') }), 403, 'forbidden');
  const r = await api('/api/v1/me/queries?page_size=50', { token: own });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.code, org.code);
  const queries = r.json.items;
  assert.deepEqual(queries.map((q) => `${q.role}:${q.action}:${q.outcome}`), [
    'agency:measures:refused', 'agency:measures:ok', 'authorized:records:ok'], 'newest first, its own query not listed');
  const seqs = r.json.items.map((q) => q.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
  assert.ok(!r.json.items.some((q) => q.role === 'subject'), 'its own queries are not listed');
  const [refused, measures, bankQuery] = queries;
  assert.equal(measures.organisation, agencyName);
  assert.equal(measures.matter, 'government_procurement');
  assert.equal(measures.matter_zh, '政府采购');
  assert.equal(measures.account, `procurement-q-${RUN}`);
  assert.ok(measures.items.includes('LST-SERIOUS'), measures.items.join());
  assert.equal(refused.matter, 'land_transfer', 'refused attempts are shown too');
  assert.ok(bankQuery.items.includes('LEVY-SOCIAL-INSURANCE-ARREARS'), bankQuery.items.join());
  assert.equal(bankQuery.purpose, '流动资金贷款审查');
  assert.equal(bankQuery.organisation, '贵阳银行');
  assert.equal(bankQuery.account, `bank-officer-q-${RUN}`);
  const page = await api('/api/v1/me/queries?page=2&page_size=1', { token: own });
  assert.equal(page.json.items.length, 1);
  assert.equal(page.json.total, r.json.total);
  assert.equal(page.json.items[0].seq, seqs[1]);
  assertError(await api('/api/v1/me/queries?page_size=500', { token: own }), 400, 'invalid_parameter');
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
