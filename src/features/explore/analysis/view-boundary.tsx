import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Keeps a failing analysis view from taking the page down: the view is replaced by a translated
 * note (and the technical message, as data, for a bug report).
 */
export class ViewBoundary extends Component<
  { fallback: string; resetKey: string; children: ReactNode },
  { error: string | null; key: string }
> {
  state = { error: null as string | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: string | null; key: string },
  ) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('explore view failed', error, info.componentStack);
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="xp-notice xp-notice-error" role="alert">
        <p>{this.props.fallback}</p>
        <p className="xp-small" data-no-i18n>
          <code>{this.state.error}</code>
        </p>
      </div>
    );
  }
}
