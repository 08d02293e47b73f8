// Build and test configuration for the Caseload webview: Svelte 5, SCSS (GOV.UK/MoJ), output
// to ui/dist with relative paths so Tauri can load it under a strict CSP (no inline script/style).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

const uiRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  css: {
    preprocessorOptions: {
      // GOV.UK/MoJ sources refer to one another as "node_modules/..."; resolve from ui/.
      scss: { loadPaths: [uiRoot], quietDeps: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The preload polyfill and inlined assets would break `script-src 'self'` / `style-src 'self'`.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    mockReset: true,
    restoreMocks: true,
    // Headroom, not a performance check: a whole-screen axe scan takes about 4 s in jsdom on a
    // busy 2-core runner, close to vitest's 5 s default.
    testTimeout: 20_000,
  },
});
