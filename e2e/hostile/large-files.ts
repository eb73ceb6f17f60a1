/**
 * The hostile files too large to commit (issue #8), written on demand into the OS temp folder:
 * 10,000 columns (the limit, read), 10,001 columns (refused) and a 200 MiB Spanish-Excel-style
 * file (`;`, decimal comma, dd/mm/yyyy hh:mm). The 200 MiB file is kept between runs (same bytes
 * every time) and skipped, with a printed notice, when the disk has less than 1 GiB free beyond it.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostileExpectation } from './corpus';

export interface LargeFile {
  name: string;
  /** Absolute path, or null when skipped. */
  path: string | null;
  expected: HostileExpectation;
  /** Why the file was not written (printed by the caller). */
  skipped?: string;
  /** Seconds spent writing it (0 when reused). */
  writeSeconds: number;
}

export const LARGE_DIR = join(tmpdir(), 'dosis-hostile');
export const BIG_NAME = 'hostil-200mb.csv';
export const BIG_BYTES = 200 * 1024 * 1024;
const MIN_FREE_BYTES = 1024 * 1024 * 1024;
const BIG_COLUMNS = [
  'Fecha',
  'Turbiedad (NTU)',
  'Color (UPC)',
  'pH',
  'Caudal (L/s)',
  'Conductividad (uS/cm)',
  'Temperatura (C)',
  'Dosis (mg/L)',
];

function wide(columns: number): string {
  const header = Array.from({ length: columns }, (_, i) => `c${i + 1}`).join(',');
  const row = (k: number) => Array.from({ length: columns }, (_, i) => (i + k) % 10).join(',');
  return `${header}\n${row(0)}\n${row(1)}\n`;
}

function writeSmall(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
  return path;
}

/** Two-digit strings 00–99, so a row is built by concatenation only. */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Write the 200 MiB file: one row per minute from 2018-01-01, values from a fixed LCG so the
 * bytes (and the row count) are the same on every machine. Stops at the last whole row that
 * fits in BIG_BYTES. Returns the row count.
 */
async function writeBig(path: string): Promise<number> {
  const handle = await open(path, 'w');
  try {
    let seed = 20240301;
    const next = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const value = (lo: number, span: number): string => {
      const cents = lo * 100 + (next() % (span * 100));
      return `${Math.floor(cents / 100)},${TWO[cents % 100]!}`;
    };
    let written = 0;
    let rows = 0;
    let day = Date.UTC(2018, 0, 1);
    let minute = 0;
    let dayText = '';
    const header = `${BIG_COLUMNS.join(';')}\r\n`;
    let chunk = header;
    for (;;) {
      if (minute === 0) {
        const d = new Date(day);
        dayText = `${TWO[d.getUTCDate()]!}/${TWO[d.getUTCMonth() + 1]!}/${d.getUTCFullYear()} `;
      }
      const line =
        `${dayText}${TWO[Math.floor(minute / 60)]!}:${TWO[minute % 60]!};` +
        `${value(1, 80)};${value(5, 40)};${value(6, 2)};${value(200, 150)};` +
        `${value(80, 60)};${value(18, 8)};${value(8, 30)}\r\n`;
      if (written + chunk.length + line.length > BIG_BYTES) break;
      chunk += line;
      rows++;
      if (++minute === 1440) {
        minute = 0;
        day += 86_400_000;
      }
      if (chunk.length >= 4 << 20) {
        await handle.write(chunk, null, 'latin1');
        written += chunk.length;
        chunk = '';
      }
    }
    await handle.write(chunk, null, 'latin1');
    return rows;
  } finally {
    await handle.close();
  }
}

/** Write (or reuse) every large file and return them with their expected outcome. */
export async function generateLargeFiles(dir = LARGE_DIR): Promise<LargeFile[]> {
  mkdirSync(dir, { recursive: true });
  const files: LargeFile[] = [
    {
      name: 'columnas-10000.csv',
      path: writeSmall(dir, 'columnas-10000.csv', wide(10_000)),
      expected: { rows: 2, columns: 10_000, note: '10,000 columns, the limit: read' },
      writeSeconds: 0,
    },
    {
      name: 'columnas-10001.csv',
      path: writeSmall(dir, 'columnas-10001.csv', wide(10_001)),
      expected: { error: 'too-many-columns', note: 'one column over the limit' },
      writeSeconds: 0,
    },
  ];

  const path = join(dir, BIG_NAME);
  const sidecar = `${path}.rows.json`;
  const big: LargeFile = {
    name: BIG_NAME,
    path,
    expected: { rows: 0, columns: BIG_COLUMNS.length, note: '200 MiB, `;`, decimal comma' },
    writeSeconds: 0,
  };
  const reusable =
    existsSync(path) &&
    existsSync(sidecar) &&
    statSync(path).size <= BIG_BYTES &&
    statSync(path).size > BIG_BYTES - 200;
  if (reusable) {
    big.expected = {
      ...big.expected,
      rows: (JSON.parse(readFileSync(sidecar, 'utf8')) as { rows: number }).rows,
    };
  } else {
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    if (free < MIN_FREE_BYTES + BIG_BYTES) {
      big.path = null;
      big.skipped = `only ${(free / 2 ** 30).toFixed(2)} GiB free in ${dir}; the 200 MiB file needs 1 GiB beyond its size`;
    } else {
      const started = performance.now();
      const rows = await writeBig(path);
      writeFileSync(sidecar, JSON.stringify({ rows }));
      big.expected = { ...big.expected, rows };
      big.writeSeconds = (performance.now() - started) / 1000;
    }
  }
  files.push(big);
  return files;
}
