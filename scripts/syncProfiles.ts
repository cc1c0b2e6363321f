/**
 * `npm run spec:profiles`: rewrites the `clauses` of every spec/profiles/<name>.json from the
 * tests that belong to the profile (spec: conformance.profiles); a test fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/files/packageRoot.js';
import { loadProfiles } from '../src/profiles/loadProfiles.js';
import { clausesOf } from '../src/profiles/profileMembership.js';
import { workItems } from '../src/runner/runConformance.js';

const tests = workItems('cnnspec');
for (const profile of loadProfiles()) {
  const file = join(packageRoot(), 'spec', 'profiles', `${profile.name}.json`);
  const before = readFileSync(file, 'utf8');
  const after = `${JSON.stringify({ ...profile, clauses: clausesOf(profile, tests) }, null, 2)}\n`;
  if (after !== before) {
    writeFileSync(file, after);
    console.log(`wrote spec/profiles/${profile.name}.json`);
  }
}
