/**
 * `npm run spec:clauses`: adds the clauses of the spec text that the registry lacks (with
 * `since` = spec/VERSION), updates titles, files, normativity and texts (which reports embed, so
 * that they read without the spec folder), and keeps `since`, `status` and `replacedBy` of
 * existing entries. A clause that left the text must be marked deprecated
 * by hand: this script refuses to drop it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Clause, ClauseRegistry } from '../src/spec/clauseRegistry.js';
import { readSpecClauses } from './specClauses.js';

const version = readFileSync('spec/VERSION', 'utf8').trim();
const registryPath = 'spec/clauses.json';
let registry: ClauseRegistry;
try {
  registry = JSON.parse(readFileSync(registryPath, 'utf8')) as ClauseRegistry;
} catch {
  registry = { version, clauses: [] };
}
const { clauses, problems } = readSpecClauses('spec');
if (problems.length > 0) {
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.problem}`);
  process.exit(1);
}
const existing = new Map(registry.clauses.map((clause) => [clause.id, clause]));
const inText = new Set(clauses.map((clause) => clause.id));
const missing = registry.clauses.filter((clause) => !inText.has(clause.id) && clause.status === 'active');
if (missing.length > 0) {
  console.error(`clauses in the registry but not in the text (mark them deprecated): ${missing.map((c) => c.id).join(', ')}`);
  process.exit(1);
}
const next: Clause[] = clauses.map((clause) => {
  const old = existing.get(clause.id);
  return {
    id: clause.id,
    title: clause.title,
    file: clause.file,
    normative: clause.normative,
    since: old?.since ?? version,
    status: old?.status ?? 'active',
    ...(old?.replacedBy === undefined ? {} : { replacedBy: old.replacedBy }),
    text: clause.text,
  };
});
const deprecated = registry.clauses.filter((clause) => !inText.has(clause.id));
writeFileSync(registryPath, `${JSON.stringify({ version, clauses: [...next, ...deprecated] }, null, 2)}\n`);
console.log(`${registryPath}: ${next.length} clauses in the text, ${deprecated.length} deprecated`);
