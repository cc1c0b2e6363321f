/**
 * Journey 1, end to end from the packed package: the author of one kernel (a convolution) writes
 * an adapter that imports the kit from 'cnnspec', runs `npx cnnspec run --adapter ./myConv.mjs
 * --profile conv` and is told the adapter meets the conv profile; without `--profile`, the
 * failures say how to choose one (spec: conformance.profiles, conformance.selection). Packing and
 * installing take minutes on a loaded machine: they happen once, before the tests of this file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, type PackedInstall } from './installPacked.js';

const MY_CONV = `import { ADAPTER_API_VERSION, referenceAdapter } from 'cnnspec';

// A convolution kernel of one's own would go here; the kit's reference stands in for it.
const reference = referenceAdapter('cnnspec');

export default {
  name: 'my-conv',
  version: '1.0.0',
  adapterApi: ADAPTER_API_VERSION,
  convention: 'cnnspec',
  features: ['conv', 'conv.bias', 'conv.dilation', 'conv.groups', 'conv.depthwise', 'padding.same-upper', 'padding.same-lower',
    'padding.explicit-asymmetric', 'layout.channels-first', 'layout.channels-last', 'spatial-rank-1', 'spatial-rank-2', 'spatial-rank-3'],
  conv: (request) => reference.conv(request),
};
`;

let project: PackedInstall;

describe.sequential('journey: a kernel author with one op, from the packed package', () => {
  beforeAll(async () => {
    project = await installPacked();
    writeFileSync(join(project.dir, 'myConv.mjs'), MY_CONV);
  }, 900_000);

  it('meets the conv profile with --profile conv: exit 0 and the summary names the profile', async () => {
    const { code, stdout, stderr } = await project.run([
      'run',
      '--adapter',
      './myConv.mjs',
      '--profile',
      'conv',
      '--num-runs',
      '5',
      '--quiet',
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('conformant to profiles: conv\n');
    expect(stdout).toMatch(/\d+ tests: \d+ pass, 0 fail, /);
    expect(stdout).toContain('conformant; reports: ');
  }, 300_000);

  it('without --profile, fails under core with a message that says how to choose a profile', async () => {
    const { code, stdout } = await project.run([
      'run',
      '--adapter',
      './myConv.mjs',
      '--num-runs',
      '3',
      '--only',
      'pool/max/*',
      '--format',
      'json',
      '--reporter',
      'default',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('pool.max is required by profile core, and the adapter does not declare it');
    expect(stdout).toContain('choose a profile it can meet: --profile conv (profiles: spec/profiles)');
    expect(stdout).toContain('the adapter lacks an op or feature of profile core: choose profiles it can meet with --profile conv\n');
  }, 300_000);

  it('refuses a selection that matches nothing with exit 2, and annotates failures for GitHub Actions', async () => {
    const empty = await project.run(['run', '--adapter', './myConv.mjs', '--profile', 'conv', '--clause', 'conv.no-such-clause']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`the selection --clause 'conv.no-such-clause' must select at least one of the suite's`);
    const annotated = await project.run(['run', '--adapter', './myConv.mjs', '--only', 'pool/max/monotone', '--format', 'json'], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(annotated.code).toBe(1);
    expect(annotated.stdout).toMatch(
      /^::error file=myConv\.mjs,title=cnnspec pool\.max::pool\/max\/monotone failed .*%0Areplay: npx cnnspec run --adapter '\.\/myConv\.mjs' --only 'pool\/max\/monotone' --seed \d+$/m,
    );
  }, 300_000);
});
