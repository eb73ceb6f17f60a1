import { expect, test } from '@playwright/test';
import { AREAS, AppShell } from './pages/app-shell';

const MIN = 48;

for (const route of [...AREAS.map((a) => a.hash), '#/no-existe']) {
  test(`every button and link on ${route} is at least ${MIN}×${MIN} px`, async ({
    page,
  }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto(route);

    const targets = page.locator('button, a[href], [role="button"], input, select, textarea');
    const count = await targets.count();
    expect(count).toBeGreaterThanOrEqual(5); // 2 language buttons + 3 nav links at least

    const tooSmall: string[] = [];
    for (let i = 0; i < count; i++) {
      const target = targets.nth(i);
      if (!(await target.isVisible())) continue;
      const box = await target.boundingBox();
      if (!box) continue;
      if (box.width < MIN || box.height < MIN) {
        const label =
          (await target.innerText()).trim() || (await target.getAttribute('aria-label'));
        tooSmall.push(`${label}: ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    expect(tooSmall).toEqual([]);
  });
}
