/**
 * The profiles a report says the adapter meets, and why each other is not met, as plain text for
 * the renderings (spec: conformance.profiles); undefined for a report made before profiles were
 * judged.
 */
import type { ProfileVerdict, Report } from './model/Report.js';

export function describeProfiles(report: Report): { met: string; notMet: string } | undefined {
  if (report.profiles === undefined) return undefined;
  const met = report.profiles.filter((verdict) => verdict.met).map((verdict) => verdict.name);
  const notMet = report.profiles.filter((verdict) => !verdict.met).map((verdict) => `${verdict.name} (${shortReason(verdict)})`);
  return { met: met.length === 0 ? 'none' : met.join(', '), notMet: notMet.length === 0 ? 'none' : notMet.join('; ') };
}

/** Why a profile is not met, from its counts: `4 failing, 120 of 124 not run`. */
function shortReason(verdict: ProfileVerdict): string {
  const parts = [
    ...(verdict.failing > 0 ? [`${verdict.failing} failing`] : []),
    ...(verdict.unsupported > 0 ? [`${verdict.unsupported} required but unsupported`] : []),
    ...(verdict.ran < verdict.tests ? [`${verdict.tests - verdict.ran} of ${verdict.tests} not run`] : []),
  ];
  return parts.length === 0 ? (verdict.reason ?? 'not met') : parts.join(', ');
}

/** The run's selection by clause and feature, in words, or undefined when it has none. */
export function describeSelectionOf(report: Report): string | undefined {
  const parts = [
    ...(report.run.clauses ?? []).map((glob) => `clause ${glob}`),
    ...(report.run.features ?? []).map((name) => `feature ${name}`),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}
