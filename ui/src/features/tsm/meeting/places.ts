// Where on the meeting screen each thing lives: the element a finish problem points at, and moving
// focus there (after Svelte has drawn any change that put it on screen).
import { tick } from 'svelte';
import type { ProblemAt, TsmView } from '../../../api';

/** The id of the field a finish problem is about. */
export function placeTarget(view: TsmView, place: ProblemAt): string {
  switch (place.at) {
    case 'meeting':
      return 'meeting-date';
    case 'attendees': {
      // A named attendee without a role first, then an unnamed row, else the button to add one.
      const noRole = view.attendees.findIndex((a) => a.name.trim() !== '' && a.role.trim() === '');
      if (noRole >= 0) return `attendee-${noRole}-role`;
      const unnamed = view.attendees.findIndex((a) => a.name.trim() === '');
      return unnamed >= 0 ? `attendee-${unnamed}-name` : 'add-attendee';
    }
    case 'discussion': {
      const d = view.discussions.find((x) => String(x.id) === String(place.id));
      return d && d.case_id === null ? `discussion-${place.id}-name` : `discussion-${place.id}-notes`;
    }
    case 'action':
      return view.carried.some((c) => String(c.action.id) === String(place.id))
        ? `carried-${place.id}-done`
        : `action-${place.id}-what`;
  }
}

/** Moves focus to the element with this id once the screen is up to date; false if it is not there. */
export async function focusId(id: string): Promise<boolean> {
  await tick();
  const target = document.getElementById(id);
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return true;
}
