import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Locator } from '@playwright/test';
import { MESSAGES } from './pages/app-shell';
import { ExplorePage, VIEW_IDS, type FilePayload } from './pages/explore-page';

const es = MESSAGES.es.explore;
const en = MESSAGES.en.explore;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const JOINED = 'bocatoma-planta.csv + lluvia-estaciones.csv + sensor-aguas-arriba.csv';

async function downloadFrom(page: ExplorePage, button: Locator): Promise<Download> {
  const [download] = await Promise.all([page.page.waitForEvent('download'), page.press(button)]);
  return download;
}

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

/** Visible controls of a region smaller than 48 × 48 px (measured in one pass in the page). */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    const selector = 'button, a[href], [role="button"], input, select, textarea';
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 48 || box.height < 48)
        out.push(
          `${(el.innerText || el.getAttribute('aria-label') || '').slice(0, 40)}: ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return out;
  });
}

test.describe('explore: synthetic basin', () => {
  test('three files at once, joined hourly: every view, the lag sentence, exports', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    const x = new ExplorePage(page, testInfo);
    await x.watchCsp();
    await x.goto('es');
    await x.screenshot('empty-es');

    await x.uploadSynthetic();
    // The detected format is on the card; the report (columns, preview) under "details".
    const bocatoma = x.datasetCard('bocatoma-planta.csv');
    const detected = bocatoma.locator('.xp-facts-detected dd');
    await expect(detected.filter({ hasText: es.dialect.semicolon })).toBeVisible();
    await expect(detected.filter({ hasText: es.dialect.decimalComma })).toBeVisible();
    await expect(detected.filter({ hasText: 'windows-1252' })).toBeVisible();
    await expect(detected.filter({ hasText: es.dialect.dayFirst })).toBeVisible();
    await x.press(x.button(es.datasets.details, bocatoma));
    await expect(
      bocatoma.getByRole('columnheader', { name: 'Turbiedad agua cruda (NTU)' }),
    ).toBeVisible();
    await x.screenshot('files-es');

    await x.join('stepHour');
    const joined = x.datasetCard(JOINED);
    await expect(joined).toBeVisible();
    await expect(x.button(es.datasets.analysing, joined)).toHaveAttribute('aria-pressed', 'true');

    // Descriptive: one row per numeric column, a histogram and a box plot.
    let panel = await x.openView('describe');
    await expect(
      panel.getByRole('rowheader', { name: 'Turbiedad agua cruda (NTU)' }),
    ).toBeVisible();
    await expect(panel.getByRole('rowheader', { name: 'Lluvia Alto Verde (mm)' })).toBeVisible();
    await expect(x.chart(es.describe.histogram)).toBeVisible();
    await expect(x.chart(es.describe.boxPlot)).toBeVisible();
    const csv = await downloadFrom(x, x.button(es.common.downloadCsv, panel));
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = (await bytesOf(csv)).toString('utf8');
    expect(csvText).toContain('Turbiedad agua cruda (NTU)');
    expect(csvText.split('\r\n')[0]).toContain(';');

    // Every view renders something and is screenshotted.
    for (const view of VIEW_IDS) {
      panel = await x.openView(view);
      await expect(panel.locator('.xp-busy')).toHaveCount(0, { timeout: 30_000 });
      await expect(panel.getByRole('alert')).toHaveCount(0);
      await x.screenshotPanel(`view-${view}-es`);
    }

    // Time series: zooming to the last 7 days draws every hourly point of that week.
    panel = await x.openView('timeseries');
    await x.press(x.button(es.timeseries.last7, panel));
    await expect(panel.locator('.xp-chart-caption').first()).toContainText('169 / 169');
    await x.press(x.button(es.timeseries.resetZoom, panel));
    await expect(panel.locator('.xp-chart-caption').first()).toContainText('/ 8.760');

    // Correlation: heatmap with values; a tapped cell shows n and the scatter with its line.
    panel = await x.openView('correlation');
    const heatmap = x.chart(es.correlation.heatmap);
    await expect(heatmap).toBeVisible();
    await x.press(
      heatmap.getByRole('button', { name: /^Turbiedad agua cruda \(NTU\) × Color aparente/ }),
    );
    await expect(panel.getByText(es.correlation.pairs, { exact: true })).toBeVisible();
    await expect(x.chart(es.correlation.scatter)).toBeVisible();
    const png = await downloadFrom(x, x.button(es.common.downloadPng, heatmap));
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = await bytesOf(png);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(5_000);
    await x.screenshotPanel('view-correlation-cell-es');

    // PCA: scree, loadings, biplot.
    panel = await x.openView('pca');
    await expect(x.chart(es.pca.scree)).toBeVisible();
    await expect(x.chart(es.pca.biplot)).toBeVisible();
    await expect(x.chart(es.pca.biplot).locator('.recharts-scatter-symbol').first()).toBeVisible();

    // Rain → river: the sentence names 6 hours.
    panel = await x.openView('rain');
    const sentence = panel.locator('.xp-sentence');
    await expect(sentence).toHaveText(
      '«Turbiedad agua cruda» sigue a «Lluvia Alto Verde» por unas 6 horas (r = 0,78).',
    );
    await expect(x.chart(es.rain.lagCurve)).toBeVisible();

    // Every visible string is UI text from es.ts or data marked data-no-i18n.
    for (const view of VIEW_IDS) {
      await x.openView(view);
      expect(await x.untranslatedTexts(), view).toEqual([]);
      expect(await smallTargets(x.panel), view).toEqual([]);
    }
    // Workers, charts, PNG export and downloads all run under the site's CSP.
    expect(await x.cspViolations()).toEqual([]);
    x.expectNoPageErrors();
  });

  test('in English: views are translated and the lag sentence reads 6 hours', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto('en');
    await x.uploadSynthetic();
    await x.join('stepHour');
    const panel = await x.openView('rain');
    await expect(panel.locator('.xp-sentence')).toHaveText(
      '“Turbiedad agua cruda” follows “Lluvia Alto Verde” by about 6 hours (r = 0.78).',
    );
    await expect(x.chart(en.rain.lagCurve)).toBeVisible();
    for (const view of VIEW_IDS) {
      await x.openView(view);
      await expect(x.panel.locator('.xp-busy')).toHaveCount(0, { timeout: 30_000 });
      expect(await x.untranslatedTexts(), view).toEqual([]);
    }
    await x.openView('describe');
    await x.screenshotPanel('view-describe-en');
    await x.openView('rain');
    await x.screenshotPanel('view-rain-en');
    x.expectNoPageErrors();
  });

  test('diagnostics: cleaning steps go into an undoable log', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto('es');
    await x.upload(['public/samples/cuenca-sintetica/bocatoma-planta.csv']);
    await expect(x.datasetCard('bocatoma-planta.csv')).toBeVisible({ timeout: 30_000 });
    const panel = await x.openView('diagnostics');
    await expect(panel.getByRole('rowheader', { name: 'Turbiedad agua cruda (NTU)' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(x.chart(es.diagnostics.chartTitle)).toBeVisible();
    const log = panel.getByRole('region', { name: es.diagnostics.logHeading });
    await expect(log.getByText(es.diagnostics.logEmpty)).toBeVisible();
    // The synthetic turbidity has injected negative values: remove them.
    const remove = panel.getByRole('button', {
      name: new RegExp(`^${escapeRegExp(es.diagnostics.removeImpossible)}`),
    });
    await expect(remove).toBeEnabled();
    await x.press(remove);
    await expect(log.getByRole('cell', { name: es.diagnostics.opRemove })).toBeVisible();
    await expect(remove).toBeDisabled();
    await x.screenshotPanel('view-diagnostics-cleaned-es');
    await x.press(x.button(es.diagnostics.undo, log));
    await expect(log.getByText(es.diagnostics.logEmpty)).toBeVisible();
    await expect(remove).toBeEnabled();
    x.expectNoPageErrors();
  });
});

test.describe('explore: AguaClara sample', () => {
  test('backtest of the active pack with metrics against persistence', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto('es');
    await x.press(x.button(es.files.sampleReal));
    const card = x.datasetCard('post_plant_reports.csv');
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card.getByText(es.datasets.real, { exact: true })).toBeVisible();

    const panel = await x.openView('backtest');
    // Auto-matched inputs.
    const mapping = panel.locator('.xp-mapping');
    await expect(mapping.getByRole('combobox', { name: /Planta$/ })).toHaveValue('code');
    await expect(mapping.getByRole('combobox', { name: /Fecha y hora del reporte$/ })).toHaveValue(
      'date_submitted',
    );
    await expect(mapping.getByRole('combobox', { name: /Turbiedad de agua cruda$/ })).toHaveValue(
      'raw_turb',
    );
    await expect(mapping.getByRole('combobox', { name: /Caudal de la planta$/ })).toHaveValue(
      'flow_rate',
    );
    await expect(
      mapping.getByRole('combobox', {
        name: new RegExp(`${escapeRegExp(es.backtest.recordedDose)}$`),
      }),
    ).toHaveValue('coagulant');

    await x.press(x.button(es.backtest.run, panel));
    const metrics = panel.locator('.xp-metrics');
    await expect(metrics).toBeVisible({ timeout: 120_000 });
    for (const key of ['mae', 'rmse', 'r2']) {
      const cells = metrics.locator(`tr[data-metric="${key}"] td`);
      await expect(cells).toHaveCount(2);
      for (const text of await cells.allInnerTexts()) expect(text).toMatch(/^-?\d+(,\d+)?$/);
    }
    const mae = Number(
      (await metrics.locator('tr[data-metric="mae"] td').first().innerText()).replace(',', '.'),
    );
    expect(mae).toBeGreaterThan(0.3);
    expect(mae).toBeLessThan(4);
    await expect(panel.getByText(es.backtest.novel, { exact: true })).toBeVisible();
    await expect(x.chart(es.backtest.chart)).toBeVisible();
    await x.screenshotPanel('view-backtest-aguaclara-es');

    const predictions = await downloadFrom(x, x.button(es.common.downloadCsv, panel));
    const lines = (await bytesOf(predictions)).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toContain(es.backtest.csvHeader.predicted);
    expect(lines.length).toBe(8_375);
    expect(await x.untranslatedTexts()).toEqual([]);
    x.expectNoPageErrors();
  });
});

/** Broken, odd and hostile CSV files: each gets a clear message or a correct parse. */
function corpus(): { file: FilePayload; error?: keyof typeof es.errors; rows?: number }[] {
  const text = (name: string, s: string) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(s, 'utf8'),
  });
  const bytes = (name: string, b: number[] | Buffer) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.isBuffer(b) ? b : Buffer.from(b),
  });
  const png = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
    0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  ];
  return [
    { file: bytes('vacio.csv', []), error: 'empty-file' },
    { file: text('solo-espacios.csv', '  \n\n   \n'), error: 'empty-file' },
    { file: text('solo-encabezado.csv', 'fecha,turbiedad,ph\n'), error: 'header-only' },
    { file: bytes('imagen.csv', png), error: 'binary-file' },
    {
      file: bytes('libro-excel.csv', [0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0]),
      error: 'binary-file',
    },
    {
      file: text('comillas-sin-cerrar.csv', 'nota,valor\n"abierta,1\nsigue,2\notra,3\n'),
      error: 'unbalanced-quotes',
    },
    {
      file: text(
        'formula-sin-comillas.csv',
        'nombre,valor\n=HYPERLINK("http://example.invalid","clic"),1\n+SUM(A1:A2),2\n@cmd,3\n',
      ),
      error: 'unbalanced-quotes',
    },
    {
      file: text('filas-irregulares.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n13,14,15\n'),
      rows: 3,
    },
    {
      file: text(
        'con-bom.csv',
        '\ufefffecha,turbiedad\n2025-01-01 00:00,4.5\n2025-01-01 01:00,5.1\n',
      ),
      rows: 2,
    },
    {
      file: bytes(
        'latin1.csv',
        Buffer.from(
          'Año;Estación;Turbiedad\n2024;Peñas Blancas;3,5\n2025;Río Negro;4,1\n',
          'latin1',
        ),
      ),
      rows: 2,
    },
    {
      file: text(
        'punto-y-coma-coma-decimal.csv',
        'Fecha;Turbiedad (NTU);pH\n01/02/2025 10:00;1,5;7,2\n02/02/2025 10:00;12,25;7,1\n13/02/2025 10:00;3,75;6,9\n',
      ),
      rows: 3,
    },
    {
      file: text(
        'tabulado.csv',
        'fecha\tcaudal\tcolor\n2025-03-01\t120.5\t15\n2025-03-02\t118.2\t14\n',
      ),
      rows: 2,
    },
    { file: text('encabezados-repetidos.csv', 'valor,valor,,x\n1,2,3,4\n5,6,7,8\n'), rows: 2 },
    { file: text('una-columna.csv', 'turbiedad\n1\n2\n3\n4\n'), rows: 4 },
    {
      file: text('nan-infinito.csv', 'x,y\nNaN,1\nInfinity,2\n1e309,3\n-Infinity,4\n5,5\n'),
      rows: 5,
    },
    {
      file: text(
        'formulas-excel.csv',
        'nombre,valor\n"=HYPERLINK(""http://example.invalid"",""clic"")",1\n+SUM(A1:A2),2\n@cmd,3\n',
      ),
      rows: 3,
    },
    {
      file: text(
        'script-en-encabezado.csv',
        '<script>window.__pwned=1</script>,<img src=x onerror="window.__pwned=2">\n1,2\n3,4\n',
      ),
      rows: 2,
    },
    { file: text('fin-de-linea-mixto.csv', 'a,b\r\n1,2\n3,4\r5,6\r\n7,8\n'), rows: 4 },
    { file: text('separador-final.csv', 'a,b,\n1,2,\n3,4,\n5,6,\n'), rows: 3 },
    {
      file: text(
        'miles.csv',
        'Fecha;Caudal (L/s)\n01/01/2025;1.234,5\n02/01/2025;2.345,6\n03/01/2025;10.000,0\n',
      ),
      rows: 3,
    },
    {
      file: bytes('utf16.csv', [
        0xff,
        0xfe,
        ...[...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]),
      ]),
      rows: 1,
    },
    {
      file: text(
        'un-campo-por-fila.csv',
        `a,b,c,d,e\n${Array.from({ length: 30 }, (_, i) => `${i},${i}`).join('\n')}\n`,
      ),
      rows: 30,
    },
  ];
}

test.describe('explore: malformed files', () => {
  test('a clear message or a correct parse for each, and nothing executes', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    const x = new ExplorePage(page, testInfo);
    page.on('dialog', (d) => void d.dismiss());
    await x.goto('es');
    const files = corpus();
    expect(files.length).toBeGreaterThanOrEqual(15);
    await x.upload(files.map((f) => f.file));

    for (const f of files) {
      const card = f.error ? x.jobCard(f.file.name) : x.datasetCard(f.file.name);
      await expect(card, f.file.name).toBeVisible({ timeout: 60_000 });
      if (f.error) {
        await expect(card.getByRole('alert'), f.file.name).toContainText(es.errors[f.error], {
          timeout: 60_000,
        });
      } else {
        const rows = card.locator('.xp-fact', { hasText: es.common.rows }).locator('dd');
        await expect(rows, f.file.name).toHaveText(String(f.rows));
      }
    }

    // Hostile header: shown as text, never run.
    const hostile = x.datasetCard('script-en-encabezado.csv');
    await x.press(x.button(es.datasets.details, hostile));
    await expect(
      hostile.getByRole('rowheader', { name: '<script>window.__pwned=1</script>' }),
    ).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
    // A formula cell is shown as written.
    const formulas = x.datasetCard('formulas-excel.csv');
    await x.press(x.button(es.datasets.details, formulas));
    await expect(
      formulas.getByRole('cell', { name: '=HYPERLINK("http://example.invalid","clic")' }),
    ).toBeVisible();

    // Ambiguous d/m dates: read day-first by default, with a note; switch to month-first.
    const thousands = x.datasetCard('miles.csv');
    await expect(
      thousands.locator('.xp-facts-detected dd').filter({ hasText: es.dialect.dayFirst }),
    ).toBeVisible();
    await x.press(x.button(es.datasets.details, thousands));
    await expect(thousands.getByText(es.warnings['day-month-ambiguous'])).toBeVisible();
    await thousands.getByLabel(es.overrides.dateOrder, { exact: true }).selectOption('month');
    await x.press(x.button(es.overrides.reparse, thousands));
    await expect(
      thousands.locator('.xp-facts-detected dd').filter({ hasText: es.dialect.monthFirst }),
    ).toBeVisible({ timeout: 30_000 });

    // Reading settings: a file read with the wrong delimiter gives a clear message.
    const oneField = x.datasetCard('un-campo-por-fila.csv');
    await x.press(x.button(es.datasets.details, oneField));
    await oneField.getByLabel(es.overrides.delimiter, { exact: true }).selectOption(',');
    await x.press(x.button(es.overrides.reparse, oneField));
    await expect(oneField.getByRole('alert')).toContainText(es.errors['no-data-rows']);

    await x.screenshot('malformed-es');
    expect(await x.untranslatedTexts()).toEqual([]);
    x.expectNoPageErrors();
  });
});

test.describe('explore: storage and accessibility', () => {
  test('datasets survive a reload; "delete everything" asks first', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto('es');
    await x.upload(['public/samples/cuenca-sintetica/sensor-aguas-arriba.csv']);
    await expect(x.datasetCard('sensor-aguas-arriba.csv')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(x.datasetCard('sensor-aguas-arriba.csv')).toBeVisible({ timeout: 30_000 });

    await x.press(x.button(es.datasets.deleteAll));
    await expect(page.getByText(es.datasets.deleteAllConfirm)).toBeVisible();
    await x.press(x.button(es.common.cancel, page.getByRole('alertdialog')));
    await expect(x.datasetCard('sensor-aguas-arriba.csv')).toBeVisible();

    await x.press(x.button(es.datasets.deleteAll));
    await x.press(x.button(es.datasets.deleteAllYes));
    await expect(page.getByText(es.datasets.deletedAll)).toBeVisible();
    await expect(x.datasetCard('sensor-aguas-arriba.csv')).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(es.datasets.empty)).toBeVisible({ timeout: 30_000 });
    x.expectNoPageErrors();
  });

  test('axe: no serious or critical violations with data and views open', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto('es');
    await x.uploadSynthetic();
    await x.upload([{ name: 'vacio.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }]);
    await expect(x.jobCard('vacio.csv').getByRole('alert')).toBeVisible({ timeout: 30_000 });
    await x.join('stepHour');
    await x.press(x.button(es.datasets.details, x.datasetCard('bocatoma-planta.csv')));
    const scan = async (label: string) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const severe = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
      expect(severe, label).toEqual([]);
    };
    for (const view of ['describe', 'diagnostics', 'correlation', 'rain'] as const) {
      await x.openView(view);
      await expect(x.panel.locator('.xp-busy')).toHaveCount(0, { timeout: 30_000 });
      await scan(view);
    }
    x.expectNoPageErrors();
  });
});
