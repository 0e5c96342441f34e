// The public search (Art. 18) and what it must never reveal (Art. 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, codeOf, token } from './lib.mjs';

// Rows an unfiltered 1–2 character search may read: 200 from one database; 300 summed
// over every shard (issue 14's budget), which adds a count and the keys of each.
const ROWS_BUDGET = process.env.SHARDED ? 300 : 200;

const q = (text, extra = '') => api(`/api/v1/subjects?q=${encodeURIComponent(text)}${extra}`);

test('search by name, by code, by registration number and by pinyin finds the same enterprise', async () => {
  const byName = await q('贵阳黔信示范科技有限公司');
  assert.equal(byName.status, 200);
  assert.equal(byName.json.kind, 'name');
  const subject = byName.json.items[0];
  assert.equal(subject.name, '贵阳黔信示范科技有限公司', 'exact name ranks first');
  const byCode = await q(subject.code.toLowerCase().replace(/./g, (c) => c)); // lower case is normalised
  assert.equal(byCode.json.kind, 'code');
  assert.deepEqual(byCode.json.items.map((s) => s.code), [subject.code]);
  const fullWidth = await q(subject.code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  assert.deepEqual(fullWidth.json.items.map((s) => s.code), [subject.code], 'full-width code');
  const profile = await api(`/api/v1/subjects/${subject.code}`);
  const regNo = profile.json.subject.registration_number;
  const byReg = await q(regNo);
  assert.equal(byReg.json.kind, 'registration_number');
  assert.deepEqual(byReg.json.items.map((s) => s.code), [subject.code]);
  const byPinyin = await q('gyqxsf');
  assert.equal(byPinyin.json.kind, 'pinyin');
  assert.ok(byPinyin.json.items.some((s) => s.code === subject.code), byPinyin.text);
  const fullPinyin = await q('guiyangqianxin');
  assert.ok(fullPinyin.json.items.some((s) => s.code === subject.code), fullPinyin.text);
});

test('one- and two-character queries are answered from the index with a capped total', async () => {
  for (const text of ['贵', '科技', '黔']) {
    const r = await q(text);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length > 0, text);
    assert.ok(r.json.items.every((s) => s.name.includes(text)), text);
    assert.ok(Number(r.headers.get('x-d1-rows-read')) <= ROWS_BUDGET, `${text}: rows read ${r.headers.get('x-d1-rows-read')}`);
  }
  const common = await q('有限公司');
  assert.equal(common.json.total_is_estimate, true, 'very common words say the total is an estimate');
  assert.ok(Number(common.headers.get('x-d1-rows-read')) <= 400, common.headers.get('x-d1-rows-read'));
});

test('filters by prefecture and subject type', async () => {
  const r = await q('贵', '&region=5203&type=enterprise&page_size=50');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.length > 0, 'the demo data has enterprises named 贵… in Zunyi (5203), or the filter check is vacuous');
  assert.ok(r.json.items.every((s) => s.region.startsWith('5203') && s.subject_type === 'enterprise'), r.text);
  assertError(await q('贵', '&region=52x1'), 400, 'invalid_parameter');
  assertError(await q('贵', '&type=company'), 400, 'invalid_parameter');
});

test('FTS syntax and SQL in q are data, never syntax', async () => {
  for (const text of ['"', '*', 'a OR b', 'NEAR(贵 阳)', '贵阳 -科技', "' OR 1=1 --", '科技"); DROP TABLE subjects; --', '(((', 'name:*']) {
    const r = await q(text);
    assert.ok(r.status === 200 || r.status === 400, `${text}: ${r.status} ${r.text}`);
    if (r.status === 200) assert.ok(Array.isArray(r.json.items));
    else assert.ok(r.json.code);
  }
  assert.equal((await q('贵阳')).status, 200, 'the table is still there');
});

test('bad input gets a documented 4xx with a message in both languages', async () => {
  assertError(await api('/api/v1/subjects'), 400, 'invalid_parameter');
  assertError(await q('   '), 400, 'invalid_parameter');
  assertError(await q('贵'.repeat(65)), 400, 'invalid_parameter');
  assertError(await q('贵', '&page_size=51'), 400, 'invalid_parameter');
  assertError(await q('贵', '&page=0'), 400, 'invalid_parameter');
  assertError(await q('贵', '&page=11&page_size=10'), 400, 'invalid_parameter');
  const bad = await q('91520100MA6DXXXXX1');
  assertError(bad, 400, 'invalid_identifier');
  assert.match(bad.json.message_en, /check character should be/);
  assert.match(bad.json.message_zh, /校验码/);
});

test('Art. 4: natural persons appear only where a public list names them, and masked', async () => {
  const listed = await q('王示范');
  assert.equal(listed.json.items.length, 1);
  assert.equal(listed.json.items[0].name, '王*');
  assert.ok(!JSON.stringify(listed.json.items).includes('王示范'), 'the full name is not in the results');
  const profile = await api(`/api/v1/subjects/${listed.json.items[0].code}`);
  assert.equal(profile.status, 200);
  assert.match(profile.json.subject.id_number, /^\d{6}\*{12}$/, "only the region of issue (Art. 4)");
  assert.equal(profile.json.subject.name, '王*');

  const hidden = await q('李隐私');
  assert.deepEqual(hidden.json.items, [], 'a person on no list is not found');
  const byType = await q('王', '&type=natural_person&page_size=50');
  assert.ok(byType.json.items.length > 0, 'the listed 王示范 is found by type, or the masking check is vacuous');
  assert.ok(byType.json.items.every((s) => s.name.endsWith('*')), byType.text);
});

test('a person’s own token opens the profile the public cannot see', async () => {
  const admin = token('admin');
  const code = await codeOf('李隐私', admin);
  assertError(await api(`/api/v1/subjects/${code}`), 404, 'not_found');
  const own = await api(`/api/v1/subjects/${code}`, { token: token('subject', '--subject', code) });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.subject.name, '李隐私');
});
