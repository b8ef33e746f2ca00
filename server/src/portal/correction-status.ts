import type { CorrectionStatus } from '@rpm/contracts';

/**
 * How a patient's correction request moves: the team accepts or rejects it, and marks it done once the passport is
 * corrected (directly from open when the fix is quick). Rejected and done are final: the patient asks again.
 */
const NEXT: Readonly<Record<CorrectionStatus, readonly CorrectionStatus[]>> = {
  open: ['accepted', 'rejected', 'done'],
  accepted: ['rejected', 'done'],
  rejected: [],
  done: [],
};

export function canMoveTo(from: CorrectionStatus, to: CorrectionStatus): boolean {
  return NEXT[from].includes(to);
}
