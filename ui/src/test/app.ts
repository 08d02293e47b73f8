// Helpers for the app shell's tests (App*.test.ts): start the whole app with the given command
// handlers, and read the screen's one h1. Each test file mocks ./api itself.
import { render, screen, waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';
import App from '../App.svelte';
import { serve, type Handlers } from './commands';

export async function startAt(handlers: Handlers) {
  serve(handlers);
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
}

export function heading() {
  return screen.getByRole('heading', { level: 1 });
}
