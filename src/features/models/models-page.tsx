import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useAppStore } from '../../store/app-store';
import { unloadLocalEngine } from '../../store/pack-sources';
import { DeleteDialog } from './packs/delete-dialog';
import { exportPack } from './packs/pack-files';
import { PackList, type PackActions } from './packs/pack-list';
import { loadShippedPacks, usePacks, type PackEntry } from './packs/use-packs';
import type { ImportProblem } from './packs/import-pack';
import { installTestHook, testHookEnabled } from './test-hook';
import { Busy, Message, Notice } from './ui';
import './models.css';

// The wizard (training, mapping checks) and the full card load when first opened.
const TrainingWizard = lazy(() => import('./wizard/training-wizard'));
const PackCardView = lazy(() => import('./card/pack-card-view'));

type View = { kind: 'list' } | { kind: 'card'; id: string } | { kind: 'wizard' };

type Status =
  | { kind: 'deleted' | 'imported' | 'exportFailed' | 'importing' }
  | { kind: 'importFailed'; problem: ImportProblem | { code: 'storage-failed' | 'unknown' } };

function ImportError({
  problem,
}: {
  problem: ImportProblem | { code: 'storage-failed' | 'unknown' };
}) {
  const { t } = useTranslation();
  const data = 'path' in problem ? problem.path : 'id' in problem ? problem.id : undefined;
  return <Message text={t(`models.importError.${problem.code}`)} data={data} />;
}

/** Model packs, model cards and in-browser training (#/modelos). */
export function ModelsPage() {
  const { t } = useTranslation();
  const { entries, shipped, local } = usePacks();
  const activePackId = useAppStore((s) => s.activePackId);
  const setActivePack = useAppStore((s) => s.setActivePack);
  const deleteLocalPack = useAppStore((s) => s.deleteLocalPack);
  const saveLocalPack = useAppStore((s) => s.saveLocalPack);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [status, setStatus] = useState<Status | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{
    entry: PackEntry;
    busy: boolean;
    failed: boolean;
  } | null>(null);
  const [backToList, setBackToList] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (testHookEnabled()) installTestHook();
  }, []);

  const showList = () => {
    setView({ kind: 'list' });
    setBackToList(true);
  };

  const actions: PackActions = {
    exporting,
    onOpenCard: (id) => {
      setStatus(null);
      setView({ kind: 'card', id });
    },
    onActivate: (id) => setActivePack(id),
    onExport: (entry) => {
      setExporting(entry.id);
      setStatus(null);
      exportPack(entry)
        .catch(() => setStatus({ kind: 'exportFailed' }))
        .finally(() => setExporting(null));
    },
    onDelete: (entry) => setDeleting({ entry, busy: false, failed: false }),
  };

  async function confirmDelete() {
    if (!deleting) return;
    const { entry } = deleting;
    setDeleting({ ...deleting, busy: true });
    try {
      // Free its engine first (tensors, batch workers); a pack never loaded has none.
      if (entry.local) await unloadLocalEngine(entry.local).catch(() => undefined);
      await deleteLocalPack(entry.id);
      setDeleting(null);
      setStatus({ kind: 'deleted' });
      if (view.kind === 'card') showList();
    } catch {
      setDeleting({ entry, busy: false, failed: true });
    }
  }

  async function importZip(file: File) {
    setStatus({ kind: 'importing' });
    try {
      const [{ checkPackZip }, { verifyPackFiles }, bytes, shippedIds] = await Promise.all([
        import('./packs/import-pack'),
        import('../../ml/engine/loaded-pack'),
        file.arrayBuffer().then((b) => new Uint8Array(b)),
        loadShippedPacks().then(
          (packs) => packs.map((p) => p.id),
          () => [] as string[],
        ),
      ]);
      await useAppStore.getState().loadLocalPacks();
      const check = await checkPackZip(bytes, {
        shippedIds,
        local: useAppStore.getState().localPacks,
        verify: verifyPackFiles,
      });
      if (!check.ok) return setStatus({ kind: 'importFailed', problem: check.problem });
      const saved = await saveLocalPack(check.pack);
      setStatus(
        saved.ok
          ? { kind: 'imported' }
          : {
              kind: 'importFailed',
              problem:
                saved.problem.code === 'storage-failed'
                  ? { code: 'storage-failed' }
                  : saved.problem.code === 'missing-file'
                    ? { code: 'missing-file', path: saved.problem.path }
                    : { code: saved.problem.code, detail: saved.problem.detail },
            },
      );
    } catch {
      setStatus({ kind: 'importFailed', problem: { code: 'unknown' } });
    }
  }

  const cardEntry = view.kind === 'card' ? entries.find((e) => e.id === view.id) : undefined;

  return (
    <div className="models">
      <PageHeader title={t('models.title')} lead={t('models.lead')} />

      <div className="md-status" aria-live="polite" data-testid="models-status">
        {status?.kind === 'importing' ? <Busy>{t('models.list.importing')}</Busy> : null}
        {status?.kind === 'imported' ? (
          <Notice tone="ok">{t('models.list.imported')}</Notice>
        ) : null}
        {status?.kind === 'deleted' ? <Notice tone="ok">{t('models.list.deleted')}</Notice> : null}
        {status?.kind === 'exportFailed' ? (
          <Notice tone="error">{t('models.list.exportFailed')}</Notice>
        ) : null}
        {status?.kind === 'importFailed' ? (
          <Notice tone="error" testId="import-error">
            <ImportError problem={status.problem} />
          </Notice>
        ) : null}
      </div>

      {view.kind === 'list' ? (
        <>
          <div className="md-toolbar">
            <div className="md-tool">
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setStatus(null);
                  setView({ kind: 'wizard' });
                }}
              >
                {t('models.list.train')}
              </button>
              <p className="md-hint">{t('models.list.trainHint')}</p>
            </div>
            <div className="md-tool">
              <button
                type="button"
                className="button"
                disabled={status?.kind === 'importing'}
                onClick={() => importInput.current?.click()}
              >
                {t('models.list.import')}
              </button>
              <p className="md-hint">{t('models.list.importHint')}</p>
              <input
                ref={importInput}
                type="file"
                accept=".zip,application/zip"
                hidden
                data-testid="import-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importZip(file);
                }}
              />
            </div>
          </div>
          <PackList
            entries={entries}
            shipped={shipped}
            local={local}
            actions={actions}
            focusHeading={backToList}
          />
        </>
      ) : (
        <Suspense fallback={<Busy>{t('models.card.loading')}</Busy>}>
          {view.kind === 'card' && cardEntry ? (
            <PackCardView entry={cardEntry} actions={actions} onBack={showList} />
          ) : null}
          {view.kind === 'wizard' ? (
            <TrainingWizard onExit={showList} onOpenCard={(id) => setView({ kind: 'card', id })} />
          ) : null}
        </Suspense>
      )}

      {deleting ? (
        <DeleteDialog
          entry={deleting.entry}
          active={deleting.entry.id === activePackId}
          busy={deleting.busy}
          failed={deleting.failed}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void confirmDelete()}
        />
      ) : null}
    </div>
  );
}
