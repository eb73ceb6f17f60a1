import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataTable } from '../../../data/data-table';
import { localPackId } from '../../../data/pack-db/pack-record';
import type { TrainedPackFiles } from '../../../ml/training/browser/train-protocol';
import type { TrainingProgress } from '../../../ml/training/progress';
import { useAppStore } from '../../../store/app-store';
import { isKnownQuantity } from '../card/names';
import { noteTrained } from '../test-hook';
import { Busy, Message, Notice } from '../ui';
import { DataPicker } from './data-picker';
import { Problems, type AnyProblem } from './problems';
import { BudgetStep, ColumnsStep, TimeOrderNotice, UnitsStep } from './steps';
import {
  ResultView,
  TrainingProgressView,
  TrainingStopped,
  type SaveState,
} from './training-steps';
import {
  stepProblems,
  suggestDraft,
  tableProblems,
  toMapping,
  type WizardDraft,
  type WizardStep,
} from './wizard-model';

const STEPS = ['columns', 'units', 'budget', 'train', 'result'] as const;
type Step = (typeof STEPS)[number];

type Run =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'training'; progress: TrainingProgress | null; startedAt: number }
  | { kind: 'stopped'; failed: string | null }
  | { kind: 'done'; pack: TrainedPackFiles; save: SaveState };

type Loaded =
  | { status: 'none' }
  | { status: 'loading'; id: string }
  | { status: 'failed'; id: string }
  | { status: 'ready'; id: string; name: string; synthetic: boolean; table: DataTable };

/**
 * The training wizard: (1) columns, (2) units and ranges, (3) name and budget, (4) training in a
 * worker with progress and cancel, (5) the verdict and metrics, then save. The mapping is checked
 * with the trainer's own `buildMappedDataset` before any training starts, so a constant column or
 * too few rows is said in words, not discovered by a failed run. Nothing is saved until the
 * analyst saves; a cancelled or failed run leaves nothing behind.
 */
export default function TrainingWizard({
  onExit,
  onOpenCard,
}: {
  onExit: () => void;
  onOpenCard: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const openDataset = useAppStore((s) => s.openDataset);
  const saveLocalPack = useAppStore((s) => s.saveLocalPack);
  const setActivePack = useAppStore((s) => s.setActivePack);
  const activePackId = useAppStore((s) => s.activePackId);
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'none' });
  const [draft, setDraft] = useState<WizardDraft | null>(null);
  const [step, setStep] = useState<Step>('columns');
  const [problems, setProblems] = useState<AnyProblem[]>([]);
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Open the chosen dataset and make a first guess at the mapping.
  useEffect(() => {
    if (!datasetId) return;
    let live = true;
    setLoaded({ status: 'loading', id: datasetId });
    openDataset(datasetId).then(
      (record) => {
        if (!live) return;
        if (!record) return setLoaded({ status: 'failed', id: datasetId });
        setLoaded({
          status: 'ready',
          id: datasetId,
          name: record.meta.name,
          synthetic: record.meta.synthetic,
          table: record.data.table,
        });
        setDraft(suggestDraft(record.data.table, record.meta.name, lang));
        setProblems([]);
      },
      () => {
        if (live) setLoaded({ status: 'failed', id: datasetId });
      },
    );
    return () => {
      live = false;
    };
    // The draft is suggested once per dataset, in the language of the moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasetId, openDataset]);

  // Leaving the wizard stops a running training (the worker is terminated; nothing is saved).
  useEffect(() => () => controller.current?.abort(), []);

  // A new step: its heading takes focus, so screen readers announce it and the page starts there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, [step]);

  const update = useCallback((change: (d: WizardDraft) => WizardDraft) => {
    setDraft((d) => (d ? change(d) : d));
    setProblems([]);
  }, []);

  const ready = loaded.status === 'ready' && loaded.id === datasetId ? loaded : null;
  const unusable = ready ? tableProblems(ready.table.columns) : [];
  const usable = ready !== null && unusable.length === 0;

  function next(from: WizardStep, to: Step) {
    if (!draft) return;
    const found = stepProblems(draft, from);
    setProblems(found);
    if (found.length === 0) setStep(to);
  }

  async function train() {
    if (!draft || !ready) return;
    const found = (['columns', 'units', 'budget'] as const).flatMap((s) => stepProblems(draft, s));
    setProblems(found);
    if (found.length > 0) return;
    setRun({ kind: 'checking' });
    const tEs = i18n.getFixedT('es');
    const tEn = i18n.getFixedT('en');
    const kind = draft.targetKind === 'jar-test' ? 'kindJar' : 'kindApplied';
    const mapping = toMapping(draft, {
      packId: localPackId(draft.name, new Date()),
      datasetName: ready.name,
      synthetic: ready.synthetic,
      quantityLabel: (q) =>
        isKnownQuantity(q)
          ? { es: tEs(`models.quantity.${q}`), en: tEn(`models.quantity.${q}`) }
          : { es: q, en: q },
      targetLabel: {
        es: tEs(`models.wizard.columns.${kind}`),
        en: tEn(`models.wizard.columns.${kind}`),
      },
    });
    const [{ buildMappedDataset }, { trainPackInWorker }] = await Promise.all([
      import('../../../ml/training/mapped-dataset'),
      import('../../../ml/training/browser/train-client'),
    ]);
    // The trainer's own checks, here and now, before a worker is started.
    const built = buildMappedDataset(ready.table.columns, mapping);
    if (!built.ok) {
      setProblems(built.problems);
      setRun({ kind: 'idle' });
      return;
    }
    const ac = new AbortController();
    controller.current = ac;
    setRun({ kind: 'training', progress: null, startedAt: performance.now() });
    setStep('train');
    try {
      const res = await trainPackInWorker(
        ready.table.columns,
        mapping,
        (progress) =>
          setRun((r) => (r.kind === 'training' && !ac.signal.aborted ? { ...r, progress } : r)),
        ac.signal,
      );
      if (res.ok) {
        noteTrained(res.pack);
        setRun({ kind: 'done', pack: res.pack, save: { status: 'unsaved' } });
        setStep('result');
      } else if ('problems' in res) {
        setProblems(res.problems);
        setRun({ kind: 'idle' });
        setStep('budget');
      } else setRun({ kind: 'stopped', failed: res.error });
    } catch (e) {
      const aborted = e instanceof Error && e.name === 'AbortError';
      setRun({
        kind: 'stopped',
        failed: aborted ? null : e instanceof Error ? e.message : String(e),
      });
    } finally {
      if (controller.current === ac) controller.current = null;
    }
  }

  async function save() {
    if (run.kind !== 'done' || !ready) return;
    const { pack } = run;
    setRun({ ...run, save: { status: 'saving' } });
    const r = await saveLocalPack({
      manifest: pack.manifest,
      files: pack.files,
      card: pack.card,
      origin: 'trained',
      training: { datasetName: ready.name, seconds: pack.seconds, backend: pack.backend },
    });
    setRun((cur) =>
      cur.kind !== 'done'
        ? cur
        : {
            ...cur,
            save: r.ok
              ? { status: 'saved', meta: r.meta }
              : r.problem.code === 'storage-failed'
                ? { status: 'failed', detail: r.problem.detail }
                : { status: 'invalid' },
          },
    );
  }

  const stepIndex = STEPS.indexOf(step);
  const stepTitle = {
    columns: t('models.wizard.step.columns'),
    units: t('models.wizard.step.units'),
    budget: t('models.wizard.step.budget'),
    train: t('models.wizard.step.train'),
    result: t('models.wizard.step.result'),
  }[step];
  const training = run.kind === 'training' || run.kind === 'checking';

  return (
    <section className="md-wizard" aria-labelledby="md-wizard-heading" data-testid="wizard">
      <div className="md-view-bar">
        <h2 className="md-h2" id="md-wizard-heading">
          {t('models.wizard.heading')}
        </h2>
        <button type="button" className="button" onClick={onExit} disabled={training}>
          {t('models.wizard.exit')}
        </button>
      </div>
      <ol className="md-stepper" aria-label={t('models.wizard.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i < stepIndex ? 'md-step-done' : undefined}
            aria-current={i === stepIndex ? 'step' : undefined}
          >
            {t(`models.wizard.step.${s}`)}
          </li>
        ))}
      </ol>

      {step === 'columns' ? <DataPicker datasetId={datasetId} onChange={setDatasetId} /> : null}

      <h3
        className="md-h3 md-step-title"
        ref={headingRef}
        tabIndex={-1}
        data-testid="step-title"
        data-step={step}
      >
        {stepTitle}
      </h3>

      {step === 'columns' || step === 'units' || step === 'budget' ? (
        !datasetId ? null : loaded.status === 'failed' ? (
          <Notice tone="error">{t('models.wizard.data.openFailed')}</Notice>
        ) : !ready || !draft ? (
          <Busy>{t('models.wizard.data.opening')}</Busy>
        ) : !usable ? (
          <Notice tone="warning" testId="unusable">
            <p className="md-notice-title">
              <Message text={t('models.wizard.data.unusable')} data={ready.name} />
            </p>
            <ul className="md-list">
              {unusable.map((p) => (
                <li key={p} data-code={p}>
                  {t(
                    p === 'no-datetime'
                      ? 'models.wizard.data.unusableNoTime'
                      : 'models.wizard.data.unusableNumbers',
                  )}
                </li>
              ))}
            </ul>
          </Notice>
        ) : (
          <>
            {step === 'columns' ? (
              <ColumnsStep table={ready.table} draft={draft} update={update} />
            ) : step === 'units' ? (
              <UnitsStep table={ready.table} draft={draft} update={update} />
            ) : (
              <BudgetStep draft={draft} update={update} datasetName={ready.name} />
            )}
            {step === 'budget' ? <TimeOrderNotice table={ready.table} draft={draft} /> : null}
            <Problems
              problems={problems}
              onFix={
                step === 'budget'
                  ? () => {
                      setProblems([]);
                      setStep('columns');
                    }
                  : undefined
              }
            />
            {run.kind === 'checking' ? <Busy>{t('models.wizard.budget.checking')}</Busy> : null}
            <div className="md-actions md-wizard-nav">
              {step !== 'columns' ? (
                <button
                  type="button"
                  className="button"
                  disabled={training}
                  onClick={() => {
                    setProblems([]);
                    setStep(step === 'budget' ? 'units' : 'columns');
                  }}
                >
                  {t('models.wizard.back')}
                </button>
              ) : null}
              {step === 'budget' ? (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={training}
                  onClick={() => void train()}
                >
                  {t('models.wizard.budget.train')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() =>
                    step === 'columns' ? next('columns', 'units') : next('units', 'budget')
                  }
                >
                  {t('models.wizard.next')}
                </button>
              )}
            </div>
          </>
        )
      ) : null}

      {step === 'train' && run.kind === 'training' ? (
        <TrainingProgressView
          progress={run.progress}
          startedAt={run.startedAt}
          onCancel={() => controller.current?.abort()}
        />
      ) : null}
      {step === 'train' && run.kind === 'stopped' ? (
        <TrainingStopped
          failed={run.failed}
          onRetry={() => void train()}
          onBack={() => {
            setRun({ kind: 'idle' });
            setStep('budget');
          }}
        />
      ) : null}
      {step === 'result' && run.kind === 'done' ? (
        <ResultView
          pack={run.pack}
          save={run.save}
          active={run.save.status === 'saved' && activePackId === run.save.meta.id}
          onSave={() => void save()}
          onDiscard={() => {
            setRun({ kind: 'idle' });
            setStep('budget');
          }}
          onActivate={() => {
            if (run.save.status === 'saved') setActivePack(run.save.meta.id);
          }}
          onOpenCard={() => {
            if (run.save.status === 'saved') onOpenCard(run.save.meta.id);
          }}
          onAgain={() => {
            setRun({ kind: 'idle' });
            setStep('columns');
          }}
          onList={onExit}
        />
      ) : null}
    </section>
  );
}
