// What stays live while `stampede check` analyses a file, phase by phase (issue 15, "Inputs of any
// size"): the heap after a full collection at each step of the analysis (scenario/index.ts), then
// as each structure is let go, so each one's size is the drop. Measures the language alone (no
// CLI) on a file such as bench-check.ts's valid 5 MB scenario:
//   node --expose-gc --import tsx scripts/check-memory-phases.ts FILE [editor|run|check]
import fs from 'node:fs';
import { parseScenarioDocument } from '../scenario/document';
import { Reporter } from '../scenario/report';
import { Ctx } from '../scenario/compile/context';
import { compileScenario } from '../scenario/compile/scenario';
import { checkAgainstSchema } from '../scenario/schemaCheck';
import type { AnalysisPurpose, ParsedScenario } from '../scenario/index';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const [file, purpose = 'check'] = process.argv.slice(2) as [string, AnalysisPurpose | undefined];
const mib = (n: number): string => (n / 1048576).toFixed(1).padStart(7);
let last = 0;

function mark(label: string): void {
  gc!();
  gc!();
  const { heapUsed, rss } = process.memoryUsage();
  console.log(`${label.padEnd(34)} heap ${mib(heapUsed)} MiB (${mib(heapUsed - last)})  rss ${mib(rss)}`);
  last = heapUsed;
}

// The schema validator is built once per process; build it before measuring.
const tiny = parseScenarioDocument('name: x\n');
checkAgainstSchema(tiny, { name: 'x' }, new Reporter(tiny));
mark('start (validator built)');
const text = fs.readFileSync(file, 'utf8');
mark(`text (${(text.length / 1048576).toFixed(1)} MB)`);
const parsed: Partial<ParsedScenario> = parseScenarioDocument(text);
mark('+ yaml Document, line starts');
const report = new Reporter(parsed as ParsedScenario);
// In a function of its own, as in analyzeScenario: the plain value is garbage once it returns.
const schemaCheck = (): void => checkAgainstSchema(parsed as ParsedScenario, parsed.doc!.toJS(), report);
schemaCheck();
mark('+ schema check (value let go)');
let ctx: Ctx | undefined = new Ctx(parsed as ParsedScenario, report, { purpose });
let scenario: unknown = compileScenario(ctx);
mark(`+ compiled (${purpose}${scenario ? '' : ', no scenario'}) and index`);
ctx = undefined;
mark('- index and compile context');
scenario = undefined;
mark('- compiled scenario');
delete parsed.doc;
mark('- yaml Document');
delete parsed.lineCounter;
mark('- line starts');
