import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { en } from '../../src/app/i18n/en';
import { es } from '../../src/app/i18n/es';

export type Lang = 'es' | 'en';
export type AreaId = 'operate' | 'explore' | 'models';

export const MESSAGES = { es, en } as const;

/** The three areas and their hash routes (the routes are the same in both languages). */
export const AREAS: readonly { id: AreaId; hash: `#/${string}` }[] = [
  { id: 'operate', hash: '#/operar' },
  { id: 'explore', hash: '#/explorar' },
  { id: 'models', hash: '#/modelos' },
];

/** Every leaf string of a resource object. */
export function leafStrings(messages: object): string[] {
  return Object.values(messages).flatMap((value: unknown) =>
    typeof value === 'string' ? [value] : leafStrings(value as object),
  );
}

/**
 * Page object for the app shell: top bar, language toggle, navigation and the
 * routed page. Uses `tap()` on touch projects and `click()` otherwise.
 */
export class AppShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly main: Locator;

  constructor(
    readonly page: Page,
    private readonly touch: boolean,
  ) {
    this.nav = page.getByRole('navigation');
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.main = page.getByRole('main');
  }

  static for(page: Page, testInfo: TestInfo): AppShell {
    return new AppShell(page, testInfo.project.use.hasTouch ?? false);
  }

  /** Opens a hash route relative to the base URL (`''` is the app root). */
  async goto(hash: string = ''): Promise<void> {
    await this.page.goto(hash);
    await expect(this.heading).toBeVisible();
  }

  navLink(area: AreaId, lang: Lang = 'es'): Locator {
    return this.nav.getByRole('link', { name: MESSAGES[lang].nav[area], exact: true });
  }

  languageButton(lang: Lang): Locator {
    const label = lang === 'es' ? es.language.esShort : es.language.enShort;
    return this.page.getByRole('button', { name: label, exact: true });
  }

  /** Tap on touch devices, click elsewhere. */
  async press(target: Locator): Promise<void> {
    if (this.touch) await target.tap();
    else await target.click();
  }

  async openArea(area: AreaId, lang: Lang = 'es'): Promise<void> {
    await this.press(this.navLink(area, lang));
    await expect(this.heading).toHaveText(MESSAGES[lang][area].title);
  }

  async switchLanguage(lang: Lang): Promise<void> {
    await this.press(this.languageButton(lang));
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
    await expect(this.languageButton(lang)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Asserts the area's page is shown and it is the only nav link marked current. */
  async expectArea(area: AreaId, lang: Lang = 'es'): Promise<void> {
    await expect(this.heading).toHaveText(MESSAGES[lang][area].title);
    await expect(this.navLink(area, lang)).toHaveAttribute('aria-current', 'page');
    await expect(this.nav.locator('[aria-current]')).toHaveCount(1);
  }

  /**
   * Every piece of UI text a user can see or hear: visible text nodes plus
   * aria-label / title / alt / placeholder attributes, whitespace-normalised.
   * Elements marked `data-no-i18n` hold data (paths, values), not UI text.
   */
  async uiTexts(): Promise<string[]> {
    return this.page.evaluate(() => {
      const texts: string[] = [];
      const normalise = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
      const isData = (el: Element) => el.closest('[data-no-i18n]') !== null;

      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = normalise(node.textContent);
        const parent = node.parentElement;
        if (!text || !parent || isData(parent)) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        texts.push(text);
      }
      const attrs = ['aria-label', 'title', 'alt', 'placeholder'];
      for (const el of document.body.querySelectorAll('[aria-label],[title],[alt],[placeholder]')) {
        if (isData(el)) continue;
        for (const attr of attrs) {
          const value = normalise(el.getAttribute(attr));
          if (value) texts.push(value);
        }
      }
      return texts;
    });
  }
}
