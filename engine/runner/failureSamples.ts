// The first few failing exchanges of a worker's run, kept so a person can see what was sent and
// what came back, not just a count. Bounded per (request, error) and per run, with every text cut
// and the run's secrets masked before a sample leaves the worker.
//
// Cost: nothing on the success path (a request only asks `wants` after it failed, and the
// response parser keeps a body head only when `wants` said a slot is free: see requestPlan.ts),
// and on the failure path one map lookup until a slot is free. Once the run's cap is reached the
// keeper tells every plan to stop asking (`onFull`).
import type { FailureSample } from '../../common/snapshot';
import { SAMPLE_LIMITS, type SampleReport } from '../../common/protocol/engine';

export const SAMPLES_PER_KEY = SAMPLE_LIMITS.perKey;
export const SAMPLES_PER_RUN = SAMPLE_LIMITS.perRun;
export const SAMPLE_BODY_BYTES = SAMPLE_LIMITS.bodyBytes;
export const SAMPLE_HEAD_CHARS = SAMPLE_LIMITS.headChars;
export const SAMPLE_SAW_CHARS = SAMPLE_LIMITS.sawChars;

/** Headers whose credentials are masked in every sample, whatever `secrets:` says (Basic auth is base64). */
const CREDENTIAL_HEADER = /^((?:proxy-)?authorization:[ \t]*)(.*)$/gim;

/** `Authorization: Bearer abc` -> `Authorization: Bearer ***` (the scheme helps, the credential never does). */
function maskCredentials(headers: string): string {
  return headers.replace(CREDENTIAL_HEADER, (_all, name: string, value: string) => {
    const scheme = /^([A-Za-z][\w-]*)[ \t]+\S/.exec(value);
    return `${name}${scheme ? `${scheme[1]} ` : ''}***`;
  });
}

/**
 * The first `max` bytes of `bytes` as text, cut so that no UTF-8 character is split (a cut inside
 * a character would decode to U+FFFD and break what the person reads).
 */
export function utf8Head(bytes: Uint8Array, max = SAMPLE_BODY_BYTES): string {
  let end = Math.min(bytes.length, max);
  if (end < bytes.length) {
    // Step back over continuation bytes (10xxxxxx) to the start of the character that crosses the cut.
    let start = end;
    while (start > 0 && start > end - 4 && (bytes[start] & 0xc0) === 0x80) start--;
    end = start;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
}

/** `s` cut to `max` UTF-16 units (never inside a surrogate pair). */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/** `s` cut to `max` characters, with a mark (`…`) that it was cut. */
export function cutText(s: string, max: number): string {
  return s.length <= max ? s : `${clip(s, max)}…`;
}

/** Keeps the samples of one (name, method) entry: the same object for every plan of that entry. */
export interface EntrySampler {
  /** True when a sample of a failure with this error text would be kept now. Failure path only. */
  wants(error: string): boolean;
  /** Keeps the sample (masked) if its slot is still free. */
  keep(sample: FailureSample): void;
}

export interface FailureSampleKeeper {
  entry(name: string, method: string): EntrySampler;
  /** Registers a callback for when the run's cap is reached (plans stop asking the parser for bodies). */
  onFull(callback: () => void): void;
  /** Samples kept since the last drain (each is sent once); the counts stay for the run. */
  drain(): SampleReport[];
}

export function createFailureSampleKeeper(mask: (text: string) => string): FailureSampleKeeper {
  const entries = new Map<string, EntrySampler>();
  const fullCallbacks: Array<() => void> = [];
  let kept = 0;
  let pending: SampleReport[] = [];

  // Masked, then held to the bounds again: `***` is longer than a secret of one or two characters.
  const maskSample = (s: FailureSample): FailureSample => {
    const head = (t: string): string => cutText(mask(t), SAMPLE_HEAD_CHARS);
    const body = (t: string): string => clip(mask(t), SAMPLE_BODY_BYTES);
    return {
      time: s.time,
      // The error text stays as its error row has it (the row's key); the master masks both.
      error: s.error,
      ...(s.check
        ? { check: { check: mask(s.check.check), saw: cutText(mask(s.check.saw), SAMPLE_SAW_CHARS) } }
        : {}),
      request: {
        ...s.request,
        url: head(s.request.url),
        headers: maskCredentials(head(s.request.headers)),
        body: body(s.request.body),
      },
      ...(s.response
        ? { response: { ...s.response, headers: head(s.response.headers), body: body(s.response.body) } }
        : {}),
    };
  };

  const makeEntry = (name: string, method: string): EntrySampler => {
    const perError = new Map<string, number>();
    return {
      wants(error) {
        return kept < SAMPLES_PER_RUN && (perError.get(error) ?? 0) < SAMPLES_PER_KEY;
      },
      keep(sample) {
        const n = perError.get(sample.error) ?? 0;
        if (kept >= SAMPLES_PER_RUN || n >= SAMPLES_PER_KEY) return;
        perError.set(sample.error, n + 1);
        kept++;
        pending.push({ name, method, ...maskSample(sample) });
        if (kept === SAMPLES_PER_RUN) for (const f of fullCallbacks) f();
      },
    };
  };

  return {
    entry(name, method) {
      const key = `${method} ${name}`;
      let e = entries.get(key);
      if (e === undefined) entries.set(key, (e = makeEntry(name, method)));
      return e;
    },
    onFull(callback) {
      if (kept >= SAMPLES_PER_RUN) callback();
      else fullCallbacks.push(callback);
    },
    drain() {
      const out = pending;
      pending = [];
      return out;
    },
  };
}
