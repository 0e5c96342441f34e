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
import { api, freshClient } from './lib.mjs';

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
