import { expect, test, type Page, type Request } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { checkManifest } from '../src/domain/pack-manifest';
import { ExplorePage } from './pages/explore-page';
import {
  HEADLINE_READINGS,
  HEAVY_SKIP_REASON,
  expectDescriptiveStats,
  expectDoseFor,
  isLandscape,
  trainQuickPack,
} from './pages/journey';
import { ModelsPage } from './pages/models-page';
import { HEADLINE_PACK, OperatePage } from './pages/operate-page';

/**
 * Issue #8, privacy: nothing the operator types or loads leaves the device. Every request the
 * built site makes during a full journey (load, operate, upload, analyse, train, export) is
 * recorded, from the page, its workers and the service worker, and any request that is not to
 * the site's own origin fails the test (and is aborted, so it cannot leak even once).
 */

interface Seen {
  url: string;
  from: 'page' | 'service-worker';
  type: string;
}

/** URLs that never touch the network (inline data) or are the site's own. */
function isSameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Links, scripts, images, frames and @font-face / @import rules that point off the site. */
async function externalReferences(page: Page, origin: string): Promise<string[]> {
  const refs = await page.evaluate(() => {
    const urls: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[href], [src]')) {
      const url = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
      // In-app hash routes and fragments are not requests.
      if (url && !url.startsWith('#')) urls.push(new URL(url, document.baseURI).href);
    }
    for (const sheet of document.styleSheets) {
      if (sheet.href) urls.push(sheet.href);
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSImportRule) urls.push(new URL(rule.href, document.baseURI).href);
        if (rule instanceof CSSFontFaceRule) {
          const src = rule.style.getPropertyValue('src');
          for (const m of src.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g))
            urls.push(new URL(m[1] ?? '', sheet.href ?? document.baseURI).href);
        }
      }
    }
    return urls;
  });
  return refs.filter((url) => !isSameOrigin(url, origin));
}

test('a full journey makes no request outside the site', async ({ page, context }, testInfo) => {
  test.skip(!isLandscape(testInfo), HEAVY_SKIP_REASON);
  test.setTimeout(420_000);
  const origin = new URL(testInfo.project.use.baseURL ?? '').origin;

  // Everything the context asks for: the page, its dedicated workers and the service worker.
  const seen: Seen[] = [];
  const record = (r: Request) =>
    seen.push({
      url: r.url(),
      from: r.serviceWorker() ? 'service-worker' : 'page',
      type: r.resourceType(),
    });
  context.on('request', record);
  // Routed at context level too: anything off-site is logged and aborted.
  const aborted: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isSameOrigin(url, origin)) return route.continue();
    aborted.push(url);
    return route.abort('blockedbyclient');
  });
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const x = new ExplorePage(page, testInfo);
  const app = x.app;
  const op = new OperatePage(page, testInfo);
  const models = new ModelsPage(page, testInfo);

  // Load.
  await app.goto('');
  expect(await externalReferences(page, origin)).toEqual([]);

  // Operate: readings in, a dose out.
  await app.openArea('operate');
  await expectDoseFor(op, HEADLINE_READINGS);

  // Explore: the three basin files, joined hourly; descriptive, correlation and PCA views.
  await app.openArea('explore');
  await x.uploadSynthetic();
  await x.join('stepHour');
  await expectDescriptiveStats(x);
  await x.openView('correlation');
  await expect(x.chart(x.t.correlation.heatmap)).toBeVisible({ timeout: 30_000 });
  const panel = await x.openView('pca');
  await expect(x.chart(x.t.pca.scree)).toBeVisible({ timeout: 30_000 });
  await expect(panel.locator('.xp-busy')).toHaveCount(0, { timeout: 30_000 });

  // Models: train on the intake file with the quick budget, save, export the zip.
  await app.openArea('models');
  await expect(models.packs.first()).toBeVisible({ timeout: 20_000 });
  const packId = await trainQuickPack(models, 'Cuenca privada e2e');
  const zip = await models.exportZip(packId);
  const entries = unzipSync(new Uint8Array(zip.bytes));
  const manifest = checkManifest(
    JSON.parse(strFromU8(entries['manifest.json'] ?? new Uint8Array())) as unknown,
  );
  expect(manifest.ok).toBe(true);
  expect(await externalReferences(page, origin)).toEqual([]);

  const offSite = seen.filter((s) => !isSameOrigin(s.url, origin));
  const summary = {
    requests: seen.length,
    fromServiceWorker: seen.filter((s) => s.from === 'service-worker').length,
    workers: workers.length,
    byType: Object.fromEntries(
      [...new Set(seen.map((s) => s.type))].map((t) => [
        t,
        seen.filter((s) => s.type === t).length,
      ]),
    ),
  };
  await testInfo.attach('requests.json', {
    body: JSON.stringify({ summary, seen, workers, aborted, sockets }, null, 1),
    contentType: 'application/json',
  });
  console.log(`[privacy] ${JSON.stringify(summary)}`);

  // Nothing left the site: no analytics, fonts, CDNs or sockets.
  expect(offSite, 'requests to another origin').toEqual([]);
  expect(aborted, 'off-site requests aborted by the route').toEqual([]);
  expect(sockets, 'web sockets').toEqual([]);
  expect(
    workers.filter((w) => !isSameOrigin(w, origin)),
    'off-site workers',
  ).toEqual([]);

  // And the record is not vacuous: the journey did load the pack, the WASM and its workers.
  const urls = seen.map((s) => s.url);
  expect(urls.some((u) => u.endsWith(`/models/${HEADLINE_PACK}/manifest.json`))).toBe(true);
  expect(urls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(urls.some((u) => u.endsWith('/sw.js'))).toBe(true);
  expect(summary.fromServiceWorker).toBeGreaterThan(0);
  expect(workers.length).toBeGreaterThan(0);
  expect(seen.length).toBeGreaterThan(50);
  x.expectNoPageErrors();
});
