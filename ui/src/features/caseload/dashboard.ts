// The dashboard table's filtering and sorting: pure functions over the rows `dashboard` returned
// (the server decides what is open, due and overdue; this only orders and narrows what it sent).
import type { DashboardRow } from '../../api';
import { displayName } from '../../lib/format';

export type SortKey = 'pupil' | 'school' | 'year' | 'attendance' | 'status' | 'due';
export type SortDirection = 'ascending' | 'descending';
export type Sort = { key: SortKey; direction: SortDirection } | null;

/** Statuses in lifecycle order, which is also the order the status column sorts in. */
export const OPEN_STATUSES = ['referred', 'accepted', 'allocated', 'active'] as const;

/** Rows whose name (preferred or legal), UPN or school contains `text` (any case), and whose
 *  status is `status` when one is chosen. */
export function filterRows(rows: DashboardRow[], text: string, status: string, group = ''): DashboardRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((row) => {
    if (status && row.status !== status) return false;
    if (group && !row.model_groups.includes(group)) return false;
    if (!needle) return true;
    return [row.legal_name, row.preferred_name ?? '', row.upn, row.school_name].some((value) =>
      value.toLowerCase().includes(needle),
    );
  });
}

type SortValue = string | number | null;

function sortValue(row: DashboardRow, key: SortKey): SortValue {
  switch (key) {
    case 'pupil':
      return displayName(row).toLowerCase();
    case 'school':
      return row.school_name.toLowerCase();
    case 'year':
      return row.year_group;
    case 'attendance':
      return row.attendance_pct;
    case 'status': {
      const index = (OPEN_STATUSES as readonly string[]).indexOf(row.status);
      return index === -1 ? OPEN_STATUSES.length : index;
    }
    case 'due':
      return row.next_due?.due_on ?? null;
  }
}

/** The rows in the chosen order; rows without a value (no reading, nothing due) go last either
 *  way, and ties keep the server's order. */
export function sortRows(rows: DashboardRow[], sort: Sort): DashboardRow[] {
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}

/** The sort after clicking a column's header: that column ascending, or flipped if it was already. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current?.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: 'ascending' };
}

/** What the "needs attention" strip can narrow the table to: the rows whose next item is overdue,
 *  or the rows due by Sunday that are not overdue yet (both as the server marked them). */
export type Attention = 'overdue' | 'due-this-week';

/** The rows the strip's choice keeps (all of them when nothing is chosen); `due` is the
 *  dashboard's `due_this_week`. */
export function filterAttention(rows: DashboardRow[], due: string[], attention: Attention | null): DashboardRow[] {
  if (attention === 'overdue') return rows.filter((row) => row.next_due?.overdue === true);
  if (attention === 'due-this-week') {
    const dueIds = new Set(due);
    return rows.filter((row) => dueIds.has(row.id) && row.next_due?.overdue !== true);
  }
  return rows;
}

/** How many rows each of the strip's choices would keep. */
export function attentionCounts(rows: DashboardRow[], due: string[]): Record<Attention, number> {
  return {
    overdue: filterAttention(rows, due, 'overdue').length,
    'due-this-week': filterAttention(rows, due, 'due-this-week').length,
  };
}
