// The HTTP client's per-request CPU work without sockets, for comparing two trees of the code on a
// machine too busy for scripts/bench-http.ts to see a few percent: parsing a typical keep-alive
// response (nginx's headers, 2-byte body, in one read) and building a request's head from its
// parts (the path a request with template holes takes). Both trees are loaded into one process
// and measured in alternating rounds, so drift in the machine's load hits both alike.
//
//   node --import tsx scripts/bench-http-hotpath.ts --before /path/to/other/tree [--rounds 40] [--n 200000]
//
// `parse+sample` passes the parser a failure-sample predicate (engine/runner/requestPlan.ts): a
// tree without failure samples ignores it, so after/before is what keeping samples costs a success.
//
// Prints the median and the best round of each, in ns per request, and after/before ratios.
import path from 'node:path';
import { createFailureSampleKeeper } from '../engine/runner/failureSamples';
import { statusFailure } from '../engine/runner/requestPlan';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

interface Parser {
  reset(
    isHead: boolean,
    keepBody: boolean,
    keepHeaders: boolean,
    sampleWhen?: (status: number) => boolean,
  ): void;
  feed(buf: Buffer, start: number, end: number): number;
}
interface Tree {
  name: string;
  Parser: new () => Parser;
  requestTail(p: {
    method: string;
    hostHeader: string;
    headers: Array<[string, string]>;
    body?: string;
  }): string;
}

async function load(name: string, root: string): Promise<Tree> {
  const parser = (await import(path.join(root, 'engine/http/responseParser.ts'))) as {
    ResponseParser: Tree['Parser'];
  };
  const bytes = (await import(path.join(root, 'engine/http/requestBytes.ts'))) as Pick<Tree, 'requestTail'>;
  return { name, Parser: parser.ResponseParser, requestTail: bytes.requestTail };
}

const response = Buffer.from(
  'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Sun, 06 Dec 2026 19:00:00 GMT\r\n' +
    'Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok',
  'latin1',
);
const parts = {
  method: 'GET',
  hostHeader: '127.0.0.1:8080',
  headers: [
    ['Accept', 'application/json'],
    ['X-Client', 'web-3'],
  ] as Array<[string, string]>,
};

let sink = 0;
/**
 * `parse+sample`: as a run parses (failure samples wanted): the plan's `sampleWhen` as
 * engine/runner/requestPlan.ts makes it, which a tree without failure samples ignores.
 */
type Part = 'parse' | 'parse+sample' | 'tail';
let sampleWhen: ((status: number) => boolean) | undefined;
function round(t: Tree, part: Part, n: number): number {
  const p = new t.Parser();
  const when = part === 'parse+sample' ? sampleWhen : undefined;
  const start = performance.now();
  if (part !== 'tail')
    for (let i = 0; i < n; i++) {
      p.reset(false, false, false, when);
      sink += p.feed(response, 0, response.length);
    }
  else for (let i = 0; i < n; i++) sink += t.requestTail(parts).length;
  return ((performance.now() - start) * 1e6) / n;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const before = await load('before', path.resolve(arg('before', '.')));
  const after = await load('after', path.resolve('.'));
  const sampler = createFailureSampleKeeper((x) => x).entry('/', 'GET');
  sampleWhen = (status) => {
    const failure = statusFailure(status, undefined);
    return failure !== undefined && sampler.wants(failure);
  };
  const rounds = Number(arg('rounds', '40'));
  const n = Number(arg('n', '200000'));
  process.stdout.write(
    '| work | before: median (best) ns | after: median (best) ns | after / before: median (best) |\n|---|---|---|---|\n',
  );
  for (const part of ['parse', 'parse+sample', 'tail'] as const) {
    for (const t of [before, after]) round(t, part, n); // warm up both
    const times: Record<string, number[]> = { before: [], after: [] };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [before, after] : [after, before];
      for (const t of order) times[t.name].push(round(t, part, n));
    }
    const [mb, ma] = [median(times.before), median(times.after)];
    const [bb, ba] = [Math.min(...times.before), Math.min(...times.after)];
    const work =
      part === 'parse'
        ? 'parse a response (ResponseParser)'
        : part === 'parse+sample'
          ? 'parse a response, failure samples wanted (sampleWhen)'
          : 'build a request head (requestTail)';
    process.stdout.write(
      `| ${work} | ${mb.toFixed(1)} (${bb.toFixed(1)}) | ${ma.toFixed(1)} (${ba.toFixed(1)}) | ${(ma / mb).toFixed(3)} (${(ba / bb).toFixed(3)}) |\n`,
    );
  }
  process.stdout.write(`(${rounds} alternating rounds of ${n} each; checksum ${sink % 10})\n`);
}

void main();
