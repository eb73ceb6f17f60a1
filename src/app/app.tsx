import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
// Global styles first, so component styles loaded after them win ties.
import './styles/tokens.css';
import './styles/global.css';
import { Shell } from './shell';

/**
 * Root component. Routing is hash-based (`#/operar`), so the static host only
 * ever serves `index.html` and deep links work under any BASE_PATH.
 */
export function App() {
  return (
    <Router hook={useHashLocation}>
      <Shell />
    </Router>
  );
}
