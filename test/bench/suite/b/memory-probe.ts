// Preloaded into the platform process by the capacity benchmark (node --expose-gc --import <this file>): on SIGUSR2
// it runs two full garbage collections and writes process.memoryUsage() as JSON to $RPM_BENCH_MEMORY_FILE, so the
// benchmark reads the live heap rather than whatever garbage RSS happens to hold. Benchmark-only instrumentation:
// nothing in the platform knows about it.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env['RPM_BENCH_MEMORY_FILE'];
const gc = (globalThis as { gc?: () => void }).gc;
if (file !== undefined && gc !== undefined) {
  process.on('SIGUSR2', () => {
    gc();
    gc();
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
