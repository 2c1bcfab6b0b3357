// CodeLens at the top of a scenario: Run / Run with 1 worker, or Stop while its run is going.
// The commands are the client's (common/protocol/lsp.ts); the argument is the document URI.
import type { CodeLens } from 'vscode-languageserver';
import { Commands } from '../../common/protocol/lsp';

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function codeLenses(uri: string, running: boolean): CodeLens[] {
  if (running) {
    return [
      { range: TOP, command: { title: '■ Stop', command: Commands.stop, arguments: [uri] } },
      { range: TOP, command: { title: 'Open Results', command: Commands.openResults, arguments: [uri] } },
    ];
  }
  return [
    { range: TOP, command: { title: '▶ Run', command: Commands.run, arguments: [uri] } },
    {
      range: TOP,
      command: { title: '▶ Run with 1 worker', command: Commands.runOneWorker, arguments: [uri] },
    },
  ];
}
