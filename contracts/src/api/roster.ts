import { z } from 'zod';
import { ALERT_PRIORITIES } from '../alerts/alert.ts';
import { NEWS2_RISKS, PROGRAMME_IDS } from './clinical.ts';

/** One patient of the caller's care teams, with what the roster sorts and flags by (GET /api/v1/roster). */
export const rosterEntrySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  programs: z.array(z.enum(PROGRAMME_IDS)),
  /** alerts not yet acknowledged, by priority */
  openAlerts: z.object({ high: z.number().int().min(0), medium: z.number().int().min(0), low: z.number().int().min(0) }),
  /** the highest priority among the open alerts; null when there are none */
  highestOpenPriority: z.enum(ALERT_PRIORITIES).nullable(),
  /** as GET /patients/{id}/news2; `partial`: the score is a lower bound */
  news2: z.object({ score: z.number().int().min(0), risk: z.enum(NEWS2_RISKS), partial: z.boolean() }),
  /** measurement time of the patient’s latest stored reading of any type (weight and glucose included); null when none yet */
  lastReadingAt: z.iso.datetime().nullable(),
  devices: z.object({
    /** active (not deactivated) devices */
    total: z.number().int().min(0),
    /** active devices with an open connection */
    online: z.number().int().min(0),
    /**
     * epoch ms since when the patient's devices have sent no reading: the last reading, or the first registration
     * of an active device when there is no reading yet; null without active devices
     */
    silentSinceMs: z.number().nullable(),
  }),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const rosterResponseSchema = z.object({
  patients: z.array(rosterEntrySchema),
  /** server time of the snapshot (ISO 8601) */
  generatedAt: z.iso.datetime(),
});
export type RosterResponse = z.infer<typeof rosterResponseSchema>;
