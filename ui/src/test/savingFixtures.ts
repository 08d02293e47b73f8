// A save_suggestion answer: the documents folder and the suggested name, asking by default.
import type { SaveSuggestion } from '../api';

export function saveSuggestion(overrides: Partial<SaveSuggestion> = {}): SaveSuggestion {
  return {
    folder: '/home/demo/Documents/Caseload',
    name: 'TSM record 100001-2026-autumn.pdf',
    path: '/home/demo/Documents/Caseload/TSM record 100001-2026-autumn.pdf',
    extension: 'pdf',
    ask: true,
    ...overrides,
  };
}
