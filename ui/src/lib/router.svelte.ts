// In-app navigation: which screen is showing, held in one rune-based object. No URL routing:
// the webview loads one page, and a route names a screen plus the id it shows (never a record copy).
import type { CaseId, TsmId } from '../api';

/** The parts of a case, one per sub navigation tab; the case view shows one at a time. */
export const CASE_TABS = ['overview', 'chronology', 'plan', 'attendance', 'family', 'legal', 'history'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export type Route =
  | { name: 'loading' }
  | { name: 'setup' }
  /** `notice` says why the caseload locked itself ("Caseload locked after 5 minutes without use"). */
  | { name: 'unlock'; notice?: string }
  | { name: 'caseload'; notice?: string }
  | { name: 'case-add' }
  /** One case, showing one of its parts (`tab`; the Overview when absent). */
  | { name: 'case-view'; id: CaseId; tab?: CaseTab }
  | { name: 'case-edit'; id: CaseId }
  | { name: 'reports' }
  | { name: 'schools' }
  | { name: 'school-edit'; urn?: string }
  | { name: 'attendance' }
  | { name: 'meetings'; notice?: string }
  | { name: 'meeting-plan'; urn?: string }
  | { name: 'meeting'; id: TsmId }
  | { name: 'exports' }
  | { name: 'audit' }
  | { name: 'settings' }
  /** Closed cases due for review for deletion under the retention rule (reached from Settings). */
  | { name: 'retention' }
  | { name: 'change-passphrase' }
  /** The list of keyboard shortcuts; `from` is the screen it was opened from ("Back" returns there). */
  | { name: 'shortcuts'; from?: Route };

/** The fallback used until `app_status` has said otherwise. */
export const DEFAULT_MIN_PASSPHRASE_LENGTH = 12;

class Router {
  route = $state<Route>({ name: 'loading' });
  minPassphraseLength = $state(DEFAULT_MIN_PASSPHRASE_LENGTH);

  go(route: Route): void {
    this.route = route;
  }

  /** What the screen is keyed on: a route, except that the tabs of one case are one screen (a tab
   *  change keeps the case loaded and the page where it is, rather than remounting it). */
  get screenKey(): Route | string {
    const route = this.route;
    return route.name === 'case-view' ? `case-view:${route.id}` : route;
  }

  /** True for screens that need an unlocked caseload (and so show the navigation). */
  get unlocked(): boolean {
    const name = this.route.name;
    return name !== 'loading' && name !== 'setup' && name !== 'unlock';
  }
}

export const router = new Router();
