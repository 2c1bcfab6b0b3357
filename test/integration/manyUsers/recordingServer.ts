// A loopback HTTP (or HTTPS, with the tests' self-signed certificate) server that answers `ok` and
// records what many-user tests check: requests, the most connections open at once, and the
// remote address of every connection.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { TEST_CERT, TEST_KEY } from '../../unit/http/tlsFixture';

export interface RecordingServer {
  /** `http://127.0.0.1:PORT` or `https://...` (no trailing slash). */
  url: string;
  sources: Set<string>;
  requests(): number;
  peakConnections(): number;
  close(): Promise<void>;
}

export async function recordingServer(options: { tls?: boolean } = {}): Promise<RecordingServer> {
  const sources = new Set<string>();
  let requests = 0;
  let open = 0;
  let peak = 0;
  const answer: http.RequestListener = (_req, res) => {
    requests++;
    res.end('ok');
  };
  const server =
    options.tls === true
      ? https.createServer({ key: TEST_KEY, cert: TEST_CERT }, answer)
      : http.createServer(answer);
  // 'connection' is the TCP connection for both (before any TLS handshake): where it came from.
  server.on('connection', (socket) => {
    sources.add(socket.remoteAddress ?? '?');
    peak = Math.max(peak, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === true ? 'https' : 'http'}://127.0.0.1:${port}`,
    sources,
    requests: () => requests,
    peakConnections: () => peak,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
