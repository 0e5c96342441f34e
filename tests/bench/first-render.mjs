// First render of the portal and the widget in headless Chromium, unthrottled and with the
// CPU throttled 4× through the DevTools protocol. Cold cache every run; prints one JSON
// object with the median of each. Used by `cargo xtask bench`; not a timed test.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8787';
const RUNS = Number(process.env.RUNS ?? 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const scenarios = {
  // The portal's search page until the first result link is painted.
  portal: { url: `${BASE}/search?q=${encodeURIComponent('黔信示范')}`, ready: (page) => page.waitForSelector('li.result') },
  // A host page with the widget until its shadow root shows a result.
  widget: {
    url: `${BASE}/demo-host.html`,
    ready: (page) => page.waitForFunction(() => {
      const el = document.querySelector('gz-credit-search[query]');
      return el && el.shadowRoot && el.shadowRoot.querySelector('li.result');
    }, null, { polling: 10 }),
  },
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const dir = mkdtempSync(join(tmpdir(), 'gz-render-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 390, height: 844 },
});
const result = {};
try {
  for (const [name, scenario] of Object.entries(scenarios)) {
    for (const rate of [1, 4]) {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const started = Date.now();
        await page.goto(scenario.url, { waitUntil: 'commit' });
        await scenario.ready(page);
        times.push(Date.now() - started);
        await page.close();
      }
      result[`${name}_cpu${rate}x_ms`] = median(times);
    }
  }
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
