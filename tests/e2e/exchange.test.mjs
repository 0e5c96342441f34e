// The national 双公示 exchange (Art. 11, 15; issue 15): department files in the national
// format go in through `cargo xtask import` (the mapping of the upload page), and the public
// licences and penalties come out of `GET /api/v1/exports/…` in the 2021 format. The sample
// files are tests/data/exchange/ (`cargo xtask exchange-samples`): their good and bad rows
// are counted in samples.rs's unit test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, BASE, RUN, freshClient, token } from './lib.mjs';

const XTASK = process.env.XTASK_BIN ?? 'target/debug/xtask';
const SOURCE = `交换测试市场监督管理局${RUN}`;
const COPY = `交换测试转报单位${RUN}`;
// The samples are copied out of the repository: the import writes each file's refused rows
// beside it (`x.rejected.csv`).
const work = mkdtempSync(join(tmpdir(), 'gz-exchange-'));
for (const name of readdirSync('tests/data/exchange')) copyFileSync(join('tests/data/exchange', name), join(work, name));
const DATA = work;

/** `cargo xtask import`: its one-line JSON summary. */
function importFiles(provider, ...files) {
  const out = execFileSync(XTASK, ['import', '--provider', provider, '--url', BASE, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Every page of an export, joined under the first page's header; and the pages' rows read. */
async function exportAll(kind, query) {
  const headers = freshClient();
  let url = `/api/v1/exports/${kind}.csv?${query}`;
  const parts = [];
  const rowsRead = [];
  for (let pages = 0; url && pages < 200; pages++) {
    const r = await fetch(`${BASE}${url}`, { headers });
    assert.equal(r.status, 200, await r.clone().text());
    assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    rowsRead.push(Number(r.headers.get('x-d1-rows-read')));
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM, for Excel');
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...lines] = text.split('\r\n');
    if (parts.length === 0) parts.push(header);
    parts.push(...lines.filter((l) => l !== ''));
    const next = r.headers.get('link')?.match(/^<([^>]+)>; rel="next"$/)?.[1];
    assert.equal(Boolean(next), Boolean(r.headers.get('x-next-cursor')));
    url = next;
  }
  assert.equal(url, undefined, 'the export ends');
  return { csv: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(parts.join('\r\n') + '\r\n')]), lines: parts, rowsRead };
}

test('a department file in either encoding files its good rows, returns its bad ones, and changes nothing the second time', () => {
  const first = importFiles(SOURCE, `${DATA}/penalties-2021-codes-utf8-bom.csv`);
  assert.deepEqual({ ...first, seconds: undefined }, { rows: 25, created: 20, updated: 0, unchanged: 0, rejected: 5, seconds: undefined });
  const rejected = `${DATA}/penalties-2021-codes-utf8-bom.rejected.csv`;
  assert.ok(existsSync(rejected));
  const returned = readFileSync(rejected, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(returned.length, 1 + 5, 'the header and the five refused rows');
  assert.match(returned[0], /,错误 \/ error$/);
  assert.match(returned[2], /CF_JDRQ: .*YYYY\/MM\/DD/);

  // The same file again, and the same rows under Chinese labels in GBK: nothing changes.
  const again = importFiles(SOURCE, `${DATA}/penalties-2021-codes-utf8-bom.csv`, `${DATA}/penalties-2021-labels-gbk.csv`);
  assert.equal(again.created, 0);
  assert.equal(again.updated, 0);
  assert.equal(again.unchanged, 40);
});

test('the older generation and an Excel workbook import too; work-safety penalties are PEN-SAFETY', async () => {
  const older = importFiles(SOURCE, `${DATA}/penalties-2016-codes-utf8.csv`, `${DATA}/licences-2021-labels.xlsx`);
  assert.equal(older.created, 10 + 12);
  assert.equal(older.rejected, 1 + 1, 'a revoked decision and a licence category the standard does not list');
  // The 2016 file's subject 501 (samples.rs): fined under the Work Safety Law.
  const subject = (await api(`/api/v1/subjects?q=${encodeURIComponent('贵阳观山湖样例501号商贸有限公司')}`)).json.items[0];
  const records = await api(`/api/v1/subjects/${subject.code}/records?class=administrative_penalty`);
  const ours = records.json.items.filter((r) => r.provider_department === SOURCE);
  assert.deepEqual(ours.map((r) => [r.item_code, r.document_number]), [['PEN-SAFETY', '黔安监罚〔2017〕1号']]);
});

test('an export imported into an empty department exports byte for byte the same', async () => {
  const first = await exportAll('penalties', `since=2025-01-01&provider=${encodeURIComponent(SOURCE)}`);
  assert.equal(first.lines.length, 1 + 30, 'the header, the 20 newer and the 10 older penalties');
  assert.equal(first.lines[0].split(',')[0], 'CF_XDR_MC');
  // A page reads at most 250 records: each its index entry, itself and its subject.
  assert.ok(first.rowsRead.every((n) => n <= 3 * 250), `rows read per page: ${first.rowsRead}`);
  const file = join(work, 'penalties.csv');
  writeFileSync(file, first.csv);
  // `COPY` holds nothing yet: its records are exactly those of the file.
  const copied = importFiles(COPY, file);
  assert.equal(copied.created, 30);
  assert.equal(copied.rejected, 0);
  const second = await exportAll('penalties', `since=2025-01-01&provider=${encodeURIComponent(COPY)}`);
  assert.ok(second.csv.equals(first.csv), `the round trip differs:\n${first.csv}\n---\n${second.csv}`);
  // And importing it again changes nothing.
  assert.deepEqual({ ...importFiles(COPY, file), seconds: 0 }, { rows: 30, created: 0, updated: 0, unchanged: 30, rejected: 0, seconds: 0 });

  const licences = await exportAll('licences', `provider=${encodeURIComponent(SOURCE)}`);
  assert.equal(licences.lines.length, 1 + 12);
  const header = licences.lines[0].split(',');
  const row = licences.lines[1].split(',');
  assert.equal(row[header.indexOf('XK_XKLB')], '普通');
  // Every other sample licence is 长期 (samples.rs), written 2099/12/31 as the format does.
  assert.equal(licences.lines.filter((l) => l.split(',')[header.indexOf('XK_YXQZI')] === '2099/12/31').length, 6);
});

test('an export holds no personal data and nothing the public may not see', async () => {
  // A natural person's penalty, posted by the same department: not in the public file.
  const person = { code: '520102198709086419', name: '交换测试自然人' };
  const provider = token('provider', '--provider', SOURCE);
  const posted = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: [{
    subject: person, item_code: 'PEN-GENERAL', document_number: `筑罚〔2025〕${RUN}号`, title: '罚款', legal_basis: '《治安管理处罚法》',
    decision_date: '2025-12-02', penalty_types: ['fine'],
  }] } });
  assert.equal(posted.status, 201, posted.text);
  const all = await exportAll('penalties', `provider=${encodeURIComponent(SOURCE)}`);
  const text = all.csv.toString('utf8');
  assert.ok(!text.includes('520102198709086419') && !text.includes('交换测试自然人'), 'no natural person in a public file');
  const header = all.lines[0].split(',');
  for (const personal of ['CF_FRDB', 'CF_FR_ZJHM', 'CF_XDR_ZJHM']) {
    assert.ok(all.lines.slice(1).every((l) => l.split(',')[header.indexOf(personal)] === ''), `${personal} is blank`);
  }
});

test('bad export requests get a documented error in both languages', async () => {
  for (const [path, status, code] of [
    ['/api/v1/exports/penalties.csv?format=2016', 400, 'invalid_parameter'],
    ['/api/v1/exports/penalties.csv?since=2025-13-01', 400, 'invalid_parameter'],
    ['/api/v1/exports/penalties.csv?cursor=x', 400, 'invalid_parameter'],
    ['/api/v1/exports/penalties.csv?cursor=99-0', 400, 'invalid_parameter'],
    ['/api/v1/exports/grants.csv', 404, 'not_found'],
  ]) {
    const r = await api(path);
    assert.equal(r.status, status, `${path}: ${r.text}`);
    assert.equal(r.json.code, code, path);
    assert.ok(r.json.message_zh && r.json.message_en, path);
  }
});
