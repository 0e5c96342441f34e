// HTTP behaviour: CORS allowlist, caching, rate limiting, error shapes, and the OpenAPI
// document checked against the implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertError, codeOf, token, BASE, freshClient } from './lib.mjs';

test('CORS: an allowed origin gets its preflight, a refused one gets 403', async () => {
  const ok = await fetch(`${BASE}/api/v1/subjects?q=x`, { method: 'OPTIONS', headers: {
    Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  assert.match(ok.headers.get('access-control-allow-headers'), /Authorization/i);
  const refused = await fetch(`${BASE}/api/v1/subjects?q=x`, { method: 'OPTIONS', headers: {
    Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  const get = await api('/api/v1/health', { headers: { Origin: 'http://127.0.0.1:9999' } });
  assert.equal(get.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9999');
  const evil = await api('/api/v1/health', { headers: { Origin: 'https://evil.example' } });
  assert.equal(evil.headers.get('access-control-allow-origin'), null);
});

test('public answers are briefly cacheable with an ETag; personal answers never are', async () => {
  const code = await codeOf('贵阳黔信示范科技有限公司');
  const first = await api(`/api/v1/subjects/${code}`);
  assert.match(first.headers.get('cache-control'), /^public, max-age=60$/);
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await api(`/api/v1/subjects/${code}`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const own = await api(`/api/v1/subjects/${code}`, { token: token('subject', '--subject', code) });
  assert.equal(own.headers.get('cache-control'), 'private, no-store');
  assert.match(own.headers.get('vary'), /Authorization/);
});

test('unknown routes and methods get JSON errors, never HTML or a 500', async () => {
  assertError(await api('/api/v1/nope'), 404, 'not_found');
  assertError(await api('/api/v1/health', { method: 'DELETE' }), 405, 'method_not_allowed');
  assertError(await api('/api/v1/subjects/NOT-A-CODE'), 404, 'not_found');
  assertError(await api('/api/v1/subjects/91520115MA6000008B/records?class=gossip'), 400, 'invalid_parameter');
});

test('anonymous search is rate limited per client with 429 and Retry-After', async () => {
  const client = freshClient();
  let limited;
  // The local limiter counts in fixed one-minute windows: 300 requests put more than the
  // limit of 120 into one window even if they straddle a boundary.
  for (let i = 0; i < 300 && !limited; i++) {
    const r = await api('/api/v1/subjects?q=%E8%B4%B5', { headers: client });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 200, r.text);
  }
  assert.ok(limited, 'no 429 after 300 searches');
  assertError(limited, 429, 'rate_limited');
  assert.equal(limited.headers.get('retry-after'), '60');
  const other = await api('/api/v1/subjects?q=%E8%B4%B5', { headers: freshClient() });
  assert.equal(other.status, 200, 'other clients are not affected');
});

test('the OpenAPI document describes every route the worker answers', async () => {
  const doc = (await api('/api/v1/openapi.json')).json;
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(Object.keys(doc.paths ?? {}).length > 0, 'the document lists its paths');
  const code = await codeOf('贵阳黔信示范科技有限公司');
  const records = await api(`/api/v1/subjects/${code}/records`);
  const concrete = {
    '/api/v1/health': '/api/v1/health',
    '/api/v1/catalog': '/api/v1/catalog',
    '/api/v1/openapi.json': '/api/v1/openapi.json',
    '/api/v1/subjects': '/api/v1/subjects?q=%E8%B4%B5',
    '/api/v1/subjects/{code}': `/api/v1/subjects/${code}`,
    '/api/v1/subjects/{code}/records': `/api/v1/subjects/${code}/records`,
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      assert.ok(operation.responses, `${method} ${path} documents its responses`);
      if (method !== 'get' || !concrete[path]) continue;
      const r = await api(concrete[path]);
      assert.ok(operation.responses[String(r.status)], `${method} ${path} answered ${r.status}, undocumented`);
      const schema = operation.responses[String(r.status)].content?.['application/json']?.schema;
      const ref = schema?.$ref?.split('/').pop();
      const required = ref ? doc.components.schemas[ref].required ?? [] : [];
      for (const key of required) assert.ok(key in r.json, `${path}: response lacks ${key} of ${ref}`);
    }
  }
  for (const path of ['/api/v1/records', '/api/v1/objections', '/api/v1/objections/{id}', ...Object.keys(concrete)]) {
    assert.ok(doc.paths[path], `${path} is documented`);
  }
  assert.ok(records.json.items.length > 0);
});
