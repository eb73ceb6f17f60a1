import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { AREAS, HOME_PATH, areaForPath, hashHref } from './areas';
import { LanguageToggle } from './language-toggle';
import { NotFound } from './not-found';
import { UpdatePrompt } from './update-prompt';
import './shell.css';

/** Top bar, navigation rail and the routed page. */
export function Shell() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const current = areaForPath(location);
  const mainRef = useRef<HTMLElement>(null);
  const previousLocation = useRef(location);

  // Browser tab title follows the page and the language.
  const pageTitle = current ? t(current.labelKey) : t('notFound.title');
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${pageTitle} · ${appName}`;
  }, [pageTitle, appName]);

  // After navigating (not on first load), move focus to the new page's heading
  // so screen-reader and keyboard users land on the content.
  useEffect(() => {
    if (previousLocation.current === location) return;
    previousLocation.current = location;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [location]);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{appName}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <UpdatePrompt />
        <LanguageToggle />
      </header>

      <nav className="nav" aria-label={t('nav.label')}>
        <ul className="nav-list">
          {AREAS.map(({ id, path, labelKey, Icon }) => (
            <li key={id}>
              <a
                className="nav-link"
                href={hashHref(path)}
                aria-current={current?.id === id ? 'page' : undefined}
              >
                <Icon />
                <span className="nav-label">{t(labelKey)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <main className="main" id="main" ref={mainRef}>
        <div className="main-inner">
          <Switch>
            <Route path="/">
              <Redirect to={HOME_PATH} replace />
            </Route>
            {AREAS.map(({ id, path, Page }) => (
              <Route key={id} path={path}>
                <Page />
              </Route>
            ))}
            <Route>
              <NotFound path={location} />
            </Route>
          </Switch>
        </div>
      </main>
    </div>
  );
}
