// Text that came from the system under test (a failure sample's response, a URL it redirected to)
// shown to a person: control characters could move a terminal's cursor, change its colours or
// title (ANSI escapes), and bidirectional overrides could make text read other than it is. Each
// such character is shown as an escape instead (`\x1b`, `\u202e`); newlines and tabs stay.
// Escaping for HTML is the renderer's job on top of this.

// C0 controls but \t and \n, DEL, C1 controls, and the bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

// JSON.stringify escapes C0 controls only: DEL, C1 controls (0x9b is a one-byte CSI to some
// terminals), the bidi marks and the line/paragraph separators pass raw.
const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for a terminal or a log (`--json` outputs): the same value when parsed, with every character
 * a terminal could act on written as a `\uXXXX` escape.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
