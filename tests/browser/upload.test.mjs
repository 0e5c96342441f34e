// The upload page (issue 15): a providing department picks its 双公示 file, the browser
// reads and checks it (the `upload` bundle, which only `/provider/…` loads), shows the first
// rows and every problem, sends the valid rows, and offers the refused rows as CSV. Runs on
// a phone-sized window, with axe-core, in Chinese and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASE_URL, MOBILE, launch, requireServer, screenshot, axeViolations, trackErrors, horizontalOverflow, token, RUN, signIn,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(here, '../data/exchange');
const DEPT = `浏览器报送测试局${RUN}`;
let context;

before(async () => {
  await requireServer();
  context = await launch({ viewport: MOBILE });
});
after(() => context?.close());

/** The upload page, signed in as the department, recording which scripts it fetched. */
async function openUpload(lang = 'zh-CN') {
  const page = await context.newPage();
  page.errors = trackErrors(page);
  page.fetched = [];
  page.on('request', (request) => page.fetched.push(new URL(request.url()).pathname));
  await signIn(page, token('provider', '--provider', DEPT), lang);
  // signIn opened the search page first: once it has loaded, count from here.
  await page.locator('#gz-q').waitFor();
  page.fetched = [];
  await page.goto(`${BASE_URL}/provider/upload`);
  await page.locator('#gz-upload-file').waitFor();
  return page;
}

test('the public pages never load the upload bundle', async () => {
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${BASE_URL}/`);
  await page.locator('#gz-q').waitFor();
  assert.ok(fetched.includes('/app/gzcredit_portal_bg.wasm'), fetched.join('\n'));
  assert.ok(!fetched.some((p) => p.startsWith('/upload/')), fetched.join('\n'));
  await page.close();
});

test('a GBK file under Chinese labels is checked in the browser, sent, and its refused rows offered for download', async () => {
  const page = await openUpload();
  assert.ok(page.fetched.includes('/upload/gzcredit_upload_bg.wasm'), page.fetched.join('\n'));
  assert.ok(!page.fetched.includes('/app/gzcredit_portal_bg.wasm'), `one bundle per page: ${page.fetched}`);
  await page.setInputFiles('#gz-upload-file', path.join(SAMPLES, 'penalties-2021-labels-gbk.csv'));
  // 25 rows: 20 valid, 5 with a problem each (tests/data/exchange, samples.rs).
  const facts = page.locator('.upload-facts');
  await facts.waitFor();
  assert.match(await facts.innerText(), /行政处罚文件 · 2021 版数据标准 · CSV（GBK\/GB18030） · 共 25 行，可报送 20 行，有误 5 行/);
  const problems = page.locator('.upload-problems tbody tr');
  assert.equal(await problems.count(), 5);
  assert.match(await problems.nth(1).innerText(), /处罚决定日期/);
  assert.deepEqual(await axeViolations(page), []);
  assert.ok(await horizontalOverflow(page) <= 0, 'no sideways scrolling at 390 px: the tables scroll in their own box');
  await screenshot(page, 'upload-checked');

  await page.getByRole('button', { name: /报送通过校验的记录（20）/ }).click();
  const done = page.locator('.upload-done');
  await done.waitFor();
  assert.equal(await done.locator('[data-count=created]').innerText(), '20');
  assert.equal(await done.locator('[data-count=rejected]').innerText(), '5');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载未通过的行/ }).click()]);
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  assert.equal(lines.length, 1 + 5);
  assert.match(lines[0], /^行政相对人名称,.*,错误 \/ error$/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'upload-done');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the same file again changes nothing, and the page speaks English too', async () => {
  const page = await openUpload('en');
  await page.setInputFiles('#gz-upload-file', path.join(SAMPLES, 'penalties-2021-codes-utf8-bom.csv'));
  await page.locator('.upload-facts').waitFor();
  assert.match(await page.locator('.upload-facts').innerText(), /penalties · 2021 format · CSV \(UTF-8 with BOM\) · 25 rows, 20 valid, 5 with problems/);
  await page.getByRole('button', { name: /Send the valid records \(20\)|Send the valid records（20）/ }).click();
  const done = page.locator('.upload-done');
  await done.waitFor();
  assert.equal(await done.locator('[data-count=created]').innerText(), '0');
  assert.equal(await done.locator('[data-count=unchanged]').innerText(), '20');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an Excel workbook and a file that is not the standard', async () => {
  const page = await openUpload();
  await page.setInputFiles('#gz-upload-file', path.join(SAMPLES, 'licences-2021-labels.xlsx'));
  await page.locator('.upload-facts').waitFor();
  assert.match(await page.locator('.upload-facts').innerText(), /行政许可文件 · 2021 版数据标准 · Excel 工作簿（XLSX） · 共 13 行，可报送 12 行，有误 1 行/);
  await page.setInputFiles('#gz-upload-file', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('名称,金额\n某公司,5\n') });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /不是双公示数据标准的表头/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
