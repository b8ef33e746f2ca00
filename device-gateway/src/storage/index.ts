export type { ReadingStore } from './reading-store.ts';
export type { InfluxConfig } from '@rpm/contracts';
export { InfluxReadingStore, readingToPoint, VITALS_MEASUREMENT, type InfluxReadingStoreOptions } from './influx-reading-store.ts';
export { readingToLine } from './reading-to-line.ts';
export { InfluxV1Transport, rewriteWritePath, type InfluxV1Credentials, type InfluxV1TransportOptions } from './influx-v1-transport.ts';
export { ManagedInfluxd, type ManagedInfluxdOptions } from './managed-influxd.ts';
