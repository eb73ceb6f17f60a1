import { expect, test } from '@playwright/test';
import { engineProjectOnly, harness, openHarness, type Backend } from './pages/engine-harness';

/**
 * The browser engine reproduces every shipped pack's golden.json (Node-side outputs of every
 * member, the ensemble, value, lo and hi, for both heads) within 1e-4 relative or 1e-5 absolute,
 * on every TF.js backend that starts in headless Chromium. WebGL runs on SwiftShader here; if it
 * cannot start, its test is skipped with the reason.
 */
const BACKENDS: Backend[] = ['wasm', 'cpu', 'webgl'];

for (const backend of BACKENDS) {
  test(`engine reproduces golden.json on the ${backend} backend`, async ({ page }, testInfo) => {
    test.skip(!engineProjectOnly(testInfo), 'engine tests run in one project');
    test.setTimeout(180_000);
    await openHarness(page, backend);
    const packs = await harness(page, 'listPacks');
    expect(packs.length).toBeGreaterThan(0);
    for (const packId of packs) {
      const load = await harness(page, 'load', packId);
      if (!load.ok && load.code === 'backend-unavailable' && backend === 'webgl') {
        test.skip(true, `WebGL did not start here: ${load.detail}`);
        return;
      }
      expect(load, JSON.stringify(load)).toMatchObject({ ok: true, backend });
      const report = await harness(page, 'parity', packId);
      testInfo.annotations.push({
        type: `parity ${backend} ${packId}`,
        description: `${report.compared} values, max abs ${report.maxAbsError.toExponential(2)}, max rel ${report.maxRelError.toExponential(2)}`,
      });
      expect(report.rows).toBeGreaterThanOrEqual(100);
      expect(report.compared).toBeGreaterThan(report.rows * 5);
      expect(report.mismatches, JSON.stringify(report.mismatches.slice(0, 5))).toEqual([]);
    }
  });
}

test('a pack with one flipped weight byte fails with integrity-failed', async ({
  page,
}, testInfo) => {
  test.skip(!engineProjectOnly(testInfo), 'engine tests run in one project');
  await page.route('**/models/*/members/*-mlp.weights.bin', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length >> 1] = (body[body.length >> 1] as number) ^ 0x01;
    await route.fulfill({ response, body });
  });
  await openHarness(page);
  const [packId] = await harness(page, 'listPacks');
  const load = await harness(page, 'load', packId as string);
  expect(load).toMatchObject({ ok: false, code: 'integrity-failed' });
});
