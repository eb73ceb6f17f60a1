import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataTable } from '../../../data/data-table';
import { parseDecimalInput } from '../../../domain/decimal-input';
import { isKnownQuantity } from '../card/names';
import { fixed, reading } from '../lib/format';
import { Message, Notice } from '../ui';
import {
  featureChoices,
  outOfOrderRows,
  selectedFeatures,
  type Budget,
  type FeatureDraft,
  type TargetKind,
  type WizardDraft,
} from './wizard-model';

type Update = (change: (d: WizardDraft) => WizardDraft) => void;

function SelectField({
  label,
  value,
  onChange,
  options,
  empty,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** Column names (data). */
  options: readonly string[];
  /** Translated label of the '' option, when there is one. */
  empty?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="md-field">
      <label className="md-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="md-select"
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o} value={o} data-no-i18n>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField({
  label,
  value,
  onChange,
  decimal = false,
  testId,
  hint,
  wide = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  decimal?: boolean;
  testId?: string;
  hint?: ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  return (
    <div className={`md-field${wide ? ' md-field-wide' : ''}`}>
      <label className="md-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="md-input"
        value={value}
        inputMode={decimal ? 'decimal' : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <p className="md-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Radio-like choice between a few options, as large toggle buttons. */
export function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; hint?: string }[];
  onChange: (v: T) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="md-field md-field-wide">
      <span className="md-label" id={id}>
        {label}
      </span>
      <div className="md-choice" role="group" aria-labelledby={id} data-testid={testId}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className="md-choice-option"
            aria-pressed={o.value === value}
            data-value={o.value}
            onClick={() => onChange(o.value)}
          >
            <span className="md-choice-label">{o.label}</span>
            {o.hint ? <span className="md-choice-hint">{o.hint}</span> : null}
          </button>
        ))}
      </div>
    </div>
  );
}

/** How many finite values of a column fall outside [min, max] (as typed); null while unreadable. */
function useOutside(table: DataTable, column: string, min: string, max: string): number | null {
  return useMemo(() => {
    const lo = parseDecimalInput(min);
    const hi = parseDecimalInput(max);
    const c = table.columns.find((x) => x.name === column);
    if (lo.kind !== 'number' || hi.kind !== 'number' || !c || c.kind !== 'number') return null;
    let n = 0;
    for (const v of c.values) if (Number.isFinite(v) && (v < lo.value || v > hi.value)) n++;
    return n;
  }, [table, column, min, max]);
}

/** Observed range and, when some values fall outside the physical range, how many will go. */
function RangeNotes({
  table,
  column,
  min,
  max,
  outsideText,
}: {
  table: DataTable;
  column: string;
  min: string;
  max: string;
  outsideText: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const outside = useOutside(table, column, min, max);
  const c = table.columns.find((x) => x.name === column);
  let lo = Infinity;
  let hi = -Infinity;
  if (c?.kind === 'number')
    for (const v of c.values) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return (
    <>
      {lo <= hi ? (
        <p className="md-hint">
          {t('models.wizard.units.observed')}{' '}
          <span data-no-i18n>
            {reading(lo, lang)} – {reading(hi, lang)}
          </span>
        </p>
      ) : null}
      {outside !== null && outside > 0 ? (
        <p className="md-hint md-outside" data-testid="outside-count">
          <span className="md-tag md-tag-warning">{outsideText}</span>{' '}
          <strong data-no-i18n>{fixed(outside, lang, 0)}</strong>
        </p>
      ) : null}
    </>
  );
}

function patchFeature(update: Update, column: string, change: Partial<FeatureDraft>) {
  update((d) => ({
    ...d,
    features: d.features.map((f) => (f.column === column ? { ...f, ...change } : f)),
  }));
}

/**
 * Rows out of time order for the chosen time (and plant) column: the trainer sorts them, and the
 * analyst reads it here, before training, rather than finding it in the model card afterwards.
 */
export function TimeOrderNotice({ table, draft }: { table: DataTable; draft: WizardDraft }) {
  const { t, i18n } = useTranslation();
  const unsorted = useMemo(() => outOfOrderRows(table, draft), [table, draft]);
  if (unsorted === 0) return null;
  return (
    <Notice testId="time-sorted-notice">
      <Message
        text={t('models.wizard.columns.timeSorted')}
        data={fixed(unsorted, i18n.language, 0)}
      />
    </Notice>
  );
}

/** Step 1: time column, dose target and its kind, input variables, optional plant and settled. */
export function ColumnsStep({
  table,
  draft,
  update,
}: {
  table: DataTable;
  draft: WizardDraft;
  update: Update;
}) {
  const { t } = useTranslation();
  const times = table.columns.filter((c) => c.kind === 'datetime').map((c) => c.name);
  const numbers = table.columns.filter((c) => c.kind === 'number').map((c) => c.name);
  const categories = table.columns.filter((c) => c.kind === 'category').map((c) => c.name);
  const choices = featureChoices(draft);
  const groupId = useId();
  return (
    <div className="md-step-body">
      <p className="md-prose">{t('models.wizard.columns.intro')}</p>
      <div className="md-grid">
        <SelectField
          label={t('models.wizard.columns.time')}
          value={draft.timeColumn}
          options={times}
          onChange={(v) => update((d) => ({ ...d, timeColumn: v }))}
          testId="time-select"
        />
        <SelectField
          label={t('models.wizard.columns.target')}
          value={draft.targetColumn}
          options={numbers}
          empty={t('models.wizard.columns.choose')}
          onChange={(v) =>
            update((d) => ({
              ...d,
              targetColumn: v,
              settledColumn: d.settledColumn === v ? '' : d.settledColumn,
            }))
          }
          testId="target-select"
        />
      </div>
      <TimeOrderNotice table={table} draft={draft} />
      <Choice<TargetKind>
        label={t('models.wizard.columns.targetKind')}
        value={draft.targetKind}
        options={[
          { value: 'jar-test', label: t('models.wizard.columns.kindJar') },
          { value: 'applied', label: t('models.wizard.columns.kindApplied') },
        ]}
        onChange={(v) => update((d) => ({ ...d, targetKind: v }))}
        testId="target-kind"
      />
      <p className="md-hint">{t('models.wizard.columns.kindHint')}</p>

      <fieldset className="md-fieldset" aria-describedby={`${groupId}-hint`}>
        <legend className="md-label">{t('models.wizard.columns.features')}</legend>
        <p className="md-hint" id={`${groupId}-hint`}>
          {t('models.wizard.columns.featuresHint')}
        </p>
        <ul className="md-feature-list" data-testid="feature-list">
          {choices.map((f) => (
            <li key={f.column}>
              <button
                type="button"
                className="md-feature"
                aria-pressed={f.selected}
                data-column={f.column}
                onClick={() => patchFeature(update, f.column, { selected: !f.selected })}
              >
                <span className="md-feature-box" aria-hidden="true" />
                <span className="md-feature-name" data-no-i18n>
                  {f.column}
                </span>
                <span className="md-feature-note">
                  {isKnownQuantity(f.quantity) ? (
                    <>
                      {t('models.wizard.columns.recognised')} {t(`models.quantity.${f.quantity}`)}
                    </>
                  ) : (
                    t('models.wizard.columns.notRecognised')
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </fieldset>

      <div className="md-grid">
        <SelectField
          label={t('models.wizard.columns.group')}
          value={draft.groupColumn}
          options={categories}
          empty={t('models.wizard.columns.groupNone')}
          onChange={(v) => update((d) => ({ ...d, groupColumn: v }))}
        />
        <div>
          <SelectField
            label={t('models.wizard.columns.settled')}
            value={draft.settledColumn}
            options={numbers.filter((n) => n !== draft.targetColumn)}
            empty={t('models.wizard.columns.settledNone')}
            onChange={(v) => update((d) => ({ ...d, settledColumn: v }))}
          />
          <p className="md-hint">{t('models.wizard.columns.settledHint')}</p>
        </div>
      </div>
    </div>
  );
}

/** Step 2: units, physical ranges, log scale and lags, prefilled from the known quantities. */
export function UnitsStep({
  table,
  draft,
  update,
}: {
  table: DataTable;
  draft: WizardDraft;
  update: Update;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="md-step-body">
      <p className="md-prose">{t('models.wizard.units.intro')}</p>
      <p className="md-hint">
        <strong>{t('models.wizard.units.log')}</strong> {t('models.wizard.units.logHint')}
      </p>
      <fieldset className="md-fieldset md-unit-row" data-testid="units-target">
        <legend className="md-legend">
          <span className="md-data" data-no-i18n>
            {draft.targetColumn}
          </span>
        </legend>
        <p className="md-hint md-target-note">{t('models.wizard.units.target')}</p>
        <div className="md-grid md-grid-3">
          <TextField
            label={t('models.wizard.units.unit')}
            value={draft.targetUnit}
            onChange={(v) => update((d) => ({ ...d, targetUnit: v }))}
            testId="target-unit"
          />
          <TextField
            label={t('models.wizard.units.min')}
            value={draft.targetMin}
            decimal
            onChange={(v) => update((d) => ({ ...d, targetMin: v }))}
            testId="target-min"
          />
          <TextField
            label={t('models.wizard.units.max')}
            value={draft.targetMax}
            decimal
            onChange={(v) => update((d) => ({ ...d, targetMax: v }))}
            testId="target-max"
          />
        </div>
        <RangeNotes
          table={table}
          column={draft.targetColumn}
          min={draft.targetMin}
          max={draft.targetMax}
          outsideText={t('models.wizard.units.targetOutside')}
        />
      </fieldset>
      {selectedFeatures(draft).map((f) => (
        <fieldset
          key={f.column}
          className="md-fieldset md-unit-row"
          data-testid="units-feature"
          data-column={f.column}
        >
          <legend className="md-legend">
            <span className="md-data" data-no-i18n>
              {f.column}
            </span>
            {isKnownQuantity(f.quantity) ? null : (
              <span className="md-tag md-tag-warning">{t('models.wizard.units.check')}</span>
            )}
          </legend>
          <div className="md-grid md-grid-3">
            <TextField
              label={t('models.wizard.units.unit')}
              value={f.unit}
              onChange={(v) => patchFeature(update, f.column, { unit: v })}
              testId="feature-unit"
            />
            <TextField
              label={t('models.wizard.units.min')}
              value={f.min}
              decimal
              onChange={(v) => patchFeature(update, f.column, { min: v })}
              testId="feature-min"
            />
            <TextField
              label={t('models.wizard.units.max')}
              value={f.max}
              decimal
              onChange={(v) => patchFeature(update, f.column, { max: v })}
              testId="feature-max"
            />
          </div>
          <RangeNotes
            table={table}
            column={f.column}
            min={f.min}
            max={f.max}
            outsideText={t('models.wizard.units.outside')}
          />
          <div className="md-toggle-row">
            <button
              type="button"
              className="md-toggle"
              aria-pressed={f.log}
              data-testid="feature-log"
              onClick={() => patchFeature(update, f.column, { log: !f.log })}
            >
              <span className="md-feature-box" aria-hidden="true" />
              {t('models.wizard.units.log')}
            </button>
          </div>
          {f.lagOffered ? (
            <TextField
              label={t('models.wizard.units.lag')}
              value={f.lagHours}
              decimal
              onChange={(v) => patchFeature(update, f.column, { lagHours: v })}
              testId="feature-lag"
              hint={
                <>
                  {t('models.wizard.units.lagHint')}
                  {f.lagSuggestion ? (
                    <>
                      {' '}
                      {t('models.wizard.units.lagSuggested')}{' '}
                      <strong data-no-i18n>
                        {f.lagSuggestion.hours} h (r = {fixed(f.lagSuggestion.r, i18n.language, 2)})
                      </strong>
                    </>
                  ) : null}
                </>
              }
            />
          ) : null}
        </fieldset>
      ))}
    </div>
  );
}

/** Step 3: the pack's name and the training budget. */
export function BudgetStep({
  draft,
  update,
  datasetName,
}: {
  draft: WizardDraft;
  update: Update;
  datasetName: string;
}) {
  const { t } = useTranslation();
  const chosen = selectedFeatures(draft);
  return (
    <div className="md-step-body">
      <TextField
        label={t('models.wizard.budget.name')}
        value={draft.name}
        onChange={(v) => update((d) => ({ ...d, name: v }))}
        hint={t('models.wizard.budget.nameHint')}
        testId="pack-name"
        wide
      />
      <Choice<Budget>
        label={t('models.wizard.budget.budget')}
        value={draft.budget}
        options={[
          {
            value: 'quick',
            label: t('models.wizard.budget.quick'),
            hint: t('models.wizard.budget.quickHint'),
          },
          {
            value: 'standard',
            label: t('models.wizard.budget.standard'),
            hint: t('models.wizard.budget.standardHint'),
          },
        ]}
        onChange={(v) => update((d) => ({ ...d, budget: v }))}
        testId="budget"
      />
      <h3 className="md-h3">{t('models.wizard.budget.summary')}</h3>
      <dl className="md-facts">
        <div className="md-fact">
          <dt>{t('models.wizard.budget.dataset')}</dt>
          <dd data-no-i18n>{datasetName}</dd>
        </div>
        <div className="md-fact">
          <dt>{t('models.wizard.budget.target')}</dt>
          <dd data-no-i18n>{draft.targetColumn}</dd>
        </div>
        <div className="md-fact">
          <dt>{t('models.wizard.budget.features')}</dt>
          <dd data-no-i18n>{chosen.map((f) => f.column).join(' · ')}</dd>
        </div>
        <div className="md-fact">
          <dt>{t('models.wizard.budget.seed')}</dt>
          <dd data-no-i18n>{draft.seed}</dd>
        </div>
      </dl>
    </div>
  );
}
