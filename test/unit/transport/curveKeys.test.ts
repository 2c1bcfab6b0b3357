// Keys derived from the token: deterministic, distinct per role and per token, in ZeroMQ's Z85, and
// the public key is the one libzmq computes from the secret (a real CURVE handshake succeeds only
// then; channel.test.ts covers that over tcp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveKeyPair } from 'zeromq';
import { deriveCurveKeys, x25519PublicKey, z85Encode } from '../../../engine/transport/curveKeys';

const Z85_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

function z85Decode(text: string): Buffer {
  const out = Buffer.alloc((text.length / 5) * 4);
  for (let i = 0; i < text.length; i += 5) {
    let v = 0;
    for (let j = 0; j < 5; j++) v = v * 85 + Z85_ALPHABET.indexOf(text[i + j]);
    out.writeUInt32BE(v, (i / 5) * 4);
  }
  return out;
}

test('Z85 matches the specification (RFC 32) test vector', () => {
  assert.equal(z85Encode(Buffer.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])), 'HelloWorld');
  assert.throws(() => z85Encode(Buffer.alloc(3)), /4-byte/);
});

test('the public key of a secret is the one zeromq generated with it', () => {
  for (let i = 0; i < 5; i++) {
    const pair = curveKeyPair();
    assert.equal(z85Encode(x25519PublicKey(z85Decode(pair.secretKey))), pair.publicKey);
  }
});

test('the same token gives the same keys; roles and tokens give different ones', () => {
  const a = deriveCurveKeys('token-a');
  assert.deepEqual(deriveCurveKeys('token-a'), a);
  const b = deriveCurveKeys('token-b');
  assert.notEqual(a.master.secretKey, b.master.secretKey);
  assert.notEqual(a.master.secretKey, a.worker.secretKey);
  for (const k of [a.master.publicKey, a.master.secretKey, a.worker.publicKey, a.worker.secretKey])
    assert.equal(k.length, 40);
  assert.doesNotMatch(JSON.stringify(a), /token-a/);
  assert.throws(() => deriveCurveKeys(''), /empty/);
});
