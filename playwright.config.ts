import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './tools/chromium-launch';

/**
 * e2e runs against the production build served under the GitHub Pages
 * sub-path, exactly as deployed. `npm test` builds it first (`build:pages`);
 * `npm run test:e2e` alone reuses an existing `dist-pages/`.
 */
const BASE_PATH = '/dosis-coagulante/';
/** E2E_PORT / E2E_DIST let several people run e2e on one machine without sharing a server. */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const DIST = process.env.E2E_DIST ?? 'dist-pages';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Generous: the suite shares 2 cores with a production preview server and TF.js workers.
  timeout: 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${PORT}${BASE_PATH}`,
    browserName: 'chromium',
    hasTouch: true,
    deviceScaleFactor: 1,
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'tablet-landscape', use: { viewport: { width: 1024, height: 768 } } },
    { name: 'tablet-portrait', use: { viewport: { width: 800, height: 1280 } } },
  ],
  webServer: {
    command: `npx cross-env BASE_PATH=${BASE_PATH} vite preview --outDir ${DIST} --port ${PORT} --strictPort --bypass-lock`,
    url: `http://localhost:${PORT}${BASE_PATH}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
