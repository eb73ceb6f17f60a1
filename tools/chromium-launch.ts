import { existsSync } from 'node:fs';

/**
 * How every headless Chromium here is launched (e2e, benches, icon rendering), in one place so
 * they measure and behave alike: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own browser (undefined); no sandbox (containers), no GPU (none here), and no
 * background traffic or first-run work competing with what is measured.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumExecutable(): string | undefined {
  return (
    process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  );
}
