// Only published measures are applied (Art. 27 ¶2: 「未经公布的信用惩戒措施，不得实施。」).
// shared/data/measures.toml is a draft that no authority has published (every measure says
// `published = false`), so an agency querying even a seriously dishonest judgment debtor
// gets no measure to take: every measure of its matter is listed under `not_applicable`,
// marked `not_published`, with the Art. 27 ¶2 label (rewards: Art. 22).
// Expected values are written out by hand from measures.toml (version 2026-12-31-draft-2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, token, codeOf, RUN } from './lib.mjs';

// datagen fixtures::SERIOUSLY_DISHONEST: LST-SERIOUS, PEN-SAFETY and a continuing
// JUD-NONFULFILMENT (on the list of dishonest judgment debtors).
const SERIOUSLY_DISHONEST = '六盘水失信示范矿业有限公司';
const PUNISHMENT_LABEL = '不适用：措施清单未经公布（第二十七条第二款）';
const REWARD_LABEL = '不适用：措施清单未经公布（第二十二条）';

async function measures(matter) {
  const agency = token('agency', '--agency', `测试采购中心${RUN}`, '--matter', matter, '--staff', `art27-${RUN}`);
  const code = await codeOf(SERIOUSLY_DISHONEST); // public search: the listing is public
  const r = await api(`/api/v1/subjects/${code}/measures?matter=${matter}`, { token: agency });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

function assertAllUnpublished(answer, expectedIds) {
  assert.deepEqual(answer.measures, [], 'no measure to take: none was published (Art. 27 ¶2)');
  assert.deepEqual(answer.not_applicable.map((m) => m.id), expectedIds);
  for (const m of answer.not_applicable) {
    assert.equal(m.status, 'not_published', m.id);
    assert.equal(m.applicable, false, m.id);
    assert.equal(m.published, null, `${m.id}: no publication source`);
    assert.deepEqual(m.basis_record_ids, [], m.id);
    assert.equal(m.status_zh, m.kind === 'reward' ? REWARD_LABEL : PUNISHMENT_LABEL, m.id);
    assert.ok(m.status_en.startsWith('Not applicable: the list of measures has not been published'), m.status_en);
    if (m.kind !== 'reward') assert.ok(m.reason_zh.includes('「未经公布的信用惩戒措施，不得实施」'), m.reason_zh);
    assert.ok(m.legal_basis_zh && m.article_clause.startsWith('第'), JSON.stringify(m));
  }
  assert.ok(!JSON.stringify(answer).includes('"status":"applicable"'), 'nothing is applicable');
  assert.equal(answer.measures_version, '2026-12-31-draft-2');
}

test('Art. 27 ¶2: in government procurement a seriously dishonest judgment debtor gets no applicable measure', async () => {
  const answer = await measures('government_procurement');
  assert.equal(answer.matter, 'government_procurement');
  assert.equal(answer.name, SERIOUSLY_DISHONEST);
  // The standing is still computed (a listed judgment debtor with a live penalty): it is
  // the list, not the subject, that makes every measure inapplicable.
  assert.deepEqual(answer.standing, {
    red_list: false,
    dishonest: true,
    seriously_dishonest: true,
    judgment_debtor: true,
    dishonesty_classes: ['administrative_penalty', 'non_fulfilment', 'serious_dishonesty_list'],
  });
  assert.equal(answer.basis_record_ids.length, 3, 'PEN-SAFETY, JUD-NONFULFILMENT, LST-SERIOUS');
  assertAllUnpublished(answer, ['s29-8-public-resource-trading', 'p28-4-trading-credit-deduction', 'r23-3-trading-credit-bonus']);
  const p28 = answer.not_applicable.find((m) => m.id === 'p28-4-trading-credit-deduction');
  assert.deepEqual(p28.related_classes,
    ['administrative_penalty', 'administrative_levy', 'non_fulfilment', 'credit_commitment', 'serious_dishonesty_list']);
});

test('Art. 27 ¶2: the judgment-debtor measures (s29-9, s29-10) are not taken either while unpublished', async () => {
  const answer = await measures('daily_management');
  assertAllUnpublished(answer, [
    's29-9-high-consumption', 's29-10-exit',
    'p28-3-no-facilitation', 'p28-5-key-supervision', 'p28-6-facilitation-withdrawn',
    'r23-4-fewer-inspections',
  ]);
  assert.deepEqual(answer.not_applicable.slice(0, 2).map((m) => m.target), ['judgment_debtor', 'judgment_debtor']);
});
