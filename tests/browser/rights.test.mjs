// The subject's rights in the portal (issue 6): credit reports (two free a year, the third
// issued marked beyond the free quota), the print-friendly report and its verification, written
// authorizations issued and revoked, who queried me, the history of a record, and axe-core
// on each of these pages. Every run uses a natural person created for it through the API,
// so the yearly report quota of other tests (and other runs) does not matter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, MOBILE, launch, requireServer, screenshot, axeViolations, trackErrors, horizontalOverflow,
  token, call, RUN, residentId, shanghaiDay, signIn,
} from './lib.mjs';

const DEPT = `浏览器测试法院${RUN}`;
const AGENCY = `浏览器测试审批局${RUN}`;
const ID = residentId(41);
const NAME = `浏览器测试人${RUN}`;
const DOC = (n) => `BRW-${RUN}-${n}`;
let code;
let subject;
let context;
const reports = [];

before(async () => {
  await requireServer();
  // A natural person with a live and an ended record, submitted by a provider.
  const provider = token('provider', '--provider', DEPT);
  const submitted = await call('/api/v1/records', {
    token: provider, method: 'POST',
    body: { records: [
      { subject: { code: ID, name: NAME }, item_code: 'JUD-NONFULFILMENT', document_number: DOC(1), title: '拒不履行生效判决',
        legal_basis: '《测试法》第一条', decision_date: shanghaiDay(-60), act_continuing: true, change_reason: '首次报送' },
      { subject: { code: ID, name: NAME }, item_code: 'JUD-NONFULFILMENT', document_number: DOC(2), title: '拒不履行（已结束）',
        legal_basis: '《测试法》第一条', decision_date: '2018-01-05', act_end_date: '2018-02-01' },
    ] },
  });
  assert.ok(submitted.status === 200 || submitted.status === 201, submitted.text);
  const found = await call(`/api/v1/subjects?q=${ID}&name=${encodeURIComponent(NAME)}`);
  assert.equal(found.status, 200, found.text);
  code = found.json.items[0].code;
  assert.match(code, /^np-/);
  subject = token('subject', '--subject', code);
  // An agency query made through the API, for "who queried me" and the report's history.
  const agency = token('agency', '--agency', AGENCY, '--matter', 'administrative_licensing');
  const queried = await call(`/api/v1/subjects/${code}/records?matter=administrative_licensing`, { token: agency });
  assert.equal(queried.status, 200, queried.text);
  context = await launch();
});
after(() => context?.close());

async function open(path, { viewport, lang = 'zh-CN' } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.errors = trackErrors(page);
  await signIn(page, subject, lang);
  await page.goto(`${BASE_URL}${path}`);
  return page;
}

async function requestReport(page, purpose) {
  await page.goto(`${BASE_URL}/me`);
  const card = page.locator('.report-card');
  await card.getByLabel('报告用途（选填）').fill(purpose);
  await card.getByRole('button', { name: '获取信用报告' }).click();
}

test('credit reports: two free ones a year, the third issued marked beyond the free quota (Art. 31 ¶2)', async () => {
  const page = await open('/me');
  await page.getByRole('heading', { level: 2, name: '我的信用报告' }).waitFor();
  await screenshot(page, 'me-report-card');
  const numbers = [];
  for (const purpose of ['求职', '租房', '第三次']) {
    await requestReport(page, purpose);
    await page.waitForURL(/\/reports\/BG\d{8}[0-9A-F]{10}$/);
    await page.getByRole('heading', { level: 1, name: '个人信用信息报告' }).waitFor();
    const number = page.url().split('/').pop();
    numbers.push(number);
    const meta = page.locator('.report-meta');
    assert.equal(await meta.locator('dd').first().textContent(), number);
    assert.match(await meta.textContent(), /北京时间/);
    assert.match(await meta.textContent(), new RegExp(purpose));
  }
  // The third of the year is issued, and says on its face that it is beyond the free two.
  await page.locator('.report-quota-mark').getByText('超出本年度免费次数（第三十一条第二款）', { exact: true }).waitFor();
  await screenshot(page, 'report-beyond-quota');
  // The reports are listed for this browser.
  await page.goto(`${BASE_URL}/me`);
  for (const number of numbers) await page.locator('.recent-reports').getByRole('link', { name: number }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** A report of the test subject issued through the API, so that a test stands alone. */
async function ownReport(purpose) {
  const issued = await call('/api/v1/reports', { token: subject, method: 'POST', body: { purpose } });
  assert.equal(issued.status, 201, issued.text);
  reports.push(issued.json.report.number);
  return issued.json.report.number;
}

test('the report: contents live and ended, its query history, printable, and its verify link says genuine', async () => {
  await ownReport('核验测试');
  const page = await open(`/reports/${reports.at(-1)}`);
  await page.getByRole('heading', { level: 1, name: '个人信用信息报告' }).waitFor();
  const statuses = await page.locator('.report-record').evaluateAll((els) => els.map((e) => [e.querySelector('h4').textContent, e.dataset.status]));
  assert.deepEqual(Object.fromEntries(statuses), { 拒不履行生效判决: 'live', '拒不履行（已结束）': 'ended' });
  await page.locator('.report-record[data-status=live]').getByText('公示中', { exact: true }).waitFor();
  await page.locator('.report-record[data-status=ended]').getByText('已结束', { exact: true }).waitFor();
  const history = page.locator('.queries-table');
  await history.getByRole('cell', { name: AGENCY }).first().waitFor();
  await screenshot(page, 'report');

  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-nav', '.report-actions', '.lang-switch', '.site-footer']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await page.locator('.report-record').first().isVisible());
  await screenshot(page, 'report-print');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'the report prints to PDF');
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('link', { name: '核验本报告' }).click();
  await page.waitForURL(`${BASE_URL}/verify?number=${reports.at(-1)}`);
  const verdict = page.locator('.verdict');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verdict'), 'genuine');
  await screenshot(page, 'verify-genuine');

  // A pasted copy: as issued it is genuine, altered it is not.
  const issued = (await call(`/api/v1/reports/${reports.at(-1)}`, { token: subject })).json;
  const altered = structuredClone(issued);
  altered.report.records = altered.report.records.filter((r) => r.status !== 'live');
  await page.getByRole('textbox', { name: /^报告电子文本（JSON/ }).fill(JSON.stringify(altered));
  await page.getByRole('button', { name: '核验' }).nth(1).click();
  await page.locator('.verdict[data-verdict=altered]').waitFor();
  await page.getByRole('textbox', { name: /^报告电子文本（JSON/ }).fill(JSON.stringify(issued));
  await page.getByRole('button', { name: '核验' }).nth(1).click();
  await page.locator('.verdict[data-verdict=genuine]').waitFor();
  await page.getByRole('textbox', { name: /^报告电子文本（JSON/ }).fill('{not json');
  await page.getByRole('button', { name: '核验' }).nth(1).click();
  await page.getByText('这不是有效的 JSON 文本').waitFor();
  // An unknown number.
  await page.getByLabel('报告编号', { exact: true }).fill('BG20260101NOPE');
  await page.getByRole('button', { name: '核验' }).first().click();
  await page.locator('.verdict[data-verdict=unknown]').waitFor();
  await screenshot(page, 'verify-unknown');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('written authorization: issued from the form, listed, then revoked', async () => {
  const page = await open('/me/grants');
  await page.getByRole('heading', { level: 2, name: '出具书面授权' }).waitFor();
  await page.locator('.state-empty, .grant-list').first().waitFor();
  // Submitting empty says what is missing.
  await page.getByRole('button', { name: '出具书面授权' }).click();
  await page.locator('.field-error').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'gz-grantee');
  const government = await page.locator('.checks input[value="INS-SUPERVISION-GRADE"]').count();
  assert.equal(government, 0, 'government-only items are not offered');

  const grantee = `贵阳银行${RUN}`;
  await page.getByLabel(/^被授权方/).fill(grantee);
  await page.locator('.checks input[value="LEVY-SOCIAL-INSURANCE-ARREARS"]').check();
  await page.getByLabel(/^授权用途/).fill('流动资金贷款审查');
  await page.getByLabel('截止日期').fill(shanghaiDay(30));
  await page.getByRole('button', { name: '出具书面授权' }).click();
  await page.getByRole('status').getByText('授权已出具').waitFor();
  const grant = page.locator('.grant', { has: page.getByRole('heading', { name: grantee }) });
  await grant.getByText('有效', { exact: true }).waitFor();
  const id = await grant.getAttribute('data-grant-id');
  assert.match(id, /^SQ\d{8}[0-9A-F]{10}$/);
  await screenshot(page, 'me-grants');

  await grant.getByRole('button', { name: new RegExp(`撤销对${grantee}的授权`) }).click();
  await grant.getByRole('button', { name: '确认撤销' }).click();
  await page.getByRole('status').getByText('授权已撤销').waitFor();
  await page.locator(`.grant[data-grant-id="${id}"]`).getByText('已撤销', { exact: true }).first().waitFor();
  const list = await call('/api/v1/grants', { token: subject });
  assert.equal(list.json.items.find((g) => g.id === id).status, 'revoked');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('who queried me: the agency query, in a table that stacks on a phone', async () => {
  for (const viewport of [null, MOBILE]) {
    const page = await open('/me/queries', { viewport });
    const row = page.locator('.queries-table tbody tr', { hasText: AGENCY }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.match(cells[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    assert.equal(cells[1], '国家机关');
    assert.equal(cells[2], AGENCY);
    assert.equal(cells[3], '实施行政许可');
    assert.match(cells[4], /^信用记录/);
    assert.equal(cells[5], '已提供');
    assert.ok(await horizontalOverflow(page) <= 0, 'no sideways scrolling');
    if (viewport) {
      // Stacked: each cell shows its column name.
      const label = await row.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content);
      assert.equal(label, '"查询时间"');
    }
    await screenshot(page, 'me-queries');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('record history: from my records to the timeline of sources and reasons', async () => {
  const page = await open('/me');
  const record = page.locator('.record', { hasText: '拒不履行生效判决' });
  await record.getByRole('link', { name: /来源与变更记录/ }).click();
  await page.waitForURL(/\/me\/records\/\d+\/history$/);
  const entry = page.locator('.history-entry').first();
  await entry.waitFor();
  assert.match(await entry.textContent(), new RegExp(DEPT));
  assert.match(await entry.textContent(), /首次报送/);
  await entry.locator('summary').click();
  await entry.locator('.snapshot dd').first().waitFor();
  await screenshot(page, 'record-history');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('phone: the new pages fit 390 px and are screenshotted', async () => {
  const number = await ownReport('手机查看');
  for (const [name, path, ready] of [
    ['me-report-card', '/me', '.report-card'],
    ['report', `/reports/${number}`, '.report-record'],
    ['verify-genuine', `/verify?number=${number}`, '.verdict'],
    ['me-grants', '/me/grants', '.grant-form'],
  ]) {
    const page = await open(path, { viewport: MOBILE });
    await page.locator(ready).first().waitFor();
    assert.ok(await horizontalOverflow(page) <= 0, `${name}: no sideways scrolling`);
    await screenshot(page, name);
    await page.close();
  }
});

test('axe: no serious or critical violations on the new pages', async () => {
  const number = await ownReport('无障碍检查');
  const problems = [];
  for (const lang of ['zh-CN', 'en']) {
    for (const viewport of [null, MOBILE]) {
      for (const [name, path, ready] of [
        ['me', '/me', '.report-card'],
        ['queries', '/me/queries', '.queries-table'],
        ['grants', '/me/grants', '.grant-form'],
        ['report', `/reports/${number}`, '.report-record'],
        ['verify', `/verify?number=${number}`, '.verdict'],
      ]) {
        const page = await open(path, { viewport, lang });
        await page.locator(ready).first().waitFor();
        for (const v of await axeViolations(page)) problems.push(`${name} (${lang}${viewport ? ', phone' : ''}): ${v}`);
        await page.close();
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('objection status: the route and, once decided, the outcome with its reasons', async () => {
  const records = await call(`/api/v1/subjects/${code}/records?page_size=50`, { token: subject });
  const record = records.json.items.find((r) => r.document_number === DOC(1));
  const filed = await call('/api/v1/objections', {
    token: subject, method: 'POST',
    body: { record_id: record.id, objector: { name: NAME, contact: '13800000000' }, reason: '判决已履行完毕' },
  });
  assert.equal(filed.status, 201, filed.text);
  const id = filed.json.id;
  const page = await open(`/objections/${id}`);
  await page.getByText('待分办').waitFor();
  const routed = await call(`/api/v1/objections/${id}/route`, { token: token('admin'), method: 'POST', body: { route: 'provider' } });
  assert.equal(routed.status, 200, routed.text);
  const decided = await call(`/api/v1/objections/${id}/decision`, {
    token: token('provider', '--provider', DEPT), method: 'POST', body: { outcome: 'not_corrected', reason: '未提交履行证明' },
  });
  assert.equal(decided.status, 200, decided.text);
  await page.reload();
  await page.getByText(/^转信息提供单位/).waitFor();
  await page.getByText('不予更正', { exact: true }).waitFor();
  await page.getByText('未提交履行证明').waitFor();
  await screenshot(page, 'objection-decided');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('search by resident ID: the name is asked for, and only ID and name together find the person (Art. 4)', async () => {
  const page = await context.newPage();
  page.errors = trackErrors(page);
  const searches = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/subjects?')) searches.push(r.url()); });
  await page.goto(`${BASE_URL}/`);
  await page.getByLabel('企业名称、统一社会信用代码或注册号').fill(ID);
  const name = page.getByLabel('姓名（按身份证号码查询须同时填写）');
  await name.waitFor();
  // Without the name nothing is sent, and the name field is where the cursor goes.
  await page.getByRole('button', { name: '查询', exact: true }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await name.evaluate((el) => el === document.activeElement), true);
  // Typing the name sends nothing either; submitting sends ID and name once.
  await name.fill(NAME);
  assert.deepEqual(searches, []);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const result = page.locator('.result').first();
  await result.waitFor();
  assert.equal(await result.locator('.code').innerText(), code);
  assert.match(await result.innerText(), /浏\*/, 'the public sees the name masked');
  assert.equal(searches.length, 1, searches.join('\n'));
  assert.equal(new URL(searches[0]).searchParams.get('name'), NAME);
  assert.ok(!page.url().includes(encodeURIComponent(NAME)), 'the name stays out of the page URL');
  await screenshot(page, 'search-by-id');
  assert.deepEqual(page.errors, []);
  await page.close();
});
