import { expect, type Page, type TestInfo } from '@playwright/test';
import { MESSAGES } from './app-shell';
import { SYNTHETIC_DIR, type ExplorePage } from './explore-page';
import type { ModelsPage } from './models-page';
import type { OperatePage } from './operate-page';

/**
 * Steps shared by the whole-app journeys (privacy, offline, keyboard): the same operator actions
 * in every area, written once.
 */

/** The synthetic basin's intake file: readings plus the jar-test dose, what training needs. */
export const INTAKE_FILE = 'bocatoma-planta.csv';
export const INTAKE_PATH = `${SYNTHETIC_DIR}/${INTAKE_FILE}`;

/** One report for the headline pack, typed as an operator would (decimal commas). */
export const HEADLINE_READINGS: Record<string, string> = {
  plant: 'ala',
  time: '2015-06-10T08:00',
  raw_turbidity: '14,5',
  flow: '700',
  prev_raw_turbidity: '11',
  prev_time: '2015-06-10T02:00',
};

/** One report for a pack trained on the synthetic basin (its input ids). */
export const BASIN_READINGS: Record<string, string> = {
  time: '2025-11-15T10:00',
  turbidity: '30',
  colour: '45',
  ph: '7,3',
  conductivity: '140',
  temperature: '19',
  prev_time: '2025-11-15T04:00',
  prev_turbidity: '22',
  prev_colour: '38',
};

/** Trained packs are slow to make: the heavy journeys run in one viewport only. */
export const HEAVY_SKIP_REASON = 'whole-app journey with training: one viewport is enough';
export const isLandscape = (testInfo: TestInfo): boolean =>
  testInfo.project.name === 'tablet-landscape';

/** Opens the descriptive statistics of the dataset being analysed and waits for them. */
export async function expectDescriptiveStats(x: ExplorePage): Promise<void> {
  const panel = await x.openView('describe');
  await expect(panel.getByRole('rowheader', { name: 'Turbiedad agua cruda (NTU)' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(x.chart(x.t.describe.histogram)).toBeVisible();
}

/** Uncaught page errors, for a final "none" check. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Fill the form and wait for a positive dose on screen. */
export async function expectDoseFor(
  op: OperatePage,
  readings: Record<string, string>,
): Promise<number> {
  // The form is built from the active pack's manifest: wait for its fields.
  for (const id of Object.keys(readings))
    await expect(op.field(id)).toBeVisible({ timeout: 30_000 });
  await op.fillReadings(readings);
  await expect(op.dose).toBeVisible({ timeout: 30_000 });
  await expect(op.page.locator('.answer-stale')).toHaveCount(0, { timeout: 20_000 });
  const dose = await op.doseValue();
  expect(dose).toBeGreaterThan(0);
  return dose;
}

/**
 * The service worker has installed and activated: the shell, the WASM binaries, the packs and
 * the samples are precached, so a reload offline is served from its cache.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const active = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null;
  });
  expect(active).toBe(true);
}

/**
 * Train a pack on the intake file (already saved as a dataset) with the quick budget, save it
 * and return its id. Leaves the wizard on its result step.
 */
export async function trainQuickPack(models: ModelsPage, name: string): Promise<string> {
  const M = MESSAGES.es.models;
  await models.startWizard();
  await models.expectStep('columns');
  const select = models.page.getByTestId('dataset-select');
  await expect(select).toBeVisible({ timeout: 20_000 });
  const option = select.locator('option').filter({ hasText: new RegExp(`^${INTAKE_FILE} · `) });
  const value = await option.getAttribute('value');
  expect(value).not.toBeNull();
  await select.selectOption(value ?? '');
  await expect(models.page.getByTestId('target-select')).toBeVisible({ timeout: 30_000 });
  await models.next();
  await models.expectStep('units');
  await models.next();
  await models.expectStep('budget');
  await models.page.getByTestId('pack-name').fill(name);
  await expect(models.page.getByTestId('budget').locator('[data-value="quick"]')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await models.startTraining();
  await expect(models.result).toBeVisible({ timeout: 240_000 });
  await models.press(models.button(M.wizard.result.save));
  await expect(models.page.getByTestId('saved')).toBeVisible({ timeout: 20_000 });
  await models.press(models.button(M.wizard.result.toList));
  const local = models.localPacks.filter({ hasText: name });
  await expect(local).toHaveCount(1);
  const id = await local.getAttribute('data-pack-id');
  expect(id).toBeTruthy();
  return id ?? '';
}
