// Tables for scripts/bench-https.sh: per mode, the median (and range) over reps of each tool's
// server-side steady RPS and CPU seconds per 10,000 requests, then Stampede's ratios to the peers.
// Input: TSV lines `mode tool rep rps total newConnections resumed errors cpuSeconds`.
import fs from 'node:fs';

const rows = fs
  .readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'))
  .map(([mode, tool, rep, rps, total, conns, resumed, errors, cpu]) => ({
    mode,
    tool,
    rep: +rep,
    rps: +rps,
    total: +total,
    conns: +conns,
    resumed: +resumed,
    errors: +errors,
    cpuPer10k: +total > 0 ? (+cpu / +total) * 10_000 : NaN,
  }));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const range = (xs, d) => `${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)}`;

for (const mode of [...new Set(rows.map((r) => r.mode))]) {
  const of = rows.filter((r) => r.mode === mode);
  const tools = [...new Set(of.map((r) => r.tool))];
  const med = {};
  console.log(
    `\n### ${mode === 'close' ? 'A new connection (TLS handshake) per request' : 'Keep-alive'} (${of.length / tools.length} reps)\n`,
  );
  console.log(
    '| tool | RPS (server, steady) median | range | tool CPU s / 10k req median | range | new connections | resumed | errors |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const tool of tools) {
    const rs = of.filter((r) => r.tool === tool);
    med[tool] = { rps: median(rs.map((r) => r.rps)), cpu: median(rs.map((r) => r.cpuPer10k)) };
    const conns = rs.reduce((a, r) => a + r.conns, 0);
    const resumed = rs.reduce((a, r) => a + r.resumed, 0);
    console.log(
      `| ${tool} | ${fmt(med[tool].rps)} | ${range(
        rs.map((r) => r.rps),
        0,
      )} | ${fmt(med[tool].cpu, 3)} | ${range(
        rs.map((r) => r.cpuPer10k),
        3,
      )} | ${conns} | ${conns ? fmt((100 * resumed) / conns, 1) : 'n/a'} % | ${rs.reduce((a, r) => a + r.errors, 0)} |`,
    );
  }
  console.log('\n| ratio of medians | RPS | CPU per request |');
  console.log('|---|---:|---:|');
  for (const ours of tools.filter((t) => t.startsWith('stampede')))
    for (const peer of tools.filter((t) => !t.startsWith('stampede')))
      console.log(
        `| ${ours} / ${peer} | ${fmt(med[ours].rps / med[peer].rps, 2)}x | ${fmt(med[ours].cpu / med[peer].cpu, 2)}x |`,
      );
}
