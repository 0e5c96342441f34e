// The disclosure matrix (Art. 4, 14, 16, 17, 31, 33): every viewer role × every catalog
// item × the window edges (last day tomorrow, last day today, ended yesterday), asserting
// what must appear, the last day served, and that nothing else appears anywhere in the
// bodies. The rules come from the table below, written by hand — not from the catalog the
// worker serves — so that a wrong window, level or list of agency matters in the
// implementation fails here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, shanghaiToday, iso, addDays, addYears, allRecords, freshUscc, assertError, d1, RUN, NEEDS_STATE } from './lib.mjs';
import { addWorkingDays } from './working_days.mjs';

// The public credit information catalog, transcribed by hand from shared/data/catalog.toml
// (version 2026.1) and read against the articles: Art. 12 (the classes), Art. 14 and 16 ¶3
// (public / authorized / government), Art. 16 ¶2 and 17 (the matters agencies query an item
// for; '*' every matter), Art. 33 (dishonesty: three years from the end of the act), the
// national rule for penalty publicity (国家发展改革委令第58号: 3 months to 3 years from the
// decision, 1 year minimum for special equipment, work safety and fire), and the SPC rule on
// dishonest judgment debtors (法释〔2017〕7号 第十条: until performed or the inclusion period ends).
//
// THIS TABLE MUST BE CHANGED BY HAND WITH THE CATALOG: adding, withdrawing or changing an
// item in shared/data/catalog.toml without changing it here fails the coverage test below.
//
// window.rule:  none — no query limit; validity — until valid_until (`years` from the decision
// without one); act_end — `years` after act_end_date; penalty_publicity — `max_years` from the
// decision, or 3 years from the end of the act if sooner; list_membership — until valid_until,
// and a dishonesty list no longer than 3 years from the end of the act; until_performed — until
// the day before performance (act_end_date) or the end of the inclusion period (valid_until).
const LICENSING = 'administrative_licensing';
const CATALOG = {
  'REG-BASIC': { class: 'registration', polarity: 'neutral', disclosure: 'public', window: { rule: 'none' }, agency_matters: ['*'] },
  'LIC-PERMIT': { class: 'administrative_licensing', polarity: 'neutral', disclosure: 'public', window: { rule: 'validity', years: 5 }, agency_matters: ['*'] },
  'PEN-GENERAL': { class: 'administrative_penalty', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'penalty_publicity', min_months: 3, max_years: 3 }, agency_matters: ['*'] },
  'PEN-SAFETY': { class: 'administrative_penalty', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'penalty_publicity', min_months: 12, max_years: 3 }, agency_matters: ['*'] },
  'COE-MEASURE': { class: 'administrative_coercion', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'act_end', years: 3 }, agency_matters: ['*'] },
  'CFM-QUALIFICATION': { class: 'administrative_confirmation', polarity: 'neutral', disclosure: 'public', window: { rule: 'validity', years: 3 }, agency_matters: ['*'] },
  'INS-RANDOM': { class: 'administrative_inspection', polarity: 'neutral', disclosure: 'public', window: { rule: 'validity', years: 3 }, agency_matters: ['*'] },
  'INS-SUPERVISION-GRADE': { class: 'administrative_inspection', polarity: 'neutral', disclosure: 'government', window: { rule: 'validity', years: 1 },
    agency_matters: [LICENSING, 'administrative_inspection', 'daily_management'] },
  'LEVY-TAX-ARREARS': { class: 'administrative_levy', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'act_end', years: 3 }, agency_matters: ['*'] },
  'LEVY-SOCIAL-INSURANCE-ARREARS': { class: 'administrative_levy', polarity: 'dishonesty', disclosure: 'authorized', window: { rule: 'act_end', years: 3 },
    agency_matters: [LICENSING, 'government_procurement', 'bidding_and_tendering', 'funding_support', 'commendation_and_award'] },
  'RWD-ADMIN': { class: 'administrative_reward', polarity: 'positive', disclosure: 'public', window: { rule: 'validity', years: 3 }, agency_matters: ['*'] },
  'BEN-PAYMENT': { class: 'administrative_benefit', polarity: 'neutral', disclosure: 'authorized', window: { rule: 'validity', years: 3 },
    agency_matters: ['funding_support', 'residence_management', 'daily_management'] },
  'JUD-NONFULFILMENT': { class: 'non_fulfilment', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'until_performed' }, agency_matters: ['*'] },
  'HON-COMMENDATION': { class: 'honours', polarity: 'positive', disclosure: 'public', window: { rule: 'validity', years: 5 }, agency_matters: ['*'] },
  'HON-VOLUNTEER': { class: 'honours', polarity: 'positive', disclosure: 'authorized', window: { rule: 'validity', years: 5 },
    agency_matters: ['commendation_and_award', 'public_servant_recruitment'] },
  'CMT-COMMITMENT': { class: 'credit_commitment', polarity: 'neutral', disclosure: 'public', window: { rule: 'validity', years: 3 }, agency_matters: ['*'] },
  'CMT-BREACH': { class: 'credit_commitment', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'act_end', years: 3 }, agency_matters: ['*'] },
  'LST-SERIOUS': { class: 'serious_dishonesty_list', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'list_membership', years: 3 }, agency_matters: ['*'] },
  'LST-RED': { class: 'red_list', polarity: 'positive', disclosure: 'public', window: { rule: 'list_membership', years: 3 }, agency_matters: ['*'] },
  'GOV-INTEGRITY': { class: 'government_integrity', polarity: 'dishonesty', disclosure: 'public', window: { rule: 'act_end', years: 3 }, agency_matters: ['*'] },
};
const ITEMS = Object.entries(CATALOG).map(([code, item]) => ({ code, ...item }));
/** Art. 33's period, for the limits that apply besides an item's own window. */
const ART33_YEARS = 3;

const today = shanghaiToday();
const PROVIDER = '矩阵测试监管局';
const CODE = freshUscc('M');
// The red list is cut at once when the subject becomes dishonest during its term (the
// catalog's removal condition for LST-RED), and CODE holds dishonesty records of every kind:
// the red-list records go to a subject that has no dishonesty information.
const CLEAN = freshUscc('P');
const OTHER = freshUscc('N', '520103');
const subjectOf = (item) => (item.code === 'LST-RED' ? CLEAN : CODE);
const minDate = (...dates) => dates.filter(Boolean).reduce((a, b) => (a < b ? a : b));

/** A record of `item` placed at one edge of its window, and its last day served by the
 * rules of the table (`null`: no end). */
function placed(item, edge) {
  // The intended last day served: tomorrow ("day before expiry"), today, or yesterday (ended).
  const last = { tomorrow: addDays(today, 1), today, yesterday: addDays(today, -1) }[edge];
  const w = item.window;
  const early = addDays(today, -300);
  switch (w.rule) {
    case 'none':
      return { dates: { decision_date: iso(addDays(today, -400)) }, lastDay: null, endReason: null };
    case 'act_end': {
      // N years from the end of the act (29 February → 28 February: on 2028-02-29 no act end
      // gives the last day "today", and the record has ended).
      const end = addYears(last, -w.years);
      return { dates: { decision_date: iso(end), act_end_date: iso(end) }, lastDay: addYears(end, w.years), endReason: 'expired' };
    }
    case 'penalty_publicity': {
      const decided = addYears(last, -w.max_years);
      const end = addDays(decided, 5);
      return { dates: { decision_date: iso(decided), act_end_date: iso(end), penalty_types: ['fine'] },
        lastDay: minDate(addYears(decided, w.max_years), addYears(end, ART33_YEARS)), endReason: 'expired' };
    }
    case 'validity':
    case 'list_membership': {
      // At the 'tomorrow' edge the record gives no end and the item's `years` from the decision
      // apply; at the others its own end (valid_until).
      const byYears = edge === 'tomorrow';
      const decided = byYears ? addYears(last, -w.years) : early;
      const term = byYears ? addYears(decided, w.years) : last;
      const dates = { decision_date: iso(decided), ...(byYears ? {} : { valid_until: iso(last) }) };
      if (w.rule === 'validity' || item.polarity !== 'dishonesty') return { dates, lastDay: term, endReason: 'lapsed' };
      // A dishonesty listing rests on an act (Art. 25, 33), here one that ended on the day of
      // the listing (at 'tomorrow') or ten days before it: no longer than 3 years from then.
      const end = byYears ? decided : addDays(decided, -10);
      return { dates: { ...dates, act_end_date: iso(end) }, lastDay: minDate(term, addYears(end, ART33_YEARS)), endReason: 'lapsed' };
    }
    case 'until_performed':
      // Performed today: not served from today on (SPC rule, Art. 10), so the last day was
      // yesterday. Still unperformed: served to the end of the inclusion period.
      if (edge === 'yesterday') return { dates: { decision_date: iso(early), act_end_date: iso(today) }, lastDay: last, endReason: 'performed' };
      return { dates: { decision_date: iso(early), act_continuing: true, valid_until: iso(last) }, lastDay: last, endReason: 'lapsed' };
    default: throw new Error(`no rule ${w.rule} in the hand-written table`);
  }
}

const EDGES = ['tomorrow', 'today', 'yesterday'];
const CASES = ITEMS.flatMap((item) => EDGES.filter((edge) => item.window.rule !== 'none' || edge === 'today')
  .map((edge) => ({ item, edge, subject: subjectOf(item), ...placed(item, edge) })));
const docNo = (item, edge) => `MX-${RUN}-${item.code}-${edge}`;

before(async () => {
  const provider = token('provider', '--provider', PROVIDER);
  const records = CASES.map(({ item, edge, subject, dates }) => ({
    subject: { code: subject, name: subject === CODE ? '贵阳矩阵测试科技有限公司' : '贵阳矩阵守信测试科技有限公司' },
    item_code: item.code,
    document_number: docNo(item, edge),
    title: `矩阵 ${item.code} ${edge}`,
    legal_basis: '《贵州省社会信用条例》第十二条',
    persons: [{ role: 'legal_representative', name: '欧阳矩阵', id_number: '520102198709086419' }],
    ...dates,
  }));
  const r = await api('/api/v1/records', { token: provider, method: 'POST', body: { records } });
  assert.ok(r.status === 201 || r.status === 200, r.text);
  // Grants from the subject to a bank covering two items (Art. 16 ¶3): valid today, expired
  // yesterday, revoked today.
  if (process.env.STATE_DIR) {
    const sql = `INSERT OR IGNORE INTO grants (id, subject_code, grantee, items, purpose, valid_from, valid_until, revoked_on) VALUES
      ('G-LIVE-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS","PEN-GENERAL"]', '贷款审查', '${iso(addDays(today, -10))}', '${iso(addDays(today, 10))}', NULL),
      ('G-EXPIRED-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS"]', '贷款审查', '${iso(addDays(today, -30))}', '${iso(addDays(today, -1))}', NULL),
      ('G-REVOKED-${RUN}', '${CODE}', '测试银行', '["LEVY-SOCIAL-INSURANCE-ARREARS"]', '贷款审查', '${iso(addDays(today, -30))}', '${iso(addDays(today, 30))}', '${iso(today)}');`;
    d1(sql);
  }
});

test('the served catalog has exactly the items of the hand-written table', async () => {
  // The only use of /api/v1/catalog: an item added or withdrawn without updating the table fails here.
  const served = (await api('/api/v1/catalog')).json.items.map((i) => i.code).sort();
  assert.deepEqual(served, Object.keys(CATALOG).sort(), 'update the table of disclosure.test.mjs with the catalog');
});

/** The expected view of a case for a viewer: 'hidden', 'masked' or 'full'. */
function expected(viewer, { item, subject, lastDay }) {
  const live = lastDay === null || iso(lastDay) >= iso(today);
  const publicView = item.disclosure === 'public' && live ? 'masked' : 'hidden';
  switch (viewer.role) {
    case 'admin': case 'own_provider': return 'full';
    case 'own_subject': return viewer.code === subject ? 'full' : publicView;
    case 'public': case 'other_subject': case 'other_provider': return publicView;
    case 'agency': {
      const allowed = item.agency_matters.includes('*') || item.agency_matters.includes(viewer.matter);
      return allowed ? (live ? 'full' : 'hidden') : publicView;
    }
    case 'grantee': {
      const covered = viewer.subject === subject && viewer.items.includes(item.code) && item.disclosure !== 'government';
      return covered ? (live ? 'full' : 'hidden') : publicView;
    }
    default: throw new Error(viewer.role);
  }
}

function viewers(subject) {
  return [
    { role: 'public' },
    { role: 'own_subject', code: subject, token: token('subject', '--subject', subject) },
    { role: 'other_subject', token: token('subject', '--subject', OTHER) },
    { role: 'agency', matter: LICENSING, query: `&matter=${LICENSING}`,
      token: token('agency', '--agency', 'GZ-SCJG', '--matter', `${LICENSING},government_procurement`) },
    { role: 'agency', matter: 'commendation_and_award', query: '&matter=commendation_and_award',
      token: token('agency', '--agency', 'GZ-WMB', '--matter', 'commendation_and_award') },
    { role: 'agency', matter: 'residence_management', query: '&matter=residence_management',
      token: token('agency', '--agency', 'GZ-GAJ', '--matter', 'residence_management') },
    { role: 'own_provider', token: token('provider', '--provider', PROVIDER) },
    { role: 'other_provider', token: token('provider', '--provider', '另一个部门') },
    { role: 'admin', token: token('admin', '--staff', 'auditor-1') },
    ...(process.env.STATE_DIR ? [
      { role: 'grantee', subject: CODE, items: ['LEVY-SOCIAL-INSURANCE-ARREARS', 'PEN-GENERAL'], token: token('authorized', '--grant', `G-LIVE-${RUN}`, '--grantee', '测试银行') },
    ] : []),
  ];
}

test('every role × every catalog item × the window edges sees exactly what the rules allow', async () => {
  assert.ok(CASES.length >= 3 * (ITEMS.length - 1), 'every item at every edge');
  for (const subject of [CODE, CLEAN]) {
    const cases = CASES.filter((c) => c.subject === subject);
    assert.ok(cases.length > 0, `cases of ${subject}`);
    for (const viewer of viewers(subject)) {
      const query = viewer.query ?? '';
      const profile = await api(`/api/v1/subjects/${subject}${query ? '?' + query.slice(1) : ''}`, { token: viewer.token });
      assert.equal(profile.status, 200, `${viewer.role}: ${profile.text}`);
      const records = await allRecords(subject, viewer.token, query);
      const bodies = profile.text + JSON.stringify(records);
      let shown = 0;
      for (const c of cases) {
        const { item, edge, lastDay, endReason } = c;
        const want = expected(viewer, c);
        const doc = docNo(item, edge);
        const found = records.find((r) => r.document_number === doc);
        const where = `${viewer.role}${viewer.matter ? '/' + viewer.matter : ''} ${item.code} last day ${edge}`;
        if (want === 'hidden') {
          assert.ok(!found, `${where}: must not be shown`);
          assert.ok(!bodies.includes(doc), `${where}: leaked into a body`);
          continue;
        }
        shown++;
        assert.ok(found, `${where}: must be shown`);
        assert.equal(found.class, item.class, `${where}: class`);
        assert.equal(found.disclosure, item.disclosure, `${where}: disclosure level`);
        assert.equal(found.polarity, item.polarity, `${where}: polarity`);
        const person = found.persons[0];
        if (want === 'masked') {
          assert.equal(person.name, '欧阳*', where);
          assert.equal(person.id_number, '520102************', where);
        } else {
          assert.equal(person.name, '欧阳矩阵', where);
          assert.equal(person.id_number, '520102198709086419', where);
        }
        if (lastDay === null) {
          assert.deepEqual(found.publicity, { state: 'live', last_day: null }, where);
        } else if (iso(lastDay) >= iso(today)) {
          assert.deepEqual(found.publicity, { state: 'live', last_day: iso(lastDay) }, `${where}: live to its last day`);
        } else {
          assert.deepEqual(found.publicity, { state: 'ended', since: iso(addDays(lastDay, 1)), reason: endReason }, `${where}: ended`);
        }
      }
      if (['admin', 'own_subject', 'own_provider'].includes(viewer.role)) {
        assert.equal(shown, cases.length, `${viewer.role}: every record of ${subject}`);
      }
      if (['public', 'other_subject', 'other_provider'].includes(viewer.role)) {
        assert.ok(shown > 0, `${viewer.role}: the live public records of ${subject}`);
        assert.ok(!bodies.includes('欧阳矩阵') && !bodies.includes('19870908'), `${viewer.role}: unmasked person leaked`);
      }
      // Counts never count what is withheld.
      assert.ok(profile.json.classes.length > 0, `${viewer.role}: the profile lists its classes`);
      for (const cls of profile.json.classes) {
        const n = records.filter((r) => r.class === cls.class).length;
        assert.equal(cls.count, n, `${viewer.role}: count of ${cls.class}`);
      }
    }
  }
});

test('Art. 16 ¶3: an expired or revoked grant gives no more than the public sees', { skip: NEEDS_STATE }, async () => {
  const publicView = (await allRecords(CODE)).map((r) => r.document_number).sort();
  assert.ok(publicView.length > 0, 'the public sees the live public records');
  for (const grant of [`G-EXPIRED-${RUN}`, `G-REVOKED-${RUN}`]) {
    const records = await allRecords(CODE, token('authorized', '--grant', grant, '--grantee', '测试银行'));
    assert.ok(!records.some((r) => r.item_code === 'LEVY-SOCIAL-INSURANCE-ARREARS'), grant);
    assert.deepEqual(records.map((r) => r.document_number).sort(), publicView, `${grant}: what the public sees`);
    assert.ok(records.every((r) => r.disclosure === 'public' && r.publicity.state === 'live' && r.masked), grant);
  }
  const unknown = await api(`/api/v1/subjects/${CODE}`, { token: token('authorized', '--grant', `G-NONE-${RUN}`, '--grantee', '测试银行') });
  assertError(unknown, 403, 'forbidden');
});

/** The same day `n` months later, clamped to the month's end (民法典 第二百零三条). */
function addMonths(d, n) {
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const y = Math.floor(index / 12), m = index % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

test('Art. 35 and 58号令: a penalty is repaired only after its minimum publicity (min_months of the table)', async () => {
  const department = '矩阵测试修复局';
  const provider = token('provider', '--provider', department);
  const subject = freshUscc('Q');
  const penalties = ITEMS.filter((i) => i.window.rule === 'penalty_publicity');
  assert.ok(penalties.length > 0, 'the catalog has penalty items');
  const records = penalties.map((item) => {
    // Decided a little more than the minimum ago, so that its first day of repair has passed.
    const decided = addDays(addMonths(today, -item.window.min_months), -3);
    return { item, decided, earliest: addDays(addMonths(decided, item.window.min_months), 1) };
  });
  const submitted = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: records.map(({ item, decided }) => ({
    subject: { code: subject, name: '贵阳矩阵修复测试科技有限公司' }, item_code: item.code, document_number: `MXR-${RUN}-${item.code}`,
    title: '罚款', legal_basis: '《测试法》第一条', decision_date: iso(decided), act_end_date: iso(addDays(decided, -1)), penalty_types: ['fine'] })) } });
  assert.ok(submitted.status === 201 || submitted.status === 200, submitted.text);
  const held = await allRecords(subject, provider);
  for (const { item, earliest } of records) {
    const record = held.find((r) => r.document_number === `MXR-${RUN}-${item.code}`);
    assert.ok(record, item.code);
    const body = (received) => ({ ground: 'repair', received_on: iso(received), document_number: `黔修复〔${RUN}〕${item.code}号`, reason: '已缴清罚款并完成整改' });
    const early = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: body(addDays(earliest, -1)) });
    assertError(early, 409, 'conflict');
    assert.ok(early.json.message_en.includes(iso(earliest)), `${item.code}: the first day of repair is ${iso(earliest)}: ${early.text}`);
    const accepted = await api(`/api/v1/records/${record.id}/withdrawal`, { token: provider, method: 'POST', body: body(earliest) });
    assert.equal(accepted.status, 201, `${item.code}: ${accepted.text}`);
    const due = addWorkingDays(earliest, 3);
    assert.deepEqual([accepted.json.due, accepted.json.provisional], [due.due, due.provisional], `${item.code}: 3 working days after ${iso(earliest)}`);
  }
});

test('Art. 17: an agency querying outside its published matters is refused, and must name a matter', async () => {
  const agency = token('agency', '--agency', 'GZ-SCJG', '--matter', LICENSING);
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
  assert.ok(records.length > 0, 'the public records of CODE are shown, or the check below is vacuous');
  assert.ok(records.every((r) => r.disclosure === 'public' && r.publicity.state === 'live'));
});

test('Art. 19–20: queries beyond the public level are audited', { skip: NEEDS_STATE }, async () => {
  const staff = `auditor-${Date.now()}`;
  await api(`/api/v1/subjects/${CODE}`, { token: token('admin', '--staff', staff) });
  const rows = d1(`SELECT viewer_role, action, subject_code FROM audit_log WHERE viewer = '${staff}'`);
  assert.deepEqual(rows, [{ viewer_role: 'admin', action: 'profile', subject_code: CODE }]);
});
