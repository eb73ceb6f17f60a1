import { expect, test } from '@playwright/test';
import { AREAS, MESSAGES } from './pages/app-shell';
import { ExplorePage } from './pages/explore-page';
import {
  BASIN_READINGS,
  HEADLINE_READINGS,
  HEAVY_SKIP_REASON,
  INTAKE_FILE,
  INTAKE_PATH,
  expectDescriptiveStats,
  expectDoseFor,
  isLandscape,
  recordPageErrors,
  trainQuickPack,
  waitForServiceWorker,
} from './pages/journey';
import { ModelsPage } from './pages/models-page';
import { OperatePage } from './pages/operate-page';

/**
 * Issue #8, offline: after the first load, with the browser offline, every area works, and what
 * the operator made (the log, the datasets, a trained pack) is still there after a reload.
 */
const M = MESSAGES.es;
const NOTE = 'registro antes de perder la red';
const PACK_NAME = 'Cuenca sin conexión e2e';

test('after the first load every area works offline, with its data', async ({
  page,
  context,
}, testInfo) => {
  test.skip(!isLandscape(testInfo), HEAVY_SKIP_REASON);
  test.setTimeout(420_000);
  const errors = recordPageErrors(page);
  const op = new OperatePage(page, testInfo);
  const x = new ExplorePage(page, testInfo);
  const models = new ModelsPage(page, testInfo);
  const app = op.app;

  // Online, first visit: a dose, recorded in the log.
  await op.goto({ test: false });
  await expectDoseFor(op, HEADLINE_READINGS);
  await op.record('es', { 'log-note': NOTE });
  await expect(op.logRows()).toHaveCount(1);
  await waitForServiceWorker(page);

  // A dataset in Explore, and a pack trained on it and saved on this device (not made active).
  await app.openArea('explore');
  await x.upload([INTAKE_PATH]);
  await expect(x.datasetCard(INTAKE_FILE)).toBeVisible({ timeout: 30_000 });
  await app.openArea('models');
  await expect(models.packs.first()).toBeVisible({ timeout: 20_000 });
  const packId = await trainQuickPack(models, PACK_NAME);

  // The network goes away; the page is reloaded from the service worker.
  await context.setOffline(true);
  await page.reload();
  await app.expectArea('models');

  // Models: the local pack is listed and can be made active.
  const pack = models.pack(packId);
  await expect(pack).toBeVisible({ timeout: 20_000 });
  await models.press(pack.getByRole('button', { name: M.models.list.activate, exact: true }));
  await expect(pack.getByTestId('active-tag')).toBeVisible();

  // Operate: the log entry is there, and the local pack (weights from IndexedDB) gives a dose.
  await app.openArea('operate');
  await expect(page.getByTestId('active-pack')).toHaveText(PACK_NAME);
  await expect(op.logRows()).toHaveCount(1);
  await expect(op.logRows().first()).toContainText(NOTE);
  await expectDoseFor(op, BASIN_READINGS);

  // Explore: the dataset is still there and its statistics compute.
  await app.openArea('explore');
  const card = x.datasetCard(INTAKE_FILE);
  await expect(card).toBeVisible({ timeout: 20_000 });
  await x.press(x.button(x.t.datasets.analyse, card));
  await expectDescriptiveStats(x);

  // Back to a shipped pack in Operate: its files come from the service worker's cache.
  await app.openArea('models');
  await models.press(
    models
      .pack('aguaclara-honduras')
      .getByRole('button', { name: M.models.list.activate, exact: true }),
  );
  await app.openArea('operate');
  await expectDoseFor(op, HEADLINE_READINGS);

  // Every area, through the navigation, and a reload of each.
  for (const area of AREAS) {
    await app.openArea(area.id);
    await app.expectArea(area.id);
    await page.reload();
    await app.expectArea(area.id);
  }
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(errors, 'uncaught page errors').toEqual([]);
  await context.setOffline(false);
});
