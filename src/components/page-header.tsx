import './page.css';

interface PageHeaderProps {
  /** Translated page title: rendered as the page's only `<h1>`. */
  title: string;
  /** Translated one-paragraph summary of the page. */
  lead?: string;
}

/**
 * Page title block. The `<h1>` takes programmatic focus after navigation
 * (see the app shell), so screen readers announce the new page.
 */
export function PageHeader({ title, lead }: PageHeaderProps) {
  return (
    <header className="page-header">
      <h1 className="page-title" tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="page-lead">{lead}</p> : null}
    </header>
  );
}
