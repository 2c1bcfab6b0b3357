import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNonce, panelCsp, panelHtml } from '../../../client/panel/panelHtml';
import { formatActual, saturationText } from '../../../webview/header';
import { parseUsers } from '../../../webview/controls';
import type { RunSnapshot } from '../../../common/snapshot';

const opts = {
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'abcDEF0123456789xyz',
};

test('the panel page has a strict CSP with the nonce and loads only its own script', () => {
  const html = panelHtml(opts);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.equal(csp, panelCsp(opts.cspSource, opts.nonce));
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abcDEF0123456789xyz'(;|$)/);
  assert.match(csp, /style-src https:\/\/\*\.vscode-cdn\.net 'nonce-abcDEF0123456789xyz'/);
  assert.match(csp, /img-src https:\/\/\*\.vscode-cdn\.net data:/);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  assert.match(
    html,
    /<script nonce="abcDEF0123456789xyz" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/,
  );
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.doesNotMatch(html, /style="/, 'no inline style attributes');
  assert.match(html, /<main id="app"/);
  assert.match(html, /<title>Stampede results<\/title>/);
});

test('the title is escaped and a bad nonce or source is refused', () => {
  assert.match(
    panelHtml({ ...opts, title: 'a <b> & "c"' }),
    /<title>a &#60;b&#62; &#38; &#34;c&#34;<\/title>/,
  );
  assert.throws(() => panelHtml({ ...opts, nonce: "x' 'unsafe-inline" }), /nonce/);
  assert.throws(() => panelHtml({ ...opts, nonce: 'short' }), /nonce/);
  assert.throws(() => panelHtml({ ...opts, cspSource: "'self'; script-src *" }), /cspSource/);
  assert.throws(() => panelHtml({ ...opts, cspSource: '"x' }), /cspSource/);
});

test("a cspSource list such as code-server's is accepted as it is", () => {
  const html = panelHtml({ ...opts, cspSource: "'self' https://*.vscode-cdn.net" });
  assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
});

test('createNonce gives fresh nonces panelHtml accepts', () => {
  const a = createNonce();
  const b = createNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9_-]{24}$/);
  assert.doesNotThrow(() => panelHtml({ ...opts, nonce: a }));
});

test('the users field takes whole numbers from 0 only', () => {
  assert.deepEqual(parseUsers(' 42 '), { users: 42 });
  assert.deepEqual(parseUsers('0'), { users: 0 });
  for (const bad of ['', '-3', '2.5', '1e3', 'ten', '99999999999999999999'])
    assert.ok('error' in parseUsers(bad), bad);
});

test('the header explains a saturated generator and formats threshold values in their unit', () => {
  const s = { generator: { cpu: 0.97, loopDelayMs: 120, saturated: true } } as RunSnapshot;
  assert.equal(
    saturationText(s),
    'The load generator is saturated: CPU 97.0%, event-loop delay 120 ms. Results understate the server.',
  );
  assert.match(
    saturationText({ generator: { ...s.generator, reason: 'worker w1 at 99% CPU' } } as RunSnapshot),
    /saturated: worker w1 at 99% CPU\. Results/,
  );
  assert.equal(formatActual('p95 < 300ms', 312.4), '312 ms');
  assert.equal(formatActual('failures < 1%', 1.7), '1.70%');
  assert.equal(formatActual('rps > 100', 87.25), '87.3/s');
});
