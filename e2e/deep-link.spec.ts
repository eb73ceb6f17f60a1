import { expect, test, type Response } from '@playwright/test';
import { AppShell, MESSAGES } from './pages/app-shell';

const BASE = '/dosis-coagulante/';

test('reloading a deep link under the base path shows the right page', async ({
  page,
}, testInfo) => {
  const failures: string[] = [];
  const consoleErrors: string[] = [];
  page.on('response', (r: Response) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  const app = AppShell.for(page, testInfo);
  const first = await page.goto(`${BASE}#/explorar`);
  expect(first?.status()).toBe(200);
  await app.expectArea('explore');

  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${BASE}#/explorar$`));
  await app.expectArea('explore');
  await expect(page).toHaveTitle(`${MESSAGES.es.explore.title} · ${MESSAGES.es.app.name}`);

  // Assets are served from under the base path, not from the host root.
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('src') ?? ''));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) expect(src.startsWith(BASE)).toBe(true);

  expect(failures).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
