// The api wrapper: how `call` talks to Tauri's invoke and what it throws when a command fails; the
// save dialogs it opens and how a saved file is opened (by token).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { open, save } from '@tauri-apps/plugin-dialog';
import { call, chooseSaveFolder, chooseSavePath, CommandError, openSavedFile, revealSavedFile } from './index';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

describe('call', () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
  });

  it('sends the request under a `request` key and resolves with the response', async () => {
    vi.mocked(invoke).mockResolvedValue([]);
    await expect(call('case_get', { id: 'case-7' })).resolves.toEqual([]);
    expect(invoke).toHaveBeenCalledWith('case_get', { request: { id: 'case-7' } });
  });

  it('turns a rejected invoke into a CommandError that carries the error kind and message', async () => {
    vi.mocked(invoke).mockRejectedValue({ kind: 'wrong_passphrase', message: 'The passphrase is not correct' });
    const error = await call('unlock', { passphrase: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).error.kind).toBe('wrong_passphrase');
    expect((error as CommandError).message).toBe('The passphrase is not correct');
  });

  it('keeps the field errors of a validation failure', async () => {
    const fields = [{ field: 'upn', message: 'Enter a UPN with a correct check letter' }];
    vi.mocked(invoke).mockRejectedValue({ kind: 'validation', message: 'Check the form', fields });
    const error = (await call('case_add', {} as never).catch((e: unknown) => e)) as CommandError;
    expect(error.error).toEqual({ kind: 'validation', message: 'Check the form', fields });
  });

  it('wraps a rejection without a kind as a storage error', async () => {
    vi.mocked(invoke).mockRejectedValue('command case_list not found');
    const error = (await call('case_list', null).catch((e: unknown) => e)) as CommandError;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.error).toEqual({ kind: 'storage', message: 'command case_list not found' });
  });
});

describe('the save dialogs and opening a saved file', () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
    vi.mocked(save).mockReset();
    vi.mocked(open).mockReset();
  });

  it('opens the save dialog on the suggested path with the file type, and answers the path chosen', async () => {
    vi.mocked(save).mockResolvedValue('/home/demo/Desktop/record.docx');
    const picked = await chooseSavePath({
      folder: '/home/demo/Documents/Caseload',
      name: 'TSM record.docx',
      path: '/home/demo/Documents/Caseload/TSM record.docx',
      extension: 'docx',
      ask: true,
    });
    expect(picked).toBe('/home/demo/Desktop/record.docx');
    expect(save).toHaveBeenCalledWith({
      defaultPath: '/home/demo/Documents/Caseload/TSM record.docx',
      filters: [{ name: 'Word document', extensions: ['docx'] }],
    });
  });

  it('answers null when a dialog is cancelled', async () => {
    vi.mocked(save).mockResolvedValue(null);
    vi.mocked(open).mockResolvedValue(null);
    const suggestion = { folder: '/d', name: 'x.pdf', path: '/d/x.pdf', extension: 'pdf', ask: true };
    await expect(chooseSavePath(suggestion)).resolves.toBeNull();
    await expect(chooseSaveFolder('/d')).resolves.toBeNull();
    expect(open).toHaveBeenCalledWith({ multiple: false, directory: true, defaultPath: '/d' });
  });

  it('opens and reveals a saved file by its token only, never a path', async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    await openSavedFile('tok-1');
    await revealSavedFile('tok-1');
    expect(invoke).toHaveBeenNthCalledWith(1, 'saved_file_open', { request: { token: 'tok-1' } });
    expect(invoke).toHaveBeenNthCalledWith(2, 'saved_file_reveal', { request: { token: 'tok-1' } });
  });
});
