// Strings a worker chooses (its host name, exception texts, the reason it leaves) end up in log
// lines, snapshots, the webview and result files. They are cut to a sane length as they arrive, so
// no peer can make the master carry or print megabytes of text.
import type { WorkerToMaster } from '../../common/protocol/engine';

export const MAX_PEER_STRING = { workerId: 255, host: 255, message: 2000, reason: 500 } as const;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The message with every free-text field cut to its maximum (in place; returns it). */
export function capPeerStrings(message: WorkerToMaster): WorkerToMaster {
  message.workerId = cut(message.workerId, MAX_PEER_STRING.workerId);
  if (message.kind === 'ready') message.host = cut(message.host, MAX_PEER_STRING.host);
  if (message.kind === 'exception') message.message = cut(String(message.message), MAX_PEER_STRING.message);
  if (message.kind === 'goodbye') message.reason = cut(String(message.reason), MAX_PEER_STRING.reason);
  return message;
}
