import { useTranslation } from 'react-i18next';
import type { MetricsRow } from '../../../domain/pack-manifest';
import { fixed, percent } from '../lib/format';
import { ENSEMBLE, isMemberKind, modelName, PERSISTENCE } from './names';

/** A metric's short name as data, with its translated full name for readers and screen readers. */
function Abbr({ short, title }: { short: string; title: string }) {
  return (
    <abbr title={title}>
      <span data-no-i18n>{short}</span>
    </abbr>
  );
}

export function ModelLabel({ model }: { model: string }) {
  const { t } = useTranslation();
  const name = modelName(model);
  switch (name.kind) {
    case 'member':
      return (
        <>
          {t('models.modelName.member')}{' '}
          {isMemberKind(name.member) ? (
            t(`models.member.${name.member}`)
          ) : (
            <span data-no-i18n>{name.member}</span>
          )}
        </>
      );
    case 'other':
      return <span data-no-i18n>{name.text}</span>;
    default:
      return <>{t(`models.modelName.${name.kind}`)}</>;
  }
}

/** Test-set metrics of one scope, one row per model, baselines first (as in the manifest). */
export function MetricsTable({
  rows,
  scope = 'all',
  testId,
}: {
  rows: readonly MetricsRow[];
  scope?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="md-table-wrap" tabIndex={0}>
      <table className="md-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('models.metric.model')}</th>
            <th scope="col" className="md-num">
              {t('models.metric.n')}
            </th>
            <th scope="col" className="md-num">
              <Abbr short="MAE" title={t('models.metric.mae')} />
            </th>
            <th scope="col" className="md-num">
              <Abbr short="RMSE" title={t('models.metric.rmse')} />
            </th>
            <th scope="col" className="md-num">
              <Abbr short="R²" title={t('models.metric.r2')} />
            </th>
            <th scope="col" className="md-num">
              <Abbr short="MAPE" title={t('models.metric.mape')} />
            </th>
            <th scope="col" className="md-num">
              <abbr title={t('models.metric.coverage')}>{t('models.metric.coverageShort')}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => r.scope === scope)
            .map((r) => (
              <tr
                key={r.model}
                data-model={r.model}
                className={
                  r.model === ENSEMBLE
                    ? 'md-row-model'
                    : r.model === PERSISTENCE
                      ? 'md-row-reference'
                      : undefined
                }
              >
                <th scope="row">
                  <ModelLabel model={r.model} />
                </th>
                <td className="md-num" data-no-i18n>
                  {fixed(r.n, lang, 0)}
                </td>
                <td className="md-num" data-no-i18n data-metric="mae" data-value={r.mae}>
                  {fixed(r.mae, lang, 2)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(r.rmse, lang, 2)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(r.r2, lang, 3)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(r.mape, lang, 1)}
                </td>
                <td className="md-num" data-no-i18n>
                  {r.coverage === null ? '–' : percent(r.coverage, lang)}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** Per plant: persistence against the model, the comparison that matters for each plant. */
export function PerPlantTable({ rows }: { rows: readonly MetricsRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scopes = [...new Set(rows.map((r) => r.scope))].filter((s) => s !== 'all');
  return (
    <div className="md-table-wrap" tabIndex={0}>
      <table className="md-table md-table-plants" data-testid="per-plant-table">
        <thead>
          <tr>
            <th scope="col">{t('models.metric.plant')}</th>
            <th scope="col">{t('models.metric.versus')}</th>
            <th scope="col" className="md-num">
              {t('models.metric.n')}
            </th>
            <th scope="col" className="md-num">
              <Abbr short="MAE" title={t('models.metric.mae')} /> {t('models.metric.persistence')}
            </th>
            <th scope="col" className="md-num">
              <Abbr short="MAE" title={t('models.metric.mae')} /> {t('models.metric.ensemble')}
            </th>
            <th scope="col" className="md-num">
              <Abbr short="R²" title={t('models.metric.r2')} /> {t('models.metric.persistence')}
            </th>
            <th scope="col" className="md-num">
              <Abbr short="R²" title={t('models.metric.r2')} /> {t('models.metric.ensemble')}
            </th>
            <th scope="col" className="md-num">
              <abbr title={t('models.metric.coverage')}>{t('models.metric.coverageShort')}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((s) => {
            const p = rows.find((r) => r.scope === s && r.model === PERSISTENCE);
            const e = rows.find((r) => r.scope === s && r.model === ENSEMBLE);
            if (!e) return null;
            const worse = p !== undefined && e.mae >= p.mae;
            return (
              <tr key={s} data-plant={s}>
                <th scope="row" data-no-i18n>
                  {s}
                </th>
                <td>
                  {p === undefined ? (
                    '–'
                  ) : worse ? (
                    <span className="md-tag md-tag-warning">{t('models.metric.worse')}</span>
                  ) : (
                    <span className="md-tag">{t('models.metric.better')}</span>
                  )}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(e.n, lang, 0)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(p?.mae, lang, 2)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(e.mae, lang, 2)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(p?.r2, lang, 3)}
                </td>
                <td className="md-num" data-no-i18n>
                  {fixed(e.r2, lang, 3)}
                </td>
                <td className="md-num" data-no-i18n>
                  {e.coverage === null ? '–' : percent(e.coverage, lang)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
