// A tiny web page on the demo target (/app/): an HTML page with a stylesheet, a script and an
// image, whose buttons call the demo API (JSON login with a session cookie, a form login that
// answers a bearer token, a cart). Open it in a browser, save the network tab as a HAR, and
// `stampede import` it: the same journey test/fixtures/import/record-har.mjs records in Chromium.
import type http from 'node:http';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stampede demo shop</title>
<link rel="stylesheet" href="/app/app.css"></head>
<body><img src="/app/logo.svg" alt="" width="48" height="48"><h1>Demo shop</h1>
<ul id="products"></ul>
<form id="login"><input name="user" value="demo-user"><input name="password" type="password" value="">
<button id="sign-in" type="submit">Sign in</button></form>
<button id="add">Add the first product to a cart</button>
<pre id="out"></pre>
<script src="/app/app.js"></script></body></html>
`;

const SCRIPT = `'use strict';
const out = document.getElementById('out');
const show = (what, value) => { out.textContent += what + ': ' + JSON.stringify(value) + '\\n'; };
let token;
fetch('/products', { headers: { Accept: 'application/json' } }).then((r) => r.json()).then((list) => {
  document.getElementById('products').innerHTML = list.slice(0, 3).map((p) => '<li>' + p.name + '</li>').join('');
});
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new URLSearchParams(new FormData(e.target));
  const login = await (await fetch('/form/login', { method: 'POST', body: form })).json();
  token = login.token;
  show('me', await (await fetch('/me', { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } })).json());
});
document.getElementById('add').addEventListener('click', async () => {
  const cart = await (await fetch('/cart', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ sku: 'P1' }) })).json();
  show('cart', await (await fetch('/cart/' + cart.id, { headers: { Accept: 'application/json' } })).json());
  document.body.dataset.done = 'yes';
});
`;

const STYLE = 'body { font-family: sans-serif; margin: 2em; } pre { background: #eee; }\n';
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><circle cx="24" cy="24" r="20" fill="#c60"/></svg>\n';

const FILES: Record<string, [string, string]> = {
  '/app/': ['text/html; charset=utf-8', PAGE],
  '/app/app.js': ['text/javascript; charset=utf-8', SCRIPT],
  '/app/app.css': ['text/css; charset=utf-8', STYLE],
  '/app/logo.svg': ['image/svg+xml', LOGO],
};

/** Serves the page and its assets; returns false for any other route. */
export function webAppRoute(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== 'GET') return false;
  const path = new URL(req.url ?? '/', 'http://demo').pathname;
  const file = FILES[path === '/app' ? '/app/' : path];
  if (!file) return false;
  res.writeHead(200, { 'content-type': file[0], 'content-length': Buffer.byteLength(file[1]) });
  res.end(file[1]);
  return true;
}
