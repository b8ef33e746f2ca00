import type { VitalsDownsampleQuery, VitalsQuery } from './vitals-reader.ts';

/** The gateway writes every vital sign to this measurement (device-gateway/src/storage/influx-reading-store.ts). */
const MEASUREMENT = 'vitals';

/**
 * InfluxQL statements of the vitals reader, over the gateway's layout: measurement `vitals`, tags patient_id,
 * device_id, type; float fields `value` (or `systolic`, `diastolic`, `pulse` for blood pressure), `on_oxygen`,
 * integer `seq` and `received_at`. Times are whole epoch ms (the gateway writes ms precision).
 */

/** The raw readings of a query, oldest first. */
export function buildVitalsQuery(q: VitalsQuery, database: string, retentionPolicy?: string): string {
  const conditions = [...patientWindow(q.patientId, q.from, q.to)];
  if (q.type !== undefined) conditions.push(`"type" = ${quoteString(q.type)}`);
  return `SELECT * FROM ${source(database, retentionPolicy)} WHERE ${conditions.join(' AND ')} ORDER BY time ASC LIMIT ${q.limit}`;
}

/** Fields summarised per bucket: blood pressure has two, every other type one (`value`). */
export function downsampledFields(q: Pick<VitalsDownsampleQuery, 'type'>): readonly ('value' | 'systolic' | 'diastolic')[] {
  return q.type === 'blood_pressure' ? ['systolic', 'diastolic'] : ['value'];
}

/**
 * mean/min/max per field and the count per bucket; columns `count`, `<field>_mean`, `<field>_min`, `<field>_max`.
 * fill(none) leaves empty buckets out. Readings of every device of the patient share the buckets.
 */
export function buildDownsampleQuery(q: VitalsDownsampleQuery, database: string, retentionPolicy?: string): string {
  const fields = downsampledFields(q);
  const first = fields[0] ?? 'value';
  const columns = [`count(${quoteIdentifier(first)}) AS "count"`];
  for (const field of fields) {
    for (const fn of ['mean', 'min', 'max'] as const)
      columns.push(`${fn}(${quoteIdentifier(field)}) AS ${quoteIdentifier(`${field}_${fn}`)}`);
  }
  const conditions = [...patientWindow(q.patientId, q.from, q.to), `"type" = ${quoteString(q.type)}`];
  return (
    `SELECT ${columns.join(', ')} FROM ${source(database, retentionPolicy)} WHERE ${conditions.join(' AND ')} ` +
    `GROUP BY time(${q.interval}) fill(none)`
  );
}

/** Points a downsample query would summarise (cheap: InfluxDB counts from block metadata); column `count`. */
export function buildCountQuery(q: VitalsDownsampleQuery, database: string, retentionPolicy?: string): string {
  const first = downsampledFields(q)[0] ?? 'value';
  const conditions = [...patientWindow(q.patientId, q.from, q.to), `"type" = ${quoteString(q.type)}`];
  return `SELECT count(${quoteIdentifier(first)}) AS "count" FROM ${source(database, retentionPolicy)} WHERE ${conditions.join(' AND ')}`;
}

/** Just the summarised fields of every point a downsample query covers, oldest first, for bucketing in this process. */
export function buildFieldsQuery(q: VitalsDownsampleQuery, database: string, retentionPolicy?: string): string {
  const fields = downsampledFields(q).map(quoteIdentifier).join(', ');
  const conditions = [...patientWindow(q.patientId, q.from, q.to), `"type" = ${quoteString(q.type)}`];
  return `SELECT ${fields} FROM ${source(database, retentionPolicy)} WHERE ${conditions.join(' AND ')} ORDER BY time ASC`;
}

/**
 * The newest point of each (patient, type), every device merged. Not `last(value)`: that misses blood pressure
 * (no `value` field), and with more than one selector InfluxDB 1.x answers time 0 instead of the reading's time.
 * The ids are one anchored regex, not `=` joined by OR: 1.6 plans 3,000 ORs in ~3 s, the regex in ~0.1 s.
 */
export function buildLatestQuery(patientIds: readonly string[], database: string, retentionPolicy?: string): string {
  const anyOf = `/^(?:${patientIds.map(escapeRegex).join('|')})$/`;
  return `SELECT * FROM ${source(database, retentionPolicy)} WHERE "patient_id" =~ ${anyOf} GROUP BY "patient_id", "type" ORDER BY time DESC LIMIT 1`;
}

function source(database: string, retentionPolicy: string | undefined): string {
  return retentionPolicy === undefined
    ? quoteIdentifier(MEASUREMENT)
    : [database, retentionPolicy, MEASUREMENT].map(quoteIdentifier).join('.');
}

/** One patient's points with measurement times inside [from, to], narrowed to whole milliseconds. */
function patientWindow(patientId: string, from: number, to: number): string[] {
  return [`"patient_id" = ${quoteString(patientId)}`, `time >= ${Math.ceil(from)}ms`, `time <= ${Math.floor(to)}ms`];
}

/** InfluxQL identifier: double quotes, `\` and `"` escaped (InfluxQL spec, "Identifiers"). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** InfluxQL string literal: single quotes, `\` and `'` escaped, newlines as `\n` (InfluxQL spec, "Strings"). */
function quoteString(value: string): string {
  return `'${value.replace(/[\\'\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}'`;
}

/** A literal inside an InfluxQL regex: RE2 metacharacters and the `/` delimiter escaped, newlines as `\n`. */
function escapeRegex(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}/]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}
