// axe-core on the pages people fill in and read: no serious or critical violations,
// in Chinese and in English, on a laptop and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, MOBILE, FIXTURES, launch, requireServer, codeOf, axeViolations } from './lib.mjs';

let context;
let code;
before(async () => {
  await requireServer();
  code = await codeOf(FIXTURES.exemplary);
  context = await launch();
});
after(() => context?.close());

const pages = () => [
  ['search results', `/search?q=${encodeURIComponent(FIXTURES.exemplary)}`, '.result'],
  ['profile', `/subjects/${code}?class=administrative_penalty`, '.record'],
  ['objection form', '/objections/new?record=1', 'form'],
  ['my credit', '/me', 'form'],
];

for (const lang of ['zh-CN', 'en']) {
  for (const viewport of [null, MOBILE]) {
    test(`axe: no serious or critical violations (${lang}${viewport ? ', phone' : ''})`, async () => {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${BASE_URL}/`);
      await page.evaluate((l) => localStorage.setItem('gzcredit.lang', l), lang);
      const problems = [];
      for (const [name, path, ready] of pages()) {
        await page.goto(`${BASE_URL}${path}`);
        await page.locator(ready).first().waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        for (const violation of await axeViolations(page)) problems.push(`${name}: ${violation}`);
      }
      // An invalid form state must be accessible too.
      await page.goto(`${BASE_URL}/objections/new?record=1`);
      await page.locator('button[type=submit]').click();
      await page.locator('.field-error').first().waitFor();
      for (const violation of await axeViolations(page)) problems.push(`objection form with errors: ${violation}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}
