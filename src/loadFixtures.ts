/**
 * Loads the golden fixtures from fixtures/ (every `*.json` below it except MANIFEST.json).
 * Structural checks here are minimal; full JSON Schema validation is the fixture format's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Fixture } from './Fixture.js';
import { packageRoot } from './packageRoot.js';

export interface LoadedFixture {
  fixture: Fixture;
  /** Path relative to the package root. */
  file: string;
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJson(path);
    return entry.name.endsWith('.json') && entry.name !== 'MANIFEST.json' ? [path] : [];
  });
}

export function loadFixtures(dir = join(packageRoot(), 'fixtures')): LoadedFixture[] {
  return listJson(dir)
    .sort()
    .map((path) => {
      const file = relative(packageRoot(), path);
      let fixture: Fixture;
      try {
        fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
      } catch (error) {
        throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
      }
      if (fixture.format !== 'cnnspec-fixture/1') throw new Error(`${file}: format must be "cnnspec-fixture/1"`);
      if (fixture.id !== basename(path, '.json')) throw new Error(`${file}: id ${fixture.id} must equal the file name`);
      return { fixture, file };
    });
}
