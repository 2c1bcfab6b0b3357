// The part of snappyjs (Snappy's block format in plain JavaScript) that remote write uses.
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
