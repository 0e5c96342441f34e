// Issue 13, item 7: resource limits. A chunked body is cut off at the limit while it is
// read; anonymous report verification is rate-limited; the audit chain is verified in
// bounded steps with a cursor; a subject's records are never truncated silently at the
// 200-row page of a query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE, api, assertError, token, freshUscc, shanghaiToday, iso, addDays, RUN, freshClient } from './lib.mjs';
import { verifyAudit } from './workflows_lib.mjs';

/** POST an endless chunked body (no Content-Length) and resolve with the answer. The
 * body is cut off by the server, or the request times out. */
function endlessPost(path, ip) {
  return new Promise((resolve, reject) => {
    const url = new URL(BASE + path);
    const req = http.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'CF-Connecting-IP': ip },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace
    let sent = 0;
    let stop = false;
    // The limit (2 MB) and 256 KB more, and then the body never ends: a server that reads
    // the whole body before checking its size never answers.
    const pump = () => {
      while (!stop && sent < 2 * 1024 * 1024 + 256 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
    };
    const timer = setTimeout(() => { stop = true; req.destroy(); reject(new Error(`no answer after ${sent} bytes sent`)); }, 20_000);
    req.on('response', (res) => {
      stop = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => { clearTimeout(timer); req.destroy(); resolve({ status: res.statusCode, text, sent }); });
    });
    // The server may close the connection before Node has read its answer (a reset of the
    // socket still being written): it stopped reading all the same.
    req.on('error', (e) => {
      if (stop) return;
      clearTimeout(timer);
      if (['ECONNRESET', 'EPIPE'].includes(e.code)) resolve({ reset: e.code, sent });
      else reject(e);
    });
    pump();
  });
}

test('a chunked body without Content-Length is cut off at the limit while it is read', async () => {
  // Each try is answered at once or cut off, never left waiting for the end of the body;
  // at least one of them reads the answer (the others may lose it to the reset).
  const answers = [];
  for (let i = 0; i < 5 && !answers.some((a) => a.status); i++) {
    answers.push(await endlessPost('/api/v1/reports/verify', freshClient()['CF-Connecting-IP']));
  }
  const answered = answers.find((a) => a.status);
  assert.ok(answered, `an answer: ${JSON.stringify(answers)}`);
  assert.equal(answered.status, 413, answered.text);
  assert.equal(JSON.parse(answered.text).code, 'body_too_large');
});

test('anonymous report verification is rate-limited: 429 with Retry-After and a JSON error', async () => {
  const ip = freshClient()['CF-Connecting-IP'];
  const body = { report: { number: 'BG20260101NOSUCH0000' }, signature: 'x' };
  let limited;
  // The limiter counts 120 a minute in fixed windows: 241 requests sent within a minute
  // span at most two windows, so one of them holds more than 120, wherever the boundary
  // falls (200 could be split 100 + 100 across one).
  for (let i = 0; i < 241 && !limited; i++) {
    const r = await api('/api/v1/reports/verify', { method: 'POST', body, headers: { 'CF-Connecting-IP': ip } });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 200, r.text);
  }
  assert.ok(limited, 'the public is throttled within 241 verifications a minute');
  assertError(limited, 429, 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0, 'Retry-After');
  // Counted apart from searches: the same client may still search.
  const search = await api('/api/v1/subjects?q=%E8%B4%B5', { headers: { 'CF-Connecting-IP': ip } });
  assert.equal(search.status, 200, search.text);
});

test('the audit chain is verified in bounded steps that follow a cursor', async () => {
  const admin = token('admin');
  // Audited queries, so that the log is longer than one step of two.
  for (let i = 0; i < 3; i++) {
    assert.equal((await api('/api/v1/subjects/91520115MA6000008B', { token: admin })).status, 200);
  }
  const first = await api('/api/v1/admin/audit/verify?limit=2', { token: admin });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.intact, true, first.json.message_en);
  assert.equal(first.json.complete, false, 'two entries are one step of a longer log');
  assert.equal(first.json.entries, 2);
  assert.equal(first.json.head.seq, 2);
  assert.match(first.json.next_cursor, /^2\.[0-9a-f]{64}\.2$/);
  // Follow the cursor in steps of 500 to the end: the same count as one unbounded walk.
  let step = first.json;
  let steps = 1;
  while (!step.complete) {
    const r = await api(`/api/v1/admin/audit/verify?limit=500&cursor=${encodeURIComponent(step.next_cursor)}`, { token: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.intact, true, r.json.message_en);
    assert.ok(r.json.entries > step.entries || r.json.complete, 'every step moves on');
    step = r.json;
    steps += 1;
  }
  assert.ok(steps >= 2);
  assert.equal(step.next_cursor, null);
  const whole = await verifyAudit();
  assert.equal(whole.intact, true);
  assert.equal(whole.entries, step.entries + 1, 'the stepped walk counted every entry (plus its own, recorded at its end)');
  // A cursor that names no stored entry, or a limit out of range, is refused.
  const forged = `${step.head.seq}.${'0'.repeat(64)}.${step.entries}`;
  assertError(await api(`/api/v1/admin/audit/verify?cursor=${forged}`, { token: admin }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/admin/audit/verify?cursor=nonsense', { token: admin }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/admin/audit/verify?limit=0', { token: admin }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/admin/audit/verify?limit=5001', { token: admin }), 400, 'invalid_parameter');
});

test('a subject with 1,000 records: profile, records and the report count every one, and the profile reads at most 50 rows (issue 14)', async () => {
  const provider = token('provider', '--provider', '贵阳市市场监督管理局');
  const code = freshUscc('L');
  const today = shanghaiToday();
  const total = 1000;
  const records = Array.from({ length: total }, (_, i) => ({
    subject: { code, name: `贵阳限额测试${RUN}有限公司` },
    item_code: 'PEN-GENERAL',
    document_number: `LIMITS-${RUN}-${i}`,
    title: `罚款人民币${i + 1}元`,
    legal_basis: '《中华人民共和国产品质量法》第四十九条',
    // Three a day, so that the pages break inside a day too; the oldest decided 343 days
    // ago, the act ended 400 days ago: every one is within its window (Art. 33).
    decision_date: iso(addDays(today, -10 - Math.floor(i / 3))),
    act_end_date: iso(addDays(today, -400)),
    penalty_types: ['fine'],
  }));
  // A batch holds at most 500 records.
  const batches = [records.slice(0, 500), records.slice(500)];
  for (const batch of batches) {
    const created = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: batch } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.created, batch.length);
  }
  // Re-submitted whole: every record is found as held (none beyond a first page of the
  // subject's records is taken for new).
  for (const batch of batches) {
    const again = await api('/api/v1/records', { token: provider, method: 'POST', body: { records: batch } });
    assert.deepEqual(again.json, { created: 0, updated: 0, unchanged: batch.length }, again.text);
  }

  const profile = await api(`/api/v1/subjects/${code}`);
  assert.equal(profile.status, 200, profile.text);
  const penalties = profile.json.classes.find((c) => c.class === 'administrative_penalty');
  assert.equal(penalties.count, total, 'the profile counts every record');
  assert.equal(profile.json.classes.reduce((n, c) => n + c.count, 0), total, 'and nothing else');
  const rowsRead = Number(profile.headers.get('x-d1-rows-read'));
  assert.ok(rowsRead <= 50, `the profile read ${rowsRead} rows for 1,000 records (budget 50)`);

  // Newest first, by decision date and then the later filed first: record i was decided
  // 10 + ⌊i/3⌋ days ago, so the order is 2, 1, 0, 5, 4, 3, …, 998, 997, 996, 999 (the
  // oldest day holds record 999 alone).
  const expectedOrder = [];
  for (let day = 0; 3 * day < total; day++) {
    expectedOrder.push(...[3 * day + 2, 3 * day + 1, 3 * day].filter((i) => i < total));
  }
  const shown = [];
  for (let p = 1; p <= 20; p++) {
    const r = await api(`/api/v1/subjects/${code}/records?page=${p}&page_size=50`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, total);
    assert.equal(r.json.items.length, 50, `page ${p}`);
    const rows = Number(r.headers.get('x-d1-rows-read'));
    // The subject, its digest, and for each record shown its id in the page's list and
    // its row (the list may count one step more at its end): bounded by the page,
    // whatever the history.
    assert.ok(rows <= 3 + 2 * 50, `page ${p} read ${rows} rows for 50 records of 1,000`);
    shown.push(...r.json.items.map((item) => item.title));
  }
  assert.deepEqual(shown, expectedOrder.map((i) => `罚款人民币${i + 1}元`), 'every record once, newest first, across the pages');
  const beyond = await api(`/api/v1/subjects/${code}/records?page=21&page_size=50`);
  assert.deepEqual(beyond.json.items, [], 'nothing past the last page');

  const subject = token('subject', '--subject', code);
  const report = await api('/api/v1/reports', { token: subject, method: 'POST' });
  assert.equal(report.status, 201, report.text);
  assert.equal(report.json.report.records.length, total, 'the report lists every record');
});
