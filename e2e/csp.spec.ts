import { expect, test } from '@playwright/test';
import { AREAS } from './pages/app-shell';

/**
 * The built site carries a Content-Security-Policy meta tag, and nothing the app does in any area
 * violates it. A violation would mean the policy is too loose somewhere or the app relies on
 * something (inline script, eval, a remote host) it must not.
 */
test('every area runs under the Content-Security-Policy without a violation', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto('./');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).not.toContain('unsafe-inline');
  for (const area of AREAS) {
    await page.goto(`./${area.hash}`);
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  }
  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  expect(violations).toEqual([]);
});
