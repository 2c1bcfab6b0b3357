// curl command lines, as a README shows them or as a browser's "Copy as cURL" writes them (bash:
// `\` line continuations, `$'...'` quoting, several commands joined by `;` or newlines). Words are
// split by shell-quote; `$NAME` outside single quotes becomes `{{ env.NAME }}`. Every flag is
// either mapped, listed as left out (output-only flags), or kept as a note: nothing vanishes.
import { parse } from 'shell-quote';
import { bodyFromText, formFields, headerValue } from './body';
import { emptyRequest, ImportError } from './model';
import type { ImportedCollection, ImportedRequest } from './model';

const ENV_MARK = '\u0000';
/** Flags that only change what curl prints or saves: meaningless for a load test. */
const OUTPUT_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-f',
  '--fail',
  '--fail-with-body',
  '-#',
  '--progress-bar',
  '--no-progress-meter',
  '-N',
  '--no-buffer',
]);
const OUTPUT_FLAGS_WITH_VALUE = new Set([
  '-o',
  '--output',
  '-w',
  '--write-out',
  '--stderr',
  '--trace',
  '--trace-ascii',
]);
/** Known flags that take a value but have no equivalent; their values may be credentials. */
const UNSUPPORTED_WITH_VALUE = new Set([
  '-x',
  '--proxy',
  '-U',
  '--proxy-user',
  '-E',
  '--cert',
  '--key',
  '--pass',
  '--cacert',
  '--capath',
  '--connect-timeout',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--limit-rate',
  '-r',
  '--range',
  '--resolve',
  '--connect-to',
  '--interface',
  '-K',
  '--config',
  '--netrc-file',
  '-c',
  '--cookie-jar',
  '-T',
  '--upload-file',
  '--max-redirs',
  '-z',
  '--time-cond',
  '--unix-socket',
  '--aws-sigv4',
]);
const SECRET_VALUED = new Set(['-U', '--proxy-user', '-E', '--cert', '--key', '--pass']);

interface CurlState {
  req: ImportedRequest;
  data: string[];
  form: Array<[string, string]>;
  get: boolean;
  head: boolean;
  json: boolean;
}

/** `\` + newline joins lines; each remaining line (or `;`-separated part) that starts with curl is one command. */
function commands(text: string): Array<Array<string>> {
  const joined = text.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' ');
  const out: string[][] = [];
  for (const line of joined.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    let words: string[] = [];
    for (const t of parse(line, (key: string) => `${ENV_MARK}${key}${ENV_MARK}`)) {
      if (typeof t === 'string') words.push(t);
      else if ('op' in t && t.op === 'glob') words.push((t as { pattern: string }).pattern);
      else if ('op' in t && (t.op === ';' || t.op === '&&' || t.op === '||' || t.op === '&')) {
        if (words.length) out.push(words);
        words = [];
      } else if ('comment' in t) break;
      else
        throw new ImportError(
          `cannot import a shell pipeline or redirection (\`${'op' in t ? t.op : '?'}\`) in a curl command`,
          'give the curl command alone',
        );
    }
    if (words.length) out.push(words);
  }
  return out.filter((w) => w.length > 0);
}

/** `$NAME` kept by the shell split becomes a template. */
function envTemplates(s: string): string {
  return s.replace(new RegExp(`${ENV_MARK}([A-Za-z_][A-Za-z0-9_]*)${ENV_MARK}`, 'g'), '{{ env.$1 }}');
}

function addHeader(st: CurlState, raw: string): void {
  const colon = raw.indexOf(':');
  if (colon <= 0) {
    st.req.notes.push(`curl: -H '${raw}' is not "Name: value"; left out`);
    return;
  }
  const value = raw.slice(colon + 1).trim();
  if (value === '' && raw.trimEnd().endsWith(':')) return; // `-H 'X:'` removes a curl default header
  st.req.headers.push([raw.slice(0, colon).trim(), value]);
}

function applyFlag(
  st: CurlState,
  flag: string,
  value: () => string,
  leftOut: Set<string>,
  insecure: () => void,
): void {
  const req = st.req;
  switch (flag) {
    case '-X':
    case '--request':
      req.method = value().toUpperCase();
      return;
    case '-H':
    case '--header':
      addHeader(st, value());
      return;
    case '-d':
    case '--data':
    case '--data-ascii':
    case '--data-raw':
    case '--data-binary': {
      const v = value();
      if (v.startsWith('@') && flag !== '--data-raw')
        req.notes.push(`curl: ${flag} ${v} reads a file; put its content in the body`);
      else st.data.push(flag === '--data-binary' || flag === '--data-raw' ? v : v.replace(/\r?\n/g, ''));
      return;
    }
    case '--data-urlencode': {
      const v = value();
      const eq = v.indexOf('=');
      st.data.push(
        eq < 0 ? encodeURIComponent(v) : `${v.slice(0, eq)}=${encodeURIComponent(v.slice(eq + 1))}`,
      );
      return;
    }
    case '--json':
      st.json = true;
      st.data.push(value());
      return;
    case '-F':
    case '--form':
    case '--form-string': {
      const v = value();
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      const val = eq < 0 ? '' : v.slice(eq + 1);
      if (flag !== '--form-string' && /^[@<]/.test(val))
        req.notes.push(
          `curl: -F ${name}=${val} uploads a file; add it as \`${name}: { file: PATH }\` under multipart`,
        );
      else st.form.push([name, val]);
      return;
    }
    case '-G':
    case '--get':
      st.get = true;
      return;
    case '-I':
    case '--head':
      st.head = true;
      return;
    case '-u':
    case '--user': {
      const v = value();
      const colon = v.indexOf(':');
      const b64 = Buffer.from(colon < 0 ? `${v}:` : v).toString('base64');
      req.headers.push(['Authorization', `Basic ${b64}`]);
      return;
    }
    case '--oauth2-bearer':
      req.headers.push(['Authorization', `Bearer ${value()}`]);
      return;
    case '-b':
    case '--cookie': {
      const v = value();
      if (v.includes('=')) req.headers.push(['Cookie', v]);
      else
        req.notes.push(
          `curl: -b ${v} reads cookies from a file; the scenario keeps cookies the server sets by itself`,
        );
      return;
    }
    case '-A':
    case '--user-agent':
      req.headers.push(['User-Agent', value()]);
      return;
    case '-e':
    case '--referer':
      req.headers.push(['Referer', value()]);
      return;
    case '--url':
      req.url = value();
      return;
    case '-k':
    case '--insecure':
      insecure();
      return;
    case '--compressed':
      leftOut.add('--compressed (responses are read as sent; the engine does not decompress)');
      return;
    case '-L':
    case '--location':
      req.notes.push(
        'curl: -L follows redirects; the engine does not, so a redirect counts as its own response (add the next request as a step)',
      );
      return;
    case '-m':
    case '--max-time': {
      const v = value();
      req.notes.push(
        `curl: --max-time ${v}: add \`timeout: ${v}s\` to this request if you want the same limit`,
      );
      return;
    }
  }
  if (OUTPUT_FLAGS.has(flag)) {
    leftOut.add(`curl ${flag} (output only)`);
    return;
  }
  if (OUTPUT_FLAGS_WITH_VALUE.has(flag)) {
    value();
    leftOut.add(`curl ${flag} (output only)`);
    return;
  }
  if (UNSUPPORTED_WITH_VALUE.has(flag)) {
    const v = value();
    req.notes.push(
      `curl: ${flag} ${SECRET_VALUED.has(flag) ? '***' : v} has no equivalent in a scenario; left out`,
    );
    return;
  }
  req.notes.push(`curl: ${flag} has no equivalent in a scenario; left out`);
}

/** Splits `-XPOST`, `-sS` and `--flag=value` into the forms applyFlag reads. */
function expand(word: string): string[] {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    return eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word];
  }
  if (word.length > 2 && word.startsWith('-')) {
    const flag = word.slice(0, 2);
    if ('XHdFuAebmowxEU'.includes(word[1])) return [flag, word.slice(2)];
    return [...word.slice(1)].map((c) => `-${c}`);
  }
  return [word];
}

function parseCommand(
  words: string[],
  index: number,
  leftOut: Set<string>,
  collection: ImportedCollection,
): ImportedRequest {
  if (words[0] !== 'curl')
    throw new ImportError(
      `command ${index + 1} is not a curl command (it starts with \`${words[0]}\`)`,
      'give curl command lines, one per line or joined with ;',
    );
  const st: CurlState = {
    req: emptyRequest('', ''),
    data: [],
    form: [],
    get: false,
    head: false,
    json: false,
  };
  const queue = words.slice(1).flatMap((w) => (w.startsWith('-') && w !== '-' ? expand(w) : [w]));
  const positionals: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const w = queue[i];
    if (!w.startsWith('-') || w === '-') {
      positionals.push(w);
      continue;
    }
    const value = (): string => {
      const v = queue[++i];
      if (v === undefined) throw new ImportError(`curl: ${w} needs a value`, 'complete the curl command');
      return v;
    };
    applyFlag(st, w, value, leftOut, () => (collection.insecure = true));
  }
  const req = st.req;
  if (!req.url) {
    const url = positionals.find((p) => /^https?:\/\//i.test(p)) ?? positionals[0];
    if (url === undefined)
      throw new ImportError(
        `curl command ${index + 1} has no URL`,
        "add the URL, e.g. curl 'http://127.0.0.1:8080/path'",
      );
    req.url = url;
    for (const p of positionals)
      if (p !== url) req.notes.push(`curl: the argument '${p}' was not understood; left out`);
  }
  if (!/^[a-z]+:\/\//i.test(req.url)) req.url = `http://${req.url}`;
  const data = envTemplates(st.data.join('&'));
  if (st.get || st.head) {
    if (data) req.url += (req.url.includes('?') ? '&' : '?') + data;
    req.method = req.method || (st.head ? 'HEAD' : 'GET');
  } else if (st.form.length) {
    req.method = req.method || 'POST';
    req.body = { kind: 'multipart', fields: st.form.map(([k, v]) => [k, envTemplates(v)]) };
  } else if (data) {
    req.method = req.method || 'POST';
    const type =
      headerValue(req.headers, 'content-type') ??
      (st.json ? 'application/json' : 'application/x-www-form-urlencoded');
    req.body = bodyFromText(data, type);
    if (req.body?.kind === 'form' && formFields(data).length === 0) req.body = { kind: 'text', text: data };
  }
  req.method = req.method || 'GET';
  req.url = envTemplates(req.url);
  req.headers = req.headers.map(([k, v]) => [k, envTemplates(v)]);
  return req;
}

export function fromCurl(text: string, name: string): ImportedCollection {
  const collection: ImportedCollection = { name, tasks: [], variables: {}, notes: [], leftOut: [] };
  const leftOut = new Set<string>();
  const cmds = commands(text);
  if (cmds.length === 0)
    throw new ImportError('no curl command found', "give a line such as curl 'http://127.0.0.1:8080/'");
  const requests = cmds.map((w, i) => parseCommand(w, i, leftOut, collection));
  collection.tasks.push({ name: requests.length > 1 ? 'curl sequence' : undefined, requests });
  collection.leftOut.push(...leftOut);
  return collection;
}
