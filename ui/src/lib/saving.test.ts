// Where a document goes: the suggestion from Rust, then the save dialog (a folder chooser for an
// export), or straight into the fixed folder when the machine sets one; cancelling answers null.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseSaveFolder, chooseSavePath } from '../api';
import { requestsFor, serve } from '../test/commands';
import { saveSuggestion } from '../test/savingFixtures';
import { whereToSave } from './saving';

vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api')>()),
  call: vi.fn(),
  chooseSavePath: vi.fn(),
  chooseSaveFolder: vi.fn(),
}));

describe('whereToSave', () => {
  beforeEach(() => {
    vi.mocked(chooseSavePath).mockReset();
    vi.mocked(chooseSaveFolder).mockReset();
  });

  it('opens the save dialog on the suggested folder and name, and answers the chosen path', async () => {
    const suggestion = saveSuggestion();
    serve({ save_suggestion: () => suggestion });
    vi.mocked(chooseSavePath).mockResolvedValue('/home/demo/Desktop/record.pdf');
    const request = { document: 'tsm_record', id: 'tsm-1', format: 'pdf' } as const;
    await expect(whereToSave(request)).resolves.toEqual({ path: '/home/demo/Desktop/record.pdf' });
    expect(requestsFor('save_suggestion')).toEqual([request]);
    expect(chooseSavePath).toHaveBeenCalledWith(suggestion);
  });

  it('answers null when the worker cancels the dialog', async () => {
    serve({ save_suggestion: () => saveSuggestion() });
    vi.mocked(chooseSavePath).mockResolvedValue(null);
    await expect(whereToSave({ document: 'evidence_bundle', case_id: 'case-1' })).resolves.toBeNull();
  });

  it('asks for a folder for an export, starting in the documents folder', async () => {
    serve({
      save_suggestion: () => saveSuggestion({ name: '', path: '/home/demo/Documents/Caseload', extension: '' }),
    });
    vi.mocked(chooseSaveFolder).mockResolvedValue('/media/usb');
    await expect(whereToSave({ document: 'export' })).resolves.toEqual({ dir: '/media/usb' });
    expect(chooseSaveFolder).toHaveBeenCalledWith('/home/demo/Documents/Caseload');
    expect(chooseSavePath).not.toHaveBeenCalled();
  });

  it('saves into the fixed documents folder without a dialog when the machine sets one', async () => {
    serve({ save_suggestion: () => saveSuggestion({ ask: false, folder: '/srv/docs' }) });
    await expect(whereToSave({ document: 'evidence_bundle', case_id: 'case-1' })).resolves.toEqual({
      dir: '/srv/docs',
    });
    expect(chooseSavePath).not.toHaveBeenCalled();
    expect(chooseSaveFolder).not.toHaveBeenCalled();
  });
});
