import type {
  FeatureSpec,
  HeadSpec,
  MemberSpec,
  MetricsRow,
  PackManifest,
} from '../../domain/pack-manifest';

/** MODEL_CARD.md for a pack, generated from its manifest alone (so browser-trained packs get one too). */

const fmt = (v: number | null, digits = 2) =>
  v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits);

/** The tuning summary: per head and member, the CV score and the chosen hyper-parameters. */
export function tuningMarkdown(
  tuning: readonly {
    head: string;
    member: string;
    cvMae: number;
    trials: number;
    hyperparameters: Record<string, unknown>;
  }[],
): string {
  return [
    '| head | member | CV MAE | trials | chosen hyper-parameters |',
    '|---|---|---:|---:|---|',
    ...tuning.map(
      (t) =>
        `| ${t.head} | ${t.member} | ${t.cvMae.toFixed(3)} | ${t.trials} | ${Object.entries(
          t.hyperparameters,
        )
          .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(3)) : String(v)}`)
          .join(', ')} |`,
    ),
  ].join('\n');
}

export function metricsMarkdown(rows: readonly MetricsRow[], scope: string): string {
  const lines = [
    '| model | n | MAE | RMSE | R² | MAPE % | 90 % coverage |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows.filter((row) => row.scope === scope)) {
    lines.push(
      `| ${r.model} | ${r.n} | ${fmt(r.mae)} | ${fmt(r.rmse)} | ${fmt(r.r2, 3)} | ${fmt(r.mape, 1)} | ${
        r.coverage === null ? '–' : `${(r.coverage * 100).toFixed(1)} %`
      } |`,
    );
  }
  return lines.join('\n');
}

function perScopeTable(rows: readonly MetricsRow[]): string {
  const scopes = [...new Set(rows.map((r) => r.scope))].filter((s) => s !== 'all');
  const lines = [
    '| plant | n | persistence MAE | ensemble MAE | persistence R² | ensemble R² | coverage |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scopes) {
    const p = rows.find((r) => r.scope === s && r.model === 'baseline: persistence');
    const e = rows.find((r) => r.scope === s && r.model === 'ensemble');
    if (!e) continue;
    lines.push(
      `| ${s} | ${e.n} | ${fmt(p?.mae ?? null)} | ${fmt(e.mae)} | ${fmt(p?.r2 ?? null, 3)} | ${fmt(e.r2, 3)} | ${
        e.coverage === null ? '–' : `${(e.coverage * 100).toFixed(1)} %`
      } |`,
    );
  }
  return lines.join('\n');
}

/** The honest verdict: does the ensemble beat keep-last-dose on the held-out test set? */
export function verdict(head: HeadSpec): {
  beatsPersistence: boolean;
  maeGainPercent: number;
  text: string;
} {
  const all = head.metrics.filter((r) => r.scope === 'all');
  const ens = all.find((r) => r.model === 'ensemble');
  const pers = all.find((r) => r.model === 'baseline: persistence');
  if (!ens || !pers)
    return {
      beatsPersistence: false,
      maeGainPercent: 0,
      text: 'No persistence baseline to compare with.',
    };
  const gain = ((pers.mae - ens.mae) / pers.mae) * 100;
  const beats = ens.mae < pers.mae && ens.r2 > pers.r2;
  return {
    beatsPersistence: beats,
    maeGainPercent: gain,
    text: beats
      ? `Beats keep-last-dose by ${gain.toFixed(1)} % on MAE (R² ${ens.r2.toFixed(3)} vs ${pers.r2.toFixed(3)}).`
      : `Does not beat keep-last-dose on this data (MAE ${ens.mae.toFixed(2)} vs ${pers.mae.toFixed(2)}, R² ${ens.r2.toFixed(
          3,
        )} vs ${pers.r2.toFixed(3)}); do not use it for dosing without a jar test.`,
  };
}

const MEMBER_KINDS = [
  'ridge',
  'randomForest',
  'gbdt',
  'mlp',
] as const satisfies readonly MemberSpec['kind'][];

/**
 * Members that were trained and scored (they have a row in the test metrics) but are not in the
 * pack: their stacking weight was 0, so train-pack.ts leaves their files out.
 */
export function unshippedMembers(dose: HeadSpec): MemberSpec['kind'][] {
  const shipped = new Set<string>(dose.members.map((m) => m.kind));
  return MEMBER_KINDS.filter(
    (k) =>
      !shipped.has(k) && dose.metrics.some((r) => r.scope === 'all' && r.model === `member: ${k}`),
  );
}

function featureLine(f: FeatureSpec): string {
  const notes = [
    f.transform.kind,
    ...(f.treesOnly ? ['trees only'] : []),
    ...(f.monotone ? [`constrained ${f.monotone}`] : []),
  ];
  return `- \`${f.name}\` ← \`${f.input}\` (${notes.join(', ')})`;
}

export function modelCard(
  manifest: PackManifest,
  extra: { tuning?: string; limitations?: string[] } = {},
): string {
  const dose = manifest.heads.dose;
  const v = verdict(dose);
  const cov =
    dose.metrics.find((r) => r.scope === 'all' && r.model === 'ensemble')?.coverage ?? null;
  const notShipped = unshippedMembers(dose);
  const sections = [
    `# Model card — ${manifest.title.en} / ${manifest.title.es}`,
    `Pack id \`${manifest.id}\`, schema ${manifest.schemaVersion}, created ${manifest.createdAt}, seed ${manifest.seed}.`,
    `## Verdict\n${v.text} The 90 % interval covered ${cov === null ? '–' : `${(cov * 100).toFixed(1)} %`} of test reports.`,
    `## Data\n- Source: ${manifest.dataSource.name} (${manifest.dataSource.url}), licence ${manifest.dataSource.licence}.\n- Attribution: ${manifest.dataSource.attribution}.\n- Rows after cleaning: ${manifest.dataSource.rows}, ${manifest.dataSource.firstDate} → ${manifest.dataSource.lastDate}.`,
    `## Cleaning (in code; nothing edited by hand)\n| rule | rows removed | detail |\n|---|---:|---|\n${manifest.cleaning
      .map((c) => `| ${c.rule} | ${c.removed} | ${c.detail} |`)
      .join('\n')}`,
    `## Split (time order, never random)\n${manifest.split.description}.\n- Training ends: ${manifest.split.trainEnd} (latest plant)\n- Calibration ends: ${manifest.split.calibrationEnd}\n- Test starts: ${manifest.split.testStart} (earliest plant)`,
    `## Test-set metrics, dose (${dose.target.unit})\n${metricsMarkdown(dose.metrics, 'all')}`,
    `### Per plant\n${perScopeTable(dose.metrics)}`,
    `## Ensemble\n| member | stacking weight |\n|---|---:|\n${dose.members
      .map((m) => `| ${m.kind} | ${m.weight.toFixed(3)} |`)
      .join(
        '\n',
      )}\n\nIntercept ${dose.stacking.intercept.toFixed(4)} (log1p scale). Conformal half-width ${dose.conformal.quantile.toFixed(
      4,
    )} on the log1p scale (multiplicative interval).${
      notShipped.length
        ? ` Members with stacking weight 0 are not shipped: ${notShipped.join(', ')} (their test metrics are above).`
        : ''
    }`,
    extra.tuning ? `## Tuning\n${extra.tuning}` : '',
    manifest.heads.settled
      ? `## Second head: settled-water turbidity (${manifest.heads.settled.target.unit})\n${metricsMarkdown(
          manifest.heads.settled.metrics,
          'all',
        )}`
      : '',
    `## Inputs\n| input | unit | physical range | training range (p1–p99) |\n|---|---|---|---|\n${manifest.inputs
      .map(
        (i) =>
          `| ${i.label.en} (\`${i.id}\`) | ${i.unit || '–'} | ${i.physicalRange ? i.physicalRange.join(' – ') : '–'} | ${
            i.quantiles
              ? `${fmt(i.quantiles[0] ?? null)} – ${fmt(i.quantiles[4] ?? null)}`
              : (i.categories?.join(', ') ?? '–')
          } |`,
      )
      .join('\n')}`,
    `## Features\n${dose.features.map(featureLine).join('\n')}`,
    manifest.heads.settled
      ? `### Settled-turbidity head features\n${manifest.heads.settled.features.map(featureLine).join('\n')}`
      : '',
    `## Limitations and when to do a jar test instead\n${[
      'The model learned what operators dosed, not the optimal dose: it reproduces their policy, good or bad.',
      'Do a jar test whenever the app shows the novelty or out-of-range warning, after a sudden rise in raw turbidity, when the coagulant product or its strength changes, and at least once a day.',
      `Novelty: squared Mahalanobis distance above ${dose.novelty.threshold.toFixed(2)} (the ${(
        dose.novelty.thresholdQuantile * 100
      ).toFixed(0)}th percentile of training rows) is flagged.`,
      ...(extra.limitations ?? []),
    ]
      .map((l) => `- ${l}`)
      .join('\n')}`,
  ];
  return sections.filter(Boolean).join('\n\n') + '\n';
}
