import { afterEach, describe, expect, it } from 'vitest';
import { expose, wrap } from 'comlink';
import type { DataTable } from '../data-table';
import { analysisApi, ANALYSIS_METHODS, createWorkerAnalysisApi } from './analysis-api';
import { createAnalysisClient } from './analysis-client';
import { transferableBuffers, type WorkerAnalysisApi } from './analysis-protocol';

const H = 3_600_000;
const table: DataTable = {
  name: 'planta.csv',
  rowCount: 4,
  columns: [
    {
      name: 'Fecha y hora',
      kind: 'datetime',
      values: Float64Array.from([0, 0.5, 1, 3].map((h) => h * H)),
    },
    { name: 'Turbiedad (NTU)', kind: 'number', values: Float64Array.from([1, 3, 5, NaN]) },
    { name: 'Lluvia (mm)', kind: 'number', values: Float64Array.from([1, 2, 0, 4]) },
  ],
};

/** Bytes of typed-array data in a message (what structured clone or transfer carries). */
function arrayBytes(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return Object.values(value).reduce<number>((s, v) => s + arrayBytes(v, seen), 0);
}

/**
 * A Worker stand-in backed by a MessagePort, with the real worker API exposed on the other end.
 * `sent` adds up the typed-array bytes posted to it, to tell a copied table from a reference.
 */
function channelWorker(): {
  worker: Worker;
  close: () => void;
  crash: () => void;
  sent: { bytes: number; messages: number };
} {
  const { port1, port2 } = new MessageChannel();
  expose(createWorkerAnalysisApi(), port1);
  const errors = new EventTarget();
  const sent = { bytes: 0, messages: 0 };
  const worker = {
    postMessage: (msg: unknown, transfer?: Transferable[]) => {
      sent.bytes += arrayBytes(msg);
      sent.messages++;
      port2.postMessage(msg, transfer ?? []);
    },
    addEventListener: (type: string, listener: EventListener) =>
      type === 'message'
        ? port2.addEventListener('message', listener)
        : errors.addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListener) =>
      type === 'message'
        ? port2.removeEventListener('message', listener)
        : errors.removeEventListener(type, listener),
    start: () => port2.start(),
    terminate: () => port2.close(),
  } as unknown as Worker;
  const close = () => {
    port1.close();
    port2.close();
  };
  const crash = () => {
    port1.close(); // the worker stops answering…
    errors.dispatchEvent(Object.assign(new Event('error'), { message: 'boom' })); // …and reports why
  };
  return { worker, close, crash, sent };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
});

describe('transferableBuffers', () => {
  it('collects each typed array buffer once, walking objects and arrays', () => {
    const a = new Float64Array(2);
    const b = new Int32Array(3);
    const view = new Float64Array(a.buffer, 8, 1);
    const found = transferableBuffers({
      a,
      list: [b, { view, again: a }],
      n: 1,
      s: 'x',
      none: null,
    });
    expect(found).toHaveLength(2);
    expect(found).toContain(a.buffer);
    expect(found).toContain(b.buffer);
  });
});

describe('analysis client', () => {
  it('lists every API function', () => {
    expect(ANALYSIS_METHODS).toEqual(
      expect.arrayContaining(['resample', 'joinOnTime', 'pca', 'laggedCorrelation', 'lttb']),
    );
  });

  it('falls back to the main thread where Worker is undefined (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const client = createAnalysisClient();
    const out = await client.resample(table, 'hour');
    expect(client.mode).toBe('main-thread');
    expect(out).toEqual(analysisApi.resample(table, 'hour'));
    client.terminate();
  });

  it('runs calls in the worker through comlink, with typed arrays intact', async () => {
    const ch = channelWorker();
    cleanups.push(ch.close);
    const client = createAnalysisClient({ createWorker: () => ch.worker });
    const out = await client.resample(table, 'hour');
    expect(client.mode).toBe('worker');
    expect(out.columns[1]?.values).toBeInstanceOf(Float64Array);
    expect(out).toEqual(analysisApi.resample(table, 'hour'));
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 30));
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const d = await client.lttb(x, y, 100);
    expect(d.index).toBeInstanceOf(Int32Array);
    expect(d.x.length).toBeLessThanOrEqual(100);
    // The page's arrays were copied, not moved.
    expect(x.length).toBe(1000);
  });

  it('passes on an analysis error from the worker without retrying', async () => {
    const ch = channelWorker();
    cleanups.push(ch.close);
    const client = createAnalysisClient({ createWorker: () => ch.worker });
    const noTime: DataTable = { name: 'sin fecha', rowCount: 0, columns: [] };
    await expect(client.resample(noTime, 'hour')).rejects.toThrow(/date-time/);
    expect(client.mode).toBe('worker');
  });

  it('finishes on the main thread when the worker crashes mid-call, and stays there', async () => {
    const ch = channelWorker();
    cleanups.push(ch.close);
    const client = createAnalysisClient({ createWorker: () => ch.worker });
    const pending = client.describeTable(table);
    ch.crash();
    expect(await pending).toEqual(analysisApi.describeTable(table));
    expect(client.mode).toBe('main-thread');
    expect(await client.linearFit([1, 2, 3], [2, 4, 6])).toMatchObject({ slope: 2, intercept: 0 });
  });

  it('falls back when the worker cannot be created', async () => {
    const client = createAnalysisClient({
      createWorker: () => {
        throw new Error('blocked by CSP');
      },
    });
    expect(await client.boxPlotStats([1, 2, 3])).toMatchObject({ median: 2 });
    expect(client.mode).toBe('main-thread');
  });
});

describe('analysis client: tables are sent to the worker once', () => {
  const rows = 1000;
  /** 1000 rows: time, two measurements (one with gaps) and a category: 8 KB per number column. */
  function bigTable(seed = 1): DataTable {
    return {
      name: `grande-${seed}.csv`,
      rowCount: rows,
      columns: [
        {
          name: 'fecha',
          kind: 'datetime',
          values: Float64Array.from({ length: rows }, (_, i) => i * H),
        },
        {
          name: 'turbiedad',
          kind: 'number',
          values: Float64Array.from({ length: rows }, (_, i) =>
            i % 17 === 0 ? NaN : Math.sin(i * seed) * 10,
          ),
        },
        {
          name: 'color',
          kind: 'number',
          values: Float64Array.from({ length: rows }, (_, i) => (i * 7919) % 113),
        },
        {
          name: 'planta',
          kind: 'category',
          values: Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? null : `P${i % 3}`)),
        },
      ],
    };
  }
  const series = (t: DataTable) =>
    t.columns
      .filter((c) => c.kind === 'number')
      .map((c) => ({ name: c.name, values: c.values as Float64Array }));
  const numberBytes = 3 * rows * 8;

  function setup(cache: Parameters<typeof createAnalysisClient>[0] = {}) {
    const ch = channelWorker();
    cleanups.push(ch.close);
    const client = createAnalysisClient({ createWorker: () => ch.worker, ...cache });
    return { ch, client };
  }

  it('sends a table on its first call only; later calls and series cut from it pass references', async () => {
    const { ch, client } = setup({ cache: { minLength: 100 } });
    const t = bigTable();
    expect(await client.describeTable(t)).toEqual(analysisApi.describeTable(t));
    expect(ch.sent.bytes).toBeGreaterThanOrEqual(numberBytes);
    ch.sent.bytes = 0;
    expect(await client.describeTable(t)).toEqual(analysisApi.describeTable(t));
    expect(await client.correlationMatrix(series(t), 'spearman')).toEqual(
      analysisApi.correlationMatrix(series(t), 'spearman'),
    );
    expect(await client.pca(series(t))).toEqual(analysisApi.pca(series(t)));
    expect(await client.boxPlotStats(t.columns[1]!.values as Float64Array)).toEqual(
      analysisApi.boxPlotStats(t.columns[1]!.values as Float64Array),
    );
    expect(ch.sent.bytes).toBe(0);
    // The page's table is untouched (copied, never transferred away).
    expect(t.columns[1]!.values).toHaveLength(rows);
  });

  it('re-sends only the columns a new version of the table changed', async () => {
    const { ch, client } = setup({ cache: { minLength: 100 } });
    const t = bigTable();
    await client.describeTable(t);
    ch.sent.bytes = 0;
    const changed = Float64Array.from(t.columns[2]!.values as Float64Array, (v) => v * 2);
    const cleaned: DataTable = {
      ...t,
      columns: t.columns.map((c, i) =>
        i === 2 ? { ...c, values: changed } : c,
      ) as DataTable['columns'],
    };
    expect(await client.describeTable(cleaned)).toEqual(analysisApi.describeTable(cleaned));
    expect(ch.sent.bytes).toBe(changed.byteLength);
  });

  it('preload sends the table ahead of the first analysis', async () => {
    const { ch, client } = setup({ cache: { minLength: 100 } });
    const t = bigTable();
    await client.preload(t);
    expect(ch.sent.bytes).toBeGreaterThanOrEqual(numberBytes);
    ch.sent.bytes = 0;
    await client.correlationMatrix(series(t));
    expect(ch.sent.bytes).toBe(0);
  });

  it('sends large columns in slices, labels included, and the worker reassembles them', async () => {
    const { ch, client } = setup({ cache: { minLength: 100, chunkBytes: 1000 } });
    const t = bigTable(3);
    const before = ch.sent.messages;
    const joined = await client.resample(t, 'day');
    expect(ch.sent.messages - before).toBeGreaterThan(3 * 8); // ≥ 8 slices per number column
    expect(joined).toEqual(analysisApi.resample(t, 'day'));
  });

  it('gives the page back its own arrays for columns a result passes through unchanged', async () => {
    const { ch, client } = setup({ cache: { minLength: 100 } });
    const t = bigTable();
    const out = await client.applyLog(t, []);
    expect(out.columns.map((c) => c.values)).toEqual(t.columns.map((c) => c.values));
    out.columns.forEach((c, i) => expect(c.values).toBe(t.columns[i]!.values));
    // …and the worker still holds them (they were not transferred away).
    ch.sent.bytes = 0;
    expect(await client.describeTable(out)).toEqual(analysisApi.describeTable(t));
    expect(ch.sent.bytes).toBe(0);
  });

  it('releases the least recently used table beyond its cap, and sends it again when needed', async () => {
    // Room for about one table's number columns and labels (24 KB + 16 KB).
    const { ch, client } = setup({ cache: { minLength: 100, maxBytes: 50_000 } });
    const a = bigTable(1);
    const b = bigTable(2);
    await client.describeTable(a);
    await client.describeTable(b);
    ch.sent.bytes = 0;
    expect(await client.describeTable(a)).toEqual(analysisApi.describeTable(a));
    expect(ch.sent.bytes).toBeGreaterThanOrEqual(numberBytes);
  });

  it('sends again what the worker says it lacks, once', async () => {
    const { ch, client } = setup({ cache: { minLength: 100 } });
    const t = bigTable();
    await client.describeTable(t);
    // Another handle on the same worker drops everything behind the client's back.
    const other = wrap<WorkerAnalysisApi>(ch.worker);
    await other.releaseArrays(Array.from({ length: 20 }, (_, i) => i + 1));
    ch.sent.bytes = 0;
    expect(await client.describeTable(t)).toEqual(analysisApi.describeTable(t));
    expect(ch.sent.bytes).toBeGreaterThanOrEqual(numberBytes);
    expect(client.mode).toBe('worker');
  });

  it('leaves small tables out of the cache (copied with each call)', async () => {
    const { ch, client } = setup();
    await client.describeTable(table);
    const first = ch.sent.bytes;
    await client.describeTable(table);
    expect(ch.sent.bytes).toBe(2 * first);
  });
});
