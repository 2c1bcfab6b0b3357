// CodeLens at the top of a scenario: Run / Run with 1 worker, or Stop while its run is going, and
// Try (one iteration, every exchange shown); one Try on each task. The commands are the client's
// (common/protocol/lsp.ts); the arguments are the document URI, and for a task its user kind and
// task names as the language names them (so `stampede try --user --task` finds the same task).
import type { CodeLens, Range } from 'vscode-languageserver';
import { Commands } from '../../common/protocol/lsp';
import type { Outline } from './outline';
import { nodeRange, type ParsedDocument } from './parsedDocument';

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function codeLenses(
  uri: string,
  running: boolean,
  doc?: ParsedDocument,
  outline?: Outline,
): CodeLens[] {
  const top: CodeLens[] = running
    ? [
        { range: TOP, command: { title: '■ Stop', command: Commands.stop, arguments: [uri] } },
        { range: TOP, command: { title: 'Open Results', command: Commands.openResults, arguments: [uri] } },
      ]
    : [
        { range: TOP, command: { title: '▶ Run', command: Commands.run, arguments: [uri] } },
        {
          range: TOP,
          command: { title: '▶ Run with 1 worker', command: Commands.runOneWorker, arguments: [uri] },
        },
      ];
  top.push({ range: TOP, command: { title: '▷ Try', command: Commands.tryScenario, arguments: [uri] } });
  if (doc === undefined || outline === undefined) return top;
  const tasks: CodeLens[] = [];
  outline.users.forEach((user, u) => {
    const userName = user.name ?? `user ${u + 1}`;
    user.tasks.forEach((task, t) => {
      const range: Range | undefined = nodeRange(doc, task.map);
      if (range === undefined) return;
      const first = task.steps[0];
      // The language's default task name (scenario/compile/users.ts): the request's, else `task N`.
      const name =
        task.name ??
        (task.steps.length === 1 && first?.kind === 'request' && first.entryName !== undefined
          ? first.entryName
          : `task ${t + 1}`);
      const at = { start: range.start, end: range.start };
      tasks.push({
        range: at,
        command: { title: '▷ Try', command: Commands.tryScenario, arguments: [uri, userName, name] },
      });
    });
  });
  return [...top, ...tasks];
}
