/**
 * The clause registry, spec/clauses.json: every clause of the spec with its title, file,
 * normativity, the version it appeared in, its status and its text. Properties, fixtures and reports cite
 * clauses by ID; citing an ID that is not here is an error.
 *
 * @see spec:convention.model
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../files/packageRoot.js';

export interface Clause {
  id: string;
  title: string;
  /** Spec file, relative to spec/. */
  file: string;
  normative: boolean;
  since: string;
  status: 'active' | 'deprecated';
  replacedBy?: string;
  /** The clause's Markdown below its heading (rendered blocks included), as of the last `npm run spec:clauses`. */
  text: string;
}

export interface ClauseRegistry {
  version: string;
  clauses: Clause[];
}

/** `<area>.<topic>[.<detail>]`: lower case, kebab-case segments. */
export const CLAUSE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

let cached: ClauseRegistry | undefined;

export function loadClauseRegistry(): ClauseRegistry {
  cached ??= JSON.parse(readFileSync(join(packageRoot(), 'spec', 'clauses.json'), 'utf8')) as ClauseRegistry;
  return cached;
}

export function clauseById(id: string): Clause | undefined {
  return loadClauseRegistry().clauses.find((clause) => clause.id === id);
}
