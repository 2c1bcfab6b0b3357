// The HTML report's page script (webview/report/main.ts with chart.js, bundled by esbuild.mjs to
// dist/report.js), read once from beside the running bundle (dist/cli.js) or, when the engine runs
// from its sources (the tests), from dist/. Inlined into each report, so the page needs no network.
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The script's text, safe inside a `<script>` element; throws naming the file when it is missing. */
export function reportPageScript(): string {
  if (cached !== undefined) return cached;
  const candidates = [path.join(__dirname, 'report.js'), path.resolve(__dirname, '../../dist/report.js')];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file)
    throw new Error(
      `the report's page script is missing (${candidates[0]}): build with \`node esbuild.mjs\``,
    );
  // `</script` would end the element early; `<\/script` means the same inside JS strings and regexes.
  cached = fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
  return cached;
}
