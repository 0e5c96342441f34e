// Search finds what people type (Art. 18: convenient query services; issue 18).
//
// The relevance set, tests/data/relevance.toml, holds queries of every kind people type
// for a company, each with the subject that must be among the first 10 results. It is
// built from the parts the demo data generator made each name of (`cargo xtask relevance`),
// so the expected subject is known by construction, not by running the search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { api, freshClient, token, uscc, RUN } from './lib.mjs';

const SET = parse(readFileSync(new URL('../data/relevance.toml', import.meta.url), 'utf8'));
/** What the issue asks of every kind. */
const MIN_SUCCESS_AT_10 = 0.95;
const ROWS_READ_BUDGET = 200;

// The search is limited per client address (120 a minute): each query comes from an
// address of its own.
const q = (text, extra = '') => api(`/api/v1/subjects?q=${encodeURIComponent(text)}${extra}`, { headers: freshClient() });

const SHOWCASE = '贵阳黔信示范科技有限公司';

test('every kind of query finds its subject in the first 10 results at least 95% of the time, within the row budget', async () => {
  const byKind = new Map();
  const overBudget = [];
  for (const c of SET.case) {
    const r = await q(c.query, '&page_size=10');
    assert.equal(r.status, 200, `${c.kind} ${c.query}: ${r.text}`);
    const rows = Number(r.headers.get('x-d1-rows-read'));
    if (!(rows <= ROWS_READ_BUDGET)) overBudget.push(`${c.kind} ${c.query}: ${rows} rows`);
    const entry = byKind.get(c.kind) ?? { found: 0, all: 0, missed: [] };
    entry.all += 1;
    if (r.json.items.some((s) => s.code === c.code)) entry.found += 1;
    else entry.missed.push(`${c.query} → ${c.name}`);
    byKind.set(c.kind, entry);
  }
  const kinds = Object.keys(SET.kinds);
  assert.deepEqual([...byKind.keys()].sort(), [...kinds].sort(), 'every kind has queries');
  const table = kinds.map((k) => `${k}: ${byKind.get(k).found}/${byKind.get(k).all}`).join(', ');
  console.log(`success@10 per kind: ${table}`);
  assert.deepEqual(overBudget, [], 'every query reads at most 200 rows');
  for (const [kind, { found, all, missed }] of byKind) {
    assert.ok(all >= 50, `${kind}: ${all} queries`);
    assert.ok(found / all >= MIN_SUCCESS_AT_10, `${kind}: ${found}/${all}; missed ${missed.slice(0, 5).join('; ')}`);
  }
});

test('several terms: every term must appear, in any order; the typed order ranks first', async () => {
  for (const text of ['贵阳 科技', '科技 贵阳', '贵阳，科技']) {
    const r = await q(text, '&page_size=50');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length > 5, `${text}: the demo data has many 贵阳…科技 names, or the check is vacuous`);
    assert.ok(r.json.items.every((s) => s.name.includes('贵阳') && s.name.includes('科技')), `${text}: ${r.text}`);
  }
  // Typed order: names with 科技 before 贵阳 (none in the demo data) or after it; in order
  // first means no name with 科技 first comes before one with 贵阳 first.
  const reversed = await q('科技 贵阳', '&page_size=50');
  const inOrder = (s) => s.name.indexOf('科技') < s.name.indexOf('贵阳');
  const flags = reversed.json.items.map(inOrder);
  assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)), 'names in the typed order come first');
  // A term no name holds: nothing, whatever the other term.
  const none = await q('贵阳 不存在的词');
  assert.equal(none.json.total, 0, none.text);
  assert.deepEqual(none.json.items, []);
});

test('the legal form as people say it: 有限公司, 有限责任公司 and 公司 match each other', async () => {
  for (const text of ['贵阳黔信示范科技公司', '贵阳黔信示范科技有限责任公司', '贵阳黔信示范科技有限公司']) {
    const r = await q(text);
    assert.equal(r.json.items[0]?.name, SHOWCASE, `${text}: ${r.text}`);
  }
});

test('traditional characters find the simplified name, and brackets of either width are the same', async () => {
  const r = await q('貴陽黔信示範科技有限公司');
  assert.equal(r.json.items[0]?.name, SHOWCASE, r.text);
  const org = SET.case.find((c) => c.kind === 'brackets');
  const fullWidth = await q(org.name);
  const halfWidth = await q(org.name.replace('（', '(').replace('）', ')'));
  const noBrackets = await q(org.name.replace(/[（）]/g, ''));
  for (const found of [fullWidth, halfWidth, noBrackets]) {
    assert.ok(found.json.items.some((s) => s.code === org.code), found.text);
  }
});

test('pinyin of any syllable run; an exact syllable match ranks above one that only starts with the letters', async () => {
  // 黔信 is qian-xin; 黔西南 is qian-xi-nan, which only starts with the letters.
  const r = await q('qianxin', '&page_size=50');
  assert.equal(r.json.kind, 'pinyin');
  const names = r.json.items.map((s) => s.name);
  const showcase = names.indexOf(SHOWCASE);
  const firstXinan = names.findIndex((n) => n.startsWith('黔西南'));
  assert.ok(showcase >= 0, `黔信 is found: ${names.slice(0, 10)}`);
  assert.ok(firstXinan > showcase, `黔信 (${showcase}) before 黔西南 (${firstXinan}): ${names.slice(0, 10)}`);
  // From inside the name: 示范 is shi-fan, 黔信示范 qian-xin-shi-fan, initials qxsf.
  for (const text of ['qianxinshifan', 'shifankeji', 'qxsfkj']) {
    const found = await q(text, '&page_size=50');
    assert.ok(found.json.items.some((s) => s.name === SHOWCASE), `${text}: ${found.text}`);
  }
});

test('when nothing matches, the nearest names are suggested, apart from the results', async () => {
  // One character different (新 for 信), and the same pinyin in other characters.
  for (const text of ['贵阳黔新示范科技', '贵阳黔心示范']) {
    const r = await q(text);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 0, `${text}: nothing matches`);
    assert.deepEqual(r.json.items, []);
    assert.ok((r.json.suggestions ?? []).some((s) => s.name === SHOWCASE), `${text}: ${r.text}`);
  }
  // A query that matches has no suggestions.
  const found = await q('贵阳黔信示范');
  assert.ok(found.json.items.length > 0);
  assert.equal(found.json.suggestions, undefined, found.text);
});

test('a common long term with a rare short one: the rare term gives the candidates (六盘水 森福, found at 10k subjects)', async () => {
  // 95 short names hold the long term 澜沧长词; the one name that also holds the short term
  // 稀罕 is the longest, so the long term's relevance order puts it past the window of
  // 91 names that a search reads. Found only if the candidates come from 稀罕's postings.
  const tens = '甲乙丙丁戊己庚辛壬癸';
  const suffix = (i) => tens[Math.floor(i / 10)] + tens[i % 10];
  const subjects = Array.from({ length: 95 }, (_, i) => ({
    code: uscc('9', '1', '520102', `${String(i).padStart(2, '0')}${RUN.slice(-6)}`),
    name: `黔南澜沧长词${suffix(i)}有限公司`,
  }));
  const target = { code: uscc('9', '1', '520102', `99${RUN.slice(-6)}`), name: '黔南澜沧长词稀罕文化旅游资源开发股份有限公司' };
  const provider = token('provider', '--provider', '黔南州市场监督管理局');
  const records = [...subjects, target].map((subject, i) => ({
    subject,
    item_code: 'REG-BASIC',
    document_number: `REL-${RUN}-${i}`,
    title: '设立登记',
    legal_basis: '《中华人民共和国市场主体登记管理条例》',
    decision_date: '2020-01-01',
  }));
  const created = await api('/api/v1/records', { token: provider, method: 'POST', body: { records } });
  assert.equal(created.status, 201, created.text);
  const r = await q('澜沧长词 稀罕', '&page_size=10');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((s) => s.name), [target.name], r.text);
  assert.equal(r.json.total, 1);
  assert.ok(Number(r.headers.get('x-d1-rows-read')) <= 200, r.headers.get('x-d1-rows-read'));
  // The long term alone still shows the most relevant of its 96 names, shortest first.
  const long = await q('澜沧长词', '&page_size=10');
  assert.equal(long.json.items.length, 10);
  assert.ok(long.json.items.every((s) => s.name.length === '黔南澜沧长词甲甲有限公司'.length), long.text);
});
