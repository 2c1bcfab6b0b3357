// Files a scenario names (multipart uploads) are relative to the scenario's folder and must stay
// inside it: a scenario from a cloned repository must not read ~/.ssh/id_rsa and send it to its
// target. Checked here on the text (pure); the engine checks the real path again when it reads.

/** Why `path` is not a usable file path, or undefined when it is fine. */
export function filePathProblem(path: string): string | undefined {
  const p = path.trim();
  if (p === '') return 'the file path is empty';
  if (/^([A-Za-z]:)?[\\/]/.test(p) || p.startsWith('~'))
    return `\`${p}\` is not relative: file paths are relative to the scenario's folder (e.g. \`data/avatar.png\`)`;
  let depth = 0;
  for (const segment of p.split(/[\\/]+/)) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0)
      return `\`${p}\` leaves the scenario's folder: a scenario may only send files from its own folder and below`;
  }
  return undefined;
}
