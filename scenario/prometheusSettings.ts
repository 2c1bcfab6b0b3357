// The rules of `output.prometheus` that are pure text checks, shared by the checker (diagnostics in
// `check` and the editor) and the engine (which trusts nothing it did not check itself).

/** Labels Stampede itself puts on series, and the ones Prometheus gives a meaning. */
export const RESERVED_PROMETHEUS_LABELS = ['run', 'request', 'method', 'quantile', 'tracker', 'stage', 'le'];

/** Prometheus's label name syntax; names starting with `__` are Prometheus's own. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why a user label name cannot be used, or undefined when it can. */
export function prometheusLabelProblem(name: string): string | undefined {
  if (!LABEL_NAME.test(name))
    return 'a label name has only letters, digits and `_`, and does not start with a digit';
  if (name.startsWith('__')) return 'names starting with `__` are reserved by Prometheus';
  if (RESERVED_PROMETHEUS_LABELS.includes(name))
    return `Stampede sets \`${name}\` itself (reserved: ${RESERVED_PROMETHEUS_LABELS.join(', ')})`;
  return undefined;
}

/** `http(s)://host[:port]/path`: what a remote-write URL must look like. */
const REMOTE_WRITE_URL = /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[^\s/?#@:[\]]+)(:\d{1,5})?(\/[^\s#]*)?$/;

/** Why a remote-write URL cannot be used, or undefined when it looks like one. */
export function remoteWriteUrlProblem(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url))
    return 'needs an http:// or https:// URL, e.g. `http://127.0.0.1:9090/api/v1/write`';
  if (/^https?:\/\/[^/]*@/i.test(url))
    return 'must not carry a user or password (scenario files are shared; credentials do not belong in them)';
  if (!REMOTE_WRITE_URL.test(url)) return 'is not a valid URL (`http://host:port/path`)';
  const port = /^https?:\/\/(?:\[[^\]]*\]|[^/:]+):(\d+)/i.exec(url)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    return `port ${port} is out of range (1-65535)`;
  return undefined;
}

export type ListenAddress = { host: string; port: number };

/**
 * `9464`, `"9464"`, `"127.0.0.1:9464"`, `"[::1]:9464"` or `"0.0.0.0:9464"`. A bare port binds
 * loopback: serving the run's figures to the network is a choice the person writes out.
 */
export function parseListenAddress(value: number | string): ListenAddress | { problem: string } {
  const text = String(value).trim();
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):)?(\d+)$/.exec(text);
  if (!m) return { problem: 'needs a port (`9464`) or `host:port` (`127.0.0.1:9464`)' };
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { problem: `port ${m[2]} is out of range (1-65535)` };
  const host = m[1] ? m[1].replace(/^\[|\]$/g, '') : '127.0.0.1';
  return { host, port };
}

/** Headers remote write sets itself (the protocol's), and the ones HTTP computes. */
const OWN_REMOTE_WRITE_HEADERS = [
  'content-type',
  'content-encoding',
  'content-length',
  'x-prometheus-remote-write-version',
  'user-agent',
  'host',
  'connection',
  'transfer-encoding',
];
/** RFC 9110's token: what a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Why a header cannot be sent to the receiver, or undefined when it can. */
export function remoteWriteHeaderProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'is not a header name (letters, digits and `-`)';
  if (OWN_REMOTE_WRITE_HEADERS.includes(name.toLowerCase()))
    return 'is set by remote write itself and cannot be changed';
  if (name.toLowerCase() === 'authorization')
    return 'is written by `bearerToken` or `basicAuth` (with the value from `{{ env.NAME }}`)';
  return undefined;
}

export const CREDENTIAL_IN_FILE_HINT =
  'a credential written in a scenario ends up in its repository: write `{{ env.NAME }}` and give the value with --env, a .env file or the environment';
