/**
 * Throughput of the CSV pipeline on a generated ~50 MB file (294k rows × 22 columns: a date-time,
 * a category and 20 decimal-comma numbers, `;`-delimited, like a Spanish Excel export).
 * Opt-in, since timings on shared CI machines are noise:
 *
 *   INGEST_BENCH=1 npx vitest run src/data/ingest/parse-csv.throughput.test.ts
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';

function generate(rows: number): Uint8Array {
  const columns = 20;
  const header = ['fecha', 'planta', ...Array.from({ length: columns }, (_, i) => `var_${i}`)];
  const lines = [header.join(';')];
  const start = Date.UTC(2015, 0, 1);
  for (let r = 0; r < rows; r++) {
    const cells = [
      new Date(start + r * 600_000).toISOString().slice(0, 19).replace('T', ' '),
      `P${r % 7}`,
    ];
    for (let c = 0; c < columns; c++)
      cells.push((Math.sin(r * 0.01 + c) * 1000 + c * 10).toFixed(3).replace('.', ','));
    lines.push(cells.join(';'));
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

describe.runIf(process.env.INGEST_BENCH === '1')('parseCsv throughput', () => {
  it('parses ~50 MB with both engines', () => {
    const bytes = generate(294_000);
    const mb = bytes.length / 1e6;
    for (const engine of ['auto', 'papaparse'] as const) {
      const times: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < 4; run++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const { table } = parseCsv(bytes, { engine });
        times.push(performance.now() - t0);
        const used = process.cpuUsage(c0);
        cpu.push((used.user + used.system) / 1000);
        expect(table.rowCount).toBe(294_000);
        expect(table.columns.map((c) => c.kind).join(',')).toBe(
          ['datetime', 'category', ...Array<string>(20).fill('number')].join(','),
        );
      }
      const best = Math.min(...times);
      const median = [...times].sort((a, b) => a - b)[2]!;
      console.log(
        `${engine}: ${mb.toFixed(1)} MB, best ${best.toFixed(0)} ms = ${(mb / (best / 1000)).toFixed(0)} MB/s, ` +
          `median ${median.toFixed(0)} ms = ${(mb / (median / 1000)).toFixed(0)} MB/s ` +
          `(wall: ${times.map((t) => t.toFixed(0)).join(', ')} ms; ` +
          `CPU: ${cpu.map((t) => t.toFixed(0)).join(', ')} ms)`,
      );
    }
  }, 300_000);
});
