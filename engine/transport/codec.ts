// Encoding of engine messages: msgpack (binary histograms travel as bytes, no base64), decoded
// once and checked by the protocol guards. Anything else is reported as invalid, never thrown.
import { Decoder, encode } from '@msgpack/msgpack';
import { asMasterToWorker, asWorkerToMaster } from '../../common/protocol/engine';
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

// @msgpack/msgpack rather than msgpackr: msgpackr pulls optional native packages per platform that
// this registry does not carry, which breaks `npm ci`; messages flow at 1 Hz per worker, so the
// pure-JS codec's cost is small (docs/benchmarks.md, "Master and worker costs").
//
// One decoder for the process, not one per message (the master decodes a report per worker per
// second: 1,000 a second at 1,000 workers); it is re-entrant (a nested call gets a clone). Encoding
// stays one call per message: a shared encoder would keep its buffer grown to the largest message
// ever sent (a `start` carrying uploaded files) for the life of the process.
const decoder = new Decoder();

export function encodeMessage(message: WorkerToMaster | MasterToWorker): Buffer {
  const bytes = encode(message, { ignoreUndefined: true });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unpack(bytes: Uint8Array): unknown {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeWorkerToMaster(bytes: Uint8Array): WorkerToMaster | undefined {
  return asWorkerToMaster(unpack(bytes));
}

export function decodeMasterToWorker(bytes: Uint8Array): MasterToWorker | undefined {
  return asMasterToWorker(unpack(bytes));
}
