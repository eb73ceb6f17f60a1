import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AREAS, AppShell, type Lang } from './pages/app-shell';

const views: { route: string; lang: Lang }[] = [
  ...AREAS.map((a) => ({ route: a.hash, lang: 'es' as const })),
  ...AREAS.map((a) => ({ route: a.hash, lang: 'en' as const })),
  { route: '#/no-existe', lang: 'es' },
];

for (const { route, lang } of views) {
  test(`axe: no serious or critical violations on ${route} (${lang})`, async ({
    page,
  }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto(route);
    if (lang !== 'es') await app.switchLanguage(lang);

    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const severe = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
    expect(severe).toEqual([]);
  });
}
