// What the master accepts of a worker's failure samples (StatsReport.samples): the worker's own
// bounds (failureSamples.ts) checked again, since a worker's bytes cross a process boundary. A
// report with a sample out of bounds is dropped whole, like any other bad number (reportLimits.ts).
import { SAMPLE_LIMITS, type SampleReport } from '../../common/protocol/engine';

import { MAX_ERROR_TEXT } from './reportLimits';

/** Room for the `…` a cut text ends with. */
const CUT_MARK = 1;
const {
  bodyBytes: SAMPLE_BODY_BYTES,
  headChars: SAMPLE_HEAD_CHARS,
  sawChars: SAMPLE_SAW_CHARS,
  perRun: SAMPLES_PER_RUN,
} = SAMPLE_LIMITS;

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

/** Why one sample must not be used, or undefined. `entries` holds `METHOD name` of every request. */
function checkSample(s: SampleReport, entries: Set<string>): string | undefined {
  if (typeof s !== 'object' || s === null) return 'a sample that is not an object';
  if (!isText(s.name, 10_000) || !isText(s.method, 16) || !entries.has(`${s.method} ${s.name}`))
    return 'a sample of a request that is not in the scenario';
  if (!isText(s.error, MAX_ERROR_TEXT))
    return `a sample's error text longer than ${MAX_ERROR_TEXT} characters`;
  if (typeof s.time !== 'number' || !Number.isFinite(s.time)) return 'a sample without a time';
  if (s.check !== undefined) {
    const c = s.check;
    if (
      typeof c !== 'object' ||
      c === null ||
      !isText(c.check, 10_000) ||
      !isText(c.saw, SAMPLE_SAW_CHARS + CUT_MARK)
    )
      return "a sample's check is not a check name and a bounded value";
  }
  const q = s.request;
  if (
    typeof q !== 'object' ||
    q === null ||
    !isText(q.method, 16) ||
    !isText(q.url, SAMPLE_HEAD_CHARS + CUT_MARK) ||
    !isText(q.headers, SAMPLE_HEAD_CHARS + CUT_MARK) ||
    !isText(q.body, SAMPLE_BODY_BYTES) ||
    !isCount(q.bodyBytes)
  )
    return "a sample's request is missing or larger than the sample bounds";
  const r = s.response;
  if (r === undefined) return undefined;
  if (
    typeof r !== 'object' ||
    r === null ||
    !(Number.isInteger(r.status) && r.status >= 0 && r.status <= 999) ||
    !isText(r.headers, SAMPLE_HEAD_CHARS + CUT_MARK) ||
    !isText(r.body, SAMPLE_BODY_BYTES) ||
    !isCount(r.bodyBytes)
  )
    return "a sample's response is larger than the sample bounds";
  return undefined;
}

/** Why a report's samples must not be used, or undefined when they may be. */
export function checkSamples(samples: unknown, entries: Set<string>): string | undefined {
  if (samples === undefined) return undefined;
  if (!Array.isArray(samples)) return 'samples are not a list';
  if (samples.length > SAMPLES_PER_RUN) return `${samples.length} samples (at most ${SAMPLES_PER_RUN})`;
  for (const s of samples as SampleReport[]) {
    const p = checkSample(s, entries);
    if (p) return p;
  }
  return undefined;
}
