/**
 * Transposed convolution through the vitest entry: a suite that requires the conv-transpose
 * profile registers the op's properties, its golden fixtures, its invalid calls and the shape
 * questions about conv-transpose layers, and every one of them passes against the reference
 * adapter (spec: conformance.profiles).
 */
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { loadProfile } from '../../src/profiles/loadProfiles.js';
import { belongsTo } from '../../src/profiles/profileMembership.js';
import { workItems } from '../../src/runner/runConformance.js';
import { registerConformanceSuite } from '../../src/vitest/registerConformanceSuite.js';

const ONLY = [
  'conv-transpose/*',
  'fixture/conv-transpose.*',
  'shape/adapter-inference/matches-formula',
  'params/adapter-count/matches-formula',
];

describe('the conv-transpose profile', () => {
  it('holds the properties, the golden fixtures and the invalid calls of transposed convolution', () => {
    const profile = loadProfile('conv-transpose');
    const ids = workItems('cnnspec')
      .filter((item) => belongsTo(profile, item))
      .map((item) => item.id);
    expect(ids).toContain('conv-transpose/adjoint/inner-product');
    expect(ids).toContain('conv-transpose/invalid/parameters-are-rejected');
    expect(ids.filter((id) => id.startsWith('fixture/conv-transpose.')).length).toBeGreaterThanOrEqual(9);
    expect(ids.every((id) => id.startsWith('conv-transpose/') || id.startsWith('fixture/conv-transpose.'))).toBe(true);
  });
});

registerConformanceSuite(referenceAdapter('cnnspec'), { only: ONLY, profile: ['conv-transpose', 'shape'], numRuns: 10 });
