import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { InputRecord } from '../../src/domain/input-record';
import type { BatchRow } from '../../src/ml/engine/engine-api';
// Brings in the `window.__modelsTest` and `window.__dosisTest` declarations.
import type {} from '../../src/features/models/test-hook';
import type {} from '../../src/features/operate/test-hook';
import { AppShell, MESSAGES, leafStrings, type Lang } from './app-shell';

const M = MESSAGES.es.models;
const STRINGS = { es: new Set(leafStrings(MESSAGES.es)), en: new Set(leafStrings(MESSAGES.en)) };
const SPANISH_ONLY = new Set([...STRINGS.es].filter((s) => !STRINGS.en.has(s)));

/** The synthetic basin's intake file and its columns. */
export const SAMPLE_COLUMNS = {
  time: 'Fecha y hora',
  turbidity: 'Turbiedad agua cruda (NTU)',
  colour: 'Color aparente (UPC)',
  ph: 'pH',
  conductivity: 'Conductividad (µS/cm)',
  flow: 'Caudal captado (L/s)',
  temperature: 'Temperatura agua (°C)',
  dose: 'Dosis alumbre ensayo de jarras (mg/L)',
} as const;

/**
 * Page object for the Models area (#/modelos): the pack list, model cards, the training wizard,
 * export / import / delete. Opens the page with `?test`, so `window.__modelsTest` (last trained
 * manifest, batch prediction through the app's pack resolution, the ids IndexedDB holds) is there.
 */
export class ModelsPage {
  readonly app: AppShell;
  readonly packs: Locator;
  readonly localPacks: Locator;
  readonly wizard: Locator;
  readonly stepTitle: Locator;
  readonly problems: Locator;
  readonly progress: Locator;
  readonly result: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly testInfo: TestInfo,
  ) {
    this.app = AppShell.for(page, testInfo);
    this.packs = page.getByTestId('pack-item');
    this.localPacks = page.locator('[data-testid="pack-item"][data-source="local"]');
    this.wizard = page.getByTestId('wizard');
    this.stepTitle = page.getByTestId('step-title');
    this.problems = page.getByTestId('problems');
    this.progress = page.getByTestId('training-progress');
    this.result = page.getByTestId('training-result');
    this.status = page.getByTestId('models-status');
  }

  async goto(lang: Lang = 'es'): Promise<void> {
    await this.page.goto('?test#/modelos');
    await expect(this.app.heading).toHaveText(M.title);
    if (lang !== 'es') await this.app.switchLanguage(lang);
    await expect(this.packs.first()).toBeVisible({ timeout: 20_000 });
  }

  button(name: string, exact = true): Locator {
    return this.page.getByRole('button', { name, exact });
  }

  async press(target: Locator): Promise<void> {
    await this.app.press(target);
  }

  pack(id: string): Locator {
    return this.page.locator(`[data-testid="pack-item"][data-pack-id="${id}"]`);
  }

  // --- wizard -------------------------------------------------------------------------------

  async startWizard(): Promise<void> {
    await this.press(this.button(M.list.train));
    await expect(this.wizard).toBeVisible();
  }

  async loadSample(): Promise<void> {
    await expect(this.page.getByTestId('no-datasets')).toBeVisible({ timeout: 10_000 });
    await this.press(this.button(M.wizard.data.loadSample));
    await expect(this.page.getByTestId('target-select')).toBeVisible({ timeout: 30_000 });
  }

  /** Upload a CSV through the wizard's own file button (the explorer's ingest worker reads it). */
  async uploadCsv(name: string, text: string): Promise<void> {
    await this.page.getByTestId('csv-input').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text, 'latin1'),
    });
    await expect(this.page.getByTestId('dataset-select')).toContainText(name, { timeout: 30_000 });
    await expect(this.page.getByTestId('target-select')).toBeVisible({ timeout: 30_000 });
  }

  featureRow(column: string): Locator {
    return this.page.locator(`[data-testid="feature-list"] button[data-column="${column}"]`);
  }

  async setFeature(column: string, selected: boolean): Promise<void> {
    const row = this.featureRow(column);
    if ((await row.getAttribute('aria-pressed')) !== String(selected)) await this.press(row);
    await expect(row).toHaveAttribute('aria-pressed', String(selected));
  }

  unitsFor(column: string): Locator {
    return this.page.locator(`[data-testid="units-feature"][data-column="${column}"]`);
  }

  async expectStep(step: 'columns' | 'units' | 'budget' | 'train' | 'result'): Promise<void> {
    await expect(this.stepTitle).toHaveAttribute('data-step', step, { timeout: 10_000 });
  }

  async next(): Promise<void> {
    await this.press(this.button(M.wizard.next));
  }

  async back(): Promise<void> {
    await this.press(this.button(M.wizard.back));
  }

  async startTraining(): Promise<void> {
    await this.press(this.button(M.wizard.budget.train));
  }

  async lastTrained() {
    return this.page.evaluate(() => window.__modelsTest?.lastTrained ?? null);
  }

  // --- engine and storage through the ?test hooks ---------------------------------------------

  async predictBatch(packId: string, records: InputRecord[]): Promise<BatchRow[]> {
    return this.page.evaluate(
      ([id, rows]) => {
        const hook = window.__modelsTest;
        if (!hook) throw new Error('no __modelsTest hook: open the page with ?test');
        return hook.predictBatch(id, rows);
      },
      [packId, records] as const,
    );
  }

  async storedPackIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__modelsTest?.storedPackIds() ?? Promise.resolve([]));
  }

  /**
   * Keys of both stores of the packs database, read with the raw IndexedDB API (not the app's
   * code): a half-saved pack would show as a `files` entry without its `meta`, or the reverse.
   */
  async rawPackStores(): Promise<{ meta: string[]; files: string[] }> {
    return this.page.evaluate(async () => {
      // Opening a database that does not exist would create it (empty, version 1) under the app.
      const name = 'dosis-coagulante-packs';
      if (!(await indexedDB.databases()).some((d) => d.name === name))
        return { meta: [], files: [] };
      return new Promise<{ meta: string[]; files: string[] }>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) {
            db.close();
            resolve({ meta: [], files: [] });
            return;
          }
          const tx = db.transaction(['meta', 'files'], 'readonly');
          const meta = tx.objectStore('meta').getAllKeys();
          const files = tx.objectStore('files').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            resolve({
              meta: meta.result.map(String).sort(),
              files: files.result.map(String).sort(),
            });
          };
          tx.onerror = () => reject(tx.error ?? new Error('read failed'));
        };
      });
    });
  }

  // --- export / import / delete ---------------------------------------------------------------

  async exportZip(id: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.press(this.pack(id).getByRole('button', { name: M.list.export, exact: true })),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  async importZip(name: string, bytes: Buffer): Promise<void> {
    await this.page
      .getByTestId('import-input')
      .setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
  }

  // --- checks ---------------------------------------------------------------------------------

  /** Every visible UI string comes from the language's resources (none hard-coded). */
  async expectAllTranslated(lang: Lang = 'es'): Promise<void> {
    const texts = await this.app.uiTexts();
    expect(texts.filter((t) => !STRINGS[lang].has(t))).toEqual([]);
    if (lang === 'en') expect(texts.filter((t) => SPANISH_ONLY.has(t))).toEqual([]);
  }

  /** Every visible control is at least 48 × 48 px. */
  async expectTouchTargets(): Promise<void> {
    const small = await this.page
      .locator('button, a[href], [role="button"], input, select, textarea, summary')
      .evaluateAll((els) =>
        els
          .filter((el) => (el as HTMLElement).checkVisibility())
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { name: el.textContent?.trim() || el.tagName, w: r.width, h: r.height };
          })
          .filter((b) => b.w < 48 || b.h < 48)
          .map((b) => `${b.name}: ${Math.round(b.w)}×${Math.round(b.h)}`),
      );
    expect(small).toEqual([]);
  }

  async expectNoSevereAxe(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const severe = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
    expect(severe).toEqual([]);
  }

  /** Translated, touch-sized, accessible: the three checks every view of the area gets. */
  async expectGoodView(lang: Lang = 'es'): Promise<void> {
    await this.expectAllTranslated(lang);
    await this.expectTouchTargets();
    await this.expectNoSevereAxe();
  }

  /** Full-page screenshot for review (not a pixel comparison). */
  async screenshot(name: string, fullPage = true): Promise<void> {
    // A full-page shot of a scrolled page draws the sticky top bar mid-page.
    if (fullPage) await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.page.screenshot({
      path: `test-results/screenshots/models-${this.testInfo.project.name}-${name}.png`,
      fullPage,
    });
  }
}
