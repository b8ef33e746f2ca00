import { newPassportEntryRequestSchema, type NewPassportEntryRequest, type PassportSection } from '@rpm/contracts';
import { PASSPORT_FIELDS, type PassportField } from '../portal/passport-fields.ts';

/** How each passport field is typed in (contracts/src/api/passport.ts): a date, a yes/no, a choice, or text. */
export type FieldInput = 'date' | 'flag' | 'kind' | 'text';

const DATE_FIELDS: ReadonlySet<PassportField> = new Set([
  'since',
  'diagnosedOn',
  'issuedOn',
  'dispensedOn',
  'admittedOn',
  'dischargedOn',
  'from',
  'to',
  'registeredOn',
  'removedOn',
]);

export function fieldInput(field: PassportField): FieldInput {
  if (DATE_FIELDS.has(field)) return 'date';
  if (field === 'planned') return 'flag';
  if (field === 'kind') return 'kind';
  return 'text';
}

/** The fields of a section, in display order. */
export function sectionFields(section: PassportSection): readonly PassportField[] {
  return PASSPORT_FIELDS[section];
}

export type PassportFormValues = Readonly<Partial<Record<PassportField, string | boolean>>>;

export type PassportFormResult =
  { readonly ok: true; readonly request: NewPassportEntryRequest } | { readonly ok: false; readonly fields: readonly PassportField[] };

/**
 * The form's values as the new-entry request, checked by the contract's own schema: empty text is left out (the
 * optional fields), and a refusal names the fields to fix in the form's order.
 */
export function readPassportForm(section: PassportSection, values: PassportFormValues): PassportFormResult {
  const data: Record<string, string | boolean> = {};
  for (const field of sectionFields(section)) {
    const value = values[field];
    if (fieldInput(field) === 'flag') data[field] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') data[field] = value.trim();
  }
  if (section === 'entitlement' && data.kind === undefined) data.kind = 'service';
  const parsed = newPassportEntryRequestSchema.safeParse({ section, data });
  if (parsed.success) return { ok: true, request: parsed.data };
  const wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[1] ?? '')));
  return { ok: false, fields: sectionFields(section).filter((field) => wrong.has(field)) };
}
