// The language server's data file reader (the "data file info" seam of scenario/dataFiles.ts): the
// head of each data file a document names, read from the document's folder, bounded in size, and
// only for documents inside the workspace (a scenario opened from elsewhere reads nothing). Heads
// are cached by path, size and modification time: diagnostics run on every pause in typing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataFileInfo, DataFileReader } from '../scenario/index';
import { dataFileInfo } from '../engine/data/readDataFile';
import { resolveScenarioFile } from '../engine/inputs/runFiles';

/** Less than the CLI reads: this runs as the person types. */
const EDITOR_HEAD_BYTES = 64 * 1024;
const MAX_CACHED = 64;

export class DataFileReaders {
  private folders: string[] = [];
  private readonly cache = new Map<string, { stamp: string; info: DataFileInfo | undefined }>();

  /** The workspace folders (file: URIs), from initialize and later changes. */
  setWorkspace(uris: readonly string[]): void {
    this.folders = uris.flatMap((u) => {
      try {
        return [fs.realpathSync(fileURLToPath(u))];
      } catch {
        return [];
      }
    });
  }

  /** A reader for one document, or undefined when its data files may not be read. */
  readerFor(uri: string): DataFileReader | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let scenarioPath: string;
    try {
      // The folder's real path: the document itself may not be saved yet.
      const file = fileURLToPath(uri);
      scenarioPath = path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return undefined;
    }
    const inside = this.folders.some((f) => scenarioPath.startsWith(f + path.sep));
    if (!inside) return undefined;
    return (file) => this.read(scenarioPath, file);
  }

  private read(scenarioPath: string, file: string): DataFileInfo | undefined {
    const resolved = resolveScenarioFile(scenarioPath, file);
    if ('problem' in resolved) return { ok: false, problem: resolved.problem };
    let stamp: string;
    try {
      const st = fs.statSync(resolved.path);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch (err) {
      return { ok: false, problem: (err as NodeJS.ErrnoException).code ?? String(err) };
    }
    const hit = this.cache.get(resolved.path);
    if (hit?.stamp === stamp) return hit.info;
    const info = dataFileInfo(scenarioPath, file, EDITOR_HEAD_BYTES);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(resolved.path, { stamp, info });
    return info;
  }
}
