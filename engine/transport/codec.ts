// Encoding of engine messages: msgpack (binary histograms travel as bytes, no base64), decoded
// once and checked by the protocol guards. Anything else is reported as invalid, never thrown.
import { Packr } from 'msgpackr';
import { asMasterToWorker, asWorkerToMaster } from '../../common/protocol/engine';
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

// Plain maps and no record extension: the bytes stay readable by any msgpack decoder.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

export function encodeMessage(message: WorkerToMaster | MasterToWorker): Buffer {
  return packr.pack(message);
}

function unpack(bytes: Uint8Array): unknown {
  try {
    return packr.unpack(bytes);
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
