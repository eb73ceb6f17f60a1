import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { MESSAGES } from './pages/app-shell';
import { ExplorePage } from './pages/explore-page';
import { HEADLINE_READINGS, INTAKE_FILE, recordPageErrors } from './pages/journey';
import { ModelsPage } from './pages/models-page';
import { OperatePage } from './pages/operate-page';

/**
 * Issue #8, keyboard: with the keyboard alone an operator reaches every control of every area.
 * In each area, in a typical state, Tab is pressed from the top of the page until focus comes
 * back round; every visible, enabled control must have been reached (one stop per composite
 * widget with a roving tabindex, such as the analysis tabs), focus must never stick, and each
 * stop must show a focus ring. A few journeys are then done with keys only.
 */
const es = MESSAGES.es;

interface Control {
  id: string;
  /** Composite widgets with a roving tabindex (tab lists, radio groups): one stop for all. */
  group: string | null;
  label: string;
}

interface Walk {
  controls: Control[];
  /** Shown as clickable (a pointer cursor) but neither a control nor inside one. */
  pointerOnly: string[];
  /** Ids of controls reached, in order (a control may be reached more than once). */
  order: string[];
  /** Controls that were never reached (a group counts once). */
  missed: string[];
  /** Stops without a visible focus indicator. */
  noRing: string[];
  /** Focus stopped on something outside the list (a scroller, say): fine, but reported. */
  extra: string[];
  wrapped: boolean;
  stuck: string | null;
  presses: number;
}

/**
 * Tags every visible, enabled control and puts a focus start point at the top of the page. Also
 * lists what looks clickable (a pointer cursor) outside any control: a click handler on a
 * plain element, which the keyboard cannot reach.
 */
function tagControls(page: Page): Promise<{ controls: Control[]; pointerOnly: string[] }> {
  return page.evaluate(() => {
    const COMPOSITE =
      '[role="tablist"],[role="radiogroup"],[role="listbox"],[role="grid"],[role="menu"],[role="toolbar"],[role="tree"]';
    const NATIVE = 'button, a[href], input, select, textarea, summary';
    const describe = (el: Element): string => {
      const role = el.getAttribute('role');
      const name =
        el.getAttribute('aria-label') ??
        el.getAttribute('data-field') ??
        el.getAttribute('data-testid') ??
        (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${role ? `[${role}]` : ''} "${name}"`;
    };
    (window as unknown as { __kbDescribe: typeof describe }).__kbDescribe = describe;
    document.querySelector('[data-kb-start]')?.remove();
    const selector = `${NATIVE}, [tabindex], [contenteditable="true"]`;
    const controls: { id: string; group: string | null; label: string }[] = [];
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement | SVGElement>(selector)) {
      el.removeAttribute('data-kb');
      if (el.matches('input[type="hidden"]')) continue;
      if (el.matches(':disabled') || el.closest('[inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.tagName === 'SUMMARY' && el.parentElement?.tagName !== 'DETAILS') continue;
      const negative = el.getAttribute('tabindex') !== null && el.tabIndex < 0;
      const composite = el.parentElement?.closest(COMPOSITE) ?? null;
      // A heading or panel given tabindex=-1 is a programmatic focus target, not a control.
      if (negative && !el.matches(NATIVE) && !el.getAttribute('role')) continue;
      let group: string | null = null;
      if (composite) {
        composite.setAttribute('data-kb-group', composite.getAttribute('data-kb-group') ?? `g${n}`);
        group = composite.getAttribute('data-kb-group');
      } else if (el.matches('input[type="radio"]')) {
        group = `radio:${(el as HTMLInputElement).name}`;
      }
      const id = `kb${n++}`;
      el.setAttribute('data-kb', id);
      controls.push({ id, group, label: describe(el) });
    }
    const pointerOnly: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest(`${NATIVE}, label, [tabindex]`)) continue;
      if (getComputedStyle(el).cursor !== 'pointer' || !el.checkVisibility()) continue;
      pointerOnly.push(describe(el));
    }
    const start = document.createElement('span');
    start.setAttribute('data-kb-start', '');
    start.tabIndex = -1;
    document.body.prepend(start);
    window.scrollTo(0, 0);
    start.focus();
    return { controls, pointerOnly };
  });
}

/** What has focus now: its tag id (or a description if untagged), and whether it shows a ring. */
function focused(page: Page): Promise<{ id: string | null; label: string; ring: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el.hasAttribute('data-kb-start'))
      return { id: null, label: 'outside', ring: true };
    const describe = (window as unknown as { __kbDescribe: (e: Element) => string }).__kbDescribe;
    const style = getComputedStyle(el);
    const ring =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none';
    return { id: el.getAttribute('data-kb'), label: describe(el), ring };
  });
}

/** A control may hold focus for a few presses (a date input's fields); more is a trap. */
const MAX_SAME = 8;

/** Press Tab from the top of the page until focus comes back to the first stop. */
async function tabWalk(page: Page): Promise<Walk> {
  const { controls, pointerOnly } = await tagControls(page);
  const order: string[] = [];
  const noRing = new Set<string>();
  const extra = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  let same = 0;
  let wrapped = false;
  let stuck: string | null = null;
  let presses = 0;
  const limit = controls.length * 2 + 40;
  while (presses < limit) {
    await page.keyboard.press('Tab');
    presses++;
    const now = await focused(page);
    if (now.id === null && now.label === 'outside') {
      last = null;
      continue;
    }
    const key = now.id ?? now.label;
    if (key === first) {
      wrapped = true;
      break;
    }
    same = key === last ? same + 1 : 0;
    if (same >= MAX_SAME) {
      stuck = now.label;
      break;
    }
    last = key;
    first ??= key;
    if (!now.ring) noRing.add(now.label);
    if (now.id) order.push(now.id);
    else extra.add(now.label);
  }
  const reached = new Set(order);
  const groupsReached = new Set(
    controls.filter((c) => c.group && reached.has(c.id)).map((c) => c.group),
  );
  const missed = controls
    .filter((c) => !reached.has(c.id) && !(c.group && groupsReached.has(c.group)))
    .map((c) => c.label);
  return {
    controls,
    pointerOnly,
    order,
    missed,
    noRing: [...noRing],
    extra: [...extra],
    wrapped,
    stuck,
    presses,
  };
}

/** Walk, report the counts, and hold the walk to the rules. */
async function expectFullyReachable(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const walk = await tabWalk(page);
  const reached = new Set(walk.order).size;
  const summary = {
    state,
    controls: walk.controls.length,
    reached,
    presses: walk.presses,
    extra: walk.extra,
  };
  console.log(`[keyboard ${testInfo.project.name}] ${JSON.stringify(summary)}`);
  await testInfo.attach(`keyboard-${state}.json`, {
    body: JSON.stringify({ ...summary, walk }, null, 1),
    contentType: 'application/json',
  });
  expect(walk.stuck, `${state}: focus is trapped`).toBeNull();
  expect(walk.wrapped, `${state}: Tab comes back round to the first control`).toBe(true);
  expect(walk.missed, `${state}: controls Tab never reaches`).toEqual([]);
  expect(walk.noRing, `${state}: stops without a focus ring`).toEqual([]);
  expect(walk.pointerOnly, `${state}: clickable-looking, not focusable`).toEqual([]);
  expect(walk.controls.length, `${state}: the walk saw the page`).toBeGreaterThan(5);
}

/** Press Tab (forwards) until `target` has focus; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, limit = 400): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Type into a text field reached by Tab, replacing what was there. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Choose an option of a focused <select> with the arrow keys. */
async function chooseWithArrows(page: Page, target: Locator, value: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Home');
  for (let i = 0; i < 50 && (await target.inputValue()) !== value; i++)
    await page.keyboard.press('ArrowDown');
  await expect(target).toHaveValue(value);
}

test.describe('keyboard only', () => {
  test('Operate: a dose and a log entry with keys only; every control reachable', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const errors = recordPageErrors(page);
    const op = new OperatePage(page, testInfo);
    // Start elsewhere and arrive by the navigation link, with Enter.
    await op.app.goto('#/modelos');
    await tabTo(page, op.app.navLink('operate'));
    await page.keyboard.press('Enter');
    await op.app.expectArea('operate');
    await op.waitForForm();

    // Readings typed, the plant chosen with the arrow keys (the time stays at "now").
    const { plant, raw_turbidity, flow, prev_raw_turbidity } = HEADLINE_READINGS;
    await chooseWithArrows(page, op.field('plant'), plant ?? '');
    for (const [id, text] of Object.entries({ raw_turbidity, flow, prev_raw_turbidity }))
      await typeInto(page, op.field(id), text ?? '');
    await expect(op.dose).toBeVisible({ timeout: 30_000 });

    // The main action, with Enter: the report goes into the log.
    await tabTo(page, op.button(es.operate.log.record));
    await page.keyboard.press('Enter');
    await expect(page.getByText(es.operate.log.recorded)).toBeVisible();
    await expect(op.logRows()).toHaveCount(1);

    // The language toggle, with Space, and back.
    await tabTo(page, op.app.languageButton('en'));
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await tabTo(page, op.app.languageButton('es'));
    await page.keyboard.press('Space');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    await expectFullyReachable(page, testInfo, 'operate-with-dose');
    expect(errors, 'uncaught page errors').toEqual([]);
  });

  test('Explore: choose a dataset and views with keys only; every control reachable', async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    const x = new ExplorePage(page, testInfo);
    await x.goto();
    // The file picker is the system's own dialog: the files are given to it directly.
    await x.uploadSynthetic();

    // Analyse the intake file: its card's button, with Space.
    const card = x.datasetCard(INTAKE_FILE);
    const analyse = card.getByRole('button', {
      name: new RegExp(`^(${x.t.datasets.analyse}|${x.t.datasets.analysing})$`),
    });
    await tabTo(page, analyse);
    await page.keyboard.press('Space');
    await expect(analyse).toHaveAttribute('aria-pressed', 'true');

    // The view tabs: one Tab stop, arrow keys between views.
    await tabTo(page, x.tab('describe'));
    await page.keyboard.press('ArrowRight');
    await expect(x.tab('timeseries')).toBeFocused();
    await expect(x.tab('timeseries')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(x.tab('describe')).toHaveAttribute('aria-selected', 'true');
    await expect(x.panel.getByRole('rowheader').first()).toBeVisible({ timeout: 30_000 });
    await expectFullyReachable(page, testInfo, 'explore-describe');

    // Correlation: a heatmap cell chosen with Enter shows its scatter plot.
    await tabTo(page, x.tab('describe'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(x.tab('correlation')).toHaveAttribute('aria-selected', 'true');
    const heatmap = x.chart(x.t.correlation.heatmap);
    await expect(heatmap).toBeVisible({ timeout: 30_000 });
    await tabTo(page, heatmap.getByRole('button').nth(1));
    await page.keyboard.press('Enter');
    await expect(x.chart(x.t.correlation.scatter)).toBeVisible();
    await expectFullyReachable(page, testInfo, 'explore-correlation');

    // PCA, reached with End then back.
    await tabTo(page, x.tab('correlation'));
    await page.keyboard.press('ArrowRight');
    await expect(x.tab('pca')).toHaveAttribute('aria-selected', 'true');
    await expect(x.chart(x.t.pca.scree)).toBeVisible({ timeout: 30_000 });
    await expectFullyReachable(page, testInfo, 'explore-pca');
    x.expectNoPageErrors();
  });

  test('Models: open the wizard and load the sample with keys only; every control reachable', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const errors = recordPageErrors(page);
    const models = new ModelsPage(page, testInfo);
    await models.goto();
    await expect(models.pack('aguaclara-honduras').getByTestId('verdict')).toBeVisible({
      timeout: 20_000,
    });
    await expectFullyReachable(page, testInfo, 'models-list');

    // A model card, opened and closed with Enter.
    await tabTo(
      page,
      models.pack('aguaclara-honduras').getByRole('button', { name: es.models.list.openCard }),
    );
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('card-view')).toBeVisible();
    await expectFullyReachable(page, testInfo, 'models-card');
    await tabTo(page, models.button(es.models.card.back));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('card-view')).toHaveCount(0);

    await tabTo(page, models.button(es.models.list.train));
    await page.keyboard.press('Enter');
    await expect(models.wizard).toBeVisible();
    await tabTo(page, models.button(es.models.wizard.data.loadSample));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('target-select')).toBeVisible({ timeout: 30_000 });
    await expectFullyReachable(page, testInfo, 'models-wizard-columns');

    await tabTo(page, models.button(es.models.wizard.next));
    await page.keyboard.press('Enter');
    await models.expectStep('units');
    await expectFullyReachable(page, testInfo, 'models-wizard-units');
    expect(errors, 'uncaught page errors').toEqual([]);
  });
});
