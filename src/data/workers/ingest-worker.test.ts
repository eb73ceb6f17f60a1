import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IngestError } from '../ingest/ingest-report';
import { parseFileInWorker, parseFileOnThisThread } from './ingest-client';
import type { DataTable } from '../data-table';
import { fromWireTable, tableTransferables, toWireTable } from './ingest-protocol';
import { ingestWorkerApi, runIngest } from './ingest-worker-api';

const csv = 'Turbiedad (UNT);Fecha;Planta\n1,5;01/02/2024 08:00;A\n2,5;02/02/2024 08:00;B\n';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function rejection(promise: Promise<unknown>): Promise<IngestError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error('expected a rejection');
}

describe('ingest protocol and worker api', () => {
  it('lists each typed column buffer once', () => {
    const shared = new Float64Array(4);
    const buffers = tableTransferables({
      name: 't',
      rowCount: 2,
      columns: [
        { name: 'a', kind: 'number', values: shared.subarray(0, 2) },
        { name: 'b', kind: 'datetime', values: shared.subarray(2) },
        { name: 'c', kind: 'category', values: ['x', null] },
        { name: 'd', kind: 'number', values: new Float64Array(2) },
      ],
    });
    expect(buffers).toHaveLength(2);
  });

  it('returns results and ingest errors as data', () => {
    const ok = runIngest(utf8(csv), { name: 'p.csv' });
    expect(ok.ok && ok.result.table.rowCount).toBe(2);
    const bad = runIngest(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), {});
    expect(bad).toEqual({ ok: false, error: { code: 'binary-file', details: { kind: 'png' } } });
    const cancelled = runIngest(utf8(csv), {}, undefined, () => true);
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('parses a Blob or an ArrayBuffer', async () => {
    const fromBlob = await ingestWorkerApi.parse(new Blob([csv]), {});
    const fromBuffer = await ingestWorkerApi.parse(utf8(csv).buffer as ArrayBuffer, {});
    expect(fromBlob.ok && fromBuffer.ok).toBe(true);
  });
});

describe('parseFileInWorker without Worker (main-thread fallback)', () => {
  it('parses a File and names the table after it', async () => {
    const progress: number[] = [];
    const file = new File([csv], 'planta.csv');
    const result = await parseFileInWorker(file, {}, (done) => progress.push(done));
    expect(result.table.name).toBe('planta.csv');
    expect(result.table.columns.map((c) => c.kind)).toEqual(['number', 'datetime', 'category']);
    expect(progress.at(-1)).toBe(file.size);
  });

  it('rethrows ingest errors as IngestError with their code', async () => {
    expect((await rejection(parseFileInWorker(new Blob(['a;b\n'])))).code).toBe('header-only');
    expect((await rejection(parseFileInWorker(new Blob([])))).code).toBe('empty-file');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      parseFileInWorker(new Blob([csv]), {}, undefined, controller.signal),
    );
    expect(error.code).toBe('cancelled');
    const again = await rejection(
      parseFileOnThisThread(new Blob([csv]), {}, undefined, controller.signal),
    );
    expect(again.code).toBe('cancelled');
  });
});

/**
 * A stand-in for a module Worker: the real worker API exposed with comlink on one end of a
 * MessageChannel. `hang` keeps the api from answering, to test cancellation.
 */
class FakeWorker {
  static instances: FakeWorker[] = [];
  static hang = false;
  readonly url: string;
  readonly options: unknown;
  terminated = false;
  private readonly port: MessagePort;
  private readonly inner: MessagePort;
  private readonly errorListeners = new Set<(event: ErrorEvent) => void>();

  constructor(url: URL | string, options?: unknown) {
    this.url = String(url);
    this.options = options;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.inner = channel.port2;
    const api = FakeWorker.hang
      ? { parse: () => new Promise<never>(() => undefined) }
      : ingestWorkerApi;
    expose(api, this.inner);
    FakeWorker.instances.push(this);
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.port.postMessage(message, transfer ?? []);
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    if (type === 'error') this.errorListeners.add(listener as (event: ErrorEvent) => void);
    else this.port.addEventListener(type, listener as EventListener);
  }

  removeEventListener(type: string, listener: (event: never) => void): void {
    if (type === 'error') this.errorListeners.delete(listener as (event: ErrorEvent) => void);
    else this.port.removeEventListener(type, listener as EventListener);
  }

  start(): void {
    this.port.start();
  }

  fail(message: string): void {
    for (const l of this.errorListeners)
      l({ message, preventDefault: () => undefined } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
    this.inner.close();
  }
}

describe('parseFileInWorker with a (fake) module worker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeWorker.instances = [];
    FakeWorker.hang = false;
  });

  it('starts the module worker, reports progress, returns the table and terminates', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const progress: number[] = [];
    const result = await parseFileInWorker(new File([csv], 'p.csv'), {}, (done) =>
      progress.push(done),
    );
    const worker = FakeWorker.instances[0]!;
    expect(worker.url).toMatch(/ingest\.worker\.ts$/);
    expect(worker.options).toEqual({ type: 'module' });
    expect(worker.terminated).toBe(true);
    expect(result.table.name).toBe('p.csv');
    expect(Array.from(result.table.columns[0]!.values as Float64Array)).toEqual([1.5, 2.5]);
    expect(result.report.dialect.used.decimal).toBe(',');
    // Progress calls are async messages: let them arrive.
    await new Promise((r) => setTimeout(r, 20));
    expect(progress.length).toBeGreaterThan(0);
  });

  it('rejects with the typed error the worker returned', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const error = await rejection(parseFileInWorker(new Blob(['a;b\n'])));
    expect(error.code).toBe('header-only');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
  });

  it('terminates the worker when the signal aborts', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.hang = true;
    const controller = new AbortController();
    const pending = parseFileInWorker(new Blob([csv]), {}, undefined, controller.signal);
    controller.abort();
    expect((await rejection(pending)).code).toBe('cancelled');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
  });

  it('reports a crashed worker as worker-failed', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.hang = true;
    const pending = parseFileInWorker(new Blob([csv]));
    FakeWorker.instances[0]!.fail('boom');
    const error = await rejection(pending);
    expect(error.code).toBe('worker-failed');
    expect(error.details).toEqual({ message: 'boom' });
  });
});

describe('wire table (category columns as codes)', () => {
  const table: DataTable = {
    name: 't',
    rowCount: 4,
    columns: [
      { name: 'v', kind: 'number', values: new Float64Array([1, 2, Number.NaN, 4]) },
      { name: 'planta', kind: 'category', values: ['A', null, 'A', 'B'] },
    ],
  };

  it('codes categories, transfers the codes and rebuilds the same table', () => {
    const wire = toWireTable(table);
    const coded = wire.columns[1]!;
    expect(coded.kind).toBe('category-codes');
    if (coded.kind !== 'category-codes') return;
    expect(Array.from(coded.codes)).toEqual([0, 1, 0, 2]);
    expect(coded.labels).toEqual(['A', null, 'B']);
    expect(tableTransferables(wire)).toHaveLength(2);
    expect(fromWireTable(structuredClone(wire))).toEqual(table);
  });

  it('sends no per-row strings from the worker api', async () => {
    const response = await ingestWorkerApi.parse(utf8(csv).buffer as ArrayBuffer, {});
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const kinds = response.result.table.columns.map((c) => c.kind);
    expect(kinds).toEqual(['number', 'datetime', 'category-codes']);
  });
});
