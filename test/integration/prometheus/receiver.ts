// A remote-write receiver for tests: a real HTTP server on a loopback port that decodes every
// WriteRequest (Snappy + protobuf) and answers each POST with the status its script says.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readWriteRequestBody, type WriteRequest } from '../../../engine/recorders/prometheusRemoteWrite';

export interface Receiver {
  url: string;
  /** Accepted requests, decoded, in order. */
  accepted: WriteRequest[];
  /** Every POST's status, in order. */
  statuses: number[];
  /** Headers of the first POST. */
  firstHeaders?: http.IncomingHttpHeaders;
  close(): Promise<void>;
}

/**
 * `status(n, headers)` gives the answer to the n-th POST (0-based; the preflight's empty write is 0).
 * A 401 quotes the Authorization it got, as careless receivers do (messages must mask it).
 */
export async function startReceiver(
  status: (n: number, headers: http.IncomingHttpHeaders) => number = () => 204,
): Promise<Receiver> {
  const r: Receiver = { url: '', accepted: [], statuses: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.firstHeaders ??= req.headers;
      const code = status(r.statuses.length, req.headers);
      r.statuses.push(code);
      if (code === 204) r.accepted.push(readWriteRequestBody(Buffer.concat(chunks)));
      const said =
        code === 401
          ? `bad login: ${req.headers.authorization ?? 'none'}`
          : `status ${code} by the test's script`;
      res.writeHead(code).end(code === 204 ? undefined : said);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`;
  r.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

/** The last value written for the series with this name and these labels. */
export function lastValue(
  requests: WriteRequest[],
  name: string,
  labels: Record<string, string>,
): number | undefined {
  let value: number | undefined;
  let at = -Infinity;
  for (const req of requests)
    for (const ts of req.timeseries) {
      const l = Object.fromEntries(ts.labels.map((x) => [x.name, x.value]));
      if (l.__name__ !== name || !Object.entries(labels).every(([k, v]) => l[k] === v)) continue;
      for (const s of ts.samples)
        if (s.timestamp > at) {
          at = s.timestamp;
          value = s.value;
        }
    }
  return value;
}
