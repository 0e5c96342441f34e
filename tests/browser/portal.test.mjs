// The portal pages as a visitor uses them: search by name and by code, the credit profile
// and its tabs, filing an objection and following it, the language switch, a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, MOBILE, FIXTURES, launch, screenshot, requireServer, api, codeOf, subjectToken, horizontalOverflow, trackErrors,
} from './lib.mjs';

let context;
before(async () => {
  await requireServer();
  context = await launch();
});
after(() => context?.close());

/** A new tab with uncaught page errors recorded. */
async function open(path, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.errors = trackErrors(page);
  await page.goto(`${BASE_URL}${path}`);
  await page.locator('#main').waitFor();
  return page;
}

/** Type into the search box and submit it. */
async function search(page, text) {
  await page.getByLabel('企业名称、统一社会信用代码或注册号').fill(text);
  await page.getByRole('button', { name: '查询', exact: true }).click();
}

test('search by name finds the fixture and shows its code', async () => {
  const page = await open('/');
  await search(page, FIXTURES.exemplary);
  await page.waitForURL(/\/search\?q=/);
  const result = page.locator('.result', { hasText: FIXTURES.exemplary });
  await result.first().waitFor();
  assert.match(await page.locator('.results-total').innerText(), /\d+\+? 条结果/);
  assert.equal(await result.first().locator('.code').innerText(), await codeOf(FIXTURES.exemplary));
  await screenshot(page, 'search');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('search by code: validated while typing, then found', async () => {
  const code = await codeOf(FIXTURES.exemplary);
  const page = await open('/');
  const box = page.getByLabel('企业名称、统一社会信用代码或注册号');
  const hint = page.locator('#gz-q-hint');

  // A wrong check character: the shared validator names the right one, and nothing is sent.
  const last = code.at(-1);
  const wrong = code.slice(0, -1) + (last === '0' ? '1' : '0');
  await box.fill(wrong);
  assert.match(await hint.innerText(), new RegExp(`校验码错误，应为 ${last}`));
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  assert.equal(new URL(page.url()).pathname, '/', 'an invalid code is not submitted');

  // Lower case with spaces is still the same code.
  await box.fill(`${code.slice(0, 9).toLowerCase()} ${code.slice(9)}`);
  assert.match(await hint.innerText(), /✓ 格式正确的统一社会信用代码/);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('.result', { hasText: FIXTURES.exemplary }).waitFor();
  await page.close();
});

test('the red list: shown for a subject with no dishonesty on file, with its terms', async () => {
  const code = await codeOf(FIXTURES.redListed);
  const page = await open(`/subjects/${code}`);
  await page.getByRole('heading', { level: 1, name: FIXTURES.redListed }).waitFor();
  const entry = page.locator('.list-good').first();
  await entry.waitFor();
  assert.match(await entry.innerText(), /守信激励对象名单/);
  await page.close();
});

test('a search without matches says so', async () => {
  const page = await open(`/search?q=${encodeURIComponent('没有这个企业名称zzqx')}`);
  await page.getByText('未找到匹配的信用主体').waitFor();
  await page.close();
});

test('profile: registration, lists, every class tab, objection label', async () => {
  const code = await codeOf(FIXTURES.exemplary);
  const page = await open(`/search?q=${encodeURIComponent(FIXTURES.exemplary)}`);
  await page.getByRole('link', { name: FIXTURES.exemplary, exact: true }).click();
  await page.waitForURL(new RegExp(`/subjects/${code}`));
  await page.getByRole('heading', { level: 1, name: FIXTURES.exemplary }).waitFor();
  assert.match(await page.locator('.facts').first().innerText(), new RegExp(code));
  // Its red-list entry was removed when its penalties came (catalog: 发生失信行为……立即移出),
  // so the public sees no red-list badge next to them; the cooperative is on the list.
  await page.locator('.facts').first().waitFor();
  assert.equal(await page.locator('.list-good').count(), 0, 'no red-list entry next to live penalties');

  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  assert.ok(count >= 10, `one tab per class (${count})`);
  let objected = 0;
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    await tab.click();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const panel = page.getByRole('tabpanel');
    const name = (await tab.locator('span').first().innerText()).trim();
    await panel.getByRole('heading', { name, exact: true }).waitFor();
    await panel.locator('.record, .state-empty').first().waitFor();
    const expected = Number(await tab.locator('.tab-count').innerText());
    const shown = await panel.locator('.record').count();
    assert.equal(shown, Math.min(expected, 10), `tab ${name}: ${expected} records announced, ${shown} shown`);
    for (const record of await panel.locator('.record').all()) {
      const text = await record.innerText();
      for (const label of ['信息提供单位', '决定日期', '法律依据', '公示截止日期']) {
        assert.ok(text.includes(label), `a record of ${name} shows ${label}`);
      }
      assert.equal(await record.getByRole('link', { name: /^提出异议/ }).count(), 1);
    }
    objected += await panel.locator('.record', { hasText: '异议处理中' }).count();
  }
  assert.ok(objected >= 1, 'the penalty under objection carries 异议处理中');

  // Keyboard: arrows move between tabs.
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'tab');

  await screenshot(page, 'profile');
  await page.setViewportSize(MOBILE);
  await screenshot(page, 'profile');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('serious-dishonesty list: conditions, remedy, masked representative', async () => {
  const code = await codeOf(FIXTURES.dishonest);
  const page = await open(`/subjects/${code}`);
  const list = page.locator('.list-bad').first();
  await list.waitFor();
  const text = await list.innerText();
  for (const label of ['列入条件', '移出条件', '救济途径']) assert.ok(text.includes(label), label);
  const representative = await page.locator('dt', { hasText: '法定代表人' }).first()
    .locator('xpath=following-sibling::dd[1]').innerText();
  assert.match(representative, /^\S+\*$/, `the legal representative is masked: ${representative}`);
  await screenshot(page, 'profile-dishonest');
  await page.close();
});

/** A record nobody objects to yet (each run of the objection test marks one): `{code, cls, id}`. */
async function unobjectedRecord() {
  const candidates = [await codeOf(FIXTURES.exemplary)];
  for (const s of (await api(`/api/v1/subjects?q=${encodeURIComponent('贵阳')}&page_size=50`)).items) candidates.push(s.code);
  for (const code of candidates) {
    const profile = await api(`/api/v1/subjects/${encodeURIComponent(code)}`);
    for (const { class: cls, count, under_objection } of profile.classes) {
      if (count === 0 || count === under_objection) continue;
      const page = await api(`/api/v1/subjects/${encodeURIComponent(code)}/records?class=${cls}`);
      const record = page.items.find((r) => !r.under_objection);
      if (record) return { code, cls, id: String(record.id) };
    }
  }
  throw new Error('no record without an objection left in the demo data');
}

test('an objection needs the subject: a visitor is told so and can report an error, which marks nothing', async () => {
  const target = await unobjectedRecord();
  const page = await open(`/objections/new?record=${target.id}`);
  await page.getByText(/提出异议是信用主体的权利（第三十四条第一款）/).waitFor();
  assert.equal(await page.getByLabel('异议人姓名或单位名称').count(), 0, 'no objection form for a visitor');
  // The report's own limits, before sending (shared::api::check_error_report).
  await page.getByLabel(/哪里有误/).fill('日期不对');
  await page.getByRole('button', { name: '提交报告' }).click();
  await page.locator('#gz-report-err').waitFor();
  await page.getByLabel(/哪里有误/).fill('决定日期与处罚决定书记载的日期不一致。');
  await page.getByRole('button', { name: '提交报告' }).click();
  await page.getByText(/报告已收到，编号：BC\d{8}/).waitFor();
  const records = await api(`/api/v1/subjects/${encodeURIComponent(target.code)}/records?class=${target.cls}&page_size=50`);
  assert.equal(records.items.find((r) => String(r.id) === target.id).under_objection, false, 'the report marked nothing');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('file an objection and find it on its status page', async () => {
  const target = await unobjectedRecord();
  // Art. 34 ¶1: the subject files it, signed in with its token.
  const bearer = subjectToken(target.code);
  assert.ok(bearer, 'a subject token');
  const page = await open('/');
  await page.evaluate((t) => sessionStorage.setItem('gzcredit.token', t), bearer);
  await page.goto(`${BASE_URL}/subjects/${encodeURIComponent(target.code)}?class=${target.cls}`);
  const record = page.locator(`.record[data-record-id="${target.id}"]`);
  await record.waitFor();
  const recordId = target.id;
  await record.getByRole('link', { name: /^提出异议/ }).click();
  await page.waitForURL(new RegExp(`/objections/new\\?record=${recordId}$`));

  // Required fields are checked before anything is sent, and the keyboard goes to the first.
  await page.getByRole('button', { name: '提交异议' }).click();
  assert.ok(await page.getByText('请填写此项。').count() >= 3);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'gz-name');
  await screenshot(page, 'objection-form');

  await page.getByLabel('异议人姓名或单位名称').fill('浏览器测试');
  await page.getByLabel('联系方式').fill('test@example.org');
  await page.getByLabel('异议理由（哪里有误）').fill('处罚决定已被撤销，记录应更正。');
  await page.getByLabel('证据材料说明').fill('行政复议决定书');
  await page.getByRole('button', { name: '提交异议' }).click();
  const receipt = (await page.locator('.receipt-number strong').innerText()).trim();
  assert.ok(receipt.length > 0, 'a receipt number is shown');
  await screenshot(page, 'objection-receipt');

  await page.getByRole('link', { name: '查看办理进度' }).click();
  await page.waitForURL(new RegExp(`/objections/${encodeURIComponent(receipt)}$`));
  await page.getByRole('heading', { name: '异议办理进度' }).waitFor();
  const facts = await page.locator('.facts').first().innerText();
  assert.ok(facts.includes(receipt) && facts.includes(recordId), 'the status names the receipt and the record');
  const steps = page.locator('.step');
  assert.ok(await steps.count() >= 1, 'its steps are listed');
  assert.match(await steps.first().innerText(), /办理期限\s*\d{4}-\d{2}-\d{2}/);
  await screenshot(page, 'objection-status');
  await page.setViewportSize(MOBILE);
  assert.ok(await horizontalOverflow(page) <= 0);
  await screenshot(page, 'objection-status');
  assert.deepEqual(page.errors, []);
  await page.evaluate(() => sessionStorage.removeItem('gzcredit.token'));
  await page.close();
});

test('language switch: English, kept after reload, and back', async () => {
  const page = await open('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Search credit information' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Search credit information' }).waitFor();
  await page.getByLabel('Enterprise name, unified social credit code or registration number').fill('91520100MA6DXXXXX1');
  assert.match(await page.locator('#gz-q-hint').innerText(), /invalid unified social credit code|should/);
  await page.getByRole('button', { name: '切换为中文' }).click();
  await page.getByRole('heading', { level: 1, name: '信用信息查询' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.close();
});

test('a phone (390×844): every page fits the width', async () => {
  const code = await codeOf(FIXTURES.exemplary);
  const pages = [
    ['home', '/'],
    ['search', `/search?q=${encodeURIComponent('贵阳')}`],
    ['profile', `/subjects/${code}`],
    ['objection-form', '/objections/new?record=1'],
    ['me', '/me'],
  ];
  for (const [name, path] of pages) {
    const page = await open(path, MOBILE);
    await page.locator('#main h1').first().waitFor();
    await page.locator('.state-loading').waitFor({ state: 'detached' });
    assert.ok(await horizontalOverflow(page) <= 0, `${name} scrolls sideways`);
    // The search box and its button share one row and stay on screen.
    if (name === 'search') {
      const button = await page.getByRole('button', { name: '查询', exact: true }).boundingBox();
      assert.ok(button.x + button.width <= MOBILE.width);
    }
    await screenshot(page, name);
    if (name !== 'profile') {
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, name);
    }
    await page.close();
  }
});

test('/me: the token form refuses a malformed token', async () => {
  const page = await open('/me');
  await page.getByLabel('访问令牌').waitFor();
  // A malformed token is refused with the shared rule's message, before any call.
  await page.getByLabel('访问令牌').fill('not-a-token');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').getByText(/访问令牌无效/).waitFor();
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('访问令牌').waitFor();
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('gzcredit.token'), sessionStorage.getItem('gzcredit.token')]), [null, null]);
  await page.close();
});

test('/me signed in: own records kept across reloads, with the report card and the other sections', async (t) => {
  const code = await codeOf(FIXTURES.exemplary);
  const token = subjectToken(code);
  if (!token) return t.skip('no xtask binary to mint a subject token');
  const page = await open('/me');
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 2, name: FIXTURES.exemplary }).waitFor();
  await page.getByRole('tab').first().waitFor();
  await page.getByRole('heading', { level: 2, name: '我的信用报告' }).waitFor();
  const sections = page.getByRole('navigation', { name: '我的信用栏目' });
  for (const name of ['我的信用记录', '谁查询了我', '书面授权']) await sections.getByRole('link', { name }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 2, name: FIXTURES.exemplary }).waitFor(); // the token was kept
  // Kept for this tab only (sessionStorage), never in localStorage (issue 13).
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('gzcredit.token'), sessionStorage.getItem('gzcredit.token')]), [null, token]);
  await screenshot(page, 'me-signed-in');
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByLabel('访问令牌').waitFor();
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('gzcredit.token'), sessionStorage.getItem('gzcredit.token')]), [null, null]);
  assert.deepEqual(page.errors, []);
  await page.close();
});
