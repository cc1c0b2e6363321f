/**
 * Self time of a V8 CPU profile (`node --cpu-prof`), grouped by file and by function, so a
 * profile can be read without a browser:
 *
 *   npx tsx bench/support/summarizeCpuProfile.ts <file.cpuprofile | dir> [--top N]
 *
 * A folder sums every profile in it (a process writes one per thread: tsx compiles in a worker).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from './formatTable.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFile: SelfTime[];
  byFunction: SelfTime[];
}

/** Shortens a script URL to a path relative to the working folder, node_modules packages to their name. */
function shortFile(url: string): string {
  if (url === '') return '(native or idle)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const packageAt = path.lastIndexOf('node_modules/');
  if (packageAt >= 0) {
    const rest = path.slice(packageAt + 'node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

function sorted(totals: Map<string, number>): SelfTime[] {
  return [...totals.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}

export function summarizeCpuProfiles(profiles: readonly CpuProfile[]): ProfileSummary {
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, k) => {
      const us = profile.timeDeltas[k] ?? 0;
      const frame = nodes.get(id)!.callFrame;
      const file = shortFile(frame.url);
      const fn = `${frame.functionName || '(anonymous)'} ${file}${frame.url === '' ? '' : `:${frame.lineNumber + 1}`}`;
      byFile.set(file, (byFile.get(file) ?? 0) + us);
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      total += us;
    });
  }
  return { totalMs: total / 1000, byFile: sorted(byFile), byFunction: sorted(byFunction) };
}

export function readCpuProfiles(path: string): CpuProfile[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(path, name))
    : [path];
  return files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
}

export function formatProfileSummary(summary: ProfileSummary, top = 15): string {
  const rows = (entries: SelfTime[]): string[][] =>
    entries.slice(0, top).map(({ name, ms }) => [name, ms.toFixed(0), `${((100 * ms) / summary.totalMs).toFixed(1)} %`]);
  return [
    `self time, ${summary.totalMs.toFixed(0)} ms sampled`,
    '',
    formatTable(['file', 'ms', 'share'], rows(summary.byFile)),
    '',
    formatTable(['function', 'ms', 'share'], rows(summary.byFunction)),
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const path = args.find((arg, k) => !arg.startsWith('--') && args[k - 1] !== '--top');
  if (path === undefined) {
    process.stderr.write('usage: npx tsx bench/support/summarizeCpuProfile.ts <file.cpuprofile | dir> [--top N]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfileSummary(summarizeCpuProfiles(readCpuProfiles(path)), top)}\n`);
}
