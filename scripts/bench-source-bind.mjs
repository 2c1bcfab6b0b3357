// Connect cost with and without an explicit source address (bind() before connect(), as
// engine/http/sourceAddress.ts makes every loopback connection do): N connects to a loopback listener,
// alternating modes, user and system CPU per connect. Usage: node scripts/bench-source-bind.mjs 4000
import net from 'node:net';
const N = +process.argv[2] || 15000;
const server = net.createServer((s) => s.on('error', () => {}));
server.maxConnections = 1e6;
server.listen({ port: 0, host: '127.0.0.1', backlog: 65535 }, async () => {
  const port = server.address().port;
  for (const mode of ['kernel', 'spread', 'kernel', 'spread']) {
    const socks = [];
    const c0 = process.cpuUsage();
    const t0 = Date.now();
    await new Promise((done) => {
      let open = 0;
      for (let i = 0; i < N; i++) {
        const opts = { host: '127.0.0.1', port };
        if (mode === 'spread') opts.localAddress = `127.0.0.${2 + (i % 16)}`;
        const s = net.connect(opts, () => {
          if (++open === N) done();
        });
        s.on('error', (e) => {
          console.log(e.message);
          process.exit(1);
        });
        socks.push(s);
      }
    });
    const c = process.cpuUsage(c0);
    console.log(
      `${mode}: ${N} connects in ${Date.now() - t0} ms, user ${(c.user / N).toFixed(1)} us, system ${(c.system / N).toFixed(1)} us per connect`,
    );
    socks.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 500));
  }
  process.exit(0);
});
