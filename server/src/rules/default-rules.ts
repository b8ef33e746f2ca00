import type { Rule } from './rule.ts';
import { spo2Low } from './spo2-low.ts';

/** The rules every patient gets until the programme rule packs arrive. */
export const DEFAULT_RULES: readonly Rule[] = [spo2Low];
