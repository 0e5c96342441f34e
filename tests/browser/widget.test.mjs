// The <gz-credit-search> widget embedded in a page of ANOTHER origin with hostile CSS:
// it must render as designed, keep its styles to itself, and tell the host what was chosen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE_URL, MOBILE, FIXTURES, launch, screenshot, requireServer, codeOf, trackErrors, horizontalOverflow } from './lib.mjs';

const hostPage = (query) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host portal</title>
<style>
  * { color: red !important; font-size: 40px !important; font-family: serif !important; }
  button { display: none !important; }
  .btn, .result, .gz, input { background: lime !important; border: 5px dashed lime !important; }
</style></head>
<body>
  <p id="host-text">Host text</p>
  <button id="host-button">Host button</button>
  <a id="host-btn" class="btn" href="#">host .btn link</a>
  <script src="${BASE_URL}/widget.js" async></script>
  <gz-credit-search id="inline" api="${BASE_URL}" lang="zh-CN" query="${query}"></gz-credit-search>
  <gz-credit-search id="portal" api="${BASE_URL}" lang="en" compact accent="#7a1f5c" open="portal" query="${query}"></gz-credit-search>
  <script>
    window.selected = [];
    window.cancelSelect = false;
    document.addEventListener('gz-credit-select', (e) => {
      window.selected.push({ id: e.target.id, ...e.detail, composed: e.composed, bubbles: e.bubbles });
      if (window.cancelSelect) e.preventDefault();
    });
  </script>
</body></html>`;

let server;
let hostUrl;
let context;

before(async () => {
  await requireServer();
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(FIXTURES.exemplary));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${server.address().port}/`;
  assert.notEqual(new URL(hostUrl).origin, new URL(BASE_URL).origin, 'the host is another origin');
  context = await launch();
});

after(async () => {
  await context?.close();
  server?.close();
});

async function openHost(viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.errors = trackErrors(page);
  await page.goto(hostUrl);
  return page;
}

const style = (locator, property) => locator.evaluate((el, p) => getComputedStyle(el)[p], property);

test('the loader is small and defines the element', async () => {
  const res = await fetch(`${BASE_URL}/widget.js`);
  assert.equal(res.status, 200);
  const size = (await res.arrayBuffer()).byteLength;
  assert.ok(size <= 5 * 1024, `widget.js is ${size} bytes`);
});

test('renders on another origin despite hostile host CSS, and keeps its CSS inside', async () => {
  const page = await openHost();
  const widget = page.locator('#inline');
  const box = widget.getByLabel('企业名称、统一社会信用代码或注册号');
  await box.waitFor();
  const submit = widget.getByRole('button', { name: '查询', exact: true });

  // Host rules do not reach in.
  assert.notEqual(await style(submit, 'display'), 'none', 'host `button {display:none}` hides the widget button');
  assert.equal(await style(box, 'fontSize'), '16px');
  assert.notEqual(await style(box, 'color'), 'rgb(255, 0, 0)');
  assert.notEqual(await style(widget.locator('.gz'), 'color'), 'rgb(255, 0, 0)', 'inherited host colour is reset');
  assert.notEqual(await style(widget.locator('.gz'), 'backgroundColor'), 'rgb(0, 255, 0)');

  // The initial query ran: results inside the widget.
  const result = widget.locator('.result', { hasText: FIXTURES.exemplary }).first();
  await result.waitFor();
  // Sizes are relative to the widget, not to the host's <html> (40px here): no `rem`.
  for (const el of [result, result.locator('.result-name'), result.locator('.result-meta')]) {
    const size = parseFloat(await style(el, 'fontSize'));
    assert.ok(size >= 12 && size <= 20, `widget text is ${size}px`);
  }

  // Widget rules do not leak out.
  assert.equal(await style(page.locator('#host-text'), 'color'), 'rgb(255, 0, 0)');
  assert.equal(await style(page.locator('#host-text'), 'fontSize'), '40px');
  assert.equal(await style(page.locator('#host-button'), 'display'), 'none');
  const hostBtn = page.locator('#host-btn');
  assert.equal(await style(hostBtn, 'borderRadius'), '0px', 'the widget `.btn` rule styles a host element');
  assert.equal(await style(hostBtn, 'display'), 'inline');
  assert.equal(await style(page.locator('body'), 'marginTop'), '8px', 'the widget `body` rule reaches the host');

  // Live validation works inside the shadow root too.
  const code = await codeOf(FIXTURES.exemplary);
  await box.fill(code.slice(0, -1) + (code.at(-1) === '0' ? '1' : '0'));
  assert.match(await widget.locator('#gz-q-hint').innerText(), new RegExp(`应为 ${code.at(-1)}`));

  await screenshot(page, 'widget-host');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('choosing a subject: gz-credit-select, then the profile inline', async () => {
  const code = await codeOf(FIXTURES.exemplary);
  const page = await openHost();
  const widget = page.locator('#inline');
  await widget.getByRole('link', { name: FIXTURES.exemplary, exact: true }).click();
  await widget.getByRole('heading', { level: 1, name: FIXTURES.exemplary }).waitFor();
  assert.equal(page.url(), hostUrl, 'the host page stays');
  const selected = await page.evaluate(() => window.selected);
  assert.deepEqual(selected, [{ id: 'inline', code, name: FIXTURES.exemplary, composed: true, bubbles: true }]);

  // The inline profile works: tabs load records; back goes to the same results.
  const tab = widget.getByRole('tab', { name: /行政处罚/ });
  await tab.click();
  await widget.locator('.record').first().waitFor();
  await screenshot(page, 'widget-profile');
  await widget.getByRole('link', { name: '返回查询' }).click();
  await widget.locator('.result', { hasText: FIXTURES.exemplary }).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('open="portal": English, accent, compact; cancelable event, then the portal', async () => {
  const code = await codeOf(FIXTURES.exemplary);
  const page = await openHost();
  const widget = page.locator('#portal');
  const submit = widget.getByRole('button', { name: 'Search', exact: true });
  await submit.waitFor();
  assert.equal(await style(submit, 'backgroundColor'), 'rgb(122, 31, 92)', 'accent colour');
  assert.equal(await widget.locator('#gz-region').count(), 0, 'compact: no filters');

  const link = widget.getByRole('link', { name: FIXTURES.exemplary, exact: true });
  // The host cancels the event. The widget decides synchronously, after dispatching it,
  // whether to navigate, so once the host has seen the event a navigation would already
  // have begun: wait for that positive signal, then check this document is still here.
  await page.evaluate(() => { window.cancelSelect = true; window.sameDocument = true; });
  await link.click();
  await page.waitForFunction(() => window.selected.length > 0);
  assert.equal((await page.evaluate(() => window.selected)).at(-1).code, code);
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'a cancelled gz-credit-select keeps the host page');
  assert.equal(page.url(), hostUrl, 'a cancelled gz-credit-select keeps the host page');

  await page.evaluate(() => { window.cancelSelect = false; });
  await Promise.all([page.waitForURL(`${BASE_URL}/subjects/${code}`), link.click()]);
  await page.getByRole('heading', { level: 1, name: FIXTURES.exemplary }).waitFor();
  await page.close();
});

test('the widget on a phone fits the width', async () => {
  const page = await openHost(MOBILE);
  await page.locator('#inline .result').first().waitFor();
  assert.ok(await horizontalOverflow(page) <= 0);
  await screenshot(page, 'widget-host');
  await page.close();
});
