// The disclosure matrix (Art. 4, 14, 16, 17, 31, 33): every viewer role × every catalog
// item × the window edges (last day tomorrow, last day today, ended yesterday), asserting
// what must appear and that nothing else appears anywhere in the bodies.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, shanghaiToday, iso, addDays, addYears, allRecords, freshUscc, assertError, d1, RUN, NEEDS_STATE } from './lib.mjs';

const today = shanghaiToday();
const PROVIDER = '矩阵测试监管局';
const CODE = freshUscc('M');
const OTHER = freshUscc('N', '520103');
let catalog;

/** Dates that put a record of `item` at one edge of its window. */
function datesFor(item, edge) {
  // The last day served: tomorrow ("day before expiry"), today, or yesterday (ended).
  const last = { tomorrow: addDays(today, 1), today, yesterday: addDays(today, -1) }[edge];
  const w = item.window;
  switch (w.rule) {
    case 'none': return { decision_date: iso(addDays(today, -400)) };
    case 'act_end': return { decision_date: iso(addYears(last, -w.years)), act_end_date: iso(addYears(last, -w.years)) };
    case 'penalty_publicity': return { decision_date: iso(addYears(last, -w.max_years)), act_end_date: iso(addDays(addYears(last, -w.max_years), 5)) };
    case 'validity':
    case 'list_membership': return { decision_date: iso(addDays(today, -300)), valid_until: iso(last) };
    default: throw new Error(`unknown rule ${w.rule}`);
  }
}

const EDGES = ['tomorrow', 'today', 'yesterday'];
const docNo = (item, edge) => `MX-${RUN}-${item.code}-${edge}`;

before(async () => {
  catalog = (await api('/api/v1/catalog')).json.items;
  const provider = token('provider', '--provider', PROVIDER);
  const records = [];
  for (const item of catalog) {
    for (const edge of EDGES) {
      if (item.window.rule === 'none' && edge !== 'today') continue;
      records.push({
        subject: { code: CODE, name: '贵阳矩阵测试科技有限公司' },
        item_code: item.code,
        document_number: docNo(item, edge),
        title: `矩阵 ${item.code} ${edge}`,
        legal_basis: item.legal_basis,
        persons: [{ role: 'legal_representative', name: '欧阳矩阵', id_number: '520102198709086419' }],
        ...datesFor(item, edge),
      });
    }
  }
  const r = await api('/api/v1/records', { token: provider, method: 'POST', body: { records } });
  assert.equal(r.status, 201, r.text);
  // A grant from the subject to a bank covering two items, valid today (Art. 16 ¶3).
  if (process.env.STATE_DIR) {
    const sql = `INSERT INTO grants (id, subject_code, grantee, items, purpose, valid_from, valid_until, revoked_on) VALUES
      ('G-LIVE-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS","PEN-GENERAL"]', '贷款审查', '${iso(addDays(today, -10))}', '${iso(addDays(today, 10))}', NULL),
      ('G-EXPIRED-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS"]', '贷款审查', '${iso(addDays(today, -30))}', '${iso(addDays(today, -1))}', NULL),
      ('G-REVOKED-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS"]', '贷款审查', '${iso(addDays(today, -30))}', '${iso(addDays(today, 30))}', '${iso(today)}');`;
    d1(sql);
  }
});

/** The expected view of (item, edge) for a viewer: 'hidden', 'masked' or 'full'. */
function expected(viewer, item, edge) {
  const live = edge !== 'yesterday';
  const publicView = item.disclosure === 'public' && live ? 'masked' : 'hidden';
  switch (viewer.role) {
    case 'admin': case 'own_subject': case 'own_provider': return 'full';
    case 'public': case 'other_subject': case 'other_provider': return publicView;
    case 'agency': {
      const allowed = item.agency_matters.includes('*') || item.agency_matters.includes(viewer.matter);
      return allowed ? (live ? 'full' : 'hidden') : publicView;
    }
    case 'grantee': {
      const covered = viewer.items.includes(item.code) && item.disclosure !== 'government';
      return covered ? (live ? 'full' : 'hidden') : publicView;
    }
    case 'dead_grantee': return publicView;
    default: throw new Error(viewer.role);
  }
}

function viewers() {
  return [
    { role: 'public' },
    { role: 'own_subject', token: token('subject', '--subject', CODE) },
    { role: 'other_subject', token: token('subject', '--subject', OTHER) },
    { role: 'agency', matter: 'administrative_licensing', query: '&matter=administrative_licensing',
      token: token('agency', '--agency', 'GZ-SCJG', '--matter', 'administrative_licensing,government_procurement') },
    { role: 'agency', matter: 'commendation_and_award', query: '&matter=commendation_and_award',
      token: token('agency', '--agency', 'GZ-WMB', '--matter', 'commendation_and_award') },
    { role: 'own_provider', token: token('provider', '--provider', PROVIDER) },
    { role: 'other_provider', token: token('provider', '--provider', '另一个部门') },
    { role: 'admin', token: token('admin', '--staff', 'auditor-1') },
    ...(process.env.STATE_DIR ? [
      { role: 'grantee', items: ['LEVY-SOCIAL-INSURANCE-ARREARS', 'PEN-GENERAL'], token: token('authorized', '--grant', `G-LIVE-${RUN}`) },
    ] : []),
  ];
}

test('every role × every catalog item × the window edges sees exactly what the rules allow', async () => {
  for (const viewer of viewers()) {
    const query = viewer.query ?? '';
    const profile = await api(`/api/v1/subjects/${CODE}${query ? '?' + query.slice(1) : ''}`, { token: viewer.token });
    assert.equal(profile.status, 200, `${viewer.role}: ${profile.text}`);
    const records = await allRecords(CODE, viewer.token, query);
    const bodies = profile.text + JSON.stringify(records);
    for (const item of catalog) {
      for (const edge of EDGES) {
        if (item.window.rule === 'none' && edge !== 'today') continue;
        const want = expected(viewer, item, edge);
        const doc = docNo(item, edge);
        const found = records.find((r) => r.document_number === doc);
        const where = `${viewer.role}${viewer.matter ? '/' + viewer.matter : ''} ${item.code} last day ${edge}`;
        if (want === 'hidden') {
          assert.ok(!found, `${where}: must not be shown`);
          assert.ok(!bodies.includes(doc), `${where}: leaked into a body`);
          continue;
        }
        assert.ok(found, `${where}: must be shown`);
        const person = found.persons[0];
        if (want === 'masked') {
          assert.equal(person.name, '欧阳*', where);
          assert.equal(person.id_number, '520102********6419', where);
        } else {
          assert.equal(person.name, '欧阳矩阵', where);
          assert.equal(person.id_number, '520102198709086419', where);
        }
        assert.equal(found.publicity.state, edge === 'yesterday' ? 'ended' : 'live', where);
      }
    }
    if (['public', 'other_subject', 'other_provider'].includes(viewer.role)) {
      assert.ok(!bodies.includes('欧阳矩阵') && !bodies.includes('198709086415'.slice(0, 8)), `${viewer.role}: unmasked person leaked`);
    }
    // Counts never count what is withheld.
    for (const c of profile.json.classes) {
      const shown = records.filter((r) => r.class === c.class).length;
      assert.equal(c.count, shown, `${viewer.role}: count of ${c.class}`);
    }
  }
});

test('Art. 16 ¶3: an expired or revoked grant gives no more than the public sees', { skip: NEEDS_STATE }, async () => {
  for (const grant of [`G-EXPIRED-${RUN}`, `G-REVOKED-${RUN}`]) {
    const records = await allRecords(CODE, token('authorized', '--grant', grant));
    assert.ok(!records.some((r) => r.item_code === 'LEVY-SOCIAL-INSURANCE-ARREARS'), grant);
    assert.ok(records.every((r) => r.disclosure === 'public' && r.publicity.state === 'live' && r.masked), grant);
  }
  const unknown = await api(`/api/v1/subjects/${CODE}`, { token: token('authorized', '--grant', `G-NONE-${RUN}`) });
  assertError(unknown, 403, 'forbidden');
});

test('Art. 17: an agency querying outside its published matters is refused, and must name a matter', async () => {
  const agency = token('agency', '--agency', 'GZ-SCJG', '--matter', 'administrative_licensing');
  assertError(await api(`/api/v1/subjects/${CODE}?matter=public_servant_recruitment`, { token: agency }), 403, 'forbidden');
  assertError(await api(`/api/v1/subjects/${CODE}`, { token: agency }), 400, 'invalid_parameter');
  assertError(await api(`/api/v1/subjects/${CODE}?matter=spying`, { token: agency }), 400, 'invalid_parameter');
});

test('tokens: unknown key, tampered claims, expired, malformed and non-bearer are 401', async () => {
  const good = token('subject', '--subject', CODE);
  const [header, claims, signature] = good.split('.');
  const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...decoded, role: 'admin' })).toString('base64url');
  const cases = {
    unknownKey: `Bearer ${token('admin', '--untrusted-key')}`,
    tampered: `Bearer ${header}.${forged}.${signature}`,
    expired: `Bearer ${token('admin', '--ttl', '0s')}`,
    malformed: 'Bearer not-a-token',
    basic: 'Basic YWRtaW46YWRtaW4=',
  };
  for (const [name, value] of Object.entries(cases)) {
    const r = await api(`/api/v1/subjects/${CODE}`, { headers: { Authorization: value } });
    assertError(r, 401, 'invalid_token');
    assert.ok(!r.text.includes('MX-'), `${name}: no data with an error`);
  }
});

test('object-level authorization: a subject token does not open another subject’s non-public records', async () => {
  const mine = token('subject', '--subject', OTHER);
  const records = await allRecords(CODE, mine);
  assert.ok(records.length > 0);
  assert.ok(records.every((r) => r.disclosure === 'public' && r.publicity.state === 'live'));
});

test('Art. 19–20: queries beyond the public level are audited', { skip: NEEDS_STATE }, async () => {
  const staff = `auditor-${Date.now()}`;
  await api(`/api/v1/subjects/${CODE}`, { token: token('admin', '--staff', staff) });
  const rows = d1(`SELECT viewer_role, action, subject_code FROM audit_log WHERE viewer = '${staff}'`);
  assert.deepEqual(rows, [{ viewer_role: 'admin', action: 'profile', subject_code: CODE }]);
});
