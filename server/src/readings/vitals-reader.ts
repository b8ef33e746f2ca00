import type { VitalBucket, VitalPoint, VitalType, VitalsInterval } from '@rpm/contracts';

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

export interface VitalsDownsampleQuery {
  readonly patientId: string;
  readonly type: VitalType;
  /** first measurement time included, epoch milliseconds */
  readonly from: number;
  /** last measurement time included, epoch milliseconds */
  readonly to: number;
  /** bucket width; buckets are aligned to UTC */
  readonly interval: VitalsInterval;
}

/** Stored readings of a patient, by measurement time (InfluxDB; other adapters would carry their technology's name). */
export interface VitalsReader {
  /** points ordered by measurement time, oldest first */
  query(q: VitalsQuery): Promise<VitalPoint[]>;
  /** mean/min/max/count per bucket, oldest first; buckets without readings are left out */
  downsample(q: VitalsDownsampleQuery): Promise<VitalBucket[]>;
  /**
   * The newest reading of each vital type, per patient, over all stored history: one query for the whole list.
   * Patients without readings are absent from the map; each list is in catalogue order.
   */
  latestByPatient(patientIds: readonly string[]): Promise<Map<string, VitalPoint[]>>;
  /** true when the time-series database answers its ping endpoint */
  ping(): Promise<boolean>;
}
