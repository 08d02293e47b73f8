// ESLint (flat config) for the webview: JavaScript's and typescript-eslint's recommended rules on
// .ts/.js, eslint-plugin-svelte's on .svelte and .svelte.ts (TypeScript inside <script lang="ts">).
// Formatting is Prettier's job (`npm run format`); the svelte `prettier` preset turns off the
// rules it owns.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'src/api/bindings.ts'] },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        extraFileExtensions: ['.svelte'],
        svelteConfig,
      },
    },
    rules: {
      // Svelte 5 drops whitespace at the start and end of a tag or block, so a kept space is
      // written `{' '}` or `{' (persistent absence)'}`: those mustaches are not useless.
      'svelte/no-useless-mustaches': 'off',
    },
  },
);
