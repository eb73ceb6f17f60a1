import type { InputRecord } from '../../domain/input-record';
import type { InputSpec, PackManifest } from '../../domain/pack-manifest';
import { featureMatrix, inverseTarget } from '../preprocessing';
import type { GoldenFile } from '../training/train-pack';
import type { BatchRow, DosePrediction, HeadOutput, InputIssue, PredictResult } from './engine-api';
import {
  predictHead,
  predictHeadMatrix,
  type HeadPrediction,
  type LoadedHead,
  type LoadedPack,
} from './loaded-pack';
import { noveltyScorer, type NoveltyScorer } from './novelty';
import { MEMBERS_DISAGREE_MIN_SPREAD, MEMBERS_DISAGREE_RATIO } from './thresholds';
import {
  checkRecord,
  checkedInputs,
  headInputIds,
  logScaleInputIds,
  sensorChecks,
} from './validate';

/**
 * A loaded pack plus everything a prediction needs beside the models: validation, novelty,
 * disagreement. Used by the engine on the main thread and by the batch worker alike, so both
 * give the same answer for the same record.
 */
export class PackRuntime {
  readonly manifest: PackManifest;
  readonly inputs: InputSpec[];
  readonly logScale: Set<string>;
  readonly novelty: NoveltyScorer;
  /** The input the settled head reads the applied dose from (role 'dose'). */
  readonly doseInput: InputSpec | undefined;
  readonly golden: GoldenFile | undefined;
  /**
   * The heads without their zero-weight members, for every path that needs only the stacked
   * output (batches, explanations, what-if, reverse). A member the stacking gave weight 0 adds
   * exactly 0 to the ensemble (tree and imputed TF.js outputs are finite), so skipping it changes
   * no bit of the dose, and on the shipped pack it skips a 700-tree GBDT: half the batch time.
   * predict() keeps every member, so the UI can show them all.
   */
  private readonly doseWeighted: LoadedHead;
  private readonly settledWeighted: LoadedHead | undefined;

  constructor(
    readonly pack: LoadedPack,
    files: Readonly<Record<string, Uint8Array>>,
  ) {
    this.manifest = pack.manifest;
    this.inputs = checkedInputs(this.manifest);
    this.logScale = logScaleInputIds(this.manifest);
    this.novelty = noveltyScorer(this.manifest.heads.dose);
    const settledInputs = this.manifest.heads.settled
      ? headInputIds(this.manifest.heads.settled)
      : new Set<string>();
    this.doseInput = this.manifest.inputs.find((i) => i.role === 'dose' && settledInputs.has(i.id));
    this.golden = parseGolden(files['golden.json']);
    this.doseWeighted = weightedOnly(pack.dose);
    this.settledWeighted = pack.settled ? weightedOnly(pack.settled) : undefined;
  }

  check(record: InputRecord) {
    return checkRecord(this.manifest, record, this.inputs, this.logScale);
  }

  /** Raw head outputs (transformed scale too) for records as given: the parity harness. */
  async heads(
    records: readonly InputRecord[],
  ): Promise<{ dose: HeadPrediction; settled?: HeadPrediction }> {
    const dose = await predictHead(this.pack.dose, records);
    if (!this.pack.settled) return { dose };
    return { dose, settled: await predictHead(this.pack.settled, records) };
  }

  /** Ensemble dose (mg/L, unclamped) for records as given: the black box for explanations. */
  async doseValues(records: readonly InputRecord[]): Promise<Float64Array> {
    return (await predictHead(this.doseWeighted, records)).value;
  }

  /** Settled-turbidity forecast (point, target units) for one record at each applied dose. */
  async settledAt(record: InputRecord, doses: readonly number[]): Promise<Float64Array> {
    const head = this.settledWeighted;
    const id = this.doseInput?.id;
    if (!head || !id) throw new Error(`pack ${this.manifest.id} has no settled-turbidity head`);
    return (
      await predictHead(
        head,
        doses.map((d) => ({ ...record, [id]: d })),
      )
    ).value;
  }

  /** One record, with the sensor checks over `recent` (same plant, oldest first). */
  async predict(record: InputRecord, recent?: readonly InputRecord[]): Promise<PredictResult> {
    const check = this.check(record);
    if (check.errors.length > 0) return { ok: false, issues: check.errors };
    const doseHead = this.pack.dose;
    const x = featureMatrix(doseHead.spec.features, [record]);
    const dosePred = await predictHeadMatrix(doseHead, x, 1);
    const dose = headOutput(doseHead, dosePred, 0);
    const issues: InputIssue[] = [...check.warnings];
    let jarTestRequired = check.jarTest;

    const score = this.novelty.score(x, 0);
    const novel = score > this.novelty.threshold;
    if (novel) {
      jarTestRequired = true;
      issues.push(noveltyIssue(score, this.novelty.threshold));
    }
    const { disagreement, flagged, spread } = disagreementOf(doseHead, dosePred, 0, dose.value);
    if (flagged) {
      jarTestRequired = true;
      issues.push(disagreeIssue(disagreement, spread));
    }
    if (recent && recent.length > 0)
      issues.push(...sensorChecks(this.manifest, record, recent, this.inputs));

    const prediction: DosePrediction = {
      dose,
      disagreement,
      novelty: { score, threshold: this.novelty.threshold, novel },
      issues,
      jarTestRequired,
    };
    const settledHead = this.pack.settled;
    const doseId = this.doseInput?.id;
    if (settledHead && doseId) {
      // The forecast at the recommended dose, not at whatever dose the record carries.
      const rec = { ...record, [doseId]: dose.value };
      const xs = featureMatrix(settledHead.spec.features, [rec]);
      prediction.settled = headOutput(settledHead, await predictHeadMatrix(settledHead, xs, 1), 0);
    }
    return { ok: true, prediction };
  }

  /** Many records: the same checks as predict except the sensor checks (no `recent`). */
  async predictRows(records: readonly InputRecord[]): Promise<BatchRow[]> {
    const rows: BatchRow[] = new Array<BatchRow>(records.length);
    const valid: number[] = [];
    const checks = records.map((r) => this.check(r));
    checks.forEach((c, i) => {
      if (c.errors.length > 0)
        rows[i] = { ok: false, dose: NaN, lo: NaN, hi: NaN, novel: false, issues: c.errors };
      else valid.push(i);
    });
    if (valid.length === 0) return rows;
    const head = this.doseWeighted;
    const x = featureMatrix(
      head.spec.features,
      valid.map((i) => records[i] as InputRecord),
    );
    const pred = await predictHeadMatrix(head, x, valid.length);
    const floor = head.spec.target.physicalRange[0];
    valid.forEach((i, r) => {
      const c = checks[i]!;
      const issues = c.warnings;
      const value = Math.max(floor, pred.value[r] as number);
      const score = this.novelty.score(x, r);
      const novel = score > this.novelty.threshold;
      if (novel) issues.push(noveltyIssue(score, this.novelty.threshold));
      const d = disagreementOf(head, pred, r, value);
      if (d.flagged) issues.push(disagreeIssue(d.disagreement, d.spread));
      rows[i] = {
        ok: true,
        dose: value,
        lo: pred.lo[r] as number,
        hi: pred.hi[r] as number,
        novel,
        issues,
      };
    });
    return rows;
  }

  dispose(): void {
    this.pack.dispose();
  }
}

function weightedOnly(head: LoadedHead): LoadedHead {
  const members = head.members.filter((m) => m.weight > 0);
  return members.length === head.members.length ? head : { spec: head.spec, members };
}

function parseGolden(bytes: Uint8Array | undefined): GoldenFile | undefined {
  if (!bytes) return undefined;
  try {
    const g = JSON.parse(new TextDecoder().decode(bytes)) as GoldenFile;
    return Array.isArray(g.rows) ? g : undefined;
  } catch {
    return undefined;
  }
}

/** Row r of a head prediction in target units; the point is clamped to the physical floor. */
function headOutput(head: LoadedHead, pred: HeadPrediction, r: number): HeadOutput {
  const target = head.spec.target;
  const floor = target.physicalRange[0];
  return {
    value: Math.max(floor, pred.value[r] as number),
    lo: pred.lo[r] as number,
    hi: pred.hi[r] as number,
    members: head.members.map((m) => ({
      id: m.id,
      kind: m.kind,
      value: inverseTarget(target, pred.members[m.kind]?.[r] as number),
      weight: m.weight,
    })),
  };
}

/**
 * (max − min) / dose over the members that carry weight, in target units; flagged above
 * MEMBERS_DISAGREE_RATIO when the spread is also at least MEMBERS_DISAGREE_MIN_SPREAD.
 */
function disagreementOf(
  head: LoadedHead,
  pred: HeadPrediction,
  r: number,
  dose: number,
): { disagreement: number; spread: number; flagged: boolean } {
  let min = Infinity;
  let max = -Infinity;
  for (const m of head.members) {
    if (!(m.weight > 0)) continue;
    const v = inverseTarget(head.spec.target, pred.members[m.kind]?.[r] as number);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max >= min)) return { disagreement: 0, spread: 0, flagged: false };
  const spread = max - min;
  const disagreement = dose > 0 ? spread / dose : spread > 0 ? Infinity : 0;
  return {
    disagreement,
    spread,
    flagged: disagreement > MEMBERS_DISAGREE_RATIO && spread >= MEMBERS_DISAGREE_MIN_SPREAD,
  };
}

function noveltyIssue(score: number, threshold: number): InputIssue {
  return {
    input: '*',
    code: 'novel-combination',
    severity: 'warning',
    detail: { score, threshold },
  };
}

function disagreeIssue(disagreement: number, spread: number): InputIssue {
  return {
    input: '*',
    code: 'members-disagree',
    severity: 'warning',
    detail: { score: disagreement, threshold: MEMBERS_DISAGREE_RATIO, value: spread },
  };
}
