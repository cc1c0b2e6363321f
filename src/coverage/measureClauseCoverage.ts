/**
 * Clause coverage of this package's spec by its own properties, golden fixtures and kit tests
 * (`test/**\/*.ts`). The kit tests exist only in a checkout, not in the published package.
 */
import { join } from 'node:path';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { loadClauseRegistry } from '../spec/clauseRegistry.js';
import { loadFixtures } from '../fixtures/loadFixtures.js';
import { packageRoot } from '../files/packageRoot.js';
import { clauseCoverage, type ClauseCoverage } from './clauseCoverage.js';
import { findClauseCitations } from './findClauseCitations.js';

export function measureClauseCoverage(): ClauseCoverage {
  const root = packageRoot();
  return clauseCoverage(loadClauseRegistry(), {
    properties: ALL_PROPERTIES,
    fixtures: loadFixtures(join(root, 'fixtures')).map(({ fixture }) => fixture),
    tests: findClauseCitations(root, 'test'),
  });
}
