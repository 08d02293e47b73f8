// Helpers the family section's test files share: find an element by id, fill in fields, show the
// section on a PupilFamilyView, and a view whose family differs from the fixture's.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { PupilFamilyView } from '../../api';
import { serve, type Handlers } from '../../test/commands';
import { familyView } from '../../test/fixtures';
import FamilySection from './FamilySection.svelte';

export function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element as T;
}

export async function fillIn(values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    await userEvent.clear(el(id));
    if (value) await userEvent.type(el(id), value);
  }
}

export async function showFamily(view: PupilFamilyView, handlers: Handlers = {}) {
  serve({ family_get: () => view, ...handlers });
  render(FamilySection, { caseId: 'case-1' });
  await screen.findByRole('button', { name: 'Edit details' });
}

export const withFamily = (family: Partial<NonNullable<PupilFamilyView['family']>>): PupilFamilyView => {
  const base = familyView();
  return { ...base, family: { ...base.family!, ...family } };
};
