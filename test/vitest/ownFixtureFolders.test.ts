/**
 * registerConformanceSuite with a team's own fixture folders (fixtureFolders, builtinFixtures):
 * the same folders, names and refusals as `cnnspec run --fixtures`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/files/packageRoot.js';
import { workItems } from '../../src/runner/runConformance.js';
import { resolveSuiteSettings } from '../../src/vitest/resolveSuiteSettings.js';

const example = join(packageRoot(), 'examples', 'own-fixtures');

describe('registerConformanceSuite: fixtureFolders and builtinFixtures', () => {
  it("register a folder's fixtures as fixture/<folder>/<id>, alone without the kit's", () => {
    const settings = resolveSuiteSettings('x', { fixtureFolders: [example], builtinFixtures: false, properties: false }, {});
    expect(workItems('onnx', settings).map((item) => item.id)).toEqual([
      'fixture/own-fixtures/conv.test_basic_conv_with_padding',
      'fixture/own-fixtures/pool.test_MaxPool2d_Stride2',
      'fixture/own-fixtures/pool.test_MaxPool3d_Ramp_Large',
    ]);
  });

  it("register them under NAME=DIR beside the kit's own", () => {
    const ids = workItems('onnx', resolveSuiteSettings('x', { fixtureFolders: [`team=${example}`], properties: false }, {})).map(
      (item) => item.id,
    );
    expect(ids).toContain('fixture/team/pool.test_MaxPool2d_Stride2');
    expect(ids).toContain('fixture/conv.onnx-5x5-pads1');
  });

  it('refuse a folder that fails its checks, and a value that is no list of folders, naming the option', () => {
    expect(() => resolveSuiteSettings('x', { fixtureFolders: [join(packageRoot(), 'examples', 'models')] }, {})).toThrow(
      /^registerConformanceSuite: fixtureFolders \(.*\) must name folders of fixtures that pass their checks: models\/MANIFEST\.json: no fixture manifest/,
    );
    expect(() => resolveSuiteSettings('x', { fixtureFolders: 'my-cases' as never }, {})).toThrow(
      'must be an array of folders of fixtures (DIR or NAME=DIR)',
    );
    expect(() => resolveSuiteSettings('x', { builtinFixtures: 'no' as never }, {})).toThrow('builtinFixtures ("no") must be true or false');
  });
});
