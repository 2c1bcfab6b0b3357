// JUnit XML, the format CI test reporters read (Jenkins, GitLab, GitHub Actions reporters):
// testsuites > testsuite > testcase > failure. A run is three suites: the run's own verdict (it
// completed, no worker was lost, some request succeeded), one test case per threshold (a failed one
// says what was measured against which limit) and one per check of each request (failed when any
// response failed it). Names and error texts come from the scenario and the server, so every one
// is escaped, and characters XML 1.0 cannot carry at all are replaced.
import type { Logger } from '../log';
import { writeWhole } from './fileWriter';
import { buildRunReport, type RunReport } from './runReport';
import type { Recorder, RecorderContext } from './types';

/** The comment after the XML declaration that marks a file as Stampede's (formatMarkers.ts). */
export const JUNIT_MARKER = '<!-- generator: Stampede -->';

// XML 1.0 allows tab, LF, CR and U+0020.. except surrogates, U+FFFE and U+FFFF; anything else
// (NUL, ESC, a lone surrogate) makes the whole file unreadable to a strict parser, even escaped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Line breaks and tabs as references too: an attribute value would otherwise fold them to spaces.
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text safe in XML content and in double- or single-quoted attributes. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r\n\t]/g, (c) => XML_ENTITIES[c]);
}

interface Case {
  name: string;
  classname: string;
  /** Set when the case failed: a one-line message and a longer body. */
  failure?: { type: string; message: string; detail: string };
}

function suite(name: string, cases: Case[], time: string, timestamp: string): string {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases
    .map((c) => {
      const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="0"`;
      if (!c.failure) return `${open}/>`;
      const f = c.failure;
      return `${open}>\n      <failure type="${escapeXml(f.type)}" message="${escapeXml(f.message)}">${escapeXml(f.detail).replace(/&#10;/g, '\n')}</failure>\n    </testcase>`;
    })
    .join('\n');
  return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}" timestamp="${timestamp}">\n${body}\n  </testsuite>`;
}

export function renderJunit(r: RunReport): string {
  const cls = (part: string): string => `stampede.${r.scenario}.${part}`;
  const verdict: Case = { name: 'the run completed and some request succeeded', classname: cls('run') };
  if (r.runFailure)
    verdict.failure = {
      type: 'run',
      message: r.runFailure,
      detail: `${r.runFailure}\nrun ${r.runId}: ${r.snapshot.total.requests} requests, ${r.snapshot.total.failures} failures`,
    };
  const thresholds = r.thresholds.map((t): Case => {
    const c: Case = { name: t.source, classname: cls('thresholds') };
    if (!t.ok) {
      const message = `${t.source}: measured ${t.measured}${t.limit ? `, limit ${t.limit}` : ''}`;
      c.failure = { type: 'threshold', message, detail: message };
    }
    return c;
  });
  const checks = r.checks.map((k): Case => {
    const c: Case = { name: `${k.method} ${k.request}: ${k.check}`, classname: cls('checks') };
    if (k.failures > 0) {
      const message = `${k.failures} of ${k.requests} responses failed ${k.check}${k.first ? `; first: ${k.first}` : ''}`;
      c.failure = { type: 'check', message, detail: message };
    }
    return c;
  });
  const time = (r.elapsedMs / 1000).toFixed(3);
  // ISO 8601 without a zone suffix, as the JUnit schema's timestamp wants.
  const timestamp = new Date(r.startedAt).toISOString().replace(/\.\d+Z$/, '');
  const suites = [
    suite(`${r.scenario}: run`, [verdict], time, timestamp),
    suite(`${r.scenario}: thresholds`, thresholds, time, timestamp),
    suite(`${r.scenario}: checks`, checks, time, timestamp),
  ];
  const all = [verdict, ...thresholds, ...checks];
  const failures = all.filter((c) => c.failure).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${JUNIT_MARKER}\n<testsuites name="${escapeXml(`Stampede: ${r.scenario}`)}" tests="${all.length}" failures="${failures}" errors="0" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function createJunitRecorder(file: string, log: Logger, ctx: RecorderContext): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      const xml = renderJunit(buildRunReport(result, ctx.about));
      return (await writeWhole(log, 'JUnit report', file, xml)) ? [file] : [];
    },
  };
}
