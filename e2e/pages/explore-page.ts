import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { AppShell, MESSAGES, leafStrings, type Lang } from './app-shell';

export const SYNTHETIC_DIR = 'public/samples/cuenca-sintetica';
export const SYNTHETIC_FILES = [
  'lluvia-estaciones.csv',
  'sensor-aguas-arriba.csv',
  'bocatoma-planta.csv',
] as const;

export type ViewId =
  | 'diagnostics'
  | 'describe'
  | 'timeseries'
  | 'seasonal'
  | 'correlation'
  | 'pca'
  | 'rain'
  | 'backtest';

export const VIEW_IDS: readonly ViewId[] = [
  'diagnostics',
  'describe',
  'timeseries',
  'seasonal',
  'correlation',
  'pca',
  'rain',
  'backtest',
];

/** A file for `setInputFiles`, built in the test. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Page object for the Explore area (#/explorar): file upload and samples, the saved-dataset
 * cards, the join panel and the analysis tabs. Also records uncaught page errors, so every test
 * can end with "no uncaught errors".
 */
export class ExplorePage {
  readonly app: AppShell;
  readonly main: Locator;
  readonly fileInput: Locator;
  readonly pageErrors: string[] = [];
  lang: Lang = 'es';

  constructor(
    readonly page: Page,
    readonly testInfo: TestInfo,
  ) {
    this.app = AppShell.for(page, testInfo);
    this.main = page.getByRole('main');
    this.fileInput = page.getByLabel(MESSAGES.es.explore.files.pickLabel);
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  /** Record Content-Security-Policy violations (call before `goto`). */
  async watchCsp(): Promise<void> {
    await this.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  }

  get t() {
    return MESSAGES[this.lang].explore;
  }

  async goto(lang: Lang = 'es'): Promise<void> {
    await this.app.goto('#/explorar');
    if (lang !== 'es') await this.app.switchLanguage(lang);
    this.lang = lang;
    await expect(this.app.heading).toHaveText(this.t.title);
  }

  async press(target: Locator): Promise<void> {
    await this.app.press(target);
  }

  async upload(files: readonly (string | FilePayload)[]): Promise<void> {
    await this.page
      .getByLabel(this.t.files.pickLabel)
      .setInputFiles(files as (string & FilePayload)[]);
  }

  async uploadSynthetic(): Promise<void> {
    await this.upload(SYNTHETIC_FILES.map((f) => `${SYNTHETIC_DIR}/${f}`));
    for (const f of SYNTHETIC_FILES)
      await expect(this.datasetCard(f)).toBeVisible({ timeout: 30_000 });
  }

  /** A saved dataset's card (an article named by the dataset). */
  datasetCard(name: string): Locator {
    return this.main
      .getByRole('article', { name, exact: true })
      .and(this.page.locator('[data-card="dataset"]'));
  }

  /** The card of a file being read, or that could not be read. */
  jobCard(name: string): Locator {
    return this.main
      .getByRole('article', { name, exact: true })
      .and(this.page.locator('[data-card="job"]'));
  }

  button(name: string, scope: Locator = this.main): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  async join(step: 'step10min' | 'stepHour' | 'stepDay' = 'stepHour'): Promise<void> {
    const section = this.main.getByRole('region', { name: this.t.join.heading });
    await this.press(this.button(this.t.join[step], section));
    await this.press(this.button(this.t.join.run, section));
    await expect(section.getByRole('table')).toBeVisible({ timeout: 30_000 });
  }

  tab(view: ViewId): Locator {
    return this.main.getByRole('tab', { name: this.t.analysis.tabs[view], exact: true });
  }

  get panel(): Locator {
    return this.main.locator('[role="tabpanel"]:not([hidden])');
  }

  async openView(view: ViewId): Promise<Locator> {
    await this.press(this.tab(view));
    await expect(this.tab(view)).toHaveAttribute('aria-selected', 'true');
    return this.panel;
  }

  /** A chart (figure) in the open view, by its translated title. */
  chart(title: string): Locator {
    return this.panel.getByRole('figure', { name: title });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({
      path: `test-results/screenshots/${this.testInfo.project.name}-explore-${name}.png`,
      fullPage: true,
    });
  }

  async screenshotPanel(name: string): Promise<void> {
    await this.panel.screenshot({
      path: `test-results/screenshots/${this.testInfo.project.name}-explore-${name}.png`,
    });
  }

  /** Visible UI strings that are in no resource file for the current language. */
  async untranslatedTexts(): Promise<string[]> {
    const known = new Set(leafStrings(MESSAGES[this.lang]));
    return (await this.app.uiTexts()).filter((t) => !known.has(t));
  }

  expectNoPageErrors(): void {
    expect(this.pageErrors, 'uncaught page errors').toEqual([]);
  }
}
