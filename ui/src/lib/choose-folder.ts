import { chooseFolder } from '../api';

/** The system's folder chooser, for a field where the folder can also be typed: no chooser, or
 *  one that fails, gives `null` and nothing is said. */
export async function chooseFolderOrType(): Promise<string | null> {
  try {
    return await chooseFolder();
  } catch {
    return null;
  }
}
