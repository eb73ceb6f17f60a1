import { expect, type Page, type TestInfo } from '@playwright/test';
import type { EngineHarness } from '../../src/ml/engine/harness/engine-harness';

/**
 * Drives `engine-harness.html`, the engine's test hook page (a second Vite input built with the
 * site, linked from nowhere in the app), which puts `window.__engineHarness` on the page.
 */
export const HARNESS_PATH = 'engine-harness.html';
export type Backend = 'wasm' | 'webgl' | 'cpu';

/** Engine tests do not depend on the viewport: run them in one project only. */
export function engineProjectOnly(testInfo: TestInfo): boolean {
  return testInfo.project.name === 'tablet-landscape';
}

export async function openHarness(page: Page, backend?: Backend): Promise<void> {
  await page.goto(backend ? `${HARNESS_PATH}?backend=${backend}` : HARNESS_PATH);
  await expect(page.locator('body[data-harness="ready"]')).toBeAttached();
}

/** Call one harness method in the page; arguments and result cross as JSON. */
export function harness<K extends keyof EngineHarness>(
  page: Page,
  method: K,
  ...args: Parameters<EngineHarness[K]>
): Promise<Awaited<ReturnType<EngineHarness[K]>>> {
  return page.evaluate(
    async ([m, a]) => {
      const h = window.__engineHarness;
      if (!h) throw new Error('engine harness not loaded');
      const fn = h[m as keyof EngineHarness] as (...x: unknown[]) => unknown;
      return fn(...(a as unknown[]));
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<EngineHarness[K]>>>;
}
