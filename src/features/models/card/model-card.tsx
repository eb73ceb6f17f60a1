import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackManifest } from '../../../domain/pack-manifest';
import { unshippedMembers } from '../../../ml/training/model-card';
import { Busy, Facts, Notice } from '../ui';
import { dateTime, fixed, percent, range } from '../lib/format';
import { MetricsTable, PerPlantTable } from './metrics-table';
import { ENSEMBLE, isCleaningRule, isSyntheticSource } from './names';
import { Verdict } from './verdict';

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="md-card-section" aria-labelledby={id}>
      <h3 className="md-h3" id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** MODEL_CARD.md as the trainer wrote it (English), read on demand. */
function Markdown({ load }: { load: () => Promise<string> }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'closed' | 'loading' | 'failed' | { text: string }>('closed');
  return (
    <details
      className="md-details"
      onToggle={(e) => {
        if (!(e.currentTarget as HTMLDetailsElement).open || state !== 'closed') return;
        setState('loading');
        load().then(
          (text) => setState({ text }),
          () => setState('failed'),
        );
      }}
    >
      <summary>{t('models.card.markdown')}</summary>
      {state === 'loading' ? <Busy>{t('models.card.loading')}</Busy> : null}
      {state === 'failed' ? <Notice tone="error">{t('models.card.markdownFailed')}</Notice> : null}
      {typeof state === 'object' ? (
        <pre className="md-markdown" data-no-i18n lang="en" tabIndex={0}>
          {state.text}
        </pre>
      ) : null}
    </details>
  );
}

/**
 * A pack's model card, drawn from its manifest in the UI language: verdict, data, split, test-set
 * metrics against the baselines, interval coverage, per plant, ensemble, inputs with units and
 * ranges, cleaning report and limitations. `idPrefix` keeps heading ids unique on the page.
 */
export function ModelCard({
  manifest,
  idPrefix,
  loadMarkdown,
}: {
  manifest: PackManifest;
  idPrefix: string;
  loadMarkdown?: () => Promise<string>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const dose = manifest.heads.dose;
  const coverage =
    dose.metrics.find((r) => r.scope === 'all' && r.model === ENSEMBLE)?.coverage ?? null;
  const plants = new Set(dose.metrics.map((r) => r.scope).filter((s) => s !== 'all'));
  const src = manifest.dataSource;
  const id = (s: string) => `${idPrefix}-${s}`;

  return (
    <div className="md-card" data-testid="model-card">
      <Section title={t('models.card.verdictHeading')} id={id('verdict')}>
        <Verdict head={dose} detail />
        <p>
          {t('models.card.coverage')}{' '}
          <strong data-no-i18n data-testid="coverage">
            {percent(coverage, lang)}
          </strong>
        </p>
      </Section>

      <Section title={t('models.card.dataHeading')} id={id('data')}>
        <Facts
          items={[
            { label: t('models.card.source'), value: src.name },
            { label: t('models.card.licence'), value: src.licence || '–' },
            { label: t('models.card.attribution'), value: src.attribution || '–', wide: true },
            { label: t('models.card.rows'), value: fixed(src.rows, lang, 0), testId: 'card-rows' },
            { label: t('models.card.period'), value: `${src.firstDate} – ${src.lastDate}` },
            { label: t('models.card.id'), value: manifest.id },
            { label: t('models.card.created'), value: dateTime(manifest.createdAt, lang) },
            { label: t('models.card.seed'), value: String(manifest.seed) },
          ]}
        />
      </Section>

      <Section title={t('models.card.splitHeading')} id={id('split')}>
        <p className="md-prose">{t('models.card.splitText')}</p>
        <Facts
          items={[
            { label: t('models.card.trainEnd'), value: manifest.split.trainEnd },
            { label: t('models.card.calibrationEnd'), value: manifest.split.calibrationEnd },
            { label: t('models.card.testStart'), value: manifest.split.testStart },
          ]}
        />
      </Section>

      <Section title={t('models.card.metricsHeading')} id={id('metrics')}>
        <p className="md-prose">
          {t('models.card.metricsIntro')} {t('models.card.errorsIn')}{' '}
          <span data-no-i18n>{dose.target.unit}</span>
        </p>
        <MetricsTable rows={dose.metrics} testId="metrics-table" />
      </Section>

      <Section title={t('models.card.perPlantHeading')} id={id('plants')}>
        {plants.size > 0 ? (
          <PerPlantTable rows={dose.metrics} />
        ) : (
          <p className="md-prose">{t('models.card.perPlantNone')}</p>
        )}
      </Section>

      <Section title={t('models.card.membersHeading')} id={id('members')}>
        <div className="md-table-wrap" tabIndex={0}>
          <table className="md-table md-table-narrow" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('models.metric.model')}</th>
                <th scope="col" className="md-num">
                  {t('models.card.weight')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dose.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.kind === 'ridge' ||
                    m.kind === 'mlp' ||
                    m.kind === 'gbdt' ||
                    m.kind === 'randomForest'
                      ? t(`models.member.${m.kind}`)
                      : null}
                  </th>
                  <td className="md-num" data-no-i18n>
                    {percent(m.weight, lang)}
                  </td>
                </tr>
              ))}
              {unshippedMembers(dose).map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`models.member.${kind}`)}</th>
                  <td className="md-num">{t('models.card.notShipped')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      {manifest.heads.settled ? (
        <Section title={t('models.card.settledHeading')} id={id('settled')}>
          <p className="md-prose">
            {t('models.card.errorsIn')}{' '}
            <span data-no-i18n>{manifest.heads.settled.target.unit}</span>
          </p>
          <MetricsTable rows={manifest.heads.settled.metrics} testId="settled-metrics-table" />
        </Section>
      ) : null}

      <Section title={t('models.card.inputsHeading')} id={id('inputs')}>
        <div className="md-table-wrap" tabIndex={0}>
          <table className="md-table" data-testid="inputs-table">
            <thead>
              <tr>
                <th scope="col">{t('models.card.input')}</th>
                <th scope="col">{t('models.card.unit')}</th>
                <th scope="col" className="md-num">
                  {t('models.card.physicalRange')}
                </th>
                <th scope="col" className="md-num">
                  {t('models.card.trainingRange')}
                </th>
              </tr>
            </thead>
            <tbody>
              {manifest.inputs.map((input) => (
                <tr key={input.id}>
                  <th scope="row" data-no-i18n>
                    {input.label[lang]}
                  </th>
                  <td data-no-i18n>{input.unit || '–'}</td>
                  <td className="md-num" data-no-i18n>
                    {range(input.physicalRange, lang)}
                  </td>
                  <td className="md-num" data-no-i18n>
                    {input.quantiles
                      ? range([input.quantiles[0] ?? NaN, input.quantiles[4] ?? NaN], lang)
                      : (input.categories?.join(', ') ?? '–')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title={t('models.card.cleaningHeading')} id={id('cleaning')}>
        <div className="md-table-wrap" tabIndex={0}>
          <table className="md-table" data-testid="cleaning-table">
            <thead>
              <tr>
                <th scope="col">{t('models.card.rule')}</th>
                <th scope="col" className="md-num">
                  {t('models.card.removed')}
                </th>
                <th scope="col">{t('models.card.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {manifest.cleaning.map((c) => (
                <tr key={c.rule}>
                  <th scope="row">
                    {isCleaningRule(c.rule) ? (
                      t(`models.cleaning.${c.rule}`)
                    ) : (
                      <span data-no-i18n>{c.rule}</span>
                    )}
                  </th>
                  <td className="md-num" data-no-i18n>
                    {fixed(c.removed, lang, 0)}
                  </td>
                  <td className="md-detail" data-no-i18n lang="en">
                    {c.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title={t('models.card.limitationsHeading')} id={id('limitations')}>
        <ul className="md-list">
          {isSyntheticSource(src) ? (
            <li className="md-synthetic">{t('models.card.synthetic')}</li>
          ) : null}
          <li>{t('models.card.limitation1')}</li>
          <li>{t('models.card.limitation2')}</li>
          <li>{t('models.card.limitation3')}</li>
          <li>
            {t('models.card.novelty')}{' '}
            <span data-no-i18n>{fixed(dose.novelty.threshold, lang, 2)}</span>
          </li>
        </ul>
      </Section>

      {loadMarkdown ? <Markdown load={loadMarkdown} /> : null}
    </div>
  );
}
