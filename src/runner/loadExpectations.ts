/**
 * Loads and validates an expectations file, and matches its entries against test results:
 * an exact id, a prefix ending in a whole `*` segment, or a feature. Never substrings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { packageRoot } from '../packageRoot.js';
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
    throw new ExpectationsError(`${where} is not valid:\n  ${problems.join('\n  ')}`, first && { path: first.instancePath, rule: `${first.message ?? 'match the schema'} (${first.keyword})` });
  }
  const file = value as ExpectationsFile;
  file.entries.forEach((entry, index) => {
    if ((entry.match === undefined) === (entry.feature === undefined)) {
      const rule = 'have exactly one of "match" and "feature"';
      throw new ExpectationsError(`${where}: /entries/${index} must ${rule}`, { path: `/entries/${index}`, rule });
    }
    if (entry.match !== undefined && entry.match.includes('*') && !/(^|[/.-])\*$/.test(entry.match)) {
      const rule = 'use * only as a whole last segment, such as pool/ceil-mode/*';
      throw new ExpectationsError(`${where}: /entries/${index}/match "${entry.match}" may ${rule}`, { path: `/entries/${index}/match`, rule });
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

/** Whether an entry matches a test. */
export function entryMatches(entry: ExpectationEntry, id: string, features: readonly string[]): boolean {
  if (entry.feature !== undefined) return features.includes(entry.feature);
  const match = entry.match!;
  return match.endsWith('*') ? id.startsWith(match.slice(0, -1)) : id === match;
}

/**
 * The entries that match no test of the suite (whatever the selection or shard runs): stale.
 * spec: conformance.verdict
 */
export function staleEntries(entries: readonly ExpectationEntry[], suite: readonly { id: string; features: readonly string[] }[]): string[] {
  return entries.filter((entry) => !suite.some((item) => entryMatches(entry, item.id, item.features))).map(describeEntry);
}

/** How an entry names what it matches, for reports. */
export const describeEntry = (entry: ExpectationEntry): string => entry.match ?? `feature ${entry.feature}`;
