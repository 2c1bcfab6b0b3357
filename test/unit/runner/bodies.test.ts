// Request bodies and auth as bytes on the wire: form (URL-encoded as browsers do), multipart
// (fields and files, parsed back by the runtime's own Fetch parser; Content-Length exact), Basic
// and Bearer headers, env values from the start message, and a prebuilt request when nothing varies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRequest } from '../../../engine/runner/requestPlan';
import { withEnv } from '../../../engine/runner/runEnv';
import { Scope } from '../../../engine/runner/scope';
import { parseOrigin } from '../../../engine/http/index';
import { FakeStats, FakeTrackers, req, scenario, t, user, task } from './helpers';
import type { RequestStep } from '../../../scenario/model';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x2d, 0x2d]);

function bytesOf(step: RequestStep, env: Record<string, string> = {}, files = new Map<string, Uint8Array>()) {
  const s = withEnv(scenario('http://127.0.0.1:9', [user('u', [task('t', [step])])], { env }), undefined);
  const plan = compileRequest(
    step,
    s,
    parseOrigin('http://127.0.0.1:9'),
    new FakeStats(),
    new FakeTrackers(false),
    files,
  );
  const shape = plan.bytes;
  assert.notEqual(shape.kind, 'unusable');
  const raw =
    shape.kind === 'fixed'
      ? shape.bytes
      : shape.kind === 'unusable'
        ? Buffer.alloc(0)
        : (() => {
            const r = shape.render(new Scope(s.variables));
            return r.bytes ?? Buffer.from(r.text);
          })();
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, at).toString('utf8');
  const headers = new Map(
    head
      .split('\r\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 2)]),
  );
  return { plan, head, headers, body: raw.subarray(at + 4) };
}

test('form: URL-encoded like a browser form, list values repeat the key, Content-Type and length set', () => {
  const step = req('/login', {
    method: 'POST',
    body: {
      type: 'form',
      fields: [
        ['user', t('a b&c')],
        ['password', t('{{ env.PW }}')],
        ['tag', t('x')],
        ['tag', t('y')],
      ],
    },
  });
  const { plan, headers, body } = bytesOf(step, { PW: 'p=1+2 ü' });
  assert.equal(plan.bytes.kind, 'variants', 'env values are constants: the request is prebuilt (one form)');
  assert.equal(body.toString('utf8'), 'user=a+b%26c&password=p%3D1%2B2+%C3%BC&tag=x&tag=y');
  assert.equal(headers.get('content-type'), 'application/x-www-form-urlencoded');
  assert.equal(Number(headers.get('content-length')), body.length);
});

test('multipart: fields and a binary file, a boundary in the Content-Type, the exact length, parsable by Fetch', async () => {
  const step = req('/upload', {
    method: 'POST',
    body: {
      type: 'multipart',
      parts: [
        { kind: 'field', name: 'title', value: t('hello "there"') },
        { kind: 'file', name: 'avatar', file: 'data/a.png', contentType: 'image/png', filename: 'a.png' },
      ],
    },
  });
  const { plan, headers, body } = bytesOf(step, {}, new Map([['data/a.png', PNG]]));
  assert.equal(plan.bytes.kind, 'fixed');
  const type = headers.get('content-type')!;
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)![1];
  assert.equal(Number(headers.get('content-length')), body.length);
  assert.ok(body.subarray(0, boundary.length + 2).equals(Buffer.from(`--${boundary}`)));
  assert.ok(body.subarray(body.length - boundary.length - 6).equals(Buffer.from(`--${boundary}--\r\n`)));
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  assert.equal(form.get('title'), 'hello "there"');
  const file = form.get('avatar') as File;
  assert.equal(file.name, 'a.png');
  assert.equal(file.type, 'image/png');
  assert.ok(Buffer.from(await file.arrayBuffer()).equals(PNG));
});

test('multipart: a file the master did not send makes the request unusable, with the reason', () => {
  const step = req('/upload', {
    method: 'POST',
    body: {
      type: 'multipart',
      parts: [
        {
          kind: 'file',
          name: 'f',
          file: 'x.bin',
          contentType: 'application/octet-stream',
          filename: 'x.bin',
        },
      ],
    },
  });
  const s = scenario('http://127.0.0.1:9', [user('u', [task('t', [step])])]);
  const plan = compileRequest(
    step,
    s,
    parseOrigin('http://127.0.0.1:9'),
    new FakeStats(),
    new FakeTrackers(false),
  );
  assert.match(plan.bytes.kind === 'unusable' ? plan.bytes.error : '', /x\.bin was not sent/);
});

test('auth: Bearer from env stays prebuilt; Basic is base64 of user:password; auth replaces a default Authorization header', () => {
  const bearer = bytesOf(req('/a', { auth: { kind: 'bearer', token: t('{{ env.TOKEN }}') } }), {
    TOKEN: 'tok en',
  });
  assert.equal(bearer.plan.bytes.kind, 'variants');
  assert.equal(bearer.headers.get('authorization'), 'Bearer tok en');
  const basic = bytesOf(req('/a', { auth: { kind: 'basic', user: t('me'), password: t('{{ env.PW }}') } }), {
    PW: 'sé:cret',
  });
  assert.equal(basic.headers.get('authorization'), `Basic ${Buffer.from('me:sé:cret').toString('base64')}`);
  const step = req('/a', {
    headers: { Authorization: t('Token old') },
    auth: { kind: 'bearer', token: t('new') },
  });
  const over = bytesOf(step);
  assert.equal(over.headers.get('authorization'), 'Bearer new');
  assert.equal([...over.head.matchAll(/authorization/gi)].length, 1);
});
