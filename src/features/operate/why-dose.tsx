import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { formatWallClock, type InputRecord } from '../../domain/input-record';
import { prepareChartMeasurement } from '../../components/chart-measurement';
import type { PackManifest } from '../../domain/pack-manifest';
import type { Engine, Explanation, WhatIfCurve } from '../../ml/engine/engine-api';
import { mostInfluentialNumber } from './form-model';
import { formatDose, formatReading } from './format';
import { UnitText } from './unit-text';
import { useKeyedAsync } from './use-keyed-async';

prepareChartMeasurement();

/** Bars shown at most: the largest contributions by absolute value. */
const TOP_CONTRIBUTIONS = 6;
const WHAT_IF_POINTS = 41;
const LOG_TICKS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000];

interface WhyProps {
  engine: Engine;
  record: InputRecord;
  recordKey: string;
  /** The dose on screen, mg/L (the current point of the what-if curve). */
  dose: number;
}

interface WhyData {
  explanation: Explanation;
  curve: WhatIfCurve | null;
}

/**
 * "Why this dose": Shapley contributions of each reading (bars, with a table as the text
 * alternative), and a what-if slider over the most influential numeric reading.
 * Loaded lazily with recharts, so the dose itself never waits for the chart library.
 */
export default function WhyDose({ engine, record, recordKey, dose }: WhyProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const manifest = engine.manifest;
  const data = useKeyedAsync<WhyData>(
    recordKey,
    async () => {
      const explanation = await engine.explain(record);
      const input = mostInfluentialNumber(manifest, explanation.contributions);
      const curve = input ? await engine.whatIf(record, input, WHAT_IF_POINTS) : null;
      return { explanation, curve };
    },
    400,
  );

  return (
    <section className="panel why" aria-labelledby="operate-why-heading" data-testid="why">
      <h2 className="section-title" id="operate-why-heading">
        {t('operate.why.heading')}
      </h2>
      {data.failed ? (
        <p className="calm-line">{t('operate.why.unavailable')}</p>
      ) : !data.value ? (
        <p className="calm-line">{t('operate.why.calculating')}</p>
      ) : (
        <div className={data.pending ? 'answer-stale' : undefined}>
          <Contributions
            explanation={data.value.explanation}
            manifest={manifest}
            record={record}
            lang={lang}
          />
          {data.value.curve ? (
            <WhatIf
              key={`${data.valueKey ?? ''}`}
              curve={data.value.curve}
              manifest={manifest}
              record={record}
              dose={dose}
              lang={lang}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}

function labelOf(manifest: PackManifest, id: string, lang: 'es' | 'en'): string {
  return manifest.inputs.find((i) => i.id === id)?.label[lang] ?? id;
}

/** "Planta: ala", "Turbiedad de agua cruda: 12,5": what the operator entered, beside its name. */
function labelWithValue(
  manifest: PackManifest,
  record: InputRecord,
  id: string,
  lang: 'es' | 'en',
): string {
  const spec = manifest.inputs.find((i) => i.id === id);
  const v = record[id];
  const label = labelOf(manifest, id, lang);
  if (!spec || v === null || v === undefined) return label;
  if (spec.kind === 'number' && typeof v === 'number') return `${label}: ${formatReading(v, lang)}`;
  if (spec.kind === 'category') return `${label}: ${String(v)}`;
  if (spec.kind === 'datetime' && typeof v === 'number')
    return `${label}: ${formatWallClock(v).slice(11)}`;
  return label;
}

/** A symmetric axis bound with round ticks at ±bound, ±bound/2 and 0. */
function niceBound(maxAbs: number): number {
  const raw = Math.max(maxAbs * 1.1, 0.2);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 2, 4, 5, 10].find((k) => k * pow >= raw) ?? 10;
  return m * pow;
}

/** Signed, with a plain 0 for values that round to zero (never "-0,0"). */
function signedDose(v: number, lang: string): string {
  const rounded = Math.round(v * 10) / 10;
  if (rounded === 0) return formatDose(0, lang);
  return `${rounded > 0 ? '+' : ''}${formatDose(rounded, lang)}`;
}

function Contributions({
  explanation,
  manifest,
  record,
  lang,
}: {
  explanation: Explanation;
  manifest: PackManifest;
  record: InputRecord;
  lang: 'es' | 'en';
}) {
  const { t } = useTranslation();
  const top = [...explanation.contributions]
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, TOP_CONTRIBUTIONS)
    .map((c) => ({ ...c, label: labelWithValue(manifest, record, c.input, lang) }));
  const extent = niceBound(Math.max(...top.map((c) => Math.abs(c.value))));
  const ticks = [-extent, -extent / 2, 0, extent / 2, extent];
  const height = 56 * top.length + 48;

  return (
    <>
      <p className="calm-note">{t('operate.why.intro')}</p>
      <dl className="facts">
        <div>
          <dt>{t('operate.why.reference')}</dt>
          <dd data-no-i18n>{formatDose(explanation.reference, lang)} mg/L</dd>
        </div>
      </dl>
      <figure className="chart-figure" role="group" aria-label={t('operate.why.chartLabel')}>
        <div className="chart" data-no-i18n aria-hidden="true" style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={top}
              layout="vertical"
              margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} stroke="var(--grey-300)" />
              <XAxis
                type="number"
                domain={[-extent, extent]}
                ticks={ticks}
                tickFormatter={(v: number) => formatDose(v, lang)}
                tick={{ fill: 'var(--grey-900)', fontSize: 16 }}
                stroke="var(--grey-600)"
              />
              <YAxis
                type="category"
                dataKey="label"
                width={210}
                tick={{ fill: 'var(--grey-900)', fontSize: 16 }}
                stroke="var(--grey-600)"
              />
              <ReferenceLine x={0} stroke="var(--grey-900)" strokeWidth={2} />
              <Bar dataKey="value" isAnimationActive={false} barSize={28}>
                {top.map((c) => (
                  <Cell key={c.input} fill={c.value >= 0 ? 'var(--grey-700)' : 'var(--grey-400)'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table className="data-table compact contributions-table">
          <thead>
            <tr>
              <th scope="col">{t('operate.why.input')}</th>
              <th scope="col" className="num">
                {t('operate.why.contribution')}
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((c) => (
              <tr key={c.input}>
                <th scope="row" data-no-i18n>
                  {c.label}
                </th>
                <td className="num" data-no-i18n>
                  {signedDose(c.value, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </>
  );
}

function nearestIndex(xs: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++)
    if (Math.abs((xs[i] as number) - v) < Math.abs((xs[best] as number) - v)) best = i;
  return best;
}

function WhatIf({
  curve,
  manifest,
  record,
  dose,
  lang,
}: {
  curve: WhatIfCurve;
  manifest: PackManifest;
  record: InputRecord;
  dose: number;
  lang: 'es' | 'en';
}) {
  const { t } = useTranslation();
  const spec = manifest.inputs.find((i) => i.id === curve.input);
  const unit = spec?.unit ?? '';
  const current = record[curve.input];
  const currentValue = typeof current === 'number' ? current : Number.NaN;
  const [index, setIndex] = useState(() =>
    Number.isFinite(currentValue) ? nearestIndex(curve.x, currentValue) : 0,
  );
  const points = curve.x.map((x, i) => ({ x, dose: curve.dose[i] as number }));
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const log = first.x > 0 && last.x / first.x > 50;
  const assumed = points[Math.min(index, points.length - 1)] ?? first;
  const inRange =
    Number.isFinite(currentValue) && currentValue >= first.x && currentValue <= last.x;
  const maxDose = Math.max(dose, ...points.map((p) => p.dose));
  // A log axis gets 1-3-10 ticks; recharts' own log ticks are unreadable (0,609 · 1,12 · …).
  const ticks = log ? LOG_TICKS.filter((v) => v >= first.x && v <= last.x) : undefined;

  return (
    <div className="what-if">
      <h3 className="subheading">{t('operate.why.whatIfHeading')}</h3>
      <p className="calm-note">{t('operate.why.whatIfIntro')}</p>
      <div className="what-if-controls">
        <label className="field-label" htmlFor="operate-what-if">
          {t('operate.why.whatIfSlider')}{' '}
          <span data-no-i18n>({spec ? spec.label[lang] : curve.input})</span>
        </label>
        <input
          id="operate-what-if"
          className="slider"
          type="range"
          min={0}
          max={points.length - 1}
          step={1}
          value={index}
          aria-valuetext={`${formatReading(assumed.x, lang)} ${unit}`}
          onChange={(e) => setIndex(Number(e.target.value))}
        />
        <dl className="facts">
          <div>
            <dt>{t('operate.why.whatIfValue')}</dt>
            <dd data-no-i18n data-testid="what-if-value">
              {formatReading(assumed.x, lang)} <UnitText unit={unit} />
            </dd>
          </div>
          <div>
            <dt>{t('operate.why.whatIfDose')}</dt>
            <dd data-no-i18n data-testid="what-if-dose">
              {formatDose(assumed.dose, lang)} mg/L
            </dd>
          </div>
          <div>
            <dt>{t('operate.why.whatIfCurrent')}</dt>
            <dd data-no-i18n>
              {formatReading(currentValue, lang)} <UnitText unit={unit} />
              {' → '}
              {formatDose(dose, lang)} mg/L
            </dd>
          </div>
          <div>
            <dt>{t('operate.why.whatIfLow')}</dt>
            <dd data-no-i18n>
              {formatReading(first.x, lang)} <UnitText unit={unit} /> →{' '}
              {formatDose(first.dose, lang)} mg/L
            </dd>
          </div>
          <div>
            <dt>{t('operate.why.whatIfHigh')}</dt>
            <dd data-no-i18n>
              {formatReading(last.x, lang)} <UnitText unit={unit} /> → {formatDose(last.dose, lang)}{' '}
              mg/L
            </dd>
          </div>
        </dl>
      </div>
      <figure className="chart-figure" role="img" aria-label={t('operate.why.whatIfChartLabel')}>
        <div className="chart" data-no-i18n aria-hidden="true" style={{ height: 260 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={points}
              margin={{ top: 12, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke="var(--grey-300)" />
              <XAxis
                type="number"
                dataKey="x"
                scale={log ? 'log' : 'linear'}
                domain={[first.x, last.x]}
                allowDataOverflow
                ticks={ticks}
                tickFormatter={(v: number) => formatReading(v, lang)}
                tick={{ fill: 'var(--grey-900)', fontSize: 16 }}
                stroke="var(--grey-600)"
              />
              <YAxis
                type="number"
                domain={[0, Math.ceil(maxDose * 1.1)]}
                width={56}
                tickFormatter={(v: number) => formatReading(v, lang)}
                tick={{ fill: 'var(--grey-900)', fontSize: 16 }}
                stroke="var(--grey-600)"
              />
              <Line
                dataKey="dose"
                type="linear"
                stroke="var(--grey-700)"
                strokeWidth={3}
                dot={false}
                isAnimationActive={false}
              />
              {inRange ? (
                <ReferenceDot
                  x={currentValue}
                  y={dose}
                  r={8}
                  fill="var(--grey-900)"
                  stroke="var(--grey-0)"
                  strokeWidth={2}
                />
              ) : null}
              <ReferenceDot
                x={assumed.x}
                y={assumed.dose}
                r={10}
                fill="var(--grey-0)"
                stroke="var(--grey-900)"
                strokeWidth={3}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
