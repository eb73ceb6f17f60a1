import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { trainingMappingSchema } from '../src/domain/training-mapping';
import { parseCsv } from '../src/data/ingest';
import { buildMappedDataset } from '../src/ml/training/mapped-dataset';
import { BUDGETS } from '../src/ml/training/members/member-learner';
import { mlpLearner } from '../src/ml/training/members/mlp-member';
import { ridgeLearner } from '../src/ml/training/members/ridge-member';
import { gbdtLearner, randomForestLearner } from '../src/ml/training/members/tree-members';
import { metricsMarkdown, modelCard, tuningMarkdown, verdict } from '../src/ml/training/model-card';
import type { TrainingProgress } from '../src/ml/training/progress';
import { trainPack, type PackDefinition, type TrainedPack } from '../src/ml/training/train-pack';
import type { TrainingTable } from '../src/ml/training/training-table';
import { cleanAguaClara, parseAguaClaraCsv } from './datasets/aguaclara';
import { aguaclaraPackDefinition, type AguaClaraVariant } from './datasets/aguaclara-pack';
import { updatePackIndex } from './pack-index';
import { initNodeBackend } from './tf-node-backend';

/**
 * npm run train [-- --quick] [--seed 42] [--variant raw-water|previous-dose|all] [--out public/models]
 *   Trains the AguaClara packs from data/ and writes them where the app serves them.
 * npm run train -- --csv <file> --config <mapping.json> [--out dir]
 *   Trains a pack from any plant CSV through the same mapping code the browser wizard uses.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    variant: { type: 'string', default: 'all' },
    out: { type: 'string', default: 'public/models' },
    csv: { type: 'string' },
    config: { type: 'string' },
    'created-at': { type: 'string' },
  },
});

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outDir = resolve(root, args.out ?? 'public/models');
const LEARNERS = [ridgeLearner, randomForestLearner, gbdtLearner, mlpLearner];

function progressPrinter(label: string) {
  const started = Date.now();
  let lastPrint = 0;
  let lastStage = '';
  return (p: TrainingProgress) => {
    const now = Date.now();
    const key = `${p.head}/${p.stage}/${p.message.split(':')[0]}`;
    if (key === lastStage && now - lastPrint < 5000) return;
    lastStage = key;
    lastPrint = now;
    const elapsed = (now - started) / 1000;
    const eta = p.done > 0 ? (elapsed / p.done) * (p.total - p.done) : Number.NaN;
    const pct = p.total ? ((100 * p.done) / p.total).toFixed(0) : '0';
    console.log(
      `[${label}] ${pct.padStart(3)} %  ${elapsed.toFixed(0).padStart(4)} s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}  ${p.head}/${p.stage}: ${p.message}`,
    );
  };
}

function writePack(pack: TrainedPack, card: string): string {
  const dir = join(outDir, pack.manifest.id);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, bytes] of Object.entries(pack.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(pack.manifest, null, 1)}\n`);
  writeFileSync(join(dir, 'MODEL_CARD.md'), card);
  return dir;
}

/** Train one pack, write it with its model card, and print the metrics tables. */
async function trainAndReport(
  table: TrainingTable,
  def: PackDefinition,
  budget: (typeof BUDGETS)[keyof typeof BUDGETS],
  seed: number,
  limitations: string[],
): Promise<void> {
  const t0 = Date.now();
  const pack = await trainPack(table, def, {
    seed,
    budget,
    learners: LEARNERS,
    onProgress: progressPrinter(def.id),
    ...(args['created-at'] ? { createdAt: args['created-at'] } : {}),
  });
  const seconds = (Date.now() - t0) / 1000;
  const tuning = tuningMarkdown(pack.tuning);
  const dir = writePack(pack, modelCard(pack.manifest, { tuning, limitations }));
  const dose = pack.manifest.heads.dose;
  console.log(
    `\n== ${def.id}: test-set metrics, dose (${dose.target.unit}), all groups — trained in ${seconds.toFixed(1)} s ==`,
  );
  console.log(metricsMarkdown(dose.metrics, 'all'));
  const scopes = [...new Set(dose.metrics.map((r) => r.scope))].filter((s) => s !== 'all');
  if (scopes.length > 1) {
    console.log(`\nPer group:`);
    for (const scope of scopes) console.log(`\n${scope}\n${metricsMarkdown(dose.metrics, scope)}`);
  }
  if (pack.manifest.heads.settled) {
    console.log(`\nSettled-turbidity head (NTU), all groups:`);
    console.log(metricsMarkdown(pack.manifest.heads.settled.metrics, 'all'));
  }
  console.log(
    `\nStacking weights: ${dose.members.map((m) => `${m.kind}=${m.weight.toFixed(3)}`).join(', ')}`,
  );
  console.log(tuning);
  console.log(`\nVerdict: ${verdict(dose).text}`);
  console.log(`Wrote ${dir}`);
  for (const head of Object.values(pack.heads)) head?.members.forEach((m) => m.fitted.dispose());
}

async function trainAguaClara(): Promise<void> {
  const seed = Number(args.seed);
  const budget = args.quick ? BUDGETS.quick : BUDGETS.full;
  console.log(`Budget: ${budget.name} (${budget.trials} trials per member); seed ${seed}`);
  const csv = readFileSync(
    join(root, 'data/aguaclara_honduras_post/post_plant_reports.csv'),
    'utf8',
  );
  const data = cleanAguaClara(parseAguaClaraCsv(csv));
  console.log(
    `\nCleaning report (${data.rowsRead} reports read, ${data.table.records.length} kept):`,
  );
  console.table(data.cleaning.map((c) => ({ rule: c.rule, removed: c.removed, detail: c.detail })));
  const variants: AguaClaraVariant[] =
    args.variant === 'all' ? ['raw-water', 'previous-dose'] : [args.variant as AguaClaraVariant];
  for (const variant of variants) {
    const limitations =
      variant === 'previous-dose'
        ? [
            'This variant sees the dose applied at the previous report. It is reported separately: it mostly learns to repeat the operator, and it cannot help a plant whose previous dose was wrong.',
          ]
        : [
            'Only raw turbidity, flow, plant and time are known: no pH, colour, alkalinity or temperature, and no weather. A plant with those sensors should train its own pack.',
            'Flow is in each plant\u2019s own reporting unit and enters the model only relative to that plant\u2019s median.',
          ];
    await trainAndReport(
      data.table,
      aguaclaraPackDefinition(data, variant),
      budget,
      seed,
      limitations,
    );
  }
}

async function trainFromCsv(csvPath: string, configPath: string): Promise<void> {
  const mapping = trainingMappingSchema.parse(JSON.parse(readFileSync(configPath, 'utf8')));
  const { table: parsed, report } = parseCsv(new Uint8Array(readFileSync(csvPath)), {
    name: csvPath,
  });
  console.log(
    `Read ${csvPath}: ${report.rowsRead} rows, ${parsed.columns.length} columns (${report.encoding.used}, delimiter '${report.dialect.used.delimiter}', decimal '${report.dialect.used.decimal}')`,
  );
  const built = buildMappedDataset(parsed.columns, mapping);
  if (!built.ok) {
    for (const p of built.problems)
      console.error(
        `Cannot train: ${p.code}${p.column ? ` (${p.column})` : ''}${p.count !== undefined ? ` — ${p.count} rows${p.needed !== undefined ? `, ${p.needed} needed` : ''}` : ''}${p.example ? `, first at ${p.example}` : ''}`,
      );
    process.exit(2);
  }
  for (const n of built.notices) console.log(`Note: ${n.code} (${n.count} rows out of time order)`);
  console.table(built.cleaning);
  await trainAndReport(built.table, built.definition, BUDGETS[mapping.budget], mapping.seed, [
    'Trained on a single plant table supplied by the user; check the data source and its quality before relying on it.',
  ]);
}

async function main() {
  const backend = await initNodeBackend();
  console.log(`TF.js backend: ${backend}`);
  if (args.csv || args.config) {
    if (!args.csv || !args.config) throw new Error('--csv and --config go together');
    await trainFromCsv(resolve(args.csv), resolve(args.config));
  } else {
    await trainAguaClara();
  }
  updatePackIndex(outDir);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
