// A raw TCP server on loopback that reads requests and never answers them (a hung backend): every
// request sent to it stays in flight until the client gives up. It says how many request heads
// it has read, and resolves waits on that count.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentServer {
  url: string;
  /** Request heads read so far. */
  requests(): number;
  /** Resolves once at least `n` request heads have been read. */
  untilRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  let heads = 0;
  const waits: Array<[number, () => void]> = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (d: Buffer) => {
      buffered += d.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
        buffered = buffered.slice(end + 4);
        heads++;
        for (const w of waits.splice(0)) {
          if (heads >= w[0]) w[1]();
          else waits.push(w);
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => heads,
    untilRequests: (n) => (heads >= n ? Promise.resolve() : new Promise((r) => waits.push([n, r]))),
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
