// Svelte compiler settings shared by Vite and svelte-check: runes mode, TypeScript via Vite.
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
