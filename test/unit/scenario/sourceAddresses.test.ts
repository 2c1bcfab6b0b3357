// `sourceAddresses:` in the language: IP literals only, no repeats, the target's family, each
// error on its own item; hover and completion explain the key from the schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { analyzeScenario } from '../../../scenario/index';
import { ipFamily } from '../../../scenario/compile/sourceAddresses';
import { caret } from '../server/caret';
import { completionAt, service } from '../server/serviceSetup';
import { errorsOf, span } from './helpers';

const tail = 'users: [{ tasks: [{ get: /x }] }]\n';

function analyze(target: string, list: string): ReturnType<typeof analyzeScenario> {
  return analyzeScenario(
    `name: t\ntarget: ${target}\nload: { users: 1, duration: 1s }\nsourceAddresses: ${list}\n${tail}`,
  );
}

test('ipFamily: IPv4 and IPv6 literals, nothing else', () => {
  for (const s of ['10.0.0.5', '127.0.0.2', '255.255.255.255']) assert.equal(ipFamily(s), 4, s);
  for (const s of ['::1', 'fd00::5', '2001:db8:0:0:0:0:0:1', '::ffff:10.0.0.1', '::'])
    assert.equal(ipFamily(s), 6, s);
  for (const s of [
    '10.0.0.256',
    '10.0.0',
    'eth0',
    'localhost',
    '[::1]',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    '10.0.0.5:80',
    '',
  ])
    assert.equal(ipFamily(s), 0, s);
});

test('sourceAddresses: a list of this family compiles into the scenario', () => {
  const a = analyze('http://10.0.0.1:8080', '[10.0.0.5, 10.0.0.6]');
  assert.deepEqual(errorsOf(a), []);
  assert.deepEqual(a.scenario?.sourceAddresses, ['10.0.0.5', '10.0.0.6']);
  assert.equal(analyze('http://10.0.0.1:8080', '[10.0.0.5]').scenario?.sourceAddresses?.length, 1);
  assert.equal(
    analyzeScenario(`name: t\nload: { users: 1, duration: 1s }\n${tail}`).scenario?.sourceAddresses,
    undefined,
  );
});

test('sourceAddresses: each bad item is reported at its own range, saying what to write', () => {
  const a = analyze('http://10.0.0.1:8080', '[10.0.0.5, eth0, 10.0.0.5, "fd00::5", 0.0.0.0]');
  const byCode = (code: string) => errorsOf(a).filter((d) => d.code === code);
  const line = 3;
  const col = (s: string) => `sourceAddresses: [10.0.0.5, eth0, 10.0.0.5, "fd00::5", 0.0.0.0]`.indexOf(s);
  const [notIp] = byCode('bad-source-address').filter((d) => /not an IP address/.test(d.message));
  assert.deepEqual(span(notIp), [line, col('eth0'), line, col('eth0') + 4]);
  assert.match(notIp.message, /`eth0` is not an IP address: list this machine's own addresses/);
  const [dup] = byCode('duplicate-source-address');
  assert.deepEqual(span(dup), [line, col(', 10.0.0.5') + 2, line, col(', 10.0.0.5') + 10]);
  const [family] = byCode('source-address-family');
  assert.match(family.message, /`fd00::5` is an IPv6 address but the target 10\.0\.0\.1 is IPv4/);
  assert.deepEqual(span(family), [line, col('"fd00::5"'), line, col('"fd00::5"') + 9]);
  assert.ok(byCode('bad-source-address').some((d) => /unspecified address/.test(d.message)));
  // The schema's own checks: an empty list, a number.
  assert.ok(errorsOf(analyze('http://10.0.0.1:8080', '[]')).length > 0);
  assert.ok(errorsOf(analyze('http://10.0.0.1:8080', '[5]')).length > 0);
});

test('sourceAddresses: hover and completion explain the ephemeral-port wall and the loopback spread', () => {
  const source = `name: t\nload: { users: 1, duration: 1s }\nsourceAddresses: [10.0.0.5]\n${tail}`;
  const offset = source.indexOf('sourceAddresses') + 3;
  const { document, position } = caret(source.slice(0, offset) + '|' + source.slice(offset));
  const hover = (service.hover(document, position)?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(hover, /about 28,000 connections/);
  assert.match(hover, /127\.0\.0\.2, 127\.0\.0\.3/);
  const item = completionAt('|').find((i) => i.label === 'sourceAddresses');
  assert.ok(item, 'offered at the top level');
  assert.match(JSON.stringify(item.documentation), /ephemeral ports/);
});
