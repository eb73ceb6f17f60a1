import { Fragment, useEffect, useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDecimalInput } from '../../domain/decimal-input';
import { formatWallClock } from '../../domain/input-record';
import type { PackManifest } from '../../domain/pack-manifest';
import { endOfDayExclusive, startOfDay, wallClockFromDate } from '../../domain/wall-clock';
import {
  filterEntries,
  inputIdsInLog,
  operatorLogCsv,
  plantsInLog,
  LOG_CSV_COLUMNS,
  NOTE_MAX_LENGTH,
  type LogCsvColumn,
  type OperatorLogEntry,
} from '../../data/operator-log/log-entry';
import { useAppStore } from '../../store/app-store';
import { DecimalField, FieldShell } from './fields';
import { numberToField } from './form-model';
import { formatDose, formatReading } from './format';

interface LogTableProps {
  manifest: PackManifest | null;
  headingRef?: Ref<HTMLHeadingElement>;
}

/** Past entries: filters, CSV export, editing afterwards, and deletion with a confirm step. */
export function LogTable({ manifest, headingRef }: LogTableProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const entries = useAppStore((s) => s.logEntries);
  const status = useAppStore((s) => s.logStatus);
  const deleteLogEntry = useAppStore((s) => s.deleteLogEntry);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [plant, setPlant] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<OperatorLogEntry | null>(null);
  const fromId = useId();
  const toId = useId();
  const plantId = useId();

  const plants = plantsInLog(entries);
  const shown = filterEntries(entries, {
    from: startOfDay(from),
    toExclusive: endOfDayExclusive(to),
    plant: plant === '' ? undefined : plant,
  });

  const exportCsv = () => {
    const headers = Object.fromEntries(
      LOG_CSV_COLUMNS.map((c) => [c, t(`operate.log.csv.${c}`)]),
    ) as Record<LogCsvColumn, string>;
    const inputs = inputIdsInLog(shown).map((id) => {
      const spec = manifest?.inputs.find((i) => i.id === id);
      const unit = spec?.unit && spec.unit !== 'plant units' ? ` (${spec.unit})` : '';
      return {
        id,
        header: spec ? `${spec.label[lang]}${unit}` : id,
        datetime: spec ? spec.kind === 'datetime' : id === 'time' || id.endsWith('_time'),
      };
    });
    const csv = operatorLogCsv(shown, {
      headers,
      inputs,
      yes: t('operate.log.csv.required'),
      no: t('operate.log.csv.notRequired'),
      localWallClock: (ms) => wallClockFromDate(new Date(ms)),
      delimiter: lang === 'es' ? ';' : ',',
      decimalSeparator: lang === 'es' ? ',' : '.',
      bom: true,
    });
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${t('operate.log.fileName')}-${formatWallClock(wallClockFromDate()).slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="panel log" aria-labelledby="operate-log-heading" id="operate-log">
      <h2 className="section-title" id="operate-log-heading" tabIndex={-1} ref={headingRef}>
        {t('operate.log.heading')}
      </h2>
      {status === 'error' ? <p className="calm-line">{t('operate.log.loadFailed')}</p> : null}
      <div className="log-toolbar">
        <div className="field">
          <label className="field-label" htmlFor={fromId}>
            {t('operate.log.from')}
          </label>
          <input
            id={fromId}
            className="field-input"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={toId}>
            {t('operate.log.to')}
          </label>
          <input
            id={toId}
            className="field-input"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={plantId}>
            {t('operate.log.plant')}
          </label>
          <select
            id={plantId}
            className="field-input field-select"
            value={plant}
            onChange={(e) => setPlant(e.target.value)}
          >
            <option value="">{t('operate.log.allPlants')}</option>
            {plants.map((p) => (
              <option key={p} value={p} data-no-i18n>
                {p}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button log-export"
          onClick={exportCsv}
          disabled={shown.length === 0}
        >
          {t('operate.log.export')}
        </button>
      </div>
      <p className="calm-note">
        <span>{t('operate.log.shown')}</span>{' '}
        <span data-no-i18n data-testid="log-count">
          {shown.length}
        </span>
      </p>
      {entries.length === 0 ? (
        <p className="calm-line">{t('operate.log.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="calm-line">{t('operate.log.noMatch')}</p>
      ) : (
        <div
          className="table-scroll"
          role="region"
          aria-label={t('operate.log.tableLabel')}
          tabIndex={0}
        >
          <table className="data-table log-table" data-testid="log-table">
            <thead>
              <tr>
                <th scope="col">{t('operate.log.col.time')}</th>
                <th scope="col">{t('operate.log.col.actions')}</th>
                <th scope="col">{t('operate.log.col.plant')}</th>
                <th scope="col" className="num">
                  {t('operate.log.col.applied')}
                </th>
                <th scope="col" className="num">
                  {t('operate.log.col.recommended')}
                </th>
                <th scope="col" className="num">
                  {t('operate.log.col.jarTest')}
                </th>
                <th scope="col" className="num">
                  {t('operate.log.col.settled')}
                </th>
                <th scope="col">{t('operate.log.col.note')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <Fragment key={e.id}>
                  <tr data-entry={e.id}>
                    <td className="nowrap" data-col="time" data-no-i18n>
                      {formatWallClock(e.reportTime)}
                    </td>
                    <td data-col="actions">
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button"
                          aria-expanded={editing === e.id}
                          onClick={() => setEditing(editing === e.id ? null : e.id)}
                        >
                          {t('operate.log.edit')}
                        </button>
                        <button type="button" className="button" onClick={() => setConfirming(e)}>
                          {t('operate.log.delete')}
                        </button>
                      </div>
                    </td>
                    <td data-col="plant" data-no-i18n>
                      {e.plant ?? ''}
                    </td>
                    <td className="num strong" data-col="applied" data-no-i18n>
                      {formatDose(e.appliedDose, lang)}
                    </td>
                    <td className="num" data-col="recommended">
                      <span data-no-i18n>
                        {e.prediction ? formatDose(e.prediction.dose, lang) : ''}
                      </span>
                      {e.prediction?.jarTestRequired ? (
                        <span className="log-flag">{t('operate.log.jarTestFlag')}</span>
                      ) : null}
                    </td>
                    <td className="num" data-col="jar" data-no-i18n>
                      {e.jarTestDose !== null ? formatDose(e.jarTestDose, lang) : ''}
                    </td>
                    <td className="num" data-col="settled" data-no-i18n>
                      {e.settledObserved !== null ? formatReading(e.settledObserved, lang) : ''}
                    </td>
                    <td className="log-note" data-col="note" data-no-i18n>
                      {e.note}
                    </td>
                  </tr>
                  {editing === e.id ? (
                    <tr className="edit-row">
                      <td colSpan={8}>
                        <EditEntry entry={e} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDelete
        entry={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={async (id) => {
          await deleteLogEntry(id);
          if (editing === id) setEditing(null);
          setConfirming(null);
        }}
      />
    </section>
  );
}

function EditEntry({ entry, onDone }: { entry: OperatorLogEntry; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const updateLogEntry = useAppStore((s) => s.updateLogEntry);
  const field = (v: number | null) => (v === null ? '' : numberToField(v, lang));
  const [applied, setApplied] = useState(field(entry.appliedDose));
  const [jar, setJar] = useState(field(entry.jarTestDose));
  const [settled, setSettled] = useState(field(entry.settledObserved));
  const [note, setNote] = useState(entry.note);
  const [failed, setFailed] = useState(false);
  const noteId = useId();
  const read = (text: string) => {
    const p = parseDecimalInput(text);
    if (p.kind === 'empty') return { value: null, valid: true };
    return p.kind === 'number' && p.value >= 0
      ? { value: p.value, valid: true }
      : { value: null, valid: false };
  };
  const a = read(applied);
  const j = read(jar);
  const s = read(settled);
  const ok = a.valid && a.value !== null && j.valid && s.valid;

  return (
    <form
      className="edit-entry"
      aria-label={t('operate.log.editHeading')}
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!ok || a.value === null) return;
        updateLogEntry(entry.id, {
          appliedDose: a.value,
          jarTestDose: j.value,
          settledObserved: s.value,
          note: note.trim(),
        }).then(onDone, () => setFailed(true));
      }}
    >
      <p className="subheading">{t('operate.log.editHeading')}</p>
      <div className="field-grid">
        <DecimalField
          name="edit-applied"
          label={t('operate.log.applied')}
          value={applied}
          onChange={setApplied}
          error={!a.valid || a.value === null ? t('operate.log.amountInvalid') : undefined}
        />
        <DecimalField
          name="edit-jar"
          label={t('operate.log.jarTest')}
          value={jar}
          onChange={setJar}
          error={!j.valid ? t('operate.log.amountInvalid') : undefined}
        />
        <DecimalField
          name="edit-settled"
          label={t('operate.log.settledObserved')}
          value={settled}
          onChange={setSettled}
          error={!s.valid ? t('operate.log.amountInvalid') : undefined}
        />
        <FieldShell id={noteId} className="field-wide" label={t('operate.log.note')}>
          {(describedBy) => (
            <textarea
              id={noteId}
              className="field-input field-textarea"
              rows={2}
              maxLength={NOTE_MAX_LENGTH}
              value={note}
              aria-describedby={describedBy}
              onChange={(ev) => setNote(ev.target.value)}
            />
          )}
        </FieldShell>
      </div>
      <div className="row-actions">
        <button type="submit" className="button button-primary" disabled={!ok}>
          {t('operate.log.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('operate.log.cancel')}
        </button>
      </div>
      {failed ? <p className="field-message field-error">{t('operate.log.saveFailed')}</p> : null}
    </form>
  );
}

/** A real confirm step in a modal dialog; Cancel has the focus, so Enter does not delete. */
function ConfirmDelete({
  entry,
  onCancel,
  onConfirm,
}: {
  entry: OperatorLogEntry | null;
  onCancel: () => void;
  onConfirm: (id: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (entry && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!entry && d.open) d.close();
  }, [entry]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="section-title">
        {t('operate.log.confirmTitle')}
      </h2>
      {entry ? (
        <p className="confirm-entry" data-no-i18n>
          {formatWallClock(entry.reportTime)} · {entry.plant ?? ''} ·{' '}
          {formatDose(entry.appliedDose, lang)} mg/L
        </p>
      ) : null}
      <p>{t('operate.log.confirmBody')}</p>
      <div className="row-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          {t('operate.log.cancel')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => {
            if (!entry) return;
            setBusy(true);
            onConfirm(entry.id).finally(() => setBusy(false));
          }}
        >
          {t('operate.log.confirmDelete')}
        </button>
      </div>
    </dialog>
  );
}
