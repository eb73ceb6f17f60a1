import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium-launch';

/**
 * Renders public/favicon.svg into the PNG icons the web-app manifest needs (192, 512, and a
 * maskable 512 with safe padding). Run once after changing the SVG: npx tsx tools/make-icons.ts
 */
const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'public/favicon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage();
for (const [name, size, padding] of [
  ['icon-192.png', 192, 0],
  ['icon-512.png', 512, 0],
  ['icon-maskable-512.png', 512, 0.1],
] as const) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * (1 - 2 * padding));
  await page.setContent(
    `<body style="margin:0;background:#3b4147;display:grid;place-items:center;width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</body>`,
  );
  await page.screenshot({ path: join(root, 'public', name), omitBackground: false });
}
await browser.close();
