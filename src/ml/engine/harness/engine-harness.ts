import type { InputRecord } from '../../../domain/input-record';
import type { LoadErrorCode } from '../engine-api';
import { listPacks, loadEngine, PackLoadError } from '../engine';
import type { PackEngine } from '../pack-engine';

/**
 * Test and bench hook, loaded only by `engine-harness.html` (a second Vite input, built with the
 * site but linked from nowhere in the app). It puts `window.__engineHarness` on that page so
 * Playwright can drive the real engine (lazy TF.js, shipped WASM, worker) without the UI.
 * Force a backend with `engine-harness.html?backend=wasm|webgl|cpu`.
 */

/** |a − b| ≤ 1e-5 absolute or ≤ 1e-4 relative (float32 weights, backends differ in rounding). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 || Math.abs(a - b) <= 1e-4 * Math.abs(b);
}

export interface ParityMismatch {
  row: number;
  head: 'dose' | 'settled';
  output: string;
  got: number;
  expected: number;
}

export interface ParityReport {
  packId: string;
  backend: string;
  rows: number;
  /** Values compared: every member, ensemble, value, lo and hi, of both heads. */
  compared: number;
  maxAbsError: number;
  maxRelError: number;
  mismatches: ParityMismatch[];
}

export type LoadReport =
  | { ok: true; backend: string; ms: number }
  | { ok: false; code: LoadErrorCode | 'unknown'; detail: string };

interface GoldenHead {
  members: Record<string, number>;
  ensemble: number;
  value: number;
  lo: number;
  hi: number;
}

const engines = new Map<string, PackEngine>();

async function engineFor(packId: string): Promise<PackEngine> {
  const hit = engines.get(packId);
  if (hit) return hit;
  const engine = (await loadEngine(packId)) as PackEngine;
  engines.set(packId, engine);
  return engine;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

function goldenInputs(engine: PackEngine): InputRecord[] {
  const rows = engine.runtime.golden?.rows;
  if (!rows?.length) throw new Error(`pack ${engine.manifest.id} has no golden rows`);
  return rows.map((r) => r.inputs);
}

export const engineHarness = {
  listPacks: async () => (await listPacks()).map((p) => p.id),

  /** Load a pack (memoised per page); time it; map failures to their code. */
  async load(packId: string): Promise<LoadReport> {
    const t0 = performance.now();
    try {
      const engine = await engineFor(packId);
      return { ok: true, backend: engine.backend, ms: performance.now() - t0 };
    } catch (e) {
      if (e instanceof PackLoadError) return { ok: false, code: e.code, detail: e.detail };
      return { ok: false, code: 'unknown', detail: String(e) };
    }
  },

  /** Reproduce golden.json (verified with the pack) on the active backend. */
  async parity(packId: string): Promise<ParityReport> {
    const engine = await engineFor(packId);
    const golden = engine.runtime.golden?.rows ?? [];
    const report: ParityReport = {
      packId,
      backend: engine.backend,
      rows: golden.length,
      compared: 0,
      maxAbsError: 0,
      maxRelError: 0,
      mismatches: [],
    };
    const compare = (
      head: 'dose' | 'settled',
      row: number,
      output: string,
      got: number,
      expected: number,
    ) => {
      report.compared++;
      const abs = Math.abs(got - expected);
      report.maxAbsError = Math.max(report.maxAbsError, abs);
      if (expected !== 0)
        report.maxRelError = Math.max(report.maxRelError, abs / Math.abs(expected));
      if (!close(got, expected) && report.mismatches.length < 20)
        report.mismatches.push({ row, head, output, got, expected });
    };
    const check = (
      head: 'dose' | 'settled',
      rows: number[],
      pred: Awaited<ReturnType<PackEngine['runtime']['heads']>>['dose'],
      pick: (r: number) => GoldenHead | undefined,
    ) => {
      rows.forEach((r, i) => {
        const g = pick(r);
        if (!g) return;
        for (const [kind, expected] of Object.entries(g.members))
          compare(head, r, kind, pred.members[kind]?.[i] ?? NaN, expected);
        compare(head, r, 'ensemble', pred.ensemble[i] as number, g.ensemble);
        compare(head, r, 'value', pred.value[i] as number, g.value);
        compare(head, r, 'lo', pred.lo[i] as number, g.lo);
        compare(head, r, 'hi', pred.hi[i] as number, g.hi);
      });
    };
    const all = golden.map((_, i) => i);
    const heads = await engine.runtime.heads(golden.map((g) => g.inputs));
    check('dose', all, heads.dose, (r) => golden[r]?.dose);
    const withSettled = all.filter((r) => golden[r]?.settled);
    if (withSettled.length > 0) {
      const settled = await engine.runtime.heads(withSettled.map((r) => golden[r]!.inputs));
      if (!settled.settled)
        throw new Error('golden has settled rows but the pack has no settled head');
      check('settled', withSettled, settled.settled, (r) => golden[r]?.settled);
    }
    // One row at a time too: the single-prediction path must agree with the batched one.
    for (const r of all.slice(0, 10)) {
      const one = await engine.runtime.heads([golden[r]!.inputs]);
      compare(
        'dose',
        r,
        'ensemble (single row)',
        one.dose.ensemble[0] as number,
        golden[r]!.dose.ensemble,
      );
    }
    return report;
  },

  /**
   * engine.predict latency (ms) over golden rows, after a warm-up: p50 and p90 of single calls
   * (performance.now() is coarsened to 0.1 ms in Chromium without cross-origin isolation), and
   * the mean over all calls timed as one block, which is exact to the microsecond.
   */
  async benchPredict(
    packId: string,
    runs = 300,
  ): Promise<{ p50: number; p90: number; meanMs: number; runs: number }> {
    const engine = await engineFor(packId);
    const inputs = goldenInputs(engine);
    for (let i = 0; i < 30; i++) await engine.predict(inputs[i % inputs.length]!);
    const samples: number[] = [];
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      const rec = inputs[i % inputs.length]!;
      const t0 = performance.now();
      const r = await engine.predict(rec);
      samples.push(performance.now() - t0);
      if (!r.ok) throw new Error(`golden row ${i} rejected: ${JSON.stringify(r.issues)}`);
    }
    const meanMs = (performance.now() - start) / runs;
    return { p50: median(samples), p90: quantile(samples, 0.9), meanMs, runs };
  },

  /**
   * engine.predictBatch over `rows` records (golden rows repeated). The first run includes the
   * worker's start (TF.js + pack load in the worker); `medianMs` is over the `repeats` after it.
   */
  async benchBatch(
    packId: string,
    rows = 100_000,
    repeats = 3,
  ): Promise<{
    firstMs: number;
    medianMs: number;
    samples: number[];
    mode: string;
    workers: number;
    workerBackend?: string;
    okRows: number;
  }> {
    const engine = await engineFor(packId);
    const inputs = goldenInputs(engine);
    // Distinct objects, as a parsed CSV gives: shared ones would make structured cloning look free.
    const records = Array.from({ length: rows }, (_, i) => ({ ...inputs[i % inputs.length]! }));
    let t0 = performance.now();
    const first = await engine.predictBatch(records);
    const firstMs = performance.now() - t0;
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      t0 = performance.now();
      await engine.predictBatch(records);
      samples.push(performance.now() - t0);
    }
    const run = engine.lastBatchRun;
    return {
      firstMs,
      medianMs: median(samples),
      samples,
      mode: run?.mode ?? 'unknown',
      workers: run?.workers ?? 0,
      ...(run?.backend ? { workerBackend: run.backend } : {}),
      okRows: first.filter((r) => r.ok).length,
    };
  },

  /**
   * The same rows on this thread in one call (PackRuntime.predictRows, no worker, no chunking):
   * the single-thread compute cost the worker pool divides. Median of `repeats` runs.
   */
  async benchRowsMainThread(packId: string, rows = 100_000, repeats = 3): Promise<number> {
    const engine = await engineFor(packId);
    const inputs = goldenInputs(engine);
    const records = Array.from({ length: rows }, (_, i) => ({ ...inputs[i % inputs.length]! }));
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      await engine.runtime.predictRows(records);
      samples.push(performance.now() - t0);
    }
    return median(samples);
  },

  /** predictBatch with cancel after the first progress report: resolves with the error's name. */
  async cancelBatch(
    packId: string,
    rows = 50_000,
  ): Promise<{ name: string; progressCalls: number }> {
    const engine = await engineFor(packId);
    const inputs = goldenInputs(engine);
    const records = Array.from({ length: rows }, (_, i) => inputs[i % inputs.length]!);
    const controller = new AbortController();
    let progressCalls = 0;
    try {
      await engine.predictBatch(
        records,
        (p) => {
          progressCalls++;
          if (p.done > 0) controller.abort();
        },
        controller.signal,
      );
      return { name: 'completed', progressCalls };
    } catch (e) {
      return { name: e instanceof Error ? e.name : String(e), progressCalls };
    }
  },

  /** A single prediction, as the UI gets it. */
  async predict(packId: string, record: InputRecord) {
    return (await engineFor(packId)).predict(record);
  },

  async goldenRow(packId: string, row: number): Promise<InputRecord> {
    return goldenInputs(await engineFor(packId))[row]!;
  },
};

export type EngineHarness = typeof engineHarness;

declare global {
  interface Window {
    __engineHarness?: EngineHarness;
  }
}

window.__engineHarness = engineHarness;
document.body.dataset['harness'] = 'ready';
