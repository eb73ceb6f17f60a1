/**
 * Keeps the explorer's tables in the analysis worker, so each one is copied there once instead of
 * on every call: a 1M × 10 table is 80 MB, and structured-cloning it blocked the page for about
 * 300 ms per call.
 *
 * Page side (`ArrayCache`): the column arrays of every DataTable passed to a call (or to the
 * client's `preload`) get an id, by identity, and are sent to the worker once, in slices of at
 * most CHUNK_BYTES each copied on the page and transferred, with a wait for the worker's answer
 * between slices, so no single main-thread task copies more than a few MB. Later arguments that
 * are those same arrays (the table again, or `{ name, values }` series cut from its columns)
 * travel as `{ __analysisArray: id }`. Tables are never changed in place (a cleaning step makes
 * a new table that shares its unchanged columns), so an array's identity stands for its contents:
 * a new version of a dataset re-sends only its new columns. Arrays the page drops (garbage
 * collected) are released in the worker, and the least recently used are released when the worker
 * would hold more than `maxBytes`.
 *
 * Worker side (`ArrayStore`): holds the arrays by id, swaps references in the arguments for them,
 * and swaps them back to references in results (applyLog returns the unchanged columns
 * themselves), so a held array is never transferred away from the store, and the page gets its
 * own array back instead of a copy.
 */
import type { DataTable } from '../data-table';

export const REF_KEY = '__analysisArray';

/** An array the worker holds, in place of the array itself. */
export interface ArrayRef {
  [REF_KEY]: number;
}

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** A column's values: a typed array (numbers, times) or a plain array (category labels). */
export type CachedArray = TypedArray | unknown[];

/** One slice of an array on its way to the worker: `chunk` goes at `offset` of `total` elements. */
export interface ArrayUpload {
  id: number;
  total: number;
  offset: number;
  /** Typed slices own their buffer (it is transferred); label slices are cloned. */
  chunk: CachedArray;
}

/** The worker's side of the cache, beside the analysis functions. */
export interface ArrayStoreApi {
  putArrays(pieces: ArrayUpload[]): void;
  releaseArrays(ids: number[]): void;
}

/** Thrown by the worker for a reference it does not hold; the client re-sends and retries once. */
export const MISSING_ARRAY = 'analysis cache: missing array';

/** Most bytes copied in one main-thread task while sending (8 MB ≈ 10–30 ms on this machine). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export function isArrayRef(v: unknown): v is ArrayRef {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof (v as Record<string, unknown>)[REF_KEY] === 'number'
  );
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for arrays that may hold objects to walk into (not numbers or labels only). */
function mayHoldObjects(v: unknown[]): boolean {
  const first = v.find((x) => x !== null && x !== undefined);
  return typeof first === 'object';
}

function isDataTable(v: Record<string, unknown>): v is DataTable & Record<string, unknown> {
  return typeof v['rowCount'] === 'number' && Array.isArray(v['columns']);
}

function bytesOf(a: CachedArray): number {
  return ArrayBuffer.isView(a) ? a.byteLength : a.length * 16; // labels: a rough pointer + string
}

/**
 * A copy of `value` in which every object `swap` answers for is replaced by that answer (plain
 * objects and arrays are walked; typed arrays, numbers and labels are left as they are).
 */
function mapDeep(value: unknown, swap: (v: object) => unknown, onObject?: (v: object) => void) {
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const swapped = swap(v);
    if (swapped !== undefined) return swapped;
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (Array.isArray(v)) return mayHoldObjects(v) ? v.map(walk) : v;
    if (!isPlainObject(v)) return v;
    onObject?.(v);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return walk(value);
}

/** How the page's cache reaches the worker (a new one per worker started). */
export interface CacheTransport {
  /** Resolves once the worker has stored the slices; typed slices' buffers are transferred. */
  put(pieces: ArrayUpload[], transfer: ArrayBuffer[]): Promise<void>;
  release(ids: number[]): Promise<void>;
}

export interface ArrayCacheOptions {
  /** Columns shorter than this are cloned with each call instead (default 4,096 elements). */
  minLength?: number;
  /** Soft cap on what the worker holds (default 512 MB); a call's own arrays are never released. */
  maxBytes?: number;
  /** Largest slice sent in one message (default CHUNK_BYTES). */
  chunkBytes?: number;
}

interface Session {
  transport: CacheTransport;
  /** ids the worker holds, or will once queued slices land: bytes and last use. */
  held: Map<number, { bytes: number; used: number }>;
  /** ids being sent now. */
  pending: Map<number, Promise<void>>;
}

/** What a call's arguments became: references in place of held arrays, and those arrays by id. */
export interface Encoded {
  args: unknown[];
  arrays: Map<number, CachedArray>;
}

export class ArrayCache {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private tick = 0;
  private session: Session | undefined;
  private readonly minLength: number;
  private readonly maxBytes: number;
  private readonly chunkBytes: number;
  private readonly finalizer =
    typeof FinalizationRegistry === 'undefined'
      ? undefined
      : new FinalizationRegistry<number>((id) => this.dropped(id));

  constructor(options: ArrayCacheOptions = {}) {
    this.minLength = options.minLength ?? 4096;
    this.maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
    this.chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  }

  /** A new worker: it holds nothing yet. */
  attach(transport: CacheTransport): void {
    this.session = { transport, held: new Map(), pending: new Map() };
  }

  /** The worker is gone (or lost track): everything is sent again to the next one. */
  detach(): void {
    this.session = undefined;
  }

  /** Counts these arrays as not in the worker (it said it lacks one), so they are sent again. */
  unhold(ids: Iterable<number>): void {
    const s = this.session;
    if (s) for (const id of ids) if (!s.pending.has(id)) s.held.delete(id);
  }

  /** ids of the arrays the worker holds (for tests and diagnostics). */
  heldIds(): number[] {
    return [...(this.session?.held.keys() ?? [])];
  }

  /** Gives the table's (large enough) columns an id, so they are sent once. */
  register(table: DataTable): void {
    for (const c of table.columns as { values: unknown }[]) {
      const v = c.values;
      if (
        (ArrayBuffer.isView(v) || Array.isArray(v)) &&
        (v as CachedArray).length >= this.minLength &&
        !this.ids.has(v)
      ) {
        const id = this.nextId++;
        this.ids.set(v, id);
        this.finalizer?.register(v, id);
      }
    }
  }

  /** Arguments with registered arrays replaced by references (tables met on the way register). */
  encode(args: readonly unknown[]): Encoded {
    const arrays = new Map<number, CachedArray>();
    const out = mapDeep(
      args,
      (v) => {
        const id = this.ids.get(v);
        if (id === undefined) return undefined;
        arrays.set(id, v as CachedArray);
        return { [REF_KEY]: id } satisfies ArrayRef;
      },
      (v) => {
        if (isDataTable(v as Record<string, unknown>)) this.register(v as DataTable);
      },
    ) as unknown[];
    return { args: out, arrays };
  }

  /** The call's result with references swapped back for the page's own arrays. */
  decode(result: unknown, arrays: ReadonlyMap<number, CachedArray>): unknown {
    return mapDeep(result, (v) => {
      if (!isArrayRef(v)) return undefined;
      const a = arrays.get(v[REF_KEY]);
      if (!a) throw new Error(`${MISSING_ARRAY} ${v[REF_KEY]} in a result`);
      return a;
    });
  }

  /** Sends what the worker lacks of `arrays`, releasing least recently used arrays beyond the cap. */
  async ensure(arrays: ReadonlyMap<number, CachedArray>): Promise<void> {
    const s = this.session;
    if (!s || arrays.size === 0) return;
    const now = ++this.tick;
    const missing: [number, CachedArray][] = [];
    const waits: Promise<void>[] = [];
    for (const [id, a] of arrays) {
      const h = s.held.get(id);
      if (h) h.used = now;
      else missing.push([id, a]);
      const p = s.pending.get(id);
      if (p) waits.push(p);
    }
    if (missing.length > 0) {
      this.evict(
        s,
        arrays,
        missing.reduce((b, [, a]) => b + bytesOf(a), 0),
      );
      for (const [id, a] of missing) s.held.set(id, { bytes: bytesOf(a), used: now });
      const sent = this.send(s, missing);
      for (const [id] of missing) s.pending.set(id, sent);
      waits.push(sent);
      sent
        .catch(() => {
          // Not stored after all: send again next time.
          if (this.session === s) for (const [id] of missing) s.held.delete(id);
        })
        .finally(() => {
          for (const [id] of missing) if (s.pending.get(id) === sent) s.pending.delete(id);
        });
    }
    await Promise.all(waits);
  }

  /** Slices of at most chunkBytes, several small arrays per message; one message at a time. */
  private async send(s: Session, arrays: [number, CachedArray][]): Promise<void> {
    let batch: ArrayUpload[] = [];
    let transfer: ArrayBuffer[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const [b, t] = [batch, transfer];
      batch = [];
      transfer = [];
      bytes = 0;
      await s.transport.put(b, t);
    };
    for (const [id, a] of arrays) {
      const per = Math.max(1, Math.floor(this.chunkBytes / Math.max(1, bytesOf(a) / a.length)));
      for (let offset = 0; offset < a.length || (offset === 0 && a.length === 0); offset += per) {
        const end = Math.min(a.length, offset + per);
        // slice() copies just this part (a typed subarray would drag its whole buffer along).
        const chunk = a.slice(offset, end) as CachedArray;
        batch.push({ id, total: a.length, offset, chunk });
        if (ArrayBuffer.isView(chunk)) transfer.push(chunk.buffer as ArrayBuffer);
        bytes += bytesOf(chunk);
        if (bytes >= this.chunkBytes) await flush();
        if (a.length === 0) break;
      }
    }
    await flush();
  }

  private evict(s: Session, keep: ReadonlyMap<number, CachedArray>, incoming: number): void {
    let total = incoming;
    for (const h of s.held.values()) total += h.bytes;
    if (total <= this.maxBytes) return;
    const victims = [...s.held]
      .filter(([id]) => !keep.has(id) && !s.pending.has(id))
      .sort((a, b) => a[1].used - b[1].used);
    const released: number[] = [];
    for (const [id, h] of victims) {
      if (total <= this.maxBytes) break;
      s.held.delete(id);
      total -= h.bytes;
      released.push(id);
    }
    if (released.length > 0) s.transport.release(released).catch(() => undefined);
  }

  /** The page let go of an array: the worker can too. */
  private dropped(id: number): void {
    const s = this.session;
    if (!s?.held.delete(id)) return;
    s.transport.release([id]).catch(() => undefined);
  }
}

/** The worker's store of arrays sent by the page. */
export class ArrayStore implements ArrayStoreApi {
  private readonly arrays = new Map<number, CachedArray>();
  /** Buffers behind held typed arrays: never to be transferred away. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  putArrays(pieces: ArrayUpload[]): void {
    for (const { id, total, offset, chunk } of pieces) {
      if (offset === 0 && chunk.length === total) {
        this.hold(id, chunk);
        continue;
      }
      let a = this.arrays.get(id);
      if (offset === 0 || !a || a.length !== total) {
        a = ArrayBuffer.isView(chunk)
          ? new (chunk.constructor as new (n: number) => TypedArray)(total)
          : new Array<unknown>(total);
        this.hold(id, a);
      }
      if (ArrayBuffer.isView(a)) (a as Float64Array).set(chunk as Float64Array, offset);
      else for (let i = 0; i < chunk.length; i++) a[offset + i] = chunk[i];
    }
  }

  releaseArrays(ids: number[]): void {
    for (const id of ids) this.arrays.delete(id);
  }

  get size(): number {
    return this.arrays.size;
  }

  private hold(id: number, a: CachedArray): void {
    this.arrays.set(id, a);
    if (ArrayBuffer.isView(a)) this.buffers.add(a.buffer);
  }

  /** Arguments with references swapped for the held arrays; `used` maps each back to its id. */
  decode(args: readonly unknown[]): { args: unknown[]; used: Map<object, number> } {
    const used = new Map<object, number>();
    const out = mapDeep(args, (v) => {
      if (!isArrayRef(v)) return undefined;
      const id = v[REF_KEY];
      const a = this.arrays.get(id);
      if (!a) throw new Error(`${MISSING_ARRAY} ${id}`);
      used.set(a, id);
      return a;
    }) as unknown[];
    return { args: out, used };
  }

  /** A result with the held arrays it returns as they came in replaced by their references. */
  encodeResult(result: unknown, used: ReadonlyMap<object, number>): unknown {
    if (used.size === 0) return result;
    return mapDeep(result, (v) => {
      const id = used.get(v);
      return id === undefined ? undefined : ({ [REF_KEY]: id } satisfies ArrayRef);
    });
  }

  /** True when `buffer` backs a held array (a view of it in a result must be copied, not moved). */
  holds(buffer: ArrayBufferLike): boolean {
    return this.buffers.has(buffer);
  }
}
