/**
 * What the packed package carries and needs, installed from its tarball into a scratch project:
 * the license and metadata, source maps that hold their sources (src/ is not shipped), tsx to
 * load a TypeScript adapter from a clean install, and `--adapter tfjs-wasm` served out of process
 * from dist/, giving TF.js's real verdict after a call traps its wasm module.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, repositoryRoot, runCommand, userEnvironment, type PackedInstall } from './installPacked.js';

let kit: PackedInstall;
let installed: string;

beforeAll(async () => {
  kit = await installPacked();
  installed = join(kit.dir, 'node_modules', 'cnnspec');
}, 600_000);

/** Every file under `dir` whose name ends with `suffix`. */
function filesEndingWith(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(dir, name));
}

describe('the packed package', () => {
  it('carries its MIT license and true metadata', () => {
    const license = readFileSync(join(installed, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} cnnspec contributors\n/);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'cnnspec', license: 'MIT', author: 'cnnspec contributors' });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['cnn', 'convolution', 'conformance']));
    expect((manifest.dependencies as Record<string, string>).tsx).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ships a build of the current sources only: every module of dist/ has its source in the repository', () => {
    const modules = filesEndingWith(join(installed, 'dist'), '.js').map((path) => relative(join(installed, 'dist'), path));
    expect(modules).toContain(join('src', 'cli', 'main.js'));
    expect(modules.filter((module) => !existsSync(join(repositoryRoot, module.replace(/\.js$/, '.ts'))))).toEqual([]);
  });

  it('ships source maps that hold every source they name, and no src/ folder', () => {
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const maps = filesEndingWith(join(installed, 'dist'), '.js.map');
    expect(maps.length).toBeGreaterThan(100);
    const incomplete = maps.filter((path) => {
      const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      return (
        map.sources.length === 0 ||
        map.sourcesContent?.length !== map.sources.length ||
        map.sourcesContent.some((text) => typeof text !== 'string' || text === '')
      );
    });
    expect(incomplete).toEqual([]);
    const main = JSON.parse(readFileSync(join(installed, 'dist', 'src', 'cli', 'main.js.map'), 'utf8')) as { sourcesContent: string[] };
    expect(main.sourcesContent[0]).toContain('runCli');
  });

  it('loads a TypeScript adapter module from a clean install (tsx is a dependency)', async () => {
    writeFileSync(
      join(kit.dir, 'adapter.ts'),
      "import { referenceAdapter } from 'cnnspec';\nconst adapter: ReturnType<typeof referenceAdapter> = referenceAdapter('cnnspec');\nexport default adapter;\n",
    );
    const { code, stdout, stderr } = await kit.run([
      'run',
      '--adapter',
      './adapter.ts',
      '--no-properties',
      '--only',
      'fixture/conv.seed-4x4-k3-valid',
      '--report-dir',
      'reports-ts',
      '--format',
      'json',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^pass +fixture\/conv\.seed-4x4-k3-valid /m);
    expect(stdout).toContain('1 tests: 1 pass, 0 fail');
  });

  it('runs --adapter tfjs-wasm out of process: after calls that trap the wasm module, later tests still get real answers', async () => {
    await runCommand(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '@tensorflow/tfjs-core@4.22.0', '@tensorflow/tfjs-backend-wasm@4.22.0'],
      { cwd: kit.dir, env: userEnvironment() },
    );
    copyFileSync(join(repositoryRoot, 'examples', 'expectations', 'tfjs-wasm.json'), join(kit.dir, 'tfjs-wasm.json'));
    const later = [
      'pool/max/commutes-with-relu',
      'pool/max/monotone',
      'pool/output-shape/matches-formula',
      'pool/window/unit-window-is-identity',
    ];
    const { code, stdout } = await kit.run([
      'run',
      '--adapter',
      'tfjs-wasm',
      '--num-runs',
      '5',
      '--timeout',
      '5000',
      '--expectations',
      'tfjs-wasm.json',
      '--only',
      ['pool/invalid/configurations-are-rejected', ...later].join(','),
      '--report-dir',
      'reports-wasm',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(kit.dir, 'reports-wasm', 'report.json'), 'utf8')) as {
      adapter: { source: string };
      results: { id: string; status: string }[];
      events: { kind: string; detail: string; count: number }[];
    };
    expect(report.adapter.source).toBe('tfjs-wasm (out of process)');
    // The invalid configurations trap the module; it is renewed, and the later tests pass.
    const renewals = report.events.filter((event) => event.kind === 'stderr' && event.detail.includes('a fresh module replaced it'));
    expect(renewals.reduce((sum, event) => sum + event.count, 0)).toBeGreaterThan(0);
    expect(report.results.map((result) => [result.id, result.status])).toEqual([
      ['pool/invalid/configurations-are-rejected', 'expected-fail'],
      ...later.map((id) => [id, 'pass']),
    ]);
    expect(stdout).toContain('conformant');
  }, 600_000);
});
