// No oracles (issue 13): what a caller may not see, it cannot infer either — against the
// real worker. Each test tries what an attacker would:
// - Art. 4 「不得非法……公开自然人的社会信用信息」: the public mask of a resident ID hides the
//   birth date, the sequence and the check character; an ID search needs the name (but for
//   the subject itself), answers a wrong name as it answers an unknown ID, and is
//   rate-limited for every caller;
// - Art. 16 ¶2 (agencies query what is published for their matters) and Art. 19–20 (audited,
//   per-staff permissions): an agency sees a person's registration only through a record
//   of its matter, its searches are audited per subject returned, and a staff member without
//   the search permission may not search;
// - Art. 16 ¶3: a written authorization serves only the grantee it names;
// - Art. 4, 18: a search's total and pages count only what its viewer may see, so a count
//   never tells of a person the viewer may not know of;
// - tokens: a lifetime capped per role, and a revocation list checked on every request.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, assertError, d1, freshUscc, NEEDS_STATE, freshClient } from './lib.mjs';
import { submit, residentId, RUN, daysAgo } from './workflows_lib.mjs';

const DEPT = `无推断测试局${RUN}`;
const LISTED = { code: residentId(71), name: `名单测试人${RUN}` };
const PRIVATE = { code: residentId(72), name: `隐私测试人${RUN}` };
/** A valid resident ID that no department ever submitted. */
const UNKNOWN_ID = residentId(73);
const PROCUREMENT = 'government_procurement';
const RESIDENCE = 'residence_management';
const agency = (matter, staff, ...more) =>
  token('agency', '--agency', `无推断测试机关${RUN}`, '--matter', matter, '--staff', `${staff}-${RUN}`, ...more);
const idSearch = (id, name, { tokenValue, headers = freshClient(), matter } = {}) => {
  const params = new URLSearchParams({ q: id });
  if (name !== undefined) params.set('name', name);
  if (matter) params.set('matter', matter);
  return api(`/api/v1/subjects?${params}`, { token: tokenValue, headers });
};
/** The claims of a token (its middle part), to learn its `jti`. */
const claimsOf = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8'));

let listedCode;
let privateCode;

before(async () => {
  // A person on a public list (dishonest judgment debtors, Art. 12 (3)), and one whose only
  // record is social-insurance arrears: authorized level, published for procurement agencies
  // and not for residence management (shared/data/catalog.toml), on no public list.
  await submit(DEPT, LISTED, [
    { item_code: 'JUD-NONFULFILMENT', document_number: `NO-${RUN}-1`, title: '拒不履行生效判决', decision_date: daysAgo(20), act_continuing: true },
  ]);
  await submit(DEPT, PRIVATE, [
    { item_code: 'LEVY-SOCIAL-INSURANCE-ARREARS', document_number: `NO-${RUN}-2`, title: '欠缴社会保险费', decision_date: daysAgo(20), act_continuing: true },
  ]);
  const admin = token('admin', '--staff', `no-oracles-setup-${RUN}`);
  listedCode = (await idSearch(LISTED.code, LISTED.name, { tokenValue: admin })).json.items[0]?.code;
  privateCode = (await idSearch(PRIVATE.code, PRIVATE.name, { tokenValue: admin })).json.items[0]?.code;
  assert.ok(listedCode && privateCode, 'staff find both by ID and name');
});

test('Art. 4: the public mask of a resident ID shows only the region of issue', async () => {
  const profile = await api(`/api/v1/subjects/${listedCode}`);
  assert.equal(profile.status, 200, profile.text);
  // 18 characters: the 6 region digits of the ID as submitted, then 12 `*`.
  assert.equal(profile.json.subject.id_number, `${LISTED.code.slice(0, 6)}************`);
  const birthAndCheck = LISTED.code.slice(6, 14);
  assert.ok(!profile.text.includes(birthAndCheck), 'no birth date anywhere in the answer');
  const records = await api(`/api/v1/subjects/${listedCode}/records?page_size=50`);
  for (const person of records.json.items.flatMap((r) => r.persons)) {
    if (person.id_number) assert.match(person.id_number, /^\d{6}\*{12}$/);
  }
});

test('Art. 4: an ID search without the name is refused, but for the subject itself', async () => {
  for (const [who, tokenValue] of [['public', undefined], ['staff', token('admin')], ['agency', agency(PROCUREMENT, 'noname')]]) {
    const r = await idSearch(LISTED.code, undefined, { tokenValue, matter: who === 'agency' ? PROCUREMENT : undefined });
    assertError(r, 400, 'invalid_parameter');
    assert.match(r.json.message_zh, /姓名/, who);
    assertError(await idSearch(LISTED.code, '  ', { tokenValue }), 400, 'invalid_parameter');
  }
  // The subject finds itself by its own ID alone.
  const itself = await idSearch(PRIVATE.code, undefined, { tokenValue: token('subject', '--subject', privateCode) });
  assert.equal(itself.status, 200, itself.text);
  assert.deepEqual(itself.json.items.map((s) => s.code), [privateCode]);
  // …and nobody else that way: another subject gets nothing for this ID.
  const other = await idSearch(PRIVATE.code, undefined, { tokenValue: token('subject', '--subject', listedCode) });
  assert.equal(other.status, 200, other.text);
  assert.deepEqual(other.json.items, []);
});

test('Art. 4: a wrong name, an unlisted person and an unknown ID get the same answer', async () => {
  const shape = (r) => ({ status: r.status, items: r.json.items, total: r.json.total, estimate: r.json.total_is_estimate });
  const nothing = { status: 200, items: [], total: 0, estimate: false };
  assert.deepEqual(shape(await idSearch(LISTED.code, `${LISTED.name}甲`)), nothing, 'a wrong name');
  assert.deepEqual(shape(await idSearch(LISTED.code, LISTED.name.slice(0, 3))), nothing, 'a part of the name');
  assert.deepEqual(shape(await idSearch(PRIVATE.code, PRIVATE.name)), nothing, 'right ID and name, on no public list');
  assert.deepEqual(shape(await idSearch(UNKNOWN_ID, PRIVATE.name)), nothing, 'an ID nobody holds');
  // With both right, the listed person is found, masked (full-width name folded as the index does).
  const found = await idSearch(LISTED.code, ` ${LISTED.name} `);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((s) => [s.code, s.name]), [[listedCode, '名*']]);
  assert.ok(!found.text.includes(LISTED.code) && !found.text.includes(LISTED.name), found.text);
});

test('every ID search is rate-limited: per client for the public, per account for token holders', async () => {
  const limitedWithin = async (send) => {
    // The local limiter counts fixed one-minute windows of 10: 25 requests put more than
    // 10 into one window even if they straddle a boundary.
    for (let i = 0; i < 25; i++) {
      const r = await send();
      if (r.status === 429) return r;
      assert.equal(r.status, 200, r.text);
    }
    return undefined;
  };
  const ip = freshClient();
  const publicLimited = await limitedWithin(() => idSearch(UNKNOWN_ID, '某人', { headers: ip }));
  assert.ok(publicLimited, 'the public: no 429 after 25 ID searches from one client');
  assertError(publicLimited, 429, 'rate_limited');
  assert.equal(publicLimited.headers.get('retry-after'), '60');
  // A name search from the same client is not an ID search: not limited by it.
  assert.equal((await api(`/api/v1/subjects?q=${encodeURIComponent('贵阳')}`, { headers: ip })).status, 200);
  // A token holder is limited by its account, whichever address it sends from.
  const staff = token('admin', '--staff', `rate-${RUN}`);
  const staffLimited = await limitedWithin(() => idSearch(UNKNOWN_ID, '某人', { tokenValue: staff }));
  assert.ok(staffLimited, 'staff: no 429 after 25 ID searches from 25 addresses');
  assertError(staffLimited, 429, 'rate_limited');
});

test('Art. 4, 18: search totals and pages count only what the viewer may see', async () => {
  // Three private persons and three enterprises share a fragment; the persons' shorter names
  // rank first. What the public may know of is the three enterprises, and nothing else.
  const fragment = `间隙${RUN}`;
  for (const [i, tag] of [74, 75, 76].entries()) {
    await submit(DEPT, { code: residentId(tag), name: fragment }, [
      { item_code: 'LEVY-SOCIAL-INSURANCE-ARREARS', document_number: `NO-${RUN}-G${i}`, title: '欠缴社会保险费', decision_date: daysAgo(20), act_continuing: true },
    ]);
  }
  const orgs = ['W', 'X', 'Y'].map((tag, i) => ({ code: freshUscc(tag), name: `${fragment}${'甲乙丙'[i]}科技有限公司` }));
  for (const [i, org] of orgs.entries()) {
    await submit(DEPT, org, [{ item_code: 'LIC-PERMIT', document_number: `NO-${RUN}-O${i}`, title: '食品经营许可证', decision_date: daysAgo(3) }]);
  }
  const search = (text, extra = '', tokenValue) =>
    api(`/api/v1/subjects?q=${encodeURIComponent(text)}${extra}`, { token: tokenValue, headers: freshClient() });
  const nothing = (r, what) => {
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.items, r.json.total, r.json.total_is_estimate], [[], 0, false], `${what}: ${r.text}`);
  };
  // A private person's full name, a two-character fragment of it (the gram postings), and its
  // pinyin: no item and no count, for the public and for an agency searching by name.
  nothing(await search(PRIVATE.name), 'full name');
  nothing(await search('私测'), 'two characters');
  nothing(await search('yinsiceshiren'), 'pinyin');
  nothing(await search(PRIVATE.name, `&matter=${PROCUREMENT}`, agency(PROCUREMENT, 'totals')), 'agency');
  // The listed person is found, masked, and counted once.
  const listed = await search(LISTED.name);
  assert.deepEqual([listed.json.items.map((s) => s.code), listed.json.total], [[listedCode], 1], listed.text);
  assert.notEqual(listed.json.items[0].name, LISTED.name, 'a listed person\'s name is masked');
  // Pages without gaps: two, then one, of the three enterprises; the total says three.
  const first = await search(fragment, '&page_size=2');
  const second = await search(fragment, '&page_size=2&page=2');
  assert.deepEqual([first.json.items.length, first.json.total, first.json.total_is_estimate], [2, 3, false], first.text);
  assert.deepEqual([second.json.items.length, second.json.total], [1, 3], second.text);
  assert.deepEqual([...first.json.items, ...second.json.items].map((s) => s.code).sort(), orgs.map((o) => o.code).sort());
  assert.ok(Number(first.headers.get('x-d1-rows-read')) <= 200, `rows read ${first.headers.get('x-d1-rows-read')}`);
  // Platform staff know of every subject (Art. 19): all six, and the private person by name.
  const admin = token('admin', '--staff', `totals-${RUN}`);
  const everyone = await search(fragment, '&page_size=10', admin);
  assert.deepEqual([everyone.json.items.length, everyone.json.total], [6, 6], everyone.text);
  const byName = await search(PRIVATE.name, '', admin);
  assert.ok(byName.json.items.some((s) => s.code === privateCode), byName.text);
});

test('Art. 16 ¶2: an agency sees a person only through a record published for its matter', async () => {
  // Procurement: the arrears are published for it, so the ID search finds the person and the
  // profile shows the registration as held.
  const procurement = agency(PROCUREMENT, 'proc');
  const found = await idSearch(PRIVATE.code, PRIVATE.name, { tokenValue: procurement, matter: PROCUREMENT });
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.items.map((s) => [s.code, s.name]), [[privateCode, PRIVATE.name]]);
  const profile = await api(`/api/v1/subjects/${privateCode}?matter=${PROCUREMENT}`, { token: procurement });
  assert.equal(profile.status, 200, profile.text);
  assert.equal(profile.json.subject.id_number, PRIVATE.code);
  // Residence management: nothing is published for it, so the person is as unknown to it as
  // to the public — no search hit, no profile.
  const residence = agency(RESIDENCE, 'res');
  const none = await idSearch(PRIVATE.code, PRIVATE.name, { tokenValue: residence, matter: RESIDENCE });
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.json.items, []);
  assertError(await api(`/api/v1/subjects/${privateCode}?matter=${RESIDENCE}`, { token: residence }), 404, 'not_found');
  // A name search reads no records: even the procurement agency sees what the public sees.
  const byName = await api(`/api/v1/subjects?q=${encodeURIComponent(PRIVATE.name)}&matter=${PROCUREMENT}`, { token: procurement });
  assert.equal(byName.status, 200, byName.text);
  assert.ok(!byName.json.items.some((s) => s.code === privateCode), byName.text);
});

test('Art. 19–20, 31: an agency search is audited per subject returned, and needs the search permission', async () => {
  const staff = `audited-${RUN}`;
  const searcher = agency(PROCUREMENT, 'audited');
  const r = await idSearch(PRIVATE.code, PRIVATE.name, { tokenValue: searcher, matter: PROCUREMENT });
  assert.deepEqual(r.json.items.map((s) => s.code), [privateCode]);
  // The person sees the search under "who queried me" (Art. 31).
  const queries = await api('/api/v1/me/queries?page_size=50', { token: token('subject', '--subject', privateCode) });
  assert.equal(queries.status, 200, queries.text);
  const search = queries.json.items.find((q) => q.action === 'search' && q.account === staff);
  assert.ok(search, `no search by ${staff} in ${queries.text}`);
  assert.equal(search.matter, PROCUREMENT);
  // A clerk whose permissions leave out searching is refused (Art. 20 (一)).
  const clerk = agency(PROCUREMENT, 'clerk', '--actions', 'profile,records');
  const refused = await api(`/api/v1/subjects?q=${encodeURIComponent('贵阳')}&matter=${PROCUREMENT}`, { token: clerk });
  assertError(refused, 403, 'forbidden');
});

test('Art. 16 ¶3: a grant serves only the grantee it names', async () => {
  const subject = token('subject', '--subject', privateCode);
  const issued = await api('/api/v1/grants', { token: subject, method: 'POST', body: {
    grantee: '贵阳银行', items: ['LEVY-SOCIAL-INSURANCE-ARREARS'], purpose: '流动资金贷款审查', valid_from: daysAgo(0), valid_until: daysAgo(-30) } });
  assert.equal(issued.status, 201, issued.text);
  const records = (grantee) => api(`/api/v1/subjects/${privateCode}/records`, { token: token('authorized', '--grant', issued.json.id, '--grantee', grantee) });
  const own = await records('贵阳银行');
  assert.equal(own.status, 200, own.text);
  assert.deepEqual(own.json.items.map((x) => x.item_code), ['LEVY-SOCIAL-INSURANCE-ARREARS']);
  // Another bank holding the number is told what a made-up number is told.
  const stolen = await records('另一家银行');
  const madeUp = await api(`/api/v1/subjects/${privateCode}/records`, { token: token('authorized', '--grant', `SQ-NONE-${RUN}`, '--grantee', '另一家银行') });
  assertError(stolen, 403, 'forbidden');
  assert.deepEqual(stolen.json, madeUp.json);
  // A token without the grantee claim is malformed for its role.
  const unbound = await api(`/api/v1/subjects/${privateCode}/records`, { token: token('authorized', '--grant', issued.json.id) });
  assertError(unbound, 401, 'invalid_token');
});

test('tokens live at most an hour for staff and agencies, a day for subjects', async () => {
  assertError(await api('/api/v1/admin/overdue', { token: token('admin', '--ttl', '61m') }), 401, 'invalid_token');
  assert.equal((await api('/api/v1/admin/overdue', { token: token('admin', '--ttl', '60m') })).status, 200);
  const long = await api(`/api/v1/subjects/${privateCode}?matter=${PROCUREMENT}`, { token: agency(PROCUREMENT, 'long', '--ttl', '2h') });
  assertError(long, 401, 'invalid_token');
  assert.match(long.json.message_zh, /1 小时/);
  assert.equal((await api('/api/v1/me/queries', { token: token('subject', '--subject', privateCode, '--ttl', '24h') })).status, 200);
  assertError(await api('/api/v1/me/queries', { token: token('subject', '--subject', privateCode, '--ttl', '25h') }), 401, 'invalid_token');
});

test('a revoked token is refused on the next request, whatever its expiry', async () => {
  const victim = token('agency', '--agency', `泄露测试机关${RUN}`, '--matter', PROCUREMENT, '--staff', `leaked-${RUN}`);
  const profile = () => api(`/api/v1/subjects/${privateCode}?matter=${PROCUREMENT}`, { token: victim });
  assert.equal((await profile()).status, 200);
  const { jti } = claimsOf(victim);
  const staff = token('admin', '--staff', `revoker-${RUN}`);
  const revoke = (body, tokenValue = staff) => api('/api/v1/admin/tokens/revoked', { token: tokenValue, method: 'POST', body });
  assertError(await revoke({ jti, reason: '短' }), 400, 'invalid_parameter');
  assertError(await revoke({ jti, reason: '令牌泄露，立即吊销', extra: 1 }), 400, 'invalid_body');
  assertError(await revoke({ jti, reason: '令牌泄露，立即吊销' }, token('subject', '--subject', privateCode)), 403, 'forbidden');
  const anonymous = await api('/api/v1/admin/tokens/revoked', { method: 'POST', body: { jti, reason: '令牌泄露，立即吊销' } });
  assertError(anonymous, 401, 'invalid_token');
  assert.equal((await profile()).status, 200, 'refused revocations change nothing');
  const revoked = await revoke({ jti, reason: '令牌泄露，立即吊销' });
  assert.equal(revoked.status, 201, revoked.text);
  assert.deepEqual(revoked.json, { jti, revoked: true });
  const refused = await profile();
  assertError(refused, 401, 'invalid_token');
  assert.match(refused.json.message_zh, /吊销/);
  // Revoking it again is harmless; other tokens of the same agency still work.
  assert.equal((await revoke({ jti, reason: '令牌泄露，再次确认' })).status, 201);
  const fresh = token('agency', '--agency', `泄露测试机关${RUN}`, '--matter', PROCUREMENT, '--staff', `leaked-${RUN}`);
  assert.equal((await api(`/api/v1/subjects/${privateCode}?matter=${PROCUREMENT}`, { token: fresh })).status, 200);
});

test('a revoked token writes nothing: no record, no subject, no audit entry', async () => {
  // The revocation list is read alongside the request, not before it, so what keeps a
  // revoked token from writing is the guard inside every write's own batch.
  const department = `吊销写入测试局${RUN}`;
  const provider = token('provider', '--provider', department);
  const searcher = agency(PROCUREMENT, 'revoked-searcher');
  const staff = token('admin', '--staff', `revoker-${RUN}`);
  for (const victim of [provider, searcher]) {
    const r = await api('/api/v1/admin/tokens/revoked', {
      token: staff, method: 'POST', body: { jti: claimsOf(victim).jti, reason: '令牌泄露，立即吊销' },
    });
    assert.equal(r.status, 201, r.text);
  }
  const code = freshUscc('U');
  const submitted = await api('/api/v1/records', {
    token: provider, method: 'POST',
    body: { records: [{
      subject: { code, name: `吊销写入测试${RUN}有限公司` }, item_code: 'PEN-GENERAL', document_number: `RVK-${RUN}`,
      title: '罚款', legal_basis: '《测试法》第一条', decision_date: daysAgo(30), act_end_date: daysAgo(31), penalty_types: ['fine'],
    }] },
  });
  assertError(submitted, 401, 'invalid_token');
  assertError(await api(`/api/v1/subjects/${code}`), 404, 'not_found');
  // An agency's search appends one audit entry per subject it returns: none for a revoked token.
  const search = await api(`/api/v1/subjects?q=${encodeURIComponent('贵阳')}&matter=${PROCUREMENT}`, { token: searcher, headers: freshClient() });
  assertError(search, 401, 'invalid_token');
  if (!NEEDS_STATE) {
    const jtis = [provider, searcher].map((t) => `'${claimsOf(t).jti}'`).join(', ');
    assert.deepEqual(d1(`SELECT count(*) AS n FROM audit_log WHERE token_id IN (${jtis})`), [{ n: 0 }]);
    assert.deepEqual(d1(`SELECT count(*) AS n FROM records WHERE provider = '${department}'`), [{ n: 0 }]);
  }
});

test('the revocation is in the audit chain', { skip: NEEDS_STATE }, () => {
  const rows = d1(`SELECT action, items, outcome FROM audit_log WHERE viewer = 'revoker-${RUN}' ORDER BY seq`);
  assert.equal(rows.filter((r) => r.action === 'token.revoke' && r.outcome === 'ok').length, 4, JSON.stringify(rows));
});
