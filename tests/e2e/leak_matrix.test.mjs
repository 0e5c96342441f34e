// The leak matrix (issue 13, item 8): every kind of subject, a record of every catalog item
// at the edges of its query window, every role, every read route — against the real worker.
//
// The expected visibility is worked out here by hand from the catalog
// (shared/data/catalog.toml, copied into CATALOG below) and the regulation, never from
// `shared`:
// - Art. 14: 社会公开 items are open to anyone — for an organisation; Art. 4: a natural
//   person's information is not made public, but for a public list (Art. 25, Art. 12 (3):
//   the serious-dishonesty list and dishonest judgment debtors), and then masked;
// - Art. 16 ¶1: the subject sees all of its own information (ended records included, marked
//   ended); ¶2: an agency sees the live records of the items published for its matter (Art.
//   17); ¶3: the holder of a written authorization sees the live records of the items it
//   names, never a 政务共享 (government-only) item;
// - Art. 11–12: a providing department sees what it provided; Art. 19 (二): a staff member
//   only the classes of its own permissions;
// - Art. 33: a dishonesty record is not served after its window: the last day served is
//   still served, the day after is not. Every record here has its last day served the day
//   after today ("before"), today ("of") or yesterday ("after").
//
// The red list (Art. 23) ends for a subject with dishonesty on file, so LST-RED is filed
// for a fourth subject, an organisation with no dishonesty information.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, addYears, addDays, iso, freshUscc, freshClient } from './lib.mjs';
import { submit, residentId, RUN, today, TODAY } from './workflows_lib.mjs';

/** The catalog, by hand: level, the Art. 17 matters it is published for, class, window rule. */
const CATALOG = {
  'REG-BASIC': ['public', '*', 'registration', 'none'],
  'LIC-PERMIT': ['public', '*', 'administrative_licensing', 'validity'],
  'PEN-GENERAL': ['public', '*', 'administrative_penalty', 'penalty'],
  'PEN-SAFETY': ['public', '*', 'administrative_penalty', 'penalty'],
  'COE-MEASURE': ['public', '*', 'administrative_coercion', 'act_end'],
  'CFM-QUALIFICATION': ['public', '*', 'administrative_confirmation', 'validity'],
  'INS-RANDOM': ['public', '*', 'administrative_inspection', 'validity'],
  'INS-SUPERVISION-GRADE': ['government', ['administrative_licensing', 'administrative_inspection', 'daily_management'], 'administrative_inspection', 'validity'],
  'LEVY-TAX-ARREARS': ['public', '*', 'administrative_levy', 'act_end'],
  'LEVY-SOCIAL-INSURANCE-ARREARS': ['authorized', ['administrative_licensing', 'government_procurement', 'bidding_and_tendering', 'funding_support', 'commendation_and_award'], 'administrative_levy', 'act_end'],
  'RWD-ADMIN': ['public', '*', 'administrative_reward', 'validity'],
  'BEN-PAYMENT': ['authorized', ['funding_support', 'residence_management', 'daily_management'], 'administrative_benefit', 'validity'],
  'JUD-NONFULFILMENT': ['public', '*', 'non_fulfilment', 'until_performed'],
  'HON-COMMENDATION': ['public', '*', 'honours', 'validity'],
  'HON-VOLUNTEER': ['authorized', ['commendation_and_award', 'public_servant_recruitment'], 'honours', 'validity'],
  'CMT-COMMITMENT': ['public', '*', 'credit_commitment', 'validity'],
  'CMT-BREACH': ['public', '*', 'credit_commitment', 'act_end'],
  'LST-SERIOUS': ['public', '*', 'serious_dishonesty_list', 'list'],
  'LST-RED': ['public', '*', 'red_list', 'list'],
  'GOV-INTEGRITY': ['public', '*', 'government_integrity', 'act_end'],
};
/** The classes in which a natural person may appear to the public (Art. 25, Art. 12 (3)). */
const PUBLIC_LIST_CLASSES = ['serious_dishonesty_list', 'non_fulfilment'];
const EDGES = { before: 1, of: 0, after: -1 };

const DEPT = `矩阵测试局${RUN}`;
const OTHER_DEPT = `矩阵其他局${RUN}`;
const day = (d) => iso(d);
const last = (edge) => addDays(today, EDGES[edge]);

/**
 * The record of `item` whose last day served is `edge` relative to today, by its window
 * rule, with that last day as `lastDay`. A window counted in years runs through the same
 * date three years on, and from a 29 February in a year without one (the date falls back
 * to 28 February): on 29 February no such window ends that day, and the record meant to
 * end "today" ends the day before (`lastDay` says which).
 */
function record(item, edge, n) {
  const L = last(edge);
  const base = { item_code: item, document_number: `LM-${RUN}-${n}`, title: `${item} ${edge}`, lastDay: L };
  switch (CATALOG[item][3]) {
    case 'none':
      return { ...base, decision_date: day(addDays(today, -30)) };
    case 'validity': // shown through valid_until
      return { ...base, decision_date: day(addDays(L, -400)), valid_until: day(L) };
    case 'act_end': { // Art. 33: through the same date three years after the act ended
      const ended = addYears(L, -3);
      return { ...base, lastDay: addYears(ended, 3), decision_date: day(addDays(ended, -10)), act_end_date: day(ended) };
    }
    case 'penalty': { // three years from the decision (and from the act, the same day here)
      const decided = addYears(L, -3);
      return { ...base, lastDay: addYears(decided, 3), decision_date: day(decided), act_end_date: day(decided), penalty_types: ['warning'] };
    }
    case 'list': // listed through valid_until; the act ended shortly before the listing
      return { ...base, decision_date: day(addDays(L, -300)), act_end_date: day(addDays(L, -305)), valid_until: day(L) };
    case 'until_performed': // not performed: through the end of the inclusion period
      return { ...base, decision_date: day(addDays(L, -300)), act_continuing: true, valid_until: day(L) };
    default:
      throw new Error(item);
  }
}

/** The subjects, each with the records it holds: [item, edge] pairs. */
const everyItem = (except = []) =>
  Object.keys(CATALOG).filter((i) => !except.includes(i)).flatMap((i) => Object.keys(EDGES).map((e) => [i, e]));
const SUBJECTS = {
  org: { kind: 'org', code: freshUscc('M'), name: `矩阵${RUN}甲科技有限公司`, holds: everyItem(['LST-RED']) },
  listed: { kind: 'person', code: residentId(81), name: `矩阵名单人${RUN}`, holds: everyItem(['LST-RED']) },
  // On no public list: its list records all ended (and no red list, which names no person
  // to the public either).
  unlisted: {
    kind: 'person', code: residentId(82), name: `矩阵隐私人${RUN}`,
    holds: [...everyItem(['LST-RED', 'LST-SERIOUS', 'JUD-NONFULFILMENT']), ['LST-SERIOUS', 'after'], ['JUD-NONFULFILMENT', 'after']],
  },
  red: { kind: 'org', code: freshUscc('N'), name: `矩阵${RUN}乙红名单有限公司`, holds: [['REG-BASIC', 'of'], ...Object.keys(EDGES).map((e) => ['LST-RED', e])] },
};

const PROCUREMENT = 'government_procurement';
const RESIDENCE = 'residence_management';
const STAFF_CLASSES = ['registration', 'administrative_licensing'];
const GRANTED = ['LEVY-SOCIAL-INSURANCE-ARREARS', 'HON-VOLUNTEER'];
const GRANTED_WITHOUT = ['HON-VOLUNTEER'];

/** Roles: how each sees a record, by hand (see the header). `s` is the subject, `r` its record. */
const live = (r) => CATALOG[r.item][3] === 'none' || day(r.lastDay) >= day(today);
const publicView = (s, r) =>
  CATALOG[r.item][0] === 'public' && live(r) && (s.kind === 'org' || PUBLIC_LIST_CLASSES.includes(CATALOG[r.item][2]));
const published = (item, matter) => CATALOG[item][1] === '*' || CATALOG[item][1].includes(matter);
const authorizedView = (items) => (s, r) =>
  (items.includes(r.item) && CATALOG[r.item][0] !== 'government' ? live(r) : publicView(s, r));
const agencyView = (matter) => (s, r) => (published(r.item, matter) ? live(r) : publicView(s, r));
const ROLES = {
  public: { sees: publicView },
  self: { sees: () => true, self: true },
  'another subject': { sees: publicView },
  'authorized, with the item': { sees: authorizedView(GRANTED), grant: GRANTED },
  'authorized, without it': { sees: authorizedView(GRANTED_WITHOUT), grant: GRANTED_WITHOUT },
  'agency, procurement': { sees: agencyView(PROCUREMENT), matter: PROCUREMENT },
  'agency, residence': { sees: agencyView(RESIDENCE), matter: RESIDENCE },
  provider: { sees: () => true },
  'another provider': { sees: publicView },
  staff: { sees: () => true, staff: true },
  'staff, two classes': { sees: (s, r) => STAFF_CLASSES.includes(CATALOG[r.item][2]), staff: true },
};

/** Whether `role` may know of subject `s` at all (its profile is not 404). */
function knowsSubject(roleName, s) {
  const role = ROLES[roleName];
  if (role.staff || role.self || role.grant) return true; // Art. 19; 16 ¶1; 16 ¶3 (a valid grant)
  // An agency: through a live record published for its matter (Art. 16 ¶2).
  if (role.matter && s.records.some((r) => published(r.item, role.matter) && live(r))) return true;
  if (s.kind === 'org') return true; // Art. 14
  return s.records.some((r) => PUBLIC_LIST_CLASSES.includes(CATALOG[r.item][2]) && live(r)); // Art. 4, 25
}

/** Whether a name search by `role` finds `s`: staff find everyone; everyone else what the public may know of. */
const searchFinds = (roleName, s) =>
  ROLES[roleName].staff || s.kind === 'org' || s.records.some((r) => PUBLIC_LIST_CLASSES.includes(CATALOG[r.item][2]) && live(r));

let cases = 0;
const tokens = {};
/** A request as `roleName` for subject `s`, each from another client address (rate limits). */
const as = (roleName, s, path) => {
  const matter = ROLES[roleName].matter;
  const sep = path.includes('?') ? '&' : '?';
  return api(matter ? `${path}${sep}matter=${matter}` : path, {
    token: tokens[s.key][roleName],
    headers: freshClient(),
  });
};

before(async () => {
  let n = 0;
  const admin = token('admin', '--staff', `matrix-setup-${RUN}`);
  for (const [key, s] of Object.entries(SUBJECTS)) {
    s.key = key;
    s.records = s.holds.map(([item, edge]) => ({ item, edge, ...record(item, edge, n++) }));
    await submit(DEPT, { code: s.code, name: s.name }, s.records.map(({ item, edge, lastDay, ...r }) => r));
    if (s.kind === 'person') {
      const found = await api(`/api/v1/subjects?q=${s.code}&name=${encodeURIComponent(s.name)}`, { token: admin });
      s.public = found.json.items[0]?.code;
      assert.ok(s.public, `staff find ${key} by ID and name: ${found.text}`);
    } else {
      s.public = s.code;
    }
    const self = token('subject', '--subject', s.public);
    const grant = async (items, grantee) => {
      const r = await api('/api/v1/grants', { token: self, method: 'POST', body: { grantee, items, purpose: '矩阵测试', valid_from: TODAY, valid_until: iso(addDays(today, 30)) } });
      assert.equal(r.status, 201, r.text);
      return token('authorized', '--grant', r.json.id, '--grantee', grantee, '--staff', `bank-${key}-${RUN}`);
    };
    const agency = (matter) => token('agency', '--agency', `矩阵机关${RUN}`, '--matter', matter, '--staff', `clerk-${matter}-${RUN}`);
    tokens[key] = {
      public: undefined,
      self,
      'another subject': token('subject', '--subject', freshUscc('P')),
      'authorized, with the item': await grant(GRANTED, `矩阵银行${RUN}`),
      'authorized, without it': await grant(GRANTED_WITHOUT, `矩阵志愿${RUN}`),
      'agency, procurement': agency(PROCUREMENT),
      'agency, residence': agency(RESIDENCE),
      provider: token('provider', '--provider', DEPT),
      'another provider': token('provider', '--provider', OTHER_DEPT),
      staff: token('admin', '--staff', `matrix-staff-${RUN}`),
      'staff, two classes': token('admin', '--staff', `matrix-clerk-${RUN}`, '--classes', STAFF_CLASSES.join(',')),
    };
  }
});

after(() => console.log(`leak matrix: ${cases} (role, subject, item, route) cases checked`));

/** Every record of `s` that `roleName` is shown on the records route, or the status if refused. */
async function shownRecords(roleName, s) {
  const shown = [];
  for (let page = 1; page < 10; page++) {
    const r = await as(roleName, s, `/api/v1/subjects/${s.public}/records?page=${page}&page_size=50`);
    if (r.status !== 200) return { status: r.status, shown };
    shown.push(...r.json.items);
    if (r.json.items.length < 50) return { status: 200, shown, total: r.json.total };
  }
  throw new Error('too many pages');
}

for (const roleName of Object.keys(ROLES)) {
  test(`leak matrix — ${roleName}: search, profile, records and measures of every subject`, async () => {
    for (const s of Object.values(SUBJECTS)) {
      const where = `${roleName} / ${s.key}`;
      const known = knowsSubject(roleName, s);
      const expected = known ? s.records.filter((r) => ROLES[roleName].sees(s, r)) : [];
      const expectedDocs = expected.map((r) => r.document_number).sort();

      // Search by the full name: found or not, and a total that counts only what is shown.
      const search = await as(roleName, s, `/api/v1/subjects?q=${encodeURIComponent(s.name)}`);
      assert.equal(search.status, 200, `${where}: ${search.text}`);
      const finds = searchFinds(roleName, s);
      assert.deepEqual([search.json.items.map((i) => i.code), search.json.total, search.json.total_is_estimate],
        [finds ? [s.public] : [], finds ? 1 : 0, false], `${where}: search ${search.text}`);
      if (finds) {
        // The list badges say only what the role may see of the lists (Art. 19 (二)).
        const onList = (item) => s.records.some((r) => r.item === item && live(r) && ROLES[roleName].sees(s, r));
        const { serious_dishonesty: serious, red_list: red } = search.json.items[0];
        assert.deepEqual({ serious, red }, { serious: onList('LST-SERIOUS'), red: onList('LST-RED') }, `${where}: list badges`);
      }
      // A person is named unmasked only to those who may know it as registered (Art. 16).
      if (finds && s.kind === 'person' && !ROLES[roleName].staff && !ROLES[roleName].self && !ROLES[roleName].grant) {
        assert.notEqual(search.json.items[0].name, s.name, `${where}: a listed person's name is masked in search`);
      }
      cases += s.records.length; // every record's subject, found or not

      // Profile: there or 404; its class counts add up to what the records route shows.
      const profile = await as(roleName, s, `/api/v1/subjects/${s.public}`);
      assert.equal(profile.status, known ? 200 : 404, `${where}: profile ${profile.text}`);
      if (known) {
        for (const { class: cls, count } of profile.json.classes) {
          const want = expected.filter((r) => CATALOG[r.item][2] === cls).length;
          assert.equal(count, want, `${where}: profile count of ${cls}`);
        }
        const lists = (profile.json.lists ?? []).map((l) => l.item_code).sort();
        const wantLists = [...new Set(expected.filter((r) => ['LST-SERIOUS', 'LST-RED'].includes(r.item) && live(r)).map((r) => r.item))].sort();
        assert.deepEqual([...new Set(lists)], wantLists, `${where}: profile lists`);
        if (s.kind === 'person' && !ROLES[roleName].staff && !ROLES[roleName].self && !ROLES[roleName].grant && !ROLES[roleName].matter) {
          assert.ok(!profile.text.includes(s.code.slice(6, 14)), `${where}: no birth date in the profile`);
          assert.ok(!profile.text.includes(s.name), `${where}: the person's name is masked`);
        }
      }
      cases += s.records.length;

      // Records: exactly the expected ones, each once, ended ones only where the role sees them.
      const records = await shownRecords(roleName, s);
      assert.equal(records.status, known ? 200 : 404, `${where}: records`);
      assert.deepEqual(records.shown.map((r) => r.document_number).sort(), expectedDocs, `${where}: records shown`);
      if (known) assert.equal(records.total, expected.length, `${where}: records total`);
      for (const r of records.shown) {
        const mine = s.records.find((x) => x.document_number === r.document_number);
        // The window's edge, as worked out above: the last day served, or the first day not.
        const want = CATALOG[mine.item][3] === 'none' ? { state: 'live', last_day: null }
          : live(mine) ? { state: 'live', last_day: day(mine.lastDay) }
          : { state: 'ended', since: day(addDays(mine.lastDay, 1)) };
        const got = { state: r.publicity.state, ...(want.state === 'live' ? { last_day: r.publicity.last_day ?? null } : { since: r.publicity.since }) };
        assert.deepEqual(got, want, `${where}: ${r.document_number} (${mine.item}, ${mine.edge})`);
      }
      cases += s.records.length;

      // Measures: only agencies, on what they may see for their matter.
      const measures = await as(roleName, s, `/api/v1/subjects/${s.public}/measures`);
      if (ROLES[roleName].matter) {
        assert.equal(measures.status, known ? 200 : 404, `${where}: measures ${measures.text}`);
        if (known) {
          const ids = new Set(records.shown.map((r) => r.id));
          for (const id of measures.json.basis_record_ids) assert.ok(ids.has(id), `${where}: measure rests on record ${id} it may not see`);
        }
      } else {
        assert.ok(measures.status === 401 || measures.status === 403, `${where}: measures ${measures.status}`);
      }
      cases += s.records.length;
    }
  });
}

test('leak matrix — the subject\'s own routes: who queried me, history, reports, for no one else', async () => {
  for (const s of Object.values(SUBJECTS)) {
    const self = tokens[s.key].self;
    const mine = await shownRecords('self', s);
    const one = mine.shown[0];
    for (const roleName of Object.keys(ROLES)) {
      const where = `${roleName} / ${s.key}`;
      const queries = await as(roleName, s, '/api/v1/me/queries?page_size=50');
      const history = await as(roleName, s, `/api/v1/me/records/${one.id}/history`);
      if (roleName === 'self') {
        assert.equal(queries.status, 200, `${where}: ${queries.text}`);
        assert.equal(history.status, 200, `${where}: ${history.text}`);
        // The agency, the grantee and staff queried the subject; the public's reads are not audited.
        const roles = new Set(queries.json.items.map((q) => q.role));
        for (const role of ['agency', 'authorized', 'admin']) assert.ok(roles.has(role), `${where}: ${role} in who queried me`);
        assert.ok(!roles.has('public'), `${where}: no public entry`);
      } else {
        // Another subject's own routes answer for that subject, never for this one.
        const leaked = queries.status === 200 && queries.text.includes(s.public);
        assert.ok(!leaked && history.status !== 200, `${where}: ${queries.status} ${history.status}`);
      }
      cases += s.records.length * 2;
    }
    // The report: every record of its own, live or ended as the window says; readable by the
    // subject and staff, by no one else.
    const issued = await api('/api/v1/reports', { token: self, method: 'POST' });
    assert.equal(issued.status, 201, issued.text);
    const statuses = Object.fromEntries(issued.json.report.records.map((r) => [r.document_number, r.status]));
    assert.deepEqual(statuses, Object.fromEntries(s.records.map((r) => [r.document_number, live(r) ? 'live' : 'ended'])), s.key);
    for (const roleName of Object.keys(ROLES)) {
      const read = await as(roleName, s, `/api/v1/reports/${issued.json.report.number}`);
      // A report holds every class: staff limited to two may not read it (Art. 19 (二)).
      const may = roleName === 'self' || roleName === 'staff';
      assert.equal(read.status === 200, may, `${roleName} / ${s.key}: report ${read.status}`);
      cases += s.records.length;
    }
  }
});
