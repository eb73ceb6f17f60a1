import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../ui';
import type { PackEntry } from './use-packs';

/**
 * "Delete this pack?" as a modal dialog (the native <dialog>: focus is trapped inside and goes
 * back where it was on close; Escape cancels). The safe answer has the focus.
 */
export function DeleteDialog({
  entry,
  active,
  busy,
  failed,
  onCancel,
  onConfirm,
}: {
  entry: PackEntry;
  active: boolean;
  busy: boolean;
  failed: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="md-dialog"
      aria-labelledby="md-delete-title"
      aria-describedby="md-delete-body"
      data-testid="delete-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 className="md-h2" id="md-delete-title">
        {t('models.deleteDialog.title')}
      </h2>
      <p className="md-dialog-pack" data-no-i18n>
        {entry.title[lang]}
      </p>
      <p id="md-delete-body">{t('models.deleteDialog.body')}</p>
      {active ? <Notice tone="warning">{t('models.deleteDialog.activeNote')}</Notice> : null}
      {failed ? <Notice tone="error">{t('models.deleteDialog.failed')}</Notice> : null}
      <div className="md-actions md-dialog-actions">
        <button type="button" className="button" autoFocus onClick={onCancel} disabled={busy}>
          {t('models.deleteDialog.cancel')}
        </button>
        <button
          type="button"
          className="button md-button-danger"
          onClick={onConfirm}
          disabled={busy}
        >
          {t('models.deleteDialog.confirm')}
        </button>
      </div>
    </dialog>
  );
}
