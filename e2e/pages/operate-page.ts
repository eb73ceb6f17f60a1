import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { InputRecord } from '../../src/domain/input-record';
import type { PredictResult } from '../../src/ml/engine/engine-api';
// Brings in the `window.__dosisTest` declaration.
import type {} from '../../src/features/operate/test-hook';
import { AppShell, MESSAGES, type Lang } from './app-shell';

/** The headline pack (public/models/index.json). */
export const HEADLINE_PACK = 'aguaclara-honduras';

/**
 * Page object for the Operate screen (#/operar).
 *
 * Expected doses come from the app's own engine through `window.__dosisTest`, a hook the
 * Operate screen installs only when the page URL has `?test` (src/features/operate/test-hook.ts):
 * `predict(packId, record)` runs the same memoised engine instance the screen uses, on a record
 * the test builds itself, so "the number on screen" can be compared with "the engine's answer for
 * these inputs" without the test re-implementing parsing.
 */
export class OperatePage {
  readonly app: AppShell;
  readonly answerPanel: Locator;
  readonly dose: Locator;
  readonly jarTestBanner: Locator;
  readonly logTable: Locator;
  readonly logCount: Locator;

  constructor(
    readonly page: Page,
    testInfo: TestInfo,
  ) {
    this.app = AppShell.for(page, testInfo);
    this.answerPanel = page.getByTestId('answer-panel');
    this.dose = page.getByTestId('dose-value');
    this.jarTestBanner = page.getByTestId('jar-test-banner');
    this.logTable = page.getByTestId('log-table');
    this.logCount = page.getByTestId('log-count');
  }

  /** Opens Operate (with the test hook unless `test: false`) in the given language. */
  async goto({ lang = 'es', test = true }: { lang?: Lang; test?: boolean } = {}): Promise<void> {
    await this.page.goto(test ? '?test#/operar' : '#/operar');
    await expect(this.app.heading).toHaveText(MESSAGES.es.operate.title);
    if (lang !== 'es') await this.app.switchLanguage(lang);
    await this.waitForForm();
  }

  async waitForForm(): Promise<void> {
    await expect(this.field('raw_turbidity')).toBeVisible({ timeout: 20_000 });
  }

  /** An input generated from the manifest, by input id (`data-field`). */
  field(id: string): Locator {
    return this.page.locator(`[data-field="${id}"]`);
  }

  async fill(id: string, text: string): Promise<void> {
    await this.field(id).fill(text);
  }

  async fillReadings(values: Record<string, string>): Promise<void> {
    for (const [id, text] of Object.entries(values)) {
      const f = this.field(id);
      if ((await f.evaluate((el) => el.tagName)) === 'SELECT') await f.selectOption(text);
      else await f.fill(text);
    }
  }

  /** The message under a field (error or warning). */
  fieldMessage(id: string): Locator {
    return this.page.locator(`.field:has([data-field="${id}"]) .field-message`);
  }

  /** Waits until the screen has sent `record` to the engine and shows that answer. */
  async waitForAnswerTo(record: InputRecord): Promise<void> {
    await expect
      .poll(() => this.page.evaluate(() => window.__dosisTest?.lastRequest?.record ?? null), {
        timeout: 20_000,
      })
      .toEqual(record);
    await expect(this.page.locator('.answer-stale')).toHaveCount(0);
  }

  /** The engine's own answer for a record (through the ?test hook). */
  async engineAnswer(record: InputRecord, packId = HEADLINE_PACK): Promise<PredictResult> {
    return this.page.evaluate(
      ([id, r]) => {
        const hook = window.__dosisTest;
        if (!hook) throw new Error('no __dosisTest hook: open the page with ?test');
        return hook.predict(id, r);
      },
      [packId, record] as const,
    );
  }

  async doseValue(): Promise<number> {
    await expect(this.dose).toBeVisible({ timeout: 20_000 });
    return Number(await this.dose.getAttribute('data-value'));
  }

  async press(target: Locator): Promise<void> {
    await this.app.press(target);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Records the current answer in the log (the big "Registrar" button). */
  async record(lang: Lang = 'es', fields: Record<string, string> = {}): Promise<void> {
    for (const [id, text] of Object.entries(fields)) await this.fill(id, text);
    await this.press(this.button(MESSAGES[lang].operate.log.record));
    await expect(this.page.getByText(MESSAGES[lang].operate.log.recorded)).toBeVisible();
  }

  logRows(): Locator {
    return this.logTable.locator('tbody tr[data-entry]');
  }

  /** Taps "Export CSV" and returns the downloaded file's text. */
  async exportCsv(lang: Lang = 'es'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.press(this.button(MESSAGES[lang].operate.log.export)),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async scrollToTop(): Promise<void> {
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  /** Full-page screenshot for review (not a pixel comparison). */
  async screenshot(testInfo: TestInfo, name: string, fullPage = true): Promise<void> {
    await this.page.screenshot({
      path: `test-results/screenshots/operate-${testInfo.project.name}-${name}.png`,
      fullPage,
    });
  }
}
