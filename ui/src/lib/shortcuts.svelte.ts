// The keyboard shortcuts that work on every unlocked screen, handled in one place (App.svelte puts
// `onGlobalKeydown` on the window): Ctrl+K (or Cmd+K) and "/" go to "Search pupils", "?" opens the
// list of shortcuts. "/" and "?" are ordinary characters while the worker is typing in a field, so
// they only count outside one; Ctrl+K counts everywhere. Screens may add their own (the meeting's
// Alt+ keys); those are listed on the help page too (features/help/KeyboardShortcuts.svelte).
import { router } from './router.svelte';

export type GlobalShortcut = 'search' | 'help';

/** The id of the header's search box (features/search/PupilSearch.svelte). */
export const SEARCH_BOX_ID = 'search';

/** Input types that take no typed text: "/" and "?" pressed on them are shortcuts. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** True when keys pressed at `target` are typed into a field (text, textarea, select, editable). */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target.isContentEditable === true;
}

/** What a key press asks for on any screen, or null when it is not a global shortcut. */
export function globalShortcut(event: KeyboardEvent): GlobalShortcut | null {
  if (event.isComposing || event.altKey) return null;
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && key.toLowerCase() === 'k') return 'search';
  if (event.ctrlKey || event.metaKey || isTypingIn(event.target)) return null;
  if (key === '/') return 'search';
  if (key === '?') return 'help';
  return null;
}

/** Where focus was before a shortcut moved it to the search box (Escape in an empty box goes back). */
export const searchReturn: { element: HTMLElement | null } = { element: null };

/** Moves focus to the search box with its text selected; false when there is no box (locked). */
export function focusSearch(): boolean {
  const box = document.getElementById(SEARCH_BOX_ID);
  if (!(box instanceof HTMLInputElement)) return false;
  const from = document.activeElement;
  if (from instanceof HTMLElement && from !== box && from !== document.body) searchReturn.element = from;
  box.focus();
  box.select();
  return true;
}

/** Opens the list of shortcuts, remembering the screen to go back to. */
export function openShortcutsHelp(): void {
  if (router.route.name === 'shortcuts') return;
  router.go({ name: 'shortcuts', from: router.route });
}

export function onGlobalKeydown(event: KeyboardEvent): void {
  if (event.defaultPrevented || !router.unlocked) return;
  const shortcut = globalShortcut(event);
  if (shortcut === 'search') {
    if (focusSearch()) event.preventDefault();
  } else if (shortcut === 'help') {
    event.preventDefault();
    openShortcutsHelp();
  }
}
