// The SSE stream parser: events split anywhere, every line ending, comments and other fields read
// past, and a hostile stream (endless line, huge event) bounded and counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../../../engine/events/sseParser';

function parse(chunks: string[], max = 100): { data: string[]; oversize: number } {
  const out = { data: [] as string[], oversize: 0 };
  const p = new SseParser({ data: (t) => out.data.push(t), oversize: () => out.oversize++ }, max);
  for (const c of chunks) p.push(c);
  return out;
}

test('events split at any point, with \\n, \\r\\n or \\r line ends, comments and other fields', () => {
  const stream = ': hi\n\nevent: order\nid: 1\ndata: {"a":\ndata: 1}\n\r\ndata:{"b":2}\r\rdata: {"c":3}\n\n';
  const whole = parse([stream]);
  assert.deepEqual(whole, { data: ['{"a":\n1}', '{"b":2}', '{"c":3}'], oversize: 0 });
  for (let i = 1; i < stream.length; i++)
    assert.deepEqual(parse([stream.slice(0, i), stream.slice(i)]), whole, `split at ${i}`);
  assert.deepEqual(parse(stream.split('')), whole, 'one character at a time');
});

test('a line or an event over the bound is dropped and counted; the stream goes on', () => {
  const long = `data: ${'x'.repeat(500)}\n\ndata: {"ok":1}\n\n`;
  assert.deepEqual(parse([long.slice(0, 50), long.slice(50)]), { data: ['{"ok":1}'], oversize: 1 });
  const many = `${'data: 0123456789\n'.repeat(20)}\ndata: 2\n\n`;
  assert.deepEqual(parse([many]), { data: ['2'], oversize: 1 });
});
