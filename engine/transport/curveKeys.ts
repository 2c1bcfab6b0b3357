// ZeroMQ CURVE keys derived from the run's shared token. Both sides compute the same two key pairs
// (one for the master, one for every worker) from the token alone, so the token itself never
// crosses the wire: the master proves it holds the token by completing the CURVE handshake with its
// secret key, and a worker proves it by presenting the worker public key (checked by the master's
// ZAP handler, zapHandler.ts) and completing the handshake with the matching secret key.
//
// HKDF-SHA256 turns a token of any length into uniformly random 32-byte Curve25519 secret keys
// (distinct `info` strings keep the two pairs independent). The public keys come from node:crypto's
// X25519, which clamps the scalar exactly as libsodium/tweetnacl inside libzmq do.
import crypto from 'node:crypto';

export interface CurveKeyPair {
  /** Z85 (40 characters), as ZeroMQ's socket options take them. */
  publicKey: string;
  secretKey: string;
}

export interface RunCurveKeys {
  master: CurveKeyPair;
  worker: CurveKeyPair;
}

const SALT = 'stampede curve v1';
const MASTER_INFO = 'stampede master secret key';
const WORKER_INFO = 'stampede worker secret key';
// The DER prefix of a PKCS#8 X25519 private key: node:crypto imports a raw scalar this way.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const Z85_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

/** ZeroMQ's Z85 encoding (RFC 32) of a buffer whose length is a multiple of 4. */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new Error('Z85 encodes whole 4-byte groups only');
  let out = '';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; i += 4) {
    let value = view.getUint32(i);
    let group = '';
    for (let j = 0; j < 5; j++) {
      group = Z85_CHARS[value % 85] + group;
      value = Math.floor(value / 85);
    }
    out += group;
  }
  return out;
}

/** The X25519 public key (32 raw bytes) of a 32-byte secret key. */
export function x25519PublicKey(secret: Uint8Array): Buffer {
  const key = crypto.createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

function derivePair(token: string, info: string): CurveKeyPair & { publicBytes: Buffer } {
  const secret = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(token, 'utf8'), SALT, info, 32));
  const publicBytes = x25519PublicKey(secret);
  return { secretKey: z85Encode(secret), publicKey: z85Encode(publicBytes), publicBytes };
}

/** Both key pairs of a run, from its token (the same token always gives the same keys). */
export function deriveCurveKeys(token: string): RunCurveKeys & { workerPublicBytes: Buffer } {
  if (token.length === 0) throw new Error('the token is empty');
  const master = derivePair(token, MASTER_INFO);
  const worker = derivePair(token, WORKER_INFO);
  return {
    master: { publicKey: master.publicKey, secretKey: master.secretKey },
    worker: { publicKey: worker.publicKey, secretKey: worker.secretKey },
    workerPublicBytes: worker.publicBytes,
  };
}

/** A fresh secret for one local run: handed to forked workers through their environment, never argv. */
export function newRunSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
