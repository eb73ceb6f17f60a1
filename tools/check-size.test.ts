import { describe, expect, it } from 'vitest';
import { initialScripts } from './check-size';

describe('initialScripts', () => {
  it('counts the entry module and every modulepreload, once each', () => {
    const html = `<head>
      <script type="module" crossorigin src="/x/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/x/assets/vendor-b.js">
      <link rel="modulepreload" href="/x/assets/index-a.js">
      <link rel="stylesheet" href="/x/assets/index.css">
    </head>`;
    expect(initialScripts(html)).toEqual(['/x/assets/index-a.js', '/x/assets/vendor-b.js']);
  });

  it('ignores lazily imported chunks, which are not in the HTML', () => {
    expect(initialScripts('<script type="module" src="/assets/main.js"></script>')).toEqual([
      '/assets/main.js',
    ]);
  });
});
