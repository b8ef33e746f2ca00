/** The one measurement every vital sign is written to; the reader in server/ queries the same name. */
export const VITALS_MEASUREMENT = 'vitals';
