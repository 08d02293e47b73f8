// How a chronology reads on screen: each entry with the corrections made to it directly beneath it.
// The server lists entries in the order things happened and says which correct which; nothing is
// hidden or merged here, only grouped.
import type { ChronologyEntryView } from '../../api';

export type ChronologyGroup = {
  entry: ChronologyEntryView;
  /** Every entry that corrects `entry` (or corrects one of its corrections), oldest first. */
  corrections: ChronologyEntryView[];
};

/**
 * Groups entries under the entry they correct. An entry whose original is not in `entries` (a kind
 * filter left it out) stands on its own, so nothing the server returned is ever dropped.
 */
export function groupCorrections(entries: ChronologyEntryView[]): ChronologyGroup[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const placed = new Set<string>();

  function correctionsOf(entry: ChronologyEntryView): ChronologyEntryView[] {
    const out: ChronologyEntryView[] = [];
    for (const id of entry.corrected_by) {
      const correction = byId.get(id);
      if (!correction || placed.has(id)) continue;
      placed.add(id);
      out.push(correction, ...correctionsOf(correction));
    }
    return out;
  }

  const groups: ChronologyGroup[] = [];
  for (const entry of entries) {
    const isRoot = entry.corrects === null || !byId.has(entry.corrects);
    if (!isRoot || placed.has(entry.id)) continue;
    placed.add(entry.id);
    groups.push({ entry, corrections: correctionsOf(entry) });
  }
  // A cycle of corrections cannot come from the server; if it ever did, show the entries anyway.
  for (const entry of entries) {
    if (!placed.has(entry.id)) groups.push({ entry, corrections: [] });
  }
  return groups;
}
