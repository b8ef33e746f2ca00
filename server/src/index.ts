export { Platform, type StartedPlatform, type PlatformAddresses } from './platform/platform.ts';
export { parsePlatformConfig, type PlatformConfig } from './platform/platform-config.ts';
export { PlatformServer, type ServerDeps } from './server.ts';
export { serverConfigSchema, type ServerConfig } from './config.ts';
export { openDatabase, type DatabaseTarget } from './db/open-database.ts';
export { API_ERRORS, type ApiErrorCode } from './api/errors.ts';
export { InfluxVitalsReader, buildVitalsQuery } from './readings/influx-vitals-reader.ts';
export type { VitalsReader, VitalsQuery } from './readings/vitals-reader.ts';
export type { InfluxConfig } from '@rpm/contracts';
