// The api wrapper: how `call` talks to Tauri's invoke and what it throws when a command fails; the
// file and folder choosers the backend opens, and how a saved file is opened (by token).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { call, chooseFile, CommandError, openSavedFile, revealSavedFile } from './index';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

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

describe('the choosers the backend opens, and opening a saved file', () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
  });

  it('asks the backend for a file by purpose and gets a token and a name, never a path', async () => {
    vi.mocked(invoke).mockResolvedValue({ token: 'tok-9', name: 'marks.csv' });
    await expect(chooseFile('import')).resolves.toEqual({ token: 'tok-9', name: 'marks.csv' });
    expect(invoke).toHaveBeenCalledWith('file_choose', { request: { purpose: 'import' } });
  });

  it('opens and reveals a saved file by its token only, never a path', async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    await openSavedFile('tok-1');
    await revealSavedFile('tok-1');
    expect(invoke).toHaveBeenNthCalledWith(1, 'saved_file_open', { request: { token: 'tok-1' } });
    expect(invoke).toHaveBeenNthCalledWith(2, 'saved_file_reveal', { request: { token: 'tok-1' } });
  });
});
