/** An HTML legend under a chart (text stays translatable and readable at any zoom). */
export interface LegendItem {
  label: string;
  swatch: 'line' | 'line-dashed' | 'band' | 'alarm' | 'warning' | 'gap' | 'flat';
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="xp-legend">
      {items.map((l) => (
        <li key={l.label}>
          <span className={`xp-swatch xp-swatch-${l.swatch}`} aria-hidden="true" />
          <span>{l.label}</span>
        </li>
      ))}
    </ul>
  );
}
