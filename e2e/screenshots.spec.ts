import { test } from '@playwright/test';
import { AREAS, AppShell } from './pages/app-shell';

// Visual record for review, not a pixel comparison: test-results/screenshots/ is gitignored.
test('screenshots of every area in both languages', async ({ page }, testInfo) => {
  const app = AppShell.for(page, testInfo);
  const shot = (name: string) =>
    page.screenshot({
      path: `test-results/screenshots/${testInfo.project.name}-${name}.png`,
      fullPage: true,
    });

  for (const lang of ['es', 'en'] as const) {
    await app.goto('#/operar');
    if (lang === 'en') await app.switchLanguage('en');
    for (const { id } of AREAS) {
      await app.openArea(id, lang);
      await shot(`${id}-${lang}`);
    }
    await app.goto('#/no-existe');
    await shot(`not-found-${lang}`);
  }
});
