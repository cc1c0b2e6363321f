/**
 * Writes clause coverage as `clauses.json` (the whole table) and `clauses.md` into a folder,
 * each atomically, and returns their paths.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../files/writeFileAtomic.js';
import type { ClauseCoverage } from './clauseCoverage.js';
import { renderClauseCoverage } from './renderClauseCoverage.js';

export function writeClauseCoverage(coverage: ClauseCoverage, dir: string): { json: string; markdown: string } {
  const json = join(dir, 'clauses.json');
  const markdown = join(dir, 'clauses.md');
  writeFileAtomic(json, `${JSON.stringify(coverage, null, 2)}\n`);
  writeFileAtomic(markdown, renderClauseCoverage(coverage));
  return { json, markdown };
}
