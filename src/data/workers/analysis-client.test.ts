import { afterEach, describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import type { DataTable } from '../data-table';
import { analysisApi, ANALYSIS_METHODS, workerAnalysisApi } from './analysis-api';
import { createAnalysisClient } from './analysis-client';
import { transferableBuffers } from './analysis-protocol';

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

/** A Worker stand-in backed by a MessagePort, with the real worker API exposed on the other end. */
function channelWorker(): { worker: Worker; close: () => void; crash: () => void } {
  const { port1, port2 } = new MessageChannel();
  expose(workerAnalysisApi, port1);
  const errors = new EventTarget();
  const worker = {
    postMessage: (msg: unknown, transfer?: Transferable[]) =>
      port2.postMessage(msg, transfer ?? []),
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
  return { worker, close, crash };
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
