// Where a document goes: the Rust side suggests the folder (Documents/Caseload) and name
// (save_suggestion), the worker confirms or changes it in the system's save dialog (a folder
// chooser for an export's several files). Cancelling answers `null`: the caller saves nothing and
// says nothing. When the machine fixes the documents folder (`ask` is false), no dialog opens.
import { call, chooseSaveFolder, chooseSavePath, type SaveSuggestionRequest } from '../api';

/** Where to save: exactly this file, or into this folder under a name that replaces nothing. */
export type SaveTarget = { path: string } | { dir: string };

export async function whereToSave(request: SaveSuggestionRequest): Promise<SaveTarget | null> {
  const suggestion = await call('save_suggestion', request);
  if (!suggestion.ask) return { dir: suggestion.folder };
  if (request.document === 'export') {
    const dir = await chooseSaveFolder(suggestion.folder);
    return dir === null ? null : { dir };
  }
  const path = await chooseSavePath(suggestion);
  return path === null ? null : { path };
}
