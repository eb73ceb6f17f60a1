import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Initial-load budget: the JS the browser must fetch before the first screen (the entry script
 * and every module it preloads), gzipped, must stay ≤ 300 KB. TF.js and the charts are loaded
 * lazily and do not count. Run after a build: npm run size [-- dist-dir]
 */
export const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...srcs, ...preloads])];
}

function main() {
  const dist = process.argv[2] ?? 'dist-pages';
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const base = /<script[^>]*src="([^"]*?)assets\//.exec(html)?.[1] ?? '/';
  let total = 0;
  const rows: string[] = [];
  for (const src of initialScripts(html)) {
    const file = join(dist, src.startsWith(base) ? src.slice(base.length) : src);
    const gz = gzipSync(readFileSync(file)).byteLength;
    total += gz;
    rows.push(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${src}`);
  }
  console.log(`Initial JS (gzip), ${dist}:`);
  console.log(rows.join('\n'));
  const verdict = total <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `  ${(total / 1024).toFixed(1).padStart(7)} KB  total — ${verdict} the ${INITIAL_JS_BUDGET_BYTES / 1024} KB budget`,
  );
  if (total > INITIAL_JS_BUDGET_BYTES) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) main();
