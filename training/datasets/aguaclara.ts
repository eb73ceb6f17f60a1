import Papa from 'papaparse';
import type { InputSpec } from '../../src/domain/pack-manifest';
import { wallClockMs } from '../../src/domain/input-record';
import {
  assembleTable,
  type CleaningStep,
  type CleanRow,
  type TrainingTable,
} from '../../src/ml/training/training-table';

/**
 * The one AguaClara-specific module: reads post_plant_reports.csv, cleans it in code and maps it
 * onto generic pack inputs. Everything downstream is dataset-agnostic.
 */

export const AGUACLARA_SOURCE = {
  name: 'AguaClara POST operator reports, 13 plants, Honduras',
  url: 'https://github.com/AguaClara/post.visualizations',
  licence: 'MIT',
  attribution:
    'AguaClara, Cornell University — POST (Plant Operations Smartphone Tracker), commit ee950c4381e024be6a002ec228b9a8bc86ca4470',
};

/** Plants with fewer usable rows than this are dropped: a 20 % test slice would be too small to judge. */
export const MIN_ROWS_PER_PLANT = 80;
/** Two reports of one plant with identical readings this close in time are one double submission. */
export const DUPLICATE_WINDOW_HOURS = 2;
/** A flow further than this factor from its plant's median is a unit mix-up or a typo. */
const FLOW_OUTLIER_FACTOR = 4;
/** Unit factors seen in operator entry: L/min↔L/s (60), gpm↔L/s (15.85), gpm↔L/min (3.785), a shifted decimal (10). */
const FLOW_UNIT_FACTORS = [60, 15.85, 3.785, 10, 100];

interface RawReport {
  pid: string;
  date: string;
  plantName: string;
  code: string;
  flow: number;
  coagulant: number;
  rawTurb: number;
  settledTurb: number;
  filteredTurb: number;
  clDose: number;
}

function toNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : Number.NaN;
}

function median(values: number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function parseAguaClaraCsv(text: string): RawReport[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return parsed.data.map((r) => ({
    pid: r.pid ?? '',
    date: r.date_submitted ?? '',
    plantName: r.plant_name ?? '',
    code: r.code ?? '',
    flow: toNumber(r.flow_rate),
    coagulant: toNumber(r.coagulant),
    rawTurb: toNumber(r.raw_turb),
    settledTurb: toNumber(r.settled_turb),
    filteredTurb: toNumber(r.filtered_turb),
    clDose: toNumber(r.cl_dose),
  }));
}

/** Correct a flow that is off by a known unit factor from its plant's median; NaN if no factor explains it. */
function fixFlow(flow: number, plantMedian: number): { value: number; fixed: boolean } {
  if (!Number.isFinite(flow) || !Number.isFinite(plantMedian) || plantMedian <= 0) {
    return { value: flow, fixed: false };
  }
  const ratio = flow / plantMedian;
  if (ratio <= FLOW_OUTLIER_FACTOR && ratio >= 1 / FLOW_OUTLIER_FACTOR)
    return { value: flow, fixed: false };
  for (const f of FLOW_UNIT_FACTORS) {
    for (const candidate of [flow / f, flow * f]) {
      const r = candidate / plantMedian;
      if (r <= 1.5 && r >= 1 / 1.5) return { value: candidate, fixed: true };
    }
  }
  return { value: Number.NaN, fixed: true };
}

export interface AguaClaraData {
  table: TrainingTable;
  cleaning: CleaningStep[];
  plants: string[];
  plantNames: Record<string, string>;
  rowsRead: number;
}

export function cleanAguaClara(reports: readonly RawReport[]): AguaClaraData {
  const cleaning: CleaningStep[] = [];
  const step = (rule: string, removed: number, detail: string) =>
    cleaning.push({ rule, removed, detail });

  let rows = reports.map((r) => ({ ...r, time: wallClockMs(r.date) }));

  const badDate = rows.filter((r) => Number.isNaN(r.time)).length;
  rows = rows.filter((r) => !Number.isNaN(r.time));
  step('unparseable-date', badDate, 'date_submitted is not a valid YYYY-MM-DD HH:mm:ss timestamp');

  // 'National Mall' (code p3) is the POST developers' test plant (plantname.json: 'National Mall(test)').
  const isTestPlant = (r: RawReport) => r.code === 'p3' || /national mall/i.test(r.plantName);
  const testPlant = rows.filter(isTestPlant).length;
  rows = rows.filter((r) => !isTestPlant(r));
  step('test-plant', testPlant, "reports of 'National Mall' (p3), the POST developers' test plant");

  // Duplicate submissions: same plant and identical readings within the window.
  rows.sort((a, b) => a.code.localeCompare(b.code) || a.time - b.time);
  const key = (r: (typeof rows)[number]) =>
    [r.flow, r.coagulant, r.rawTurb, r.settledTurb, r.filteredTurb, r.clDose].join('|');
  const lastSeen = new Map<string, number>();
  const deduped: typeof rows = [];
  for (const r of rows) {
    const k = `${r.code}|${key(r)}`;
    const t = lastSeen.get(k);
    if (t !== undefined && r.time - t <= DUPLICATE_WINDOW_HOURS * 3_600_000) continue;
    lastSeen.set(k, r.time);
    deduped.push(r);
  }
  step(
    'duplicate-submission',
    rows.length - deduped.length,
    `same plant and identical readings within ${DUPLICATE_WINDOW_HOURS} h of an earlier report`,
  );
  rows = deduped;

  // Impossible values are blanked (the reading is lost, the report may survive).
  let negatives = 0;
  for (const r of rows) {
    for (const k of [
      'rawTurb',
      'settledTurb',
      'filteredTurb',
      'coagulant',
      'flow',
      'clDose',
    ] as const) {
      if (r[k] < 0) {
        r[k] = Number.NaN;
        negatives++;
      }
    }
  }
  step('negative-value', negatives, 'negative turbidity, dose, flow or chlorine blanked');

  // Per-plant flow units: operators of some plants report L/min or gpm, and some entries slip a unit.
  const byPlant = new Map<string, typeof rows>();
  for (const r of rows) byPlant.set(r.code, [...(byPlant.get(r.code) ?? []), r]);
  let flowFixed = 0;
  let flowBlanked = 0;
  for (const plantRows of byPlant.values()) {
    const m = median(plantRows.map((r) => r.flow));
    for (const r of plantRows) {
      const { value, fixed } = fixFlow(r.flow, m);
      if (fixed && Number.isNaN(value)) flowBlanked++;
      else if (fixed) flowFixed++;
      r.flow = value;
    }
  }
  step(
    'flow-unit-corrected',
    0,
    `${flowFixed} flow values more than ${FLOW_OUTLIER_FACTOR}× from their plant median rescaled by a unit factor (60, 15.85, 3.785, 10, 100); row kept`,
  );
  step(
    'flow-implausible',
    0,
    `${flowBlanked} flow values no unit factor explains, blanked; row kept`,
  );

  const noTarget = rows.filter((r) => Number.isNaN(r.coagulant)).length;
  rows = rows.filter((r) => !Number.isNaN(r.coagulant));
  step('missing-dose', noTarget, 'no coagulant dose reported (cannot train or score)');

  const zeroDose = rows.filter((r) => r.coagulant === 0 && !(r.flow === 0)).length;
  rows = rows.filter((r) => !(r.coagulant === 0 && !(r.flow === 0)));
  step(
    'zero-dose-while-running',
    zeroDose,
    'dose 0 mg/L while the plant reported flow (or no flow)',
  );

  const noRaw = rows.filter((r) => Number.isNaN(r.rawTurb)).length;
  rows = rows.filter((r) => !Number.isNaN(r.rawTurb));
  step(
    'missing-raw-turbidity',
    noRaw,
    'no raw-water turbidity: the model has nothing to dose against',
  );

  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const small = [...counts].filter(([, n]) => n < MIN_ROWS_PER_PLANT).map(([c]) => c);
  const smallRows = rows.filter((r) => small.includes(r.code)).length;
  rows = rows.filter((r) => !small.includes(r.code));
  step(
    'plant-too-few-rows',
    smallRows,
    `plants with fewer than ${MIN_ROWS_PER_PLANT} usable reports: ${small.sort().join(', ') || 'none'}`,
  );

  const plantNames: Record<string, string> = {};
  for (const r of rows) plantNames[r.code] = r.plantName;
  const plants = Object.keys(plantNames).sort();

  const clean: CleanRow[] = rows.map((r) => ({
    group: r.code,
    time: r.time,
    target: r.coagulant,
    settled: r.settledTurb,
    inputs: {
      time: r.time,
      plant: r.code,
      raw_turbidity: r.rawTurb,
      flow: Number.isNaN(r.flow) ? null : r.flow,
      dose: r.coagulant,
    },
  }));
  const table = assembleTable(clean, ['time', 'raw_turbidity', 'dose']);
  return { table, cleaning, plants, plantNames, rowsRead: reports.length };
}

/** The pack inputs this adapter fills. Training ranges and quantiles are added by the pipeline. */
export function aguaclaraInputs(plants: readonly string[]): InputSpec[] {
  return [
    {
      id: 'plant',
      label: { es: 'Planta', en: 'Plant' },
      kind: 'category',
      unit: '',
      categories: [...plants],
      optional: false,
      role: 'context',
    },
    {
      id: 'time',
      label: { es: 'Fecha y hora del reporte', en: 'Report date and time' },
      kind: 'datetime',
      unit: '',
      optional: false,
      role: 'context',
    },
    {
      id: 'raw_turbidity',
      label: { es: 'Turbiedad de agua cruda', en: 'Raw-water turbidity' },
      kind: 'number',
      unit: 'NTU',
      quantity: 'turbidity',
      physicalRange: [0, 10000],
      optional: false,
      role: 'reading',
    },
    {
      id: 'flow',
      label: { es: 'Caudal de la planta', en: 'Plant flow' },
      kind: 'number',
      unit: 'plant units',
      quantity: 'flow',
      physicalRange: [0, 100000],
      optional: true,
      role: 'reading',
    },
    {
      id: 'prev_raw_turbidity',
      label: { es: 'Turbiedad cruda del reporte anterior', en: 'Raw turbidity at previous report' },
      kind: 'number',
      unit: 'NTU',
      quantity: 'turbidity',
      physicalRange: [0, 10000],
      optional: true,
      role: 'previous',
    },
    {
      id: 'prev_time',
      label: { es: 'Fecha y hora del reporte anterior', en: 'Previous report date and time' },
      kind: 'datetime',
      unit: '',
      optional: true,
      role: 'previous',
    },
    {
      id: 'dose',
      label: { es: 'Dosis aplicada', en: 'Applied dose' },
      kind: 'number',
      unit: 'mg/L',
      quantity: 'dose',
      physicalRange: [0, 500],
      optional: false,
      role: 'dose',
    },
    {
      id: 'prev_dose',
      label: { es: 'Dosis del reporte anterior', en: 'Dose at previous report' },
      kind: 'number',
      unit: 'mg/L',
      quantity: 'dose',
      physicalRange: [0, 500],
      optional: true,
      role: 'previous',
    },
  ];
}
