// The editor explains `output.prometheus`: hover on its keys shows the schema's text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { caret } from './caret';
import { service } from './serviceSetup';

const SOURCE = `name: t
load: { users: 1, duration: 1s }
users: [{ tasks: [{ get: /x }] }]
output:
  prometheus:
    remoteWrite: http://127.0.0.1:9090/api/v1/write
    listen: 9464
`;

function hoverText(marker: string): string {
  const offset = SOURCE.indexOf(marker) + 2;
  const { document, position } = caret(SOURCE.slice(0, offset) + '|' + SOURCE.slice(offset));
  const hover = service.hover(document, position);
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

test('hover on output.prometheus and its keys shows what they do', () => {
  assert.match(hoverText('prometheus:'), /Sends the per-second series/);
  assert.match(hoverText('prometheus:'), /```yaml\noutput:\n {2}prometheus:/);
  assert.match(hoverText('remoteWrite:'), /remote-write receiver \(protocol 1\.0\)/);
  assert.match(hoverText('listen:'), /Serves `\/metrics` for scraping/);
});
