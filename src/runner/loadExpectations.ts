/**
 * Loads and validates an expectations file, and matches its entries against test results:
 * an exact id, a prefix ending in a whole `*` segment, or a feature. Never substrings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { packageRoot } from '../files/packageRoot.js';
import { DEFECT_SIGNATURES, defectSignature, matchingPart, UNSIGNED_DEFECTS, type DefectPart } from '../defects/defectSignatures.js';
import type { FailureFacts } from '../defects/failureFacts.js';
import type { ExpectationEntry, ExpectationsFile } from './Expectations.js';

export class ExpectationsError extends Error {
  /** JSON pointer of the offending part ('' for the whole document), when the content is at fault. */
  readonly path: string | undefined;
  /** What that part must be, completing "must ...". */
  readonly rule: string | undefined;

  constructor(message: string, problem?: { path: string; rule: string }) {
    super(message);
    this.name = 'ExpectationsError';
    this.path = problem?.path;
    this.rule = problem?.rule;
  }
}

let validator: ValidateFunction | undefined;

/**
 * Checks expectations content (from a file or given inline) against
 * spec/schema/expectations-1.schema.json and the rules the schema cannot state. `where` names the
 * source in messages, such as "the expectations file x.json".
 */
export function validateExpectations(value: unknown, where: string): ExpectationsFile {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'expectations-1.schema.json'), 'utf8')) as object,
  );
  if (!validator(value)) {
    const errors = validator.errors ?? [];
    const problems = errors.map((e) => `${e.instancePath || '/'} ${e.message} (${e.keyword})`);
    const first = errors[0];
    throw new ExpectationsError(
      `${where} is not valid:\n  ${problems.join('\n  ')}`,
      first && { path: first.instancePath, rule: `${first.message ?? 'match the schema'} (${first.keyword})` },
    );
  }
  const file = value as ExpectationsFile;
  file.entries.forEach((entry, index) => {
    if (entry.defect !== undefined) {
      // spec: conformance.expectations — a defect entry needs a defect with a signature
      if (defectSignature(entry.defect) === undefined) {
        const unsigned = UNSIGNED_DEFECTS.find((candidate) => candidate.defect === entry.defect);
        const rule =
          unsigned === undefined
            ? `name a documented defect (${DEFECT_SIGNATURES.map((signature) => signature.defect).join(', ')})`
            : `name a defect with a signature (${entry.defect} has none: ${unsigned.noSignature})`;
        throw new ExpectationsError(`${where}: /entries/${index}/defect "${entry.defect}" must ${rule}`, {
          path: `/entries/${index}/defect`,
          rule,
        });
      }
      if (entry.feature !== undefined) {
        const rule = 'not combine "defect" with "feature" (restrict a defect to tests with "match")';
        throw new ExpectationsError(`${where}: /entries/${index} must ${rule}`, { path: `/entries/${index}`, rule });
      }
    } else if ((entry.match === undefined) === (entry.feature === undefined)) {
      const rule = 'have exactly one of "defect", "match" and "feature" ("match" may restrict a "defect")';
      throw new ExpectationsError(`${where}: /entries/${index} must ${rule}`, { path: `/entries/${index}`, rule });
    } else if (entry.reason === undefined) {
      const rule = 'give a "reason" (only a defect entry takes its reason from the defect)';
      throw new ExpectationsError(`${where}: /entries/${index} must ${rule}`, { path: `/entries/${index}`, rule });
    }
    if (entry.match !== undefined && entry.match.includes('*') && !/(^|[/.-])\*$/.test(entry.match)) {
      const rule = 'use * only as a whole last segment, such as pool/ceil-mode/*';
      throw new ExpectationsError(`${where}: /entries/${index}/match "${entry.match}" may ${rule}`, {
        path: `/entries/${index}/match`,
        rule,
      });
    }
  });
  return file;
}

export function loadExpectations(path: string): ExpectationsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExpectationsError(`cannot read the expectations file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExpectationsError(`the expectations file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateExpectations(value, `the expectations file ${path}`);
}

/** Whether a test id is selected by an entry's `match` (an exact id or a `*` prefix). */
const idSelected = (match: string, id: string): boolean => (match.endsWith('*') ? id.startsWith(match.slice(0, -1)) : id === match);

/** Whether an entry can apply to a test: its id or feature, or for a defect entry any test its `match` (if any) selects. */
export function entryMatches(entry: ExpectationEntry, id: string, features: readonly string[]): boolean {
  if (entry.feature !== undefined) return features.includes(entry.feature);
  if (entry.match === undefined) return entry.defect !== undefined;
  return idSelected(entry.match, id);
}

/**
 * The defect entry whose signature explains a failure, with the part that matched; undefined when
 * none does. spec: conformance.expectations
 */
export function explainingEntry(
  entries: readonly ExpectationEntry[],
  id: string,
  facts: readonly FailureFacts[],
): { entry: ExpectationEntry; part: DefectPart } | undefined {
  for (const entry of entries) {
    if (entry.defect === undefined || (entry.match !== undefined && !idSelected(entry.match, id))) continue;
    for (const fact of facts) {
      const part = matchingPart(defectSignature(entry.defect)!, fact);
      if (part !== undefined) return { entry, part };
    }
  }
  return undefined;
}

/** Entries that match by test id or feature: whatever fails there passes as expected, at any seed. */
export function seedFragileWarnings(entries: readonly ExpectationEntry[]): string[] {
  return entries
    .filter((entry) => entry.defect === undefined)
    .map(
      (entry) =>
        `${describeEntry(entry)}: matches by ${entry.feature === undefined ? 'test id' : 'feature'}, so a failure of another cause there passes as expected, and at another seed this one may fail elsewhere; name the defect ("defect": "defect.<name>") so that its signature decides`,
    );
}

/**
 * The share of the suite beyond which an entry without a defect is over-broad: it then hides
 * whatever fails in a large part of the suite, not a deviation someone looked at.
 */
export const OVER_BROAD_SHARE = 0.1;

/** An entry that matches too much of the suite, with how much. */
export interface OverBroadEntry {
  entry: string;
  /** Tests of the whole suite the entry can match, and how many tests the suite has. */
  tests: number;
  suite: number;
}

/**
 * The entries without a defect (by test id or feature) that match more than OVER_BROAD_SHARE of
 * the suite's tests, or every test: `*` or `fixture/*` turns every failure there into an
 * expected one, without a signature deciding. Counted over the whole suite, like staleEntries,
 * so that every shard of a run says the same. A defect entry is never over-broad: its signature
 * decides each failure. spec: conformance.expectations
 */
export function overBroadEntries(
  entries: readonly ExpectationEntry[],
  suite: readonly { id: string; features: readonly string[] }[],
): OverBroadEntry[] {
  const bound = Math.ceil(suite.length * OVER_BROAD_SHARE);
  return entries
    .filter((entry) => entry.defect === undefined)
    .map((entry) => ({
      entry: describeEntry(entry),
      tests: suite.filter((item) => entryMatches(entry, item.id, item.features)).length,
      suite: suite.length,
    }))
    .filter(({ tests, suite: total }) => tests > bound || (tests === total && total > 0));
}

/** An over-broad entry in words, with the failures of a run it turned into expected ones. */
export function describeOverBroad(broad: OverBroadEntry, absorbed: number): string {
  const share =
    broad.tests === broad.suite ? `every test of the suite (${broad.suite})` : `${broad.tests} of the suite's ${broad.suite} tests`;
  return `expectation ${broad.entry} matches ${share} without naming a defect, and turned ${absorbed} failure(s) of this run into expected ones; name the defects instead, or declare the features the implementation lacks`;
}

/**
 * The entries that match no test of the suite (whatever the selection or shard runs): stale.
 * spec: conformance.verdict
 */
export function staleEntries(
  entries: readonly ExpectationEntry[],
  suite: readonly { id: string; features: readonly string[] }[],
): string[] {
  return entries.filter((entry) => !suite.some((item) => entryMatches(entry, item.id, item.features))).map(describeEntry);
}

/** How an entry names what it matches, for reports. */
export const describeEntry = (entry: ExpectationEntry): string =>
  entry.defect !== undefined
    ? `${entry.defect}${entry.match === undefined ? '' : ` in ${entry.match}`}`
    : (entry.match ?? `feature ${entry.feature}`);
