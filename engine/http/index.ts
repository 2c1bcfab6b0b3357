// The engine's HTTP/1.1 client: one keep-alive connection per virtual user, requests serialised
// once when they have no template holes, a small streaming response parser. See
// docs/benchmarks.md ("HTTP client") for why it is a raw-socket client and not undici.
export {
  HttpConnection,
  HttpResponse,
  parseHeaders,
  type ConnectionOptions,
  type PhaseTimes,
  type SendOptions,
} from './connection';
export { isAbsoluteUrl, parseOrigin, splitAbsoluteUrl, type Origin } from './origin';
export { requestBuffer, requestTail, requestText, safePath, type RequestParts } from './requestBytes';
export { timeoutError } from './timeouts';
