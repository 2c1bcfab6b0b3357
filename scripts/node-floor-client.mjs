// The floor for a Node load generator on the `max` shape: the least a keep-alive HTTP/1.1 client
// can do in Node per request (one prebuilt request Buffer written per response, reads through
// `onread` into one shared buffer, a minimal scan for the end of each response, two clock reads),
// with no engine around it: no promises, no stats beyond a count, no checks. What Stampede pays
// above this is the engine; what this pays above wrk is Node (libuv, the stream layer, V8).
//
//   node scripts/node-floor-client.mjs quick URL -c 50 -d 10 [--promise] [--json]
//
// `quick` is accepted and ignored so scripts/bench-cpu-profile.sh can run it like the CLI. With
// --promise each connection awaits one promise per request (a loop like a virtual user's), to
// show what the promise alone costs. Loopback targets only. Prints {"requests":N,...} last.
import net from 'node:net';

const args = process.argv.slice(2).filter((a) => a !== 'quick');
const url = new URL(args.find((a) => a.startsWith('http://')) ?? 'http://127.0.0.1:18080/');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const connections = opt('-c', 50);
const durationS = opt('-d', 10);
const withPromise = args.includes('--promise');
if (!/^(127\.|localhost$)/.test(url.hostname)) {
  console.error('node-floor-client: loopback targets only');
  process.exit(2);
}

const request = Buffer.from(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: floor\r\n\r\n`);
const shared = Buffer.allocUnsafe(256 * 1024);
let requests = 0;
let latencySum = 0;
let stopping = false;

/** Bytes still expected of the current response (-1: in its head). Nginx's head has Content-Length. */
function makeConnection() {
  let remaining = -1;
  let started = 0;
  let resolve = null;
  const done = () => {
    requests++;
    latencySum += performance.now() - started;
    if (withPromise) {
      const r = resolve;
      resolve = null;
      r();
    } else send();
  };
  const onRead = (n, buf) => {
    let i = 0;
    while (i < n) {
      if (remaining < 0) {
        const end = buf.indexOf('\r\n\r\n', i, 'latin1');
        if (end < 0 || end >= n) return true; // a head split across reads: not on this target
        const cl = buf.indexOf('Content-Length: ', i, 'latin1');
        let len = 0;
        for (let k = cl + 16; buf[k] >= 48 && buf[k] <= 57; k++) len = len * 10 + buf[k] - 48;
        remaining = len;
        i = end + 4;
      }
      const take = Math.min(remaining, n - i);
      remaining -= take;
      i += take;
      if (remaining === 0) {
        remaining = -1;
        done();
      }
    }
    return true;
  };
  const socket = net.connect({
    host: url.hostname,
    port: Number(url.port || 80),
    noDelay: true,
    onread: { buffer: shared, callback: onRead },
  });
  const send = () => {
    if (stopping) return socket.destroy();
    started = performance.now();
    socket.write(request);
  };
  const sendAndWait = () =>
    new Promise((r) => {
      resolve = r;
      send();
    });
  socket.on('error', (e) => {
    console.error(`node-floor-client: ${e.message}`);
    process.exit(3);
  });
  if (withPromise) {
    (async () => {
      while (!stopping) await sendAndWait();
      socket.destroy();
    })();
  } else send();
}

for (let c = 0; c < connections; c++) makeConnection();
const t0 = performance.now();
setTimeout(() => {
  stopping = true;
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ requests, rps: requests / s, p50: latencySum / requests, p99: 0 }));
  process.exit(0);
}, durationS * 1000);
