import type { ReactNode } from 'react';

/** Decorative line icons for the navigation; the visible label carries the meaning. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="nav-icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A dial: the operator's dose screen. */
export function OperateIcon() {
  return (
    <Icon>
      <path d="M5.64 18.36a9 9 0 1 1 12.72 0" />
      <path d="M12 13.5l4-4.5" />
      <circle cx="12" cy="13.5" r="1.5" />
    </Icon>
  );
}

/** A line chart: data exploration. */
export function ExploreIcon() {
  return (
    <Icon>
      <path d="M3.5 3.5v17h17" />
      <path d="M7 15l4-4.5 3 3 5.5-6.5" />
    </Icon>
  );
}

/** Stacked layers: model packs. */
export function ModelsIcon() {
  return (
    <Icon>
      <path d="M12 3l9 4.5-9 4.5-9-4.5z" />
      <path d="M3 12l9 4.5 9-4.5" />
      <path d="M3 16.5l9 4.5 9-4.5" />
    </Icon>
  );
}
