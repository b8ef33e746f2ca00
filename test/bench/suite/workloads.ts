import type { Workload } from './bench-types.ts';
import { ingestWorkload } from './workloads/ingest.ts';
import { alertLatency } from './workloads/alert-latency.ts';
import { backlog } from './workloads/backlog.ts';
import { capacity } from './workloads/capacity.ts';

/**
 * Every workload of `npm run bench`, in the order the runner runs them (one at a time: they share two cores). A
 * workload's name is what `--only` selects.
 */
export const workloads: readonly Workload[] = [ingestWorkload, alertLatency, capacity, backlog];
