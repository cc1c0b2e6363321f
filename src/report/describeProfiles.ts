/**
 * The profiles a report says the adapter meets, and why each other is not met, as plain text for
 * the renderings (spec: conformance.profiles); undefined for a report made before profiles were
 * judged.
 */
import type { Report } from '../runner/Report.js';

export function describeProfiles(report: Report): { met: string; notMet: string } | undefined {
  if (report.profiles === undefined) return undefined;
  const met = report.profiles.filter((verdict) => verdict.met).map((verdict) => verdict.name);
  const notMet = report.profiles.filter((verdict) => !verdict.met).map((verdict) => `${verdict.name} (${verdict.reason ?? 'not met'})`);
  return { met: met.length === 0 ? 'none' : met.join(', '), notMet: notMet.length === 0 ? 'none' : notMet.join('; ') };
}

/** The run's selection by clause and feature, in words, or undefined when it has none. */
export function describeSelectionOf(report: Report): string | undefined {
  const parts = [...(report.run.clauses ?? []).map((glob) => `clause ${glob}`), ...(report.run.features ?? []).map((name) => `feature ${name}`)];
  return parts.length === 0 ? undefined : parts.join(', ');
}
