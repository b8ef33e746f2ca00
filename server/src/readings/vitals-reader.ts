import type { VitalPoint, VitalType } from '@rpm/contracts';

export interface VitalsQuery {
  readonly patientId: string;
  /** only this vital sign; all of them when unset */
  readonly type?: VitalType;
  /** first measurement time included, epoch milliseconds */
  readonly from: number;
  /** last measurement time included, epoch milliseconds */
  readonly to: number;
  /** most points returned (the earliest ones) */
  readonly limit: number;
}

/** Stored readings of a patient, by measurement time (InfluxDB; other adapters would carry their technology's name). */
export interface VitalsReader {
  /** points ordered by measurement time, oldest first */
  query(q: VitalsQuery): Promise<VitalPoint[]>;
  /** true when the time-series database answers its ping endpoint */
  ping(): Promise<boolean>;
}
