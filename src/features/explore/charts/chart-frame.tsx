import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBlob, fileStem } from '../lib/download';
import { svgToPng } from '../lib/svg-png';

/**
 * A chart with its title and a "download PNG" button. The PNG is drawn from the chart's own SVG
 * (the largest one inside the frame), with the title on top.
 */
export function ChartFrame({
  title,
  titleIsData,
  fileName,
  children,
  actions,
  caption,
}: {
  title: string;
  /** The title is data (a column name), not a translated string. */
  titleIsData?: boolean;
  /** Data part of the PNG's file name (dataset and column), added after the title. */
  fileName: string;
  children: ReactNode;
  actions?: ReactNode;
  caption?: ReactNode;
}) {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const titleId = useId();

  const exportPng = async () => {
    setFailed(false);
    const svgs = [...(bodyRef.current?.querySelectorAll('svg') ?? [])];
    const svg = svgs.sort(
      (a, b) =>
        b.getBoundingClientRect().width * b.getBoundingClientRect().height -
        a.getBoundingClientRect().width * a.getBoundingClientRect().height,
    )[0];
    if (!svg) return;
    try {
      const blob = await svgToPng(svg, `${title} · ${fileName}`);
      downloadBlob(blob, `${fileStem(`${title}-${fileName}`)}.png`);
    } catch {
      setFailed(true);
    }
  };

  return (
    <figure className="xp-chart" aria-labelledby={titleId}>
      <div className="xp-chart-head">
        {titleIsData ? (
          <figcaption id={titleId} className="xp-chart-title" data-no-i18n>
            {title}
          </figcaption>
        ) : (
          <figcaption id={titleId} className="xp-chart-title">
            {title}
          </figcaption>
        )}
        <div className="xp-chart-actions">
          {actions}
          <button type="button" className="button" onClick={() => void exportPng()}>
            {t('explore.common.downloadPng')}
          </button>
        </div>
      </div>
      {/* Axis ticks and labels are data (numbers, dates, column names). */}
      <div className="xp-chart-body" ref={bodyRef} data-no-i18n>
        {children}
      </div>
      {caption ? <div className="xp-chart-caption">{caption}</div> : null}
      {failed ? (
        <p className="xp-notice xp-notice-error" role="alert">
          {t('explore.common.exportFailed')}
        </p>
      ) : null}
    </figure>
  );
}

/** A "download CSV" button for a table. */
export function CsvButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button" onClick={onClick}>
      {t('explore.common.downloadCsv')}
    </button>
  );
}
