// A loopback HTTP server that answers `ok` and records what many-user tests check: requests, the
// most connections open at once, and the remote address of every connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  sources: Set<string>;
  requests(): number;
  peakConnections(): number;
  close(): Promise<void>;
}

export async function recordingServer(): Promise<RecordingServer> {
  const sources = new Set<string>();
  let requests = 0;
  let open = 0;
  let peak = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.end('ok');
  });
  server.on('connection', (socket) => {
    sources.add(socket.remoteAddress ?? '?');
    peak = Math.max(peak, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
