/** What a record access was about, for people: the audit action's first segment (`alert.assign` → alert). */
export const ACCESS_SUBJECTS = [
  'patient',
  'vitals',
  'alert',
  'passport',
  'device',
  'correction',
  'thresholds',
  'programs',
  'observation',
  'news2',
  'fhir',
  'realtime',
  'portal',
  'care_team',
  'access_log',
  'other',
] as const;
export type AccessSubject = (typeof ACCESS_SUBJECTS)[number];

export function accessSubject(action: string): AccessSubject {
  const head = action.split('.')[0] ?? '';
  if (head === 'portal_user') return 'portal';
  return ACCESS_SUBJECTS.find((subject) => subject === head) ?? 'other';
}
