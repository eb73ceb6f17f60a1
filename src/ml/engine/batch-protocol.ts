import type { InputRecord } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import type { BatchRow, InputIssue } from './engine-api';
import type { BackendName } from './tf-backend';

/**
 * The batch worker's API (exposed with comlink). The client sends the pack it already verified
 * (manifest + file bytes) once per worker; the worker re-verifies and loads it, picks its own TF.js
 * backend (a worker is a separate realm), then predicts chunk by chunk so the client can report
 * progress between chunks and cancel by terminating the workers.
 */
export interface BatchInit {
  manifest: PackManifest;
  files: Record<string, Uint8Array>;
  /** The backend to force, or 'auto' for the usual WASM → WebGL → CPU order. */
  backend: BackendName | 'auto';
}

/**
 * A chunk's rows, column by column: typed arrays move between threads without copying
 * (transferred), where 5,000 row objects would be serialised one by one. Issues are sparse.
 */
export interface EncodedRows {
  n: number;
  /** Bit 0: ok; bit 1: novel. */
  flags: Uint8Array;
  dose: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /** [row index within the chunk, its issues] for rows with any issue. */
  issues: [number, InputIssue[]][];
}

export interface BatchWorkerApi {
  /** Load the pack; resolves with the backend the worker runs on. */
  init(init: BatchInit): Promise<string>;
  predictChunk(records: InputRecord[]): Promise<EncodedRows>;
}

export function encodeRows(rows: readonly BatchRow[]): EncodedRows {
  const n = rows.length;
  const enc: EncodedRows = {
    n,
    flags: new Uint8Array(n),
    dose: new Float64Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    issues: [],
  };
  rows.forEach((r, i) => {
    enc.flags[i] = (r.ok ? 1 : 0) | (r.novel ? 2 : 0);
    enc.dose[i] = r.dose;
    enc.lo[i] = r.lo;
    enc.hi[i] = r.hi;
    if (r.issues.length > 0) enc.issues.push([i, r.issues]);
  });
  return enc;
}

/** The buffers to transfer with an EncodedRows. */
export function encodedBuffers(enc: EncodedRows): ArrayBuffer[] {
  return [enc.flags.buffer, enc.dose.buffer, enc.lo.buffer, enc.hi.buffer] as ArrayBuffer[];
}

/** Decode into `out` from index `offset` (rows keep the order they were sent in). */
export function decodeRows(enc: EncodedRows, out: BatchRow[], offset: number): void {
  const issues = new Map(enc.issues);
  for (let i = 0; i < enc.n; i++) {
    const f = enc.flags[i] as number;
    out[offset + i] = {
      ok: (f & 1) !== 0,
      dose: enc.dose[i] as number,
      lo: enc.lo[i] as number,
      hi: enc.hi[i] as number,
      novel: (f & 2) !== 0,
      issues: issues.get(i) ?? [],
    };
  }
}
