// Renders the real webview bundle in headless Debian Chromium (playwright-core), inside the page
// panelHtml() builds, with a fake acquireVsCodeApi that records posted messages and state. Pages
// are served from a fake origin through request interception: no server, no network; any other
// request is refused and reported.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../client/panel/panelHtml';
import type { FromWebview, ToWebview } from '../../common/protocol/webview';
import type { TestTheme } from './themes';

export const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://stampede-webview.test';
export const NONCE = 'dGVzdC1ub25jZS1mb3ItcmVuZGVy';
const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test/e2e/screenshots');

export interface RecordedRun {
  description: string;
  /** A run as the panel received it: a hydrate, then updates. */
  messages: Array<Extract<ToWebview, { kind: 'hydrate' | 'update' }>>;
}

export function loadRun(name: string): RecordedRun {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/runs', name), 'utf8')) as RecordedRun;
}

/** Bundles webview/main.ts the way esbuild.mjs does (IIFE for the browser), in memory. */
export async function buildBundle(): Promise<string> {
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['webview/main.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the webview render tests need Debian's chromium. \`npm run test:e2e\` installs it (as root); or install it yourself: apt-get update && apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console errors and warnings and page errors, collected as they happen. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    // The test's own pixel reads (getImageData, repeated) earn Chromium's willReadFrequently hint.
    if (m.type() === 'warning' && m.text().includes('willReadFrequently')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

export interface PanelPage {
  page: Page;
  /** Console errors, page errors, CSP violations and refused requests seen so far. */
  problems: string[];
  posted(): Promise<FromWebview[]>;
  state(): Promise<unknown>;
  send(messages: ToWebview[]): Promise<void>;
  /** Waits until the panel has rendered history up to `t` ms in run state `runState`. */
  rendered(t: number, runState: string): Promise<void>;
  setTheme(theme: TestTheme): Promise<void>;
  close(): Promise<void>;
}

/** Opens the panel page with a theme and (optionally) a state vscode.getState() returns, as after hide/show. */
export async function openPanel(
  browser: Browser,
  bundle: string,
  theme: TestTheme,
  savedState?: unknown,
): Promise<PanelPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const html = panelHtml({
    scriptUri: `${ORIGIN}/dist/webview.js`,
    cspSource: ORIGIN,
    nonce: NONCE,
    title: 'Stampede test',
  })
    // VS Code puts the theme class on the body before the page's scripts run.
    .replace('<body>', `<body class="${theme.bodyClass}">`);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/panel.html`) return route.fulfill({ contentType: 'text/html', body: html });
    if (url === `${ORIGIN}/dist/webview.js`)
      return route.fulfill({ contentType: 'text/javascript', body: bundle });
    problems.push(`refused request: ${url}`);
    return route.abort();
  });
  // A string, not a function: tsx's keepNames wraps named functions in a helper the page lacks.
  await page.addInitScript({ content: fakeVsCodeApi(savedState ?? null, theme.vars) });
  await page.goto(`${ORIGIN}/panel.html`);
  await page
    .waitForFunction(
      () =>
        ((window as unknown as { __posted: { kind: string }[] }).__posted ?? []).some(
          (m) => m.kind === 'ready',
        ),
      undefined,
      { timeout: 15_000 },
    )
    .catch((e: Error) => {
      throw new Error(
        `the webview never posted "ready" (${e.message}); problems: ${problems.join(' | ') || 'none'}`,
      );
    });
  return {
    page,
    problems,
    posted: () => page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted.slice()),
    state: () => page.evaluate(() => (window as unknown as { __state: () => unknown }).__state()),
    send: (messages) => page.evaluate((ms) => ms.forEach((m) => window.postMessage(m, '*')), messages),
    rendered: async (t, runState) => {
      await page.waitForSelector(`#app[data-last-t="${t}"][data-run-state="${runState}"]`, {
        state: 'attached',
      });
    },
    setTheme: (theme) =>
      page.evaluate((th) => {
        for (const [k, v] of Object.entries(th.vars)) document.documentElement.style.setProperty(k, v);
        document.body.className = th.bodyClass;
      }, theme),
    close: () => context.close(),
  };
}

/**
 * The page's stand-in for VS Code: acquireVsCodeApi (once only) recording posted messages and
 * state, the theme variables on <html> (set with CSSOM, as VS Code does, before the page's
 * scripts), and CSP violations reported as console errors.
 */
function fakeVsCodeApi(saved: unknown, vars: Record<string, string>): string {
  return `(() => {
  let state = ${JSON.stringify(saved)} ?? undefined;
  let acquired = false;
  const posted = [];
  window.__posted = posted;
  window.__state = () => state;
  document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
  const vars = ${JSON.stringify(vars)};
  const applyVars = () => { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); };
  // The init script runs before <html> exists, so wait for it.
  if (document.documentElement) applyVars();
  else new MutationObserver((_, o) => { if (document.documentElement) { o.disconnect(); applyVars(); } }).observe(document, { childList: true });
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (m) => { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = JSON.parse(JSON.stringify(s)); },
    };
  };
})();`;
}

/** Pixel counts of one chart's canvas: drawn (non-transparent) pixels, and pixels close to each given colour. */
export async function canvasPixels(
  page: Page,
  chartId: string,
  colours: string[] = [],
): Promise<{ drawn: number; near: number[] }> {
  return page.evaluate(
    ({ chartId, colours }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`figure[data-chart="${chartId}"] canvas`);
      if (!canvas) throw new Error(`no canvas for chart ${chartId}`);
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const targets = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const near = targets.map(() => 0);
      let drawn = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        drawn++;
        if (data[i + 3] < 200) continue;
        targets.forEach(([r, g, b], k) => {
          if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24) near[k]++;
        });
      }
      return { drawn, near };
    },
    { chartId, colours },
  );
}

/** The text of a table's body cells, row by row. */
export async function tableRows(
  page: Page,
  tableId: string,
  part: 'tbody' | 'tfoot' = 'tbody',
): Promise<string[][]> {
  return page.$$eval(`#${tableId} ${part} tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
}

export interface ReportPage {
  page: Page;
  /** Console errors, page errors, CSP violations and every request the page tried (it should make none). */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Opens an HTML report as a browser opens a file someone sent: served once from a fake origin,
 * every other request refused and recorded, CSP violations recorded, the system's colour scheme
 * emulated. Resolves once the page script has drawn its charts.
 */
export async function openReport(
  browser: Browser,
  html: string,
  colorScheme: 'light' | 'dark',
): Promise<ReportPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    colorScheme,
  });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const url = `${ORIGIN}/report.html`;
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.fulfill({ contentType: 'text/html', body: html });
    problems.push(`refused request: ${route.request().url()}`);
    return route.abort();
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.goto(url);
  await page
    .waitForSelector('body[data-charts-ready]', { state: 'attached', timeout: 15_000 })
    .catch((e: Error) => {
      throw new Error(
        `the report never drew its charts (${e.message}); problems: ${problems.join(' | ') || 'none'}`,
      );
    });
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string, prefix = 'webview-'): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${prefix}${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
