/**
 * Loads and validates an expectations file, and matches its entries against test results:
 * an exact id, a prefix ending in a whole `*` segment, or a feature. Never substrings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { packageRoot } from '../packageRoot.js';
import type { ExpectationEntry, ExpectationsFile } from './Expectations.js';

export class ExpectationsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationsError';
  }
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
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'spec', 'schema', 'expectations-1.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} (${e.keyword})`);
    throw new ExpectationsError(`the expectations file ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  const file = value as ExpectationsFile;
  file.entries.forEach((entry, index) => {
    if ((entry.match === undefined) === (entry.feature === undefined)) {
      throw new ExpectationsError(`the expectations file ${path}: /entries/${index} must have exactly one of "match" and "feature"`);
    }
    if (entry.match !== undefined && entry.match.includes('*') && !/(^|[/.-])\*$/.test(entry.match)) {
      throw new ExpectationsError(`the expectations file ${path}: /entries/${index}/match "${entry.match}" may use * only as a whole last segment`);
    }
  });
  return file;
}

/** Whether an entry matches a test. */
export function entryMatches(entry: ExpectationEntry, id: string, features: readonly string[]): boolean {
  if (entry.feature !== undefined) return features.includes(entry.feature);
  const match = entry.match!;
  return match.endsWith('*') ? id.startsWith(match.slice(0, -1)) : id === match;
}

/** How an entry names what it matches, for reports. */
export const describeEntry = (entry: ExpectationEntry): string => entry.match ?? `feature ${entry.feature}`;
