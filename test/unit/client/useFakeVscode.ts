// Import this first: every later `require('vscode')` gets fakeVscode.ts instead.
import Module from 'node:module';

const modules = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = modules._resolveFilename;
const fake = require.resolve('./fakeVscode');
modules._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
