// How a pupil's details read on screen: the flag names in the order the form offers them. Pure
// display; the server owns every rule. The Rust code has no words for flags, so they are here,
// typed by the generated `PupilFlag`.
import type { PupilFlag } from '../../api';
import { labelOptions } from '../../lib/labels';

const FLAG_LABELS: Record<PupilFlag, string> = {
  sen_support: 'SEN support',
  ehcp: 'EHCP',
  fsm: 'Free school meals',
  cin: 'Child in need',
  cp: 'Child protection',
  lac: 'Looked-after child',
  young_carer: 'Young carer',
  eal: 'EAL',
  part_time_timetable: 'Part-time timetable',
  health_related_absence: 'Health-related absence',
  ebsa: 'EBSA',
};

/** Flags in the order the form offers them (the value is what the server expects). */
export const FLAGS: { value: PupilFlag; label: string }[] = labelOptions(FLAG_LABELS);

export function flagLabel(flag: PupilFlag): string {
  return FLAG_LABELS[flag];
}
