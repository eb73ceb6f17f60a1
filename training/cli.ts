import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { modelCard, metricsMarkdown, verdict } from '../src/ml/training/model-card';
import { gbdtLearner, randomForestLearner } from '../src/ml/training/members/tree-members';
import { mlpLearner } from '../src/ml/training/members/mlp-member';
import { ridgeLearner } from '../src/ml/training/members/ridge-member';
import { BUDGETS } from '../src/ml/training/members/member-learner';
import type { TrainingProgress } from '../src/ml/training/progress';
import { trainPack, type TrainedPack } from '../src/ml/training/train-pack';
import { cleanAguaClara, parseAguaClaraCsv } from './datasets/aguaclara';
import { aguaclaraPackDefinition, type AguaClaraVariant } from './datasets/aguaclara-pack';
import { initNodeBackend } from './tf-node-backend';
import { updatePackIndex } from './pack-index';

/**
 * npm run train [-- --quick] [--seed 42] [--variant raw-water|previous-dose|all] [--out public/models]
 * Trains the AguaClara packs from data/ and writes them where the app serves them.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    variant: { type: 'string', default: 'all' },
    out: { type: 'string', default: 'public/models' },
    'created-at': { type: 'string' },
  },
});

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const seed = Number(args.seed);
const budget = args.quick ? BUDGETS.quick : BUDGETS.full;
const variants: AguaClaraVariant[] =
  args.variant === 'all' ? ['raw-water', 'previous-dose'] : [args.variant as AguaClaraVariant];

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
  const dir = join(resolve(root, args.out ?? 'public/models'), pack.manifest.id);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, bytes] of Object.entries(pack.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(pack.manifest, null, 1)}\n`);
  writeFileSync(join(dir, 'MODEL_CARD.md'), card);
  return dir;
}

async function main() {
  const backend = await initNodeBackend();
  console.log(
    `TF.js backend: ${backend}; budget: ${budget.name} (${budget.trials} trials per member); seed ${seed}`,
  );
  const csv = readFileSync(
    join(root, 'data/aguaclara_honduras_post/post_plant_reports.csv'),
    'utf8',
  );
  const data = cleanAguaClara(parseAguaClaraCsv(csv));
  console.log(
    `\nCleaning report (${data.rowsRead} reports read, ${data.table.records.length} kept):`,
  );
  console.table(data.cleaning.map((c) => ({ rule: c.rule, removed: c.removed, detail: c.detail })));

  for (const variant of variants) {
    const def = aguaclaraPackDefinition(data, variant);
    const t0 = Date.now();
    const pack = await trainPack(data.table, def, {
      seed,
      budget,
      learners: [ridgeLearner, randomForestLearner, gbdtLearner, mlpLearner],
      onProgress: progressPrinter(def.id),
      ...(args['created-at'] ? { createdAt: args['created-at'] } : {}),
    });
    const seconds = (Date.now() - t0) / 1000;
    const tuning = [
      '| head | member | CV MAE | trials | chosen hyper-parameters |',
      '|---|---|---:|---:|---|',
      ...pack.tuning.map(
        (t) =>
          `| ${t.head} | ${t.member} | ${t.cvMae.toFixed(3)} | ${t.trials} | ${Object.entries(
            t.hyperparameters,
          )
            .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(3)) : String(v)}`)
            .join(', ')} |`,
      ),
    ].join('\n');
    const limitations =
      variant === 'previous-dose'
        ? [
            'This variant sees the dose applied at the previous report. It is reported separately: it mostly learns to repeat the operator, and it cannot help a plant whose previous dose was wrong.',
          ]
        : [
            'Only raw turbidity, flow, plant and time are known: no pH, colour, alkalinity or temperature, and no weather. A plant with those sensors should train its own pack.',
            'Flow is in each plant\u2019s own reporting unit and enters the model only relative to that plant\u2019s median.',
          ];
    const card = modelCard(pack.manifest, { tuning, limitations });
    const dir = writePack(pack, card);
    console.log(
      `\n== ${def.id}: test-set metrics, dose (mg/L), all plants — trained in ${seconds.toFixed(1)} s ==`,
    );
    console.log(metricsMarkdown(pack.manifest.heads.dose.metrics, 'all'));
    console.log(`\nPer plant:`);
    for (const scope of [...new Set(pack.manifest.heads.dose.metrics.map((r) => r.scope))].filter(
      (s) => s !== 'all',
    )) {
      console.log(`\n${scope}\n${metricsMarkdown(pack.manifest.heads.dose.metrics, scope)}`);
    }
    if (pack.manifest.heads.settled) {
      console.log(`\nSettled-turbidity head (NTU), all plants:`);
      console.log(metricsMarkdown(pack.manifest.heads.settled.metrics, 'all'));
    }
    console.log(
      `\nStacking weights: ${pack.manifest.heads.dose.members.map((m) => `${m.kind}=${m.weight.toFixed(3)}`).join(', ')}`,
    );
    console.log(tuning);
    console.log(`\nVerdict: ${verdict(pack.manifest.heads.dose).text}`);
    console.log(`Wrote ${dir}`);
    for (const head of Object.values(pack.heads)) head?.members.forEach((m) => m.fitted.dispose());
  }
  updatePackIndex(resolve(root, args.out ?? 'public/models'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
