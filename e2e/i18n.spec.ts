import { expect, test } from '@playwright/test';
import { AREAS, AppShell, MESSAGES, leafStrings } from './pages/app-shell';

const esStrings = new Set(leafStrings(MESSAGES.es));
const enStrings = new Set(leafStrings(MESSAGES.en));
/** Spanish UI strings, minus those identical in English (codes, endonyms such as "Español"). */
const spanishOnly = new Set([...esStrings].filter((s) => !enStrings.has(s)));

test.describe('language', () => {
  test('Spanish is the default and every visible string comes from es.ts', async ({
    page,
  }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('#/operar');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(app.languageButton('es')).toHaveAttribute('aria-pressed', 'true');

    for (const { id } of AREAS) {
      await app.openArea(id);
      const texts = await app.uiTexts();
      expect(texts.length).toBeGreaterThan(5);
      // A string not in es.ts is hard-coded: every UI string must go through t().
      expect(texts.filter((t) => !esStrings.has(t))).toEqual([]);
    }
  });

  test('switching to English changes every visible string and survives a reload', async ({
    page,
  }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await app.goto('#/operar');

    const seenInSpanish = new Set<string>();
    for (const { id } of AREAS) {
      await app.openArea(id);
      for (const text of await app.uiTexts()) seenInSpanish.add(text);
    }
    expect([...seenInSpanish].filter((t) => spanishOnly.has(t)).length).toBeGreaterThan(10);

    await app.switchLanguage('en');

    const checkEnglish = async () => {
      for (const { id } of AREAS) {
        await app.openArea(id, 'en');
        const texts = await app.uiTexts();
        expect(
          texts.filter((t) => spanishOnly.has(t)),
          `Spanish left on ${id}`,
        ).toEqual([]);
        expect(
          texts.filter((t) => !enStrings.has(t)),
          `untranslated on ${id}`,
        ).toEqual([]);
      }
      await expect(page).toHaveTitle(`${MESSAGES.en.models.title} · ${MESSAGES.en.app.name}`);
    };
    await checkEnglish();

    // The choice is remembered.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(app.languageButton('en')).toHaveAttribute('aria-pressed', 'true');
    await app.expectArea('models', 'en');
    await checkEnglish();

    // And switching back restores Spanish.
    await app.switchLanguage('es');
    await app.expectArea('models', 'es');
    await page.reload();
    await app.expectArea('models', 'es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  });

  test('a corrupt stored language falls back to Spanish', async ({ page }, testInfo) => {
    const app = AppShell.for(page, testInfo);
    await page.addInitScript(() => {
      localStorage.setItem(
        'dosis-coagulante:app',
        JSON.stringify({ state: { language: 'fr' }, version: 1 }),
      );
    });
    await app.goto('#/operar');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await app.expectArea('operate', 'es');
  });
});
