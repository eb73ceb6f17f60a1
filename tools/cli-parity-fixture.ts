import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackManifest } from '../src/domain/pack-manifest';

/**
 * npx tsx tools/cli-parity-fixture.ts
 *   Trains the synthetic-basin pack with the CLI (`npm run train -- --csv … --config …`, seed 42,
 *   quick budget, as training/configs/cuenca-sintetica.json says) and writes its test-set metrics
 *   to e2e/fixtures/cli-parity/cuenca-sintetica-metrics.json. e2e/models.spec.ts trains the same
 *   mapping in the browser wizard and compares its metrics with these. Re-run it whenever the
 *   training code, the sample or the config changes.
 */
const root = join(import.meta.dirname, '..');
const CSV = 'public/samples/cuenca-sintetica/bocatoma-planta.csv';
const CONFIG = 'training/configs/cuenca-sintetica.json';
const OUT = 'e2e/fixtures/cli-parity/cuenca-sintetica-metrics.json';

const dir = mkdtempSync(join(tmpdir(), 'cli-parity-'));
try {
  const args = ['tsx', 'training/cli.ts', '--csv', CSV, '--config', CONFIG, '--out', dir];
  const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`training failed (exit ${run.status})`);
  const config = JSON.parse(readFileSync(join(root, CONFIG), 'utf8')) as {
    packId: string;
    seed: number;
    budget: string;
  };
  const manifest = JSON.parse(
    readFileSync(join(dir, config.packId, 'manifest.json'), 'utf8'),
  ) as PackManifest;
  const fixture = {
    note: 'Test-set metrics of the dose head from the Node CLI (TF.js WASM backend). Regenerate with `npx tsx tools/cli-parity-fixture.ts`.',
    command: `npm run train -- --csv ${CSV} --config ${CONFIG}`,
    seed: config.seed,
    budget: config.budget,
    rows: manifest.dataSource.rows,
    split: manifest.split,
    weights: Object.fromEntries(manifest.heads.dose.members.map((m) => [m.kind, m.weight])),
    metrics: manifest.heads.dose.metrics,
  };
  writeFileSync(join(root, OUT), `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`Wrote ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
