// Drives code-server in Debian's chromium with playwright-core and checks Stampede the way a person
// uses it. One line per check, then "N passed, N failed".
// usage: node drive.mjs <code-server url> <workspace> <screenshot dir> <extensions dir>
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [url, workspace, outDir, extensionsDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const t0 = Date.now();
const log = (msg) => console.log(`[drive ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ' - ' + detail : ''}`);
  return ok;
};
/** Runs `fn`; a thrown error or timeout is a failed check with its first line, not a crash. */
async function step(name, fn, explain) {
  try {
    const detail = await fn();
    return check(name, true, typeof detail === 'string' ? detail : '');
  } catch (e) {
    let why = '';
    if (explain) why = await explain().then((t) => ` | seen: ${String(t).replace(/\s+/g, ' ').slice(0, 600)}`, () => '');
    check(name, false, String(e?.message ?? e).split('\n')[0] + why);
    return false;
  }
}
const editorText = () => page.locator('.monaco-editor .view-lines').first().innerText();
const frameText = (f) => () => f.evaluate(() => document.body.innerText);

const profile = fs.mkdtempSync(path.join(outDir, '.chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1500, height: 950 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(45_000);
let shotNo = 0;
const shot = async (name) => {
  const file = `${String(++shotNo).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: path.join(outDir, file) }).catch(() => {});
  log(`screenshot ${file}`);
};
const quickInput = page.locator('.quick-input-widget input.input');
const quickRow = (text) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

async function runCommand(title) {
  // The palette can close again as soon as it opens when something else takes the focus (seen
  // once, right after a hover and a tab click, on a machine running two of these suites): the
  // input then stays in the page, hidden, and the fill waits for it. Open it again, as a person
  // would, before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await quickInput.waitFor({ state: 'visible' });
      await quickInput.fill(`>${title}`, { timeout: attempt < 3 ? 10_000 : 45_000 });
      await quickRow(title).waitFor({ timeout: attempt < 3 ? 10_000 : 45_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`command palette lost "${title}" (attempt ${attempt}): ${String(err.message).split('\n')[0]}`);
    }
  }
}
async function openFile(name) {
  // Quick Open can lose its pick while the workbench is still closing editors or a webview holds
  // the focus: ask again (Escape first) before giving up.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    if (attempt === 1) {
      await page.keyboard.press('Control+P');
      await quickInput.waitFor({ state: 'visible' });
      await quickInput.fill(name);
      // Click the file's own row: Enter takes the focused row, which while the list is still being
      // filtered can be the file already open (seen: jobs.load.yaml kept, shop.load.yaml not opened).
      await quickRow(name).click();
    } else {
      // Then by the Explorer's row, as a person would.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
    }
    const opened = await page
      .locator('.tab.active', { hasText: name })
      .waitFor({ timeout: attempt < 3 ? 15_000 : 30_000 })
      .then(() => true, (e) => (attempt < 3 ? false : Promise.reject(e)));
    if (opened) break;
    log(`${name} did not open (attempt ${attempt}), asking again`);
  }
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}
const problemsLabel = async () => (await page.locator('#status\\.problems').getAttribute('aria-label')) ?? '';

/** The results webview's inner frame (webviews are nested iframes), found by its own content
 *  (the workbench has canvases too: the minimap). */
async function resultsFrame(timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await page.waitForTimeout(250)) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      if (await f.locator('section.table-section canvas, .charts canvas').count().catch(() => 0)) return f;
    }
  }
  throw new Error('no results webview frame with chart canvases');
}
async function inkedPixels(frame) {
  return frame.evaluate(() => {
    let inked = 0;
    const canvases = [...document.querySelectorAll('canvas')];
    for (const c of canvases) {
      if (!c.width || !c.height) continue; // a hidden chart (e.g. arrival rate in a closed-model run)
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;
    }
    return { canvases: canvases.length, inked };
  });
}
/** Processes started from the installed extension's dist/cli.js (the engine and its workers). */
function engineProcesses() {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.includes(extensionsDir) && /cli\.js (host|worker|master)/.test(l));
  } catch {
    return [];
  }
}
async function waitFor(what, fn, timeoutMs = 30_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await page.waitForTimeout(250)) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Rests the pointer on `target` (moving in from outside, again if needed) until `hover` shows. */
async function hoverOver(target, hover) {
  for (let attempt = 0; attempt < 3 && !(await hover.isVisible()); attempt++) {
    // A line with inlay hints is drawn anew at each refresh (once a second during a run): the
    // target may be between two drawings when asked, so look for it a few times.
    const box = await waitFor('the hover target on screen', () => target.boundingBox(), 5_000).catch(() => null);
    if (!box) throw new Error('nothing to hover: the target is not on screen');
    await page.mouse.move(5, 400);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await hover.waitFor({ timeout: 8_000 }).catch(() => {});
  }
  await hover.waitFor({ timeout: 2_000 });
}

// The broken file with its two mistakes mended (a misspelt key, an undefined variable).
const FIXED = `name: Broken on purpose
load:
  users: 2
  duration: 5s
variables:
  product: [P1, P2]
users:
  - name: visitor
    think: 1s
    tasks:
      - get: /products/{{ product }}
`;

try {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  log('workbench loaded');

  // 1. A broken scenario: squiggles, hover, Problems, completion.
  await openFile('broken.load.yaml');
  await step('language mode is Stampede Scenario', async () => {
    const mode = await page.locator('#status\\.editor\\.mode').innerText();
    if (!/Stampede/.test(mode)) throw new Error(mode);
    return mode;
  });
  await step('squiggles on the misspelt key and the undefined variable', async () => {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    const n = await waitFor('2 error squiggles', async () => ((await page.locator('.monaco-editor .squiggly-error').count()) >= 2 ? 1 : 0));
    return `${await page.locator('.monaco-editor .squiggly-error').count()} squiggles ${n ? '' : ''}`;
  });
  await step('hover shows the diagnostic with a suggestion', async () => {
    const hover = page.locator('.monaco-hover', { hasText: /thnik|think|product/ }).first();
    await hoverOver(page.locator('.monaco-editor .squiggly-error').first(), hover);
    const text = (await hover.innerText()).replace(/\s+/g, ' ').slice(0, 120);
    await page.mouse.move(5, 400);
    return text;
  });
  await step('status bar counts the errors', async () => {
    const label = await waitFor('Errors: 2', async () => (/Errors: [2-9]/.test(await problemsLabel()) ? problemsLabel() : ''));
    return label;
  });
  await step('Problems panel lists the diagnostics', async () => {
    await runCommand('View: Focus Problems');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /think/ }).first();
    await row.waitFor();
    return (await row.innerText()).replace(/\s+/g, ' ').slice(0, 120);
  });
  await shot('broken-diagnostics');

  await step('completion offers keys allowed at the cursor', async () => {
    await page.locator('.monaco-editor .view-line', { hasText: 'duration: 5s' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('  spa'); // autoIndent is off in this workspace: indent by hand, under load:
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'spawnRate' }).first();
    await item.waitFor({ timeout: 15_000 });
    await shot('completion');
    await page.keyboard.press('Escape');
    return 'spawnRate offered';
  });

  // 2. Fix it: diagnostics clear.
  await step('fixing the file clears the diagnostics', async () => {
    await page.locator('.editor-group-container .monaco-editor .view-line').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(FIXED);
    await waitFor('no squiggles', async () => ((await page.locator('.monaco-editor .squiggly-error').count()) === 0 ? 1 : 0));
    const label = await waitFor('Errors: 0', async () => (/Errors: 0|No Problems/.test(await problemsLabel()) ? problemsLabel() : ''));
    await shot('fixed');
    return label;
  }, async () => `${await problemsLabel()} :: ${await editorText()}`);
  await runCommand('View: Close All Editors');
  const dontSave = page.getByRole('button', { name: /Don't Save/ });
  if (await dontSave.isVisible({ timeout: 3000 }).catch(() => false)) await dontSave.click();

  // 3. Run via the CodeLens: status bar, results panel with charts and tables.
  await openFile('shop.load.yaml');
  await step('CodeLens offers Run', async () => {
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: /Run/ }).first().waitFor();
    return (await page.locator('.monaco-editor .codelens-decoration').first().innerText()).replace(/\s+/g, ' ');
  });
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\W*Run$/ }).first().click();
  log('clicked Run');
  await step('status bar shows the run', async () => {
    const item = page.locator('.statusbar-item', { hasText: /rps/ }).first();
    await item.waitFor({ timeout: 60_000 });
    return (await item.innerText()).replace(/\s+/g, ' ');
  });
  let frame;
  await step('results panel opens with a chart canvas', async () => {
    frame = await resultsFrame();
    return new URL(frame.url()).pathname.split('/').slice(-1)[0];
  });
  if (frame) {
    await step('entry table fills with data from the real load', async () => {
      await frame.locator('table tr', { hasText: 'browse' }).first().waitFor({ timeout: 30_000 });
      await frame.locator('table tr', { hasText: 'missing' }).first().waitFor({ timeout: 30_000 });
      return (await frame.locator('table tr', { hasText: 'browse' }).first().innerText()).replace(/\s+/g, ' ');
    }, frameText(frame));
    await step('errors table lists the failed check', async () => {
      await frame.locator('table tr', { hasText: /expected 200/ }).first().waitFor({ timeout: 30_000 });
      return 'check failure listed';
    }, frameText(frame));
    await step('charts draw', async () => {
      const px = await waitFor('inked canvases', async () => {
        const p = await inkedPixels(frame);
        return p.inked > 2000 ? p : undefined;
      });
      return JSON.stringify(px);
    });
    await shot('running');
  }

  // 3a. The run's figures inline on the scenario's request lines, and the hover with the full row.
  const figureLine = (pattern) => page.locator('.monaco-editor .view-line', { hasText: pattern }).first();
  await step('inline figures appear on the request lines during the run', async () => {
    await page.locator('.tab', { hasText: 'shop.load.yaml' }).first().click();
    // The hint's padding is CSS, so the line's text runs the URL and the figures together; editor
    // lines show spaces as no-break spaces, hence \s.
    const browse = figureLine(/get:\s\/products\s*[\d.,]+[kMG]?\sreq\s·\sp95\s.*\sms\s·\s.*%\sfailed/);
    await browse.waitFor({ timeout: 30_000 });
    // The `missing` task's requests all fail (404 against `check: { status: 200 }`).
    const missing = figureLine(/get:\s\/nowhere\s*[\d.,]+[kMG]?\sreq\s·\sp95\s.*\sms\s·\s100(\.0)?%\sfailed/);
    await missing.waitFor({ timeout: 30_000 });
    return `${(await browse.innerText()).trim()} | ${(await missing.innerText()).trim()}`;
  }, editorText);
  await step('hovering a request line shows the full percentile row and its errors', async () => {
    const hover = page.locator('.monaco-hover', { hasText: /p99/ }).first();
    // The innermost span holding the URL (the line's outer spans hold the figures too).
    await hoverOver(figureLine(/get:\s\/nowhere/).locator('span', { hasText: /\/nowhere/ }).last(), hover);
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    if (!/p50.*p90.*p95.*p99.*max/.test(text) || !/Top errors/.test(text)) throw new Error(text.slice(0, 300));
    await page.screenshot({ path: path.join(outDir, 'inline-results.png') }).catch(() => {});
    log('screenshot inline-results.png');
    await page.mouse.move(5, 400);
    return text.slice(0, 160);
  });

  // 4. Stop: the run ends, the panel keeps its numbers, no engine process is left.
  await step('CodeLens offers Stop while running', async () => {
    await page.locator('.tab', { hasText: 'shop.load.yaml' }).first().click();
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: /Stop/ }).first().waitFor({ timeout: 15_000 });
  });
  await runCommand('Stampede: Stop');
  await step('stop ends the run and leaves no engine process', async () => {
    await waitFor('no engine processes', async () => (engineProcesses().length === 0 ? 1 : 0), 20_000);
    return 'no cli.js host/worker processes';
  });
  if (frame) {
    await step('the panel keeps the final numbers after stop', async () => {
      await frame.locator('body', { hasText: /stopped|finished/i }).first().waitFor({ timeout: 20_000 });
      await frame.locator('table tr', { hasText: 'browse' }).first().waitFor({ timeout: 5000 });
      return 'stopped, rows kept';
    });
    await shot('stopped');
  }
  await step('inline figures stay after the run, and Clear Inline Results removes them', async () => {
    await page.locator('.tab', { hasText: 'shop.load.yaml' }).first().click();
    await figureLine(/req\s·\sp95\s.*failed/).waitFor({ timeout: 15_000 });
    await runCommand('Stampede: Clear Inline Results');
    await waitFor('no inline figures', async () =>
      (await page.locator('.monaco-editor .view-line', { hasText: /req\s·\sp95\s.*failed/ }).count()) === 0 ? 1 : 0,
    );
    return 'figures kept after stop, cleared by the command';
  }, editorText);

  // 5. Reload the window: the panel restores.
  await runCommand('Developer: Reload Window');
  await page.waitForTimeout(1500);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  await step('after a window reload the results panel restores with its data', async () => {
    const f = await resultsFrame(60_000);
    await f.locator('table tr', { hasText: 'browse' }).first().waitFor({ timeout: 30_000 });
    const px = await waitFor('inked canvases', async () => {
      const p = await inkedPixels(f);
      return p.inked > 2000 ? p : undefined;
    });
    return JSON.stringify(px);
  });
  await shot('restored');

  // 3b. The tracker table fills for the async-job scenario.
  await openFile('jobs.load.yaml');
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\W*Run$/ }).first().click();
  await step('tracker table fills for the async-job scenario', async () => {
    const f = await resultsFrame();
    const row = f.locator('table tr', { hasText: 'job latency' }).first();
    await row.waitFor({ timeout: 60_000 });
    return (await row.innerText()).replace(/\s+/g, ' ');
  });
  await step('the async-job run finishes by itself and leaves no engine process', async () => {
    await waitFor('no engine processes', async () => (engineProcesses().length === 0 ? 1 : 0), 60_000);
  });
  await step('after the run ends by itself the CodeLens offers Run again', async () => {
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\W*Run$/ }).first().waitFor({ timeout: 15_000 });
    return (await page.locator('.monaco-editor .codelens-decoration').first().innerText()).replace(/\s+/g, ' ');
  });
  await shot('trackers');

  // 6. Try: one iteration from the CodeLens, the exchanges in a read-only view beside the scenario.
  await runCommand('View: Close All Editors');
  await openFile('shop.load.yaml');
  await step('CodeLens offers Try beside Run, and on each task', async () => {
    const tries = page.locator('.monaco-editor .codelens-decoration a', { hasText: /Try/ });
    await tries.first().waitFor({ timeout: 15_000 });
    const n = await waitFor('a Try on the top and on the 3 tasks', async () => ((await tries.count()) >= 4 ? tries.count() : 0));
    return `${n} Try lenses`;
  });
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: /Try/ }).first().click();
  log('clicked Try');
  await step('Try opens a view with the exchange: request, response, check', async () => {
    const view = page.locator('.monaco-editor .view-lines', { hasText: /\[shopper\s·\stask/ }).first();
    await view.waitFor({ timeout: 60_000 });
    // Monaco renders spaces as no-break spaces; only the lines on screen are in the DOM.
    const text = (await view.innerText()).replace(/\u00a0/g, ' ');
    for (const want of [/> GET http:\/\/127\.0\.0\.1:\d+\//, /< (200|404)\n/, /< content-type: application\/json/])
      if (!want.test(text)) throw new Error(`no ${want} in the Try view`);
    await page.screenshot({ path: path.join(outDir, 'try.png') });
    log('screenshot try.png');
    return text.split('\n')[0];
  }, editorText);
} catch (e) {
  check('no unexpected exception', false, e.stack ?? String(e));
  await shot('error');
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
log('done');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
