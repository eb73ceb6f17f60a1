import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * Content-Security-Policy for the built site (a meta tag: static hosts such as GitHub Pages set
 * no headers). Only in builds: the dev server injects inline scripts for hot reload.
 * 'wasm-unsafe-eval' lets TF.js compile its WASM backend; nothing else is relaxed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

// BASE_PATH lets the same build serve from a sub-path (GitHub Pages: /<repo>/).
// Routing is hash-based, so deep links never reach the static host as paths.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline PWA: the app shell, the TF.js WASM binaries and the shipped model packs are
    // precached. registerType 'prompt': a new version waits for the operator to accept it
    // ("update available") instead of silently swapping the model mid-shift.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Dosis de coagulante',
        short_name: 'Dosis',
        description:
          'Recomendación de dosis de coagulante para plantas de potabilización, sin conexión.',
        lang: 'es',
        theme_color: '#3b4147',
        background_color: '#e9eaec',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest,json,bin,md,csv}'],
        globIgnores: ['engine-harness.html', 'explore-harness.html'],
        // Model packs and sample data are a few MB each.
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
        navigateFallback: null,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      // engine-harness.html: the engine's test/bench hook page (e2e/engine-*.spec.ts, bench/);
      // explore-harness.html: the Explorer's bench hook page (bench/explore-bench.ts). Built with
      // the site so tests and benches run against the production build; no app page links to them.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        engineHarness: fileURLToPath(new URL('./engine-harness.html', import.meta.url)),
        exploreHarness: fileURLToPath(new URL('./explore-harness.html', import.meta.url)),
      },
    },
  },
});
