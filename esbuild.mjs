// Bundles one output per runtime target. Type-checking is a separate step (`tsc -b`).
// zeromq stays external everywhere: bundlers drop its runtime loader, and the .vsix ships it as a dependency.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');

/** Evaluates a TS module at build time (bundled, CommonJS) and returns its exports. */
async function evaluate(entry) {
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  return mod.exports;
}
const buildTime = await evaluate('scenario/schemaValidatorStandalone.ts');
// The scenario validator compiled once here instead of by ajv in every process (~20 MiB of peak
// memory and ~100 ms each time): see scenario/schemaValidator.ts.
const validatorModule = buildTime.standaloneValidatorModule();
const precompiledValidator = {
  name: 'precompiled-scenario-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]scenario[\\/]schemaValidator\.ts$/ }, () => ({
      contents: validatorModule,
      loader: 'js',
      resolveDir: path.resolve('scenario'),
    }));
  },
};

// The importer (engine/import: OpenAPI, Postman and curl parsers, ~1.5 MB) is its own bundle,
// dist/importer.js; the CLI's `import` command and the extension load it only when they import.
const importerApart = {
  name: 'importer-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]import[\\/]index$/ }, (args) =>
      args.importer.includes(`${path.sep}import${path.sep}`) ? undefined : { path: './importer.js', external: true },
    );
  },
};

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['zeromq', 'vscode'],
  plugins: [precompiledValidator],
};

/** Entry points that exist; a folder whose entry is not written yet is skipped, not an error. */
const targets = [
  { ...node, entryPoints: ['engine/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...node.plugins, importerApart] },
  { ...node, entryPoints: ['engine/import/index.ts'], outfile: 'dist/importer.js' },
  { ...node, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', plugins: [...node.plugins, importerApart] },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  },
  // The HTML report's page script with chart.js, inlined into every report the engine writes
  // (engine/recorders/reportScript.ts reads it): always minified, no source map.
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    entryPoints: ['webview/report/main.ts'],
    outfile: 'dist/report.js',
  },
].filter((t) => fs.existsSync(t.entryPoints[0]));

await Promise.all(targets.map((t) => esbuild.build(t)));
if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
// sql.js (the SQLite recorder where node:sqlite is missing) loads its .wasm from beside the bundle.
if (fs.existsSync('node_modules/sql.js/dist/sql-wasm.wasm')) fs.copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
// The JSON Schema for package.json's yamlValidation, generated from scenario/schema.ts (its one source).
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/stampede.schema.json', JSON.stringify(buildTime.scenarioSchema, null, 2) + '\n');
