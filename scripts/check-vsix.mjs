#!/usr/bin/env node
// Checks a packaged .vsix: the runtime files are in (bundles, grammar, the JSON Schema, zeromq with
// its loader and every Linux x64 binary its build/manifest.json names), and nothing that should not
// ship is (sources, tests, source maps, dev dependencies, other platforms' binaries, a huge size).
// Usage: node scripts/check-vsix.mjs dist/stampede.vsix      (exit 0 when it passes, 1 otherwise)
//        node scripts/check-vsix.mjs dist/stampede.vsix --extract-to DIR   (also unpacks it, for load tests)
// Reads the zip itself (no unzip needed on a fresh machine).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MAX_PACKAGE_BYTES = 12 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;

const REQUIRED = [
  'extension/package.json',
  'extension/language-configuration.json',
  'extension/syntaxes/stampede.tmLanguage.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/dist/importer.js',
  'extension/dist/webview.js',
  'extension/dist/stampede.schema.json',
  'extension/node_modules/zeromq/package.json',
  'extension/node_modules/zeromq/lib/index.js',
  'extension/node_modules/zeromq/build/manifest.json',
  'extension/node_modules/cmake-ts/build/loader.js',
];

const FORBIDDEN = [
  [/\.map$/, 'source map'],
  [/\.tsx?$/, 'TypeScript source'],
  [/\.vsix$/, 'a packaged extension inside the package'],
  [
    /^extension\/(client|common|engine|scenario|server|webview|test|scripts|out|examples|docs)\//,
    'source or test folder',
  ],
  [/^extension\/node_modules\/(?!zeromq\/|cmake-ts\/)/, 'a dependency that esbuild should have bundled'],
  [/^extension\/node_modules\/zeromq\/(src|script|node_modules)\//, "zeromq's build-time files"],
  [
    /^extension\/node_modules\/zeromq\/build\/(?!manifest\.json$|linux\/x64\/)/,
    'a zeromq binary for another platform',
  ],
];

/** Entries of a zip file from its central directory: name, sizes, and a reader for small files. */
export function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    };
    entries.push({ name, size, compressed, read });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { bytes: buf.length, entries };
}

/** The problems of a .vsix (empty when it is fine) and a few facts for the summary. */
export function checkVsix(file) {
  const { bytes, entries } = readZip(file);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const problems = [];
  for (const r of REQUIRED) if (!byName.has(r)) problems.push(`missing ${r}`);
  // Every runtime file the build put in dist/ (bundles, the schema, sql.js's wasm) must ship.
  const dist = new URL('../dist/', import.meta.url);
  if (fs.existsSync(dist)) {
    for (const f of fs.readdirSync(dist)) {
      if (/\.(js|json|wasm)$/.test(f) && !byName.has(`extension/dist/${f}`))
        problems.push(`missing extension/dist/${f} (built into dist/)`);
    }
  }
  for (const e of entries) {
    if (e.name.endsWith('/')) continue; // A folder entry, not a file.
    for (const [re, what] of FORBIDDEN)
      if (re.test(e.name)) problems.push(`should not ship (${what}): ${e.name}`);
  }
  // Every file package.json points at (main, grammars, language configurations, schemas) ships.
  const manifestEntry = byName.get('extension/package.json');
  if (manifestEntry) {
    const pkg = JSON.parse(manifestEntry.read().toString('utf8'));
    const c = pkg.contributes ?? {};
    const referenced = [
      pkg.main,
      ...(c.grammars ?? []).map((g) => g.path),
      ...(c.languages ?? []).map((l) => l.configuration),
      ...(c.yamlValidation ?? []).map((y) => y.url),
      ...(c.jsonValidation ?? []).map((j) => j.url),
    ].filter((p) => typeof p === 'string' && !/^[a-z]+:/i.test(p));
    for (const ref of referenced) {
      const name = `extension/${path.posix.normalize(ref).replace(/^\.\//, '')}`;
      if (!byName.has(name) && !byName.has(`${name}.js`))
        problems.push(`package.json points at ${ref}, which is not in the package`);
    }
  }
  // Only Linux x64 binaries ship, so the package says so: VS Code refuses it elsewhere instead of
  // activating an extension whose zeromq cannot load.
  const vsixManifest = byName.get('extension.vsixmanifest')?.read().toString('utf8') ?? '';
  const platform = /TargetPlatform="([^"]*)"/.exec(vsixManifest)?.[1];
  if (platform !== 'linux-x64')
    problems.push(
      `target platform is ${platform ?? 'not set'}; package with \`vsce package --target linux-x64\``,
    );
  const binaries = [];
  const manifest = byName.get('extension/node_modules/zeromq/build/manifest.json');
  if (manifest) {
    const named = Object.values(JSON.parse(manifest.read().toString('utf8'))).map((p) =>
      p.replace(/\\/g, '/'),
    );
    for (const rel of named.filter((p) => p.startsWith('linux/x64/'))) {
      const name = `extension/node_modules/zeromq/build/${rel}`;
      if (byName.has(name)) binaries.push(rel);
      else problems.push(`missing zeromq's Linux x64 binary ${rel} (named in build/manifest.json)`);
    }
    if (!binaries.some((b) => b.includes('/glibc-')))
      problems.push('no glibc Linux x64 zeromq binary: zeromq cannot load on Debian or Ubuntu');
  }
  const unpacked = entries.reduce((s, e) => s + e.size, 0);
  if (bytes > MAX_PACKAGE_BYTES) problems.push(`the package is ${mb(bytes)}, over ${mb(MAX_PACKAGE_BYTES)}`);
  if (unpacked > MAX_UNPACKED_BYTES)
    problems.push(`the package unpacks to ${mb(unpacked)}, over ${mb(MAX_UNPACKED_BYTES)}`);
  const largest = [...entries]
    .sort((a, b) => b.size - a.size)
    .slice(0, 3)
    .map((e) => `${e.name} (${mb(e.size)})`);
  return { problems, files: entries.length, bytes, unpacked, binaries, largest };
}

/** Unpacks every entry under `dir` (names are checked to stay inside it). */
export function extractZip(file, dir) {
  const root = path.resolve(dir);
  for (const e of readZip(file).entries) {
    const target = path.resolve(root, e.name);
    if (!target.startsWith(root + path.sep))
      throw new Error(`${file}: entry escapes the target folder: ${e.name}`);
    if (e.name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.read());
  }
}

function mb(n) {
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, flag, dir] = process.argv.slice(2);
  if (!file || (flag !== undefined && (flag !== '--extract-to' || !dir))) {
    console.error('usage: node scripts/check-vsix.mjs <file.vsix> [--extract-to DIR]');
    process.exit(2);
  }
  if (dir) extractZip(file, dir);
  const r = checkVsix(file);
  console.log(`${file}: ${r.files} files, ${mb(r.bytes)} (${mb(r.unpacked)} unpacked)`);
  console.log(`zeromq Linux x64 binaries: ${r.binaries.join(', ') || 'none'}`);
  console.log(`largest: ${r.largest.join(', ')}`);
  if (r.problems.length) {
    console.error(`check-vsix: ${r.problems.length} problem(s):\n  ${r.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('check-vsix: ok');
}
