// The read path's subject view and measures, finished in `shared` (issue 12), against the
// real worker:
// - Art. 19 (二) 「明确本单位工作人员的查询权限」 and Art. 20 (一) 「不得……越权查询公共信用信息」:
//   an agency's staff member whose own permissions leave out a class gets no measure grounded
//   in a record of that class — the listing is neither in the standing nor among the records
//   the measures rest on, nor in the audit entry of what was queried;
// - Art. 4 「不得非法……公开自然人的社会信用信息」: a natural person on a public list appears to
//   the public masked and without the address, which the person's own view shows; an
//   organisation's address stays public (Art. 14).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, d1, NEEDS_STATE } from './lib.mjs';
import { submit, freshOrg, residentId, recordByDoc, RUN, daysAgo } from './workflows_lib.mjs';

const DEPT = `主体视图测试局${RUN}`;
const ORG = freshOrg('T', '主体视图');
const AGENCY = `主体视图测试采购中心${RUN}`;
const MATTER = 'government_procurement';
const doc = (n) => `PSV-${RUN}-${n}`;
const measuresOf = (code, tokenValue) => api(`/api/v1/subjects/${code}/measures?matter=${MATTER}`, { token: tokenValue });

const PERSON = { code: residentId(19), name: `视图测试人${RUN}` };
const PERSON_ADDRESS = `贵阳市南明区视图测试路${RUN}号`;
const ORG_ADDRESS = `贵阳市观山湖区视图测试大道${RUN}号`;

let listing;
let fine;

before(async () => {
  await submit(DEPT, ORG, [
    { item_code: 'LST-SERIOUS', document_number: doc(1), title: '列入严重失信名单', decision_date: daysAgo(10), valid_until: daysAgo(-300), act_end_date: daysAgo(15) },
    { item_code: 'PEN-GENERAL', document_number: doc(2), title: '罚款', decision_date: daysAgo(30), act_end_date: daysAgo(35), penalty_types: ['fine'] },
  ]);
  // A natural person named by a public list (dishonest judgment debtors, Art. 12 (3)).
  await submit(DEPT, PERSON, [
    { item_code: 'JUD-NONFULFILMENT', document_number: doc(3), title: '拒不履行生效判决', decision_date: daysAgo(20), act_continuing: true },
  ]);
  listing = await recordByDoc(ORG.code, doc(1));
  fine = await recordByDoc(ORG.code, doc(2));
  assert.ok(listing && fine, 'both records are on file');
});

test('Art. 19–20: a staff member without a class permission gets no measure grounded in that class', async () => {
  // Without a narrowing, the same agency sees the listing ground its serious punishments
  // (Art. 29): otherwise the check below would pass for nothing.
  const full = await measuresOf(ORG.code, token('agency', '--agency', AGENCY, '--matter', MATTER, '--staff', `psv-full-${RUN}`));
  assert.equal(full.status, 200, full.text);
  assert.equal(full.json.standing.seriously_dishonest, true);
  assert.ok(full.json.basis_record_ids.includes(listing.id), full.text);

  // A clerk allowed only administrative penalties.
  const staff = `psv-clerk-${RUN}`;
  const clerk = token('agency', '--agency', AGENCY, '--matter', MATTER, '--classes', 'administrative_penalty', '--staff', staff);
  const r = await measuresOf(ORG.code, clerk);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.standing.seriously_dishonest, false, 'the listing is beyond the clerk’s permissions');
  assert.equal(r.json.standing.dishonest, true, 'the fine is within them');
  assert.deepEqual(r.json.standing.dishonesty_classes, ['administrative_penalty']);
  assert.deepEqual(r.json.basis_record_ids, [fine.id]);
  for (const m of [...r.json.measures, ...r.json.not_applicable]) {
    assert.ok(!(m.basis_record_ids ?? []).includes(listing.id), `${m.id} rests on the listing`);
  }
  // Its records, the same: only the permitted class.
  const records = await api(`/api/v1/subjects/${ORG.code}/records?matter=${MATTER}&page_size=50`, { token: clerk });
  assert.equal(records.status, 200, records.text);
  assert.deepEqual(records.json.items.map((x) => x.document_number), [doc(2)]);
});

test('Art. 20: what the clerk queried is audited without the class beyond his permissions', { skip: NEEDS_STATE }, async () => {
  const staff = `psv-audit-${RUN}`;
  const clerk = token('agency', '--agency', AGENCY, '--matter', MATTER, '--classes', 'administrative_penalty', '--staff', staff);
  assert.equal((await measuresOf(ORG.code, clerk)).status, 200);
  const log = d1(`SELECT action, items, outcome FROM audit_log WHERE viewer = '${staff}' ORDER BY seq`);
  assert.deepEqual(log, [{ action: 'measures', items: '["PEN-GENERAL"]', outcome: 'ok' }]);
});

test('Art. 4: a listed natural person’s public profile is masked and has no address; Art. 14: an organisation’s has', { skip: NEEDS_STATE }, async () => {
  // Ingest records no address; set one behind the worker's back (test setup).
  d1(`UPDATE subjects SET address = '${PERSON_ADDRESS}' WHERE id_number = '${PERSON.code}'`);
  d1(`UPDATE subjects SET address = '${ORG_ADDRESS}' WHERE code = '${ORG.code}'`);

  // The public finds the listed person by resident ID and name, masked (Art. 4).
  const found = await api(`/api/v1/subjects?q=${PERSON.code}&name=${encodeURIComponent(PERSON.name)}`);
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.items.length, 1, found.text);
  const [hit] = found.json.items;
  assert.equal(hit.name, '视*');
  assert.ok(!found.text.includes(PERSON.name) && !found.text.includes(PERSON_ADDRESS), found.text);

  const pub = await api(`/api/v1/subjects/${hit.code}`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.subject.name, '视*');
  assert.equal(pub.json.subject.id_number, `${PERSON.code.slice(0, 6)}************`, 'only the region of issue');
  assert.equal(pub.json.subject.address ?? null, null, 'no address in the public profile');
  assert.ok(!pub.text.includes(PERSON_ADDRESS) && !pub.text.includes(PERSON.name), pub.text);

  // The person's own view has it (so the check above is not vacuous).
  const own = await api(`/api/v1/subjects/${hit.code}`, { token: token('subject', '--subject', hit.code) });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.subject.name, PERSON.name);
  assert.equal(own.json.subject.address, PERSON_ADDRESS);

  // An organisation's address is public information about it (Art. 14).
  const org = await api(`/api/v1/subjects/${ORG.code}`);
  assert.equal(org.status, 200, org.text);
  assert.equal(org.json.subject.address, ORG_ADDRESS);
});
