// Whether the master accepts a worker's handshake: protocol version, a free id, a run not yet over.
// The token is not here: every connection proved it in the CURVE handshake (engine/transport)
// before any message could arrive. Returns the refusal (with whether the same worker may try again later), or undefined.
import { ENGINE_PROTOCOL_VERSION } from '../../common/protocol/engine';
import type { WorkerReadyMessage } from '../../common/protocol/engine';

export interface Refusal {
  reason: string;
  retry: boolean;
}

export function checkHandshake(
  msg: WorkerReadyMessage,
  context: { idTaken: boolean; runOver: boolean },
): Refusal | undefined {
  if (msg.protocolVersion !== ENGINE_PROTOCOL_VERSION)
    return {
      reason: `protocol version ${msg.protocolVersion} does not match the master's ${ENGINE_PROTOCOL_VERSION}: run the same Stampede version on the master and every worker`,
      retry: false,
    };
  if (context.idTaken)
    return {
      reason: `a worker with id ${msg.workerId} is already connected: give each worker its own --id`,
      retry: true,
    };
  if (context.runOver) return { reason: 'the run is over', retry: true };
  return undefined;
}
