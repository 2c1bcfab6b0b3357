// The ZAP handler (ZeroMQ RFC 27) that lets the master check who completes a CURVE handshake.
// Without a ZAP handler libzmq's CURVE server accepts any client key: encryption, but no
// authentication of the worker. With it, each handshake asks this process "may the client with
// public key K join domain D?", and only the worker key derived from the run's token is allowed.
//
// There is one handler per ZeroMQ context (libzmq looks for inproc://zeromq.zap.01), shared by
// every master socket in this process: each registers its own domain and allowed key, and the
// handler's socket is closed when the last one leaves, so a finished run leaves nothing behind.
import crypto from 'node:crypto';
import type * as Zmq from 'zeromq';

const ZAP_ENDPOINT = 'inproc://zeromq.zap.01';

interface Registration {
  allowedKey: Buffer;
}

const domains = new Map<string, Registration>();
let handler: { socket: Zmq.Reply; closed: Promise<void> } | undefined;
let starting: Promise<void> | undefined;

/** The answer to one ZAP request (frames as RFC 27 defines them). */
export function zapReply(frames: Buffer[]): Buffer[] {
  const [version, requestId, domain, , , mechanism, credential] = frames;
  const registration = domain ? domains.get(domain.toString()) : undefined;
  const ok =
    version?.toString() === '1.0' &&
    mechanism?.toString() === 'CURVE' &&
    registration !== undefined &&
    credential !== undefined &&
    credential.length === registration.allowedKey.length &&
    crypto.timingSafeEqual(credential, registration.allowedKey);
  const status = ok ? ['200', 'OK'] : ['400', "the key does not come from this run's token"];
  return [
    Buffer.from('1.0'),
    requestId ?? Buffer.alloc(0),
    ...status.map((s) => Buffer.from(s)),
    Buffer.alloc(0),
    Buffer.alloc(0),
  ];
}

async function startHandler(zmq: typeof Zmq): Promise<void> {
  const socket = new zmq.Reply({ linger: 0 });
  // A handler closed a moment ago may still hold the endpoint: try again briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await socket.bind(ZAP_ENDPOINT);
      break;
    } catch (err) {
      if (attempt >= 50) {
        socket.close();
        throw new Error(`cannot start the ZeroMQ authentication handler: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const closed = (async () => {
    try {
      for await (const frames of socket) await socket.send(zapReply(frames));
    } catch {
      // Closed while receiving or answering: the loop ends.
    }
  })();
  handler = { socket, closed };
}

/**
 * Allows `allowedKey` (32 raw bytes) to join the ZAP domain that the returned name designates.
 * Call before the master's socket binds; call `release` when the socket is closed.
 */
export async function registerZapDomain(
  zmq: typeof Zmq,
  allowedKey: Buffer,
): Promise<{ domain: string; release(): Promise<void> }> {
  const domain = `stampede-${crypto.randomUUID()}`;
  domains.set(domain, { allowedKey });
  if (!handler) await (starting ??= startHandler(zmq).finally(() => (starting = undefined)));
  return {
    domain,
    async release() {
      if (!domains.delete(domain) || domains.size > 0 || !handler) return;
      const current = handler;
      handler = undefined;
      current.socket.close();
      await current.closed;
    },
  };
}
