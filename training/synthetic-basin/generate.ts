/**
 * Synthetic basin: one year of hourly data from an invented Andean catchment and its water
 * plant, with KNOWN answers (lags, dose rule, injected faults) so the analysis explorer can be
 * checked against them. The model is documented exactly in README.md next to this file; keep
 * the two in step.
 *
 *   npx tsx training/synthetic-basin/generate.ts [outDir]
 *
 * writes three Spanish-Excel-style CSV files (';' delimiter, decimal comma, Latin-1 bytes,
 * dd/mm/yyyy hh:mm) to public/samples/cuenca-sintetica/ (or outDir). Fixed seed: the same bytes
 * every run. `generateBasin()` returns the same data in memory for tests.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRng } from '../../src/domain/math/random';
import { portableExp, portableLog } from '../../src/domain/math/portable-math';
import type { DataTable } from '../../src/data/data-table';

export const BASIN_SEED = 20250806;
export const HOUR = 3_600_000;
/** 2025-01-01 00:00 wall clock (ms as if UTC), the first row. */
export const START = Date.UTC(2025, 0, 1, 0, 0);
/** 365 days of hourly rows. */
export const HOURS = 8760;

/** Documented delays (hours) from basin rain to each turbidity response. */
export const LAG_UPSTREAM_H = 3;
export const LAG_INTAKE_H = 6;
/** Delay (hours) from basin rain to the quickflow reservoir that dilutes conductivity. */
export const LAG_QUICKFLOW_H = 4;

/** Mean storm starts per day, January … December (bimodal, like the Aburrá valley). */
const STORMS_PER_DAY = [0.25, 0.3, 0.5, 0.8, 0.8, 0.45, 0.35, 0.4, 0.6, 0.85, 0.75, 0.4];

export const HEADERS = {
  rain: ['Fecha y hora', 'Lluvia Alto Verde (mm)', 'Lluvia La Quebradona (mm)'],
  upstream: ['Fecha y hora', 'Turbiedad aguas arriba (NTU)'],
  intake: [
    'Fecha y hora',
    'Turbiedad agua cruda (NTU)',
    'Color aparente (UPC)',
    'pH',
    'Conductividad (µS/cm)',
    'Caudal captado (L/s)',
    'Temperatura agua (°C)',
    'Dosis alumbre ensayo de jarras (mg/L)',
  ],
} as const;

export const FILES = {
  rain: 'lluvia-estaciones.csv',
  upstream: 'sensor-aguas-arriba.csv',
  intake: 'bocatoma-planta.csv',
} as const;

/** Hour index (0 = 2025-01-01 00:00) of a wall-clock date. */
function at(month: number, day: number, hour: number): number {
  return (Date.UTC(2025, month - 1, day, hour) - START) / HOUR;
}

/** The injected sensor faults, as hour indices (inclusive ranges). See README.md. */
export const FAULTS = {
  /** Intake turbidity stuck at its 08:00 reading from 09:00 18/03 to 14:00 19/03 (30 h). */
  flatline: { column: 'Turbiedad agua cruda (NTU)', from: at(3, 18, 9), to: at(3, 19, 14) },
  /** One electrical spike on the upstream sensor, 03:00 09/07: 3850,0 NTU. */
  spike: { column: 'Turbiedad aguas arriba (NTU)', at: at(7, 9, 3), value: 3850 },
  /** Gauge La Quebradona empty cells (logger battery) 00:00 10/08 to 23:00 16/08 (168 h). */
  gaugeGap: { column: 'Lluvia La Quebradona (mm)', from: at(8, 10, 0), to: at(8, 16, 23) },
  /** Upstream telemetry outage: rows absent from the file 08:00 20/10 to 19:00 21/10 (36 h). */
  telemetryOutage: {
    column: 'Turbiedad aguas arriba (NTU)',
    from: at(10, 20, 8),
    to: at(10, 21, 19),
  },
  /** Intake turbidity reads −1,5 NTU after a probe cleaning, 10:00 to 13:00 02/09 (4 h). */
  negative: {
    column: 'Turbiedad agua cruda (NTU)',
    from: at(9, 2, 10),
    to: at(9, 2, 13),
    value: -1.5,
  },
} as const;

export interface Basin {
  /** Wall-clock ms of each hour. */
  time: Float64Array;
  /** Recorded values (rounded as in the files, faults included; NaN = empty cell). */
  rainA: Float64Array;
  rainB: Float64Array;
  upstreamTurbidity: Float64Array;
  /** false for the hours whose row is absent from the upstream file (telemetry outage). */
  upstreamRowPresent: Uint8Array;
  intakeTurbidity: Float64Array;
  colour: Float64Array;
  ph: Float64Array;
  conductivity: Float64Array;
  flow: Float64Array;
  temperature: Float64Array;
  /** Jar-test dose; NaN in hours without a jar test. */
  dose: Float64Array;
  /** Fault-free truth, for tests: basin rain (mean of the two gauges' true rain). */
  basinRain: Float64Array;
  trueIntakeTurbidity: Float64Array;
}

/** Round half away from zero to `d` decimals, with −0 normalised to 0. */
export function roundTo(x: number, d: number): number {
  const f = 10 ** d;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  return r === 0 ? 0 : r;
}

const TWO_PI = 2 * Math.PI;
const pow = (x: number, e: number): number => (x <= 0 ? 0 : portableExp(e * portableLog(x)));

/** Weights of a Gaussian kernel over offsets −span..span (σ in hours), normalised to sum 1. */
export function kernel(sigma: number, span: number): number[] {
  const offsets = Array.from({ length: 2 * span + 1 }, (_, k) => k - span);
  const w = offsets.map((j) => portableExp(-(j * j) / (2 * sigma * sigma)));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/** Generates the basin (deterministic for a seed). */
export function generateBasin(seed = BASIN_SEED): Basin {
  const rng = createRng(seed);
  const n = HOURS;
  const time = new Float64Array(n);
  for (let t = 0; t < n; t++) time[t] = START + t * HOUR;
  const month = (t: number) => new Date(START + t * HOUR).getUTCMonth();
  const hourOfDay = (t: number) => t % 24;
  const dayOfYear = (t: number) => Math.floor(t / 24); // 0-based

  // 1. Rain. Storms start at random hours (convective: 3× as likely 13:00–20:59), last 1–6 h
  //    with a triangular profile; each gauge sees the storm scaled by its own lognormal factor,
  //    and 15 % of storms miss one gauge. Plus independent drizzle at each gauge.
  const trueA = new Float64Array(n);
  const trueB = new Float64Array(n);
  const diurnal = (h: number) => (h >= 13 && h <= 20 ? 3 : 1);
  const meanDiurnal = (8 * 3 + 16 * 1) / 24;
  for (let t = 0; t < n; t++) {
    const pStart =
      ((STORMS_PER_DAY[month(t)] as number) / 24) * (diurnal(hourOfDay(t)) / meanDiurnal);
    if (rng.next() < pStart) {
      const duration = 1 + rng.int(6);
      const peak = Math.min(60, -7 * portableLog(1 - rng.next()));
      const miss = rng.next();
      const fA = miss < 0.15 ? 0 : portableExp(0.3 * rng.normal());
      const fB = miss >= 0.15 && miss < 0.3 ? 0 : portableExp(0.3 * rng.normal());
      for (let j = 0; j < duration && t + j < n; j++) {
        const shape = 1 - 0.7 * Math.abs((2 * (j + 0.5)) / duration - 1);
        trueA[t + j] = (trueA[t + j] as number) + peak * shape * fA;
        trueB[t + j] = (trueB[t + j] as number) + peak * shape * fB;
      }
    }
    if (rng.next() < 0.01) trueA[t] = (trueA[t] as number) + rng.uniform(0.2, 1);
    if (rng.next() < 0.01) trueB[t] = (trueB[t] as number) + rng.uniform(0.2, 1);
  }
  // Tipping-bucket gauges record multiples of 0.2 mm.
  const bucket = (x: number) => roundTo(Math.round(x / 0.2) * 0.2, 1);
  const rainA = trueA.map(bucket);
  const rainB = trueB.map(bucket);
  const basinRain = new Float64Array(n);
  for (let t = 0; t < n; t++) basinRain[t] = 0.5 * ((rainA[t] as number) + (rainB[t] as number));

  // 2. Antecedent wetness W(t): exponentially weighted mean of past basin rain (τ = 120 h),
  //    W(t) = (1 − a)·W(t − 1) + a·P(t − 1), a = 1/120. And the quickflow reservoir
  //    R(t) = 0.9·R(t − 1) + P(t − 4).
  const wet = new Float64Array(n);
  const quick = new Float64Array(n);
  for (let t = 1; t < n; t++) {
    wet[t] = (1 - 1 / 120) * (wet[t - 1] as number) + (basinRain[t - 1] as number) / 120;
    quick[t] =
      0.9 * (quick[t - 1] as number) +
      (t >= LAG_QUICKFLOW_H ? (basinRain[t - LAG_QUICKFLOW_H] as number) : 0);
  }

  // 3. Turbidity pulses: E(t) = a · Σ_{j=−2..2} g_j · P(t − L − j)^1.3, a Gaussian kernel
  //    centred exactly on the travel time L (dispersion spreads the pulse symmetrically).
  const pulse = (lag: number, sigma: number, span: number, gain: number) => {
    const g = kernel(sigma, span);
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let j = -span; j <= span; j++) {
        const src = t - lag - j;
        if (src >= 0 && src < n) s += (g[j + span] as number) * pow(basinRain[src] as number, 1.3);
      }
      out[t] = gain * s;
    }
    return out;
  };
  const pulseUp = pulse(LAG_UPSTREAM_H, 1, 2, 12);
  const pulseIn = pulse(LAG_INTAKE_H, 1.5, 3, 12);

  const upstreamTurbidity = new Float64Array(n);
  const trueIntakeTurbidity = new Float64Array(n);
  const intakeTurbidity = new Float64Array(n);
  const colour = new Float64Array(n);
  const ph = new Float64Array(n);
  const conductivity = new Float64Array(n);
  const flow = new Float64Array(n);
  const temperature = new Float64Array(n);
  const dose = new Float64Array(n).fill(NaN);
  let lastJarTurbidity = NaN;
  for (let t = 0; t < n; t++) {
    const h = hourOfDay(t);
    const w = wet[t] as number;
    upstreamTurbidity[t] = roundTo(
      (4 + 20 * w + (pulseUp[t] as number)) * portableExp(0.08 * rng.normal()),
      1,
    );
    const e = pulseIn[t] as number;
    const turb = roundTo((6 + 25 * w + e) * portableExp(0.1 * rng.normal()), 1);
    trueIntakeTurbidity[t] = turb;
    intakeTurbidity[t] = turb;
    colour[t] = Math.max(0, roundTo(5 + 1.2 * pow(turb, 0.85) + 30 * w + 1.5 * rng.normal(), 0));
    ph[t] = roundTo(
      7.4 - (0.35 * e) / (e + 80) + 0.06 * Math.sin((TWO_PI * (h - 10)) / 24) + 0.03 * rng.normal(),
      2,
    );
    conductivity[t] = roundTo(60 + 110 / (1 + 0.08 * (quick[t] as number)) + 2 * rng.normal(), 0);
    const throttled = turb > 400;
    flow[t] = roundTo(
      throttled
        ? 300 + 6 * rng.normal()
        : 420 + 35 * Math.sin((TWO_PI * (h - 8)) / 24) + 6 * rng.normal(),
      0,
    );
    temperature[t] = roundTo(
      20.5 +
        0.8 * Math.sin((TWO_PI * (dayOfYear(t) - 80)) / 365) +
        1.4 * Math.sin((TWO_PI * (h - 9)) / 24) -
        Math.min(1, e / 150) +
        0.1 * rng.normal(),
      1,
    );
    // 4. Jar tests at 06:00, 14:00 and 22:00 (shift starts), plus whenever the raw turbidity has
    //    moved more than 50 % from the last jar test's. They test the real water, so they use
    //    the fault-free readings of that hour.
    const scheduled = h === 6 || h === 14 || h === 22;
    const moved =
      !Number.isNaN(lastJarTurbidity) && Math.abs(turb - lastJarTurbidity) > 0.5 * lastJarTurbidity;
    if (scheduled || moved) {
      const raw =
        3 +
        7.5 * portableLog(1 + turb) +
        0.05 * (colour[t] as number) +
        6 * ((ph[t] as number) - 7) +
        1.2 * rng.normal();
      dose[t] = Math.min(120, Math.max(2, Math.round(raw * 2) / 2));
      lastJarTurbidity = turb;
    }
  }

  // 5. Faults (after the jar tests, which saw the real water).
  const f = FAULTS;
  const stuck = intakeTurbidity[f.flatline.from - 1] as number;
  for (let t = f.flatline.from; t <= f.flatline.to; t++) intakeTurbidity[t] = stuck;
  for (let t = f.negative.from; t <= f.negative.to; t++) intakeTurbidity[t] = f.negative.value;
  upstreamTurbidity[f.spike.at] = f.spike.value;
  for (let t = f.gaugeGap.from; t <= f.gaugeGap.to; t++) rainB[t] = NaN;
  const upstreamRowPresent = new Uint8Array(n).fill(1);
  for (let t = f.telemetryOutage.from; t <= f.telemetryOutage.to; t++) upstreamRowPresent[t] = 0;

  return {
    time,
    rainA,
    rainB,
    upstreamTurbidity,
    upstreamRowPresent,
    intakeTurbidity,
    colour,
    ph,
    conductivity,
    flow,
    temperature,
    dose,
    basinRain,
    trueIntakeTurbidity,
  };
}

function numberColumn(name: string, values: Float64Array) {
  return { name, kind: 'number' as const, values };
}

/** The three files as DataTables (what a correct parser should produce from the CSVs). */
export function basinTables(b: Basin): { rain: DataTable; upstream: DataTable; intake: DataTable } {
  const rows: number[] = [];
  b.upstreamRowPresent.forEach((p, t) => {
    if (p === 1) rows.push(t);
  });
  const pick = (v: Float64Array) => Float64Array.from(rows, (t) => v[t] as number);
  const [, hA, hB] = HEADERS.rain;
  const [, hU] = HEADERS.upstream;
  const [, h1, h2, h3, h4, h5, h6, h7] = HEADERS.intake;
  const time = (v: Float64Array) => ({
    name: 'Fecha y hora',
    kind: 'datetime' as const,
    values: v,
  });
  return {
    rain: {
      name: FILES.rain,
      rowCount: b.time.length,
      columns: [time(b.time), numberColumn(hA, b.rainA), numberColumn(hB, b.rainB)],
    },
    upstream: {
      name: FILES.upstream,
      rowCount: rows.length,
      columns: [time(pick(b.time)), numberColumn(hU, pick(b.upstreamTurbidity))],
    },
    intake: {
      name: FILES.intake,
      rowCount: b.time.length,
      columns: [
        time(b.time),
        numberColumn(h1, b.intakeTurbidity),
        numberColumn(h2, b.colour),
        numberColumn(h3, b.ph),
        numberColumn(h4, b.conductivity),
        numberColumn(h5, b.flow),
        numberColumn(h6, b.temperature),
        numberColumn(h7, b.dose),
      ],
    },
  };
}

/** 'dd/mm/yyyy hh:mm' of a wall-clock ms. */
export function formatSpanishDate(ms: number): string {
  const d = new Date(ms);
  const p = (v: number) => String(v).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Decimal-comma number with `d` decimals; '' for NaN (Excel's empty cell). */
export function formatSpanishNumber(x: number, d: number): string {
  if (Number.isNaN(x)) return '';
  return roundTo(x, d).toFixed(d).replace('.', ',');
}

/**
 * Latin-1 / windows-1252 bytes of `text`. Every character must be ≤ U+00FF and outside the
 * C1 range U+0080–U+009F (where the two encodings differ); otherwise throws.
 */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || (c >= 0x80 && c <= 0x9f)) {
      throw new RangeError(
        `latin1Bytes: U+${c.toString(16).padStart(4, '0')} at ${i} is not Latin-1 text`,
      );
    }
    out[i] = c;
  }
  return out;
}

/** One CSV file as Spanish Excel writes it: ';' delimiter, CRLF, Latin-1. */
function csv(header: readonly string[], rows: string[][]): Uint8Array {
  const lines = [header.join(';'), ...rows.map((r) => r.join(';'))];
  return latin1Bytes(lines.join('\r\n') + '\r\n');
}

/** The three CSV files' bytes, by file name. */
export function basinCsvFiles(b: Basin): Record<string, Uint8Array> {
  const rain: string[][] = [];
  const upstream: string[][] = [];
  const intake: string[][] = [];
  for (let t = 0; t < b.time.length; t++) {
    const date = formatSpanishDate(b.time[t] as number);
    rain.push([
      date,
      formatSpanishNumber(b.rainA[t] as number, 1),
      formatSpanishNumber(b.rainB[t] as number, 1),
    ]);
    if (b.upstreamRowPresent[t] === 1) {
      upstream.push([date, formatSpanishNumber(b.upstreamTurbidity[t] as number, 1)]);
    }
    intake.push([
      date,
      formatSpanishNumber(b.intakeTurbidity[t] as number, 1),
      formatSpanishNumber(b.colour[t] as number, 0),
      formatSpanishNumber(b.ph[t] as number, 2),
      formatSpanishNumber(b.conductivity[t] as number, 0),
      formatSpanishNumber(b.flow[t] as number, 0),
      formatSpanishNumber(b.temperature[t] as number, 1),
      formatSpanishNumber(b.dose[t] as number, 1),
    ]);
  }
  return {
    [FILES.rain]: csv(HEADERS.rain, rain),
    [FILES.upstream]: csv(HEADERS.upstream, upstream),
    [FILES.intake]: csv(HEADERS.intake, intake),
  };
}

export const DEFAULT_OUT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../public/samples/cuenca-sintetica',
);

/** Writes the three files to `outDir`; returns their sizes in bytes. */
export function writeBasinFiles(outDir = DEFAULT_OUT_DIR): Record<string, number> {
  mkdirSync(outDir, { recursive: true });
  const files = basinCsvFiles(generateBasin());
  const sizes: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(outDir, name), bytes);
    sizes[name] = bytes.length;
  }
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT_DIR;
  const sizes = writeBasinFiles(outDir);
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`${join(outDir, name)}: ${size} bytes`);
  }
}
