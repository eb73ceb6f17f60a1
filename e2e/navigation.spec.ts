import { expect, test } from '@playwright/test';
import { AREAS, AppShell, MESSAGES } from './pages/app-shell';

test.describe('navigation', () => {
  test('the root redirects to #/operar', async ({ page }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('');
    await expect(page).toHaveURL(/\/dosis-coagulante\/#\/operar$/);
    await app.expectArea('operate');
  });

  test('every area is reachable from the navigation bar', async ({ page }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('');

    // Visit in an order that crosses every pair, ending where we started.
    for (const area of ['explore', 'models', 'operate', 'models', 'explore'] as const) {
      await app.openArea(area);
      await app.expectArea(area);
      const hash = AREAS.find((a) => a.id === area)?.hash ?? '';
      await expect(page).toHaveURL(new RegExp(`${hash}$`));
      await expect(app.heading).toBeVisible();
    }
  });

  test('nav links are real hash links', async ({ page }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('');
    for (const { id, hash } of AREAS) {
      await expect(app.navLink(id)).toHaveAttribute('href', hash);
    }
  });

  test('the browser back button returns to the previous area', async ({ page }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('#/operar');
    await app.openArea('models');
    await page.goBack();
    await app.expectArea('operate');
  });

  test('an unknown route shows a translated not-found view with a link home', async ({
    page,
  }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('#/no-existe');
    await expect(app.heading).toHaveText(MESSAGES.es.notFound.title);
    await expect(page.getByText('#/no-existe')).toBeVisible();
    await expect(app.nav.locator('[aria-current]')).toHaveCount(0);

    await app.switchLanguage('en');
    await expect(app.heading).toHaveText(MESSAGES.en.notFound.title);

    await app.press(app.main.getByRole('link', { name: MESSAGES.en.notFound.home }));
    await app.expectArea('operate', 'en');
  });
});
