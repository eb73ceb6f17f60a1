import { expect, test, type Request } from '@playwright/test';
import { engineProjectOnly, harness, openHarness } from './pages/engine-harness';

/** How the engine loads and runs in the browser: lazily, offline-able, off the main thread. */
test.beforeEach(({ page: _page }, testInfo) => {
  test.skip(!engineProjectOnly(testInfo), 'engine tests run in one project');
});

test('TF.js loads only when a pack is loaded, from this site, on WASM by default', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r: Request) => requests.push(r.url()));
  // A CSP violation (e.g. WASM compile without 'wasm-unsafe-eval') shows up as a console error.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await openHarness(page);
  // Nothing of TF.js before the first loadEngine: no backend binary, no engine chunk.
  expect(requests.filter((u) => u.endsWith('.wasm') || u.includes('pack-engine'))).toEqual([]);

  const [packId] = await harness(page, 'listPacks');
  const load = await harness(page, 'load', packId as string);
  expect(load).toMatchObject({ ok: true, backend: 'wasm' });
  const origin = new URL(baseURL as string).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  expect(requests.some((u) => /\/assets\/tfjs-backend-wasm(-simd)?-[\w-]+\.wasm$/.test(u))).toBe(
    true,
  );
  const batch = await harness(page, 'benchBatch', packId as string, 2_000, 1);
  expect(batch.mode).toBe('worker');
  expect(errors).toEqual([]);
});

test('a single prediction gives a dose, and a bad reading gives reasons, not an exception', async ({
  page,
}) => {
  await openHarness(page);
  const [packId] = await harness(page, 'listPacks');
  const row = await harness(page, 'goldenRow', packId as string, 0);
  const good = await harness(page, 'predict', packId as string, row);
  expect(good.ok).toBe(true);
  const bad = await harness(page, 'predict', packId as string, { ...row, raw_turbidity: -4 });
  expect(bad).toEqual({
    ok: false,
    issues: [expect.objectContaining({ input: 'raw_turbidity', code: 'outside-physical-range' })],
  });
});

test('batches run in workers, and cancel stops them', async ({ page }) => {
  test.setTimeout(120_000);
  await openHarness(page);
  const [packId] = await harness(page, 'listPacks');
  const batch = await harness(page, 'benchBatch', packId as string, 12_000, 1);
  expect(batch).toMatchObject({ mode: 'worker', okRows: 12_000, workerBackend: 'wasm' });
  const cancelled = await harness(page, 'cancelBatch', packId as string, 40_000);
  expect(cancelled.name).toBe('AbortError');
});
