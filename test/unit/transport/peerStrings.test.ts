// Free text from a worker is cut as it arrives: a 10 MB host name or exception text never reaches
// the master's log lines, snapshots or result files whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capPeerStrings, MAX_PEER_STRING } from '../../../engine/transport/peerStrings';

test('host, exception text and goodbye reason are cut; short ones are untouched', () => {
  const huge = 'x'.repeat(10_000_000);
  const ready = capPeerStrings({
    kind: 'ready',
    protocolVersion: 1,
    workerId: 'w',
    host: huge,
    pid: 1,
    cpus: 1,
  });
  assert.equal(ready.kind === 'ready' && ready.host.length, MAX_PEER_STRING.host + 1);
  const exception = capPeerStrings({ kind: 'exception', workerId: 'w', message: huge });
  assert.equal(exception.kind === 'exception' && exception.message.length, MAX_PEER_STRING.message + 1);
  const goodbye = capPeerStrings({ kind: 'goodbye', workerId: 'w', reason: huge });
  assert.equal(goodbye.kind === 'goodbye' && goodbye.reason.length, MAX_PEER_STRING.reason + 1);
  assert.deepEqual(capPeerStrings({ kind: 'goodbye', workerId: 'w', reason: 'quit' }), {
    kind: 'goodbye',
    workerId: 'w',
    reason: 'quit',
  });
});
