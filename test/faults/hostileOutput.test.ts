/**
 * Adapters that attack the kit's output rather than its processes: a 20-million-entry shape, a
 * name of 200,000 characters, a convention nested 10,000 levels deep, terminal escape sequences,
 * junk in base64, bare URLs. Each run through `cnnspec run`, in seconds and with reports of their
 * usual size: an answer beyond the limits fails its test, a hello or an in-process adapter beyond
 * them is an adapter error (exit 2) that names the field, its size and the limit
 * (spec: protocol.limits, protocol.tensor, protocol.handshake); what reaches the terminal and the
 * renderings is escaped and inert.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ESCAPES } from '../adapters/hostile/hostileIdentity.js';
import { checkReports, cnnspecRun, root, type CheckedRun } from './checkedRun.js';

const script = join(root, 'test', 'adapters', 'hostile', 'hostileProcess.mjs');
const command = (mode: string, n?: number): string => [process.execPath, script, mode, ...(n === undefined ? [] : [`n=${n}`])].join(' ');
const identityModule = join(root, 'test', 'adapters', 'hostile', 'hostileIdentity.ts');

const SELECTION = [
  'dense/output-shape/matches-formula',
  'dense/bias/adds-a-constant-per-feature',
  'fixture/dense.gen-000',
  'fixture/dense.gen-001',
];
const run = (exec: string, extra: string[] = []): Promise<CheckedRun> =>
  cnnspecRun(['--exec', exec, '--num-runs', '3', '--timeout', '10000', '--only', SELECTION.join(','), ...extra]);
/** Generous for a loaded 2-core machine: these runs take a second or two. */
const WALL_BOUND_MS = 20_000;
/** The reports of these four tests are a few kilobytes; a hostile field must not swell them. */
const MAX_REPORT_BYTES = 200_000;

function reportSizes(run: CheckedRun): Record<string, number> {
  return Object.fromEntries(
    ['report.json', 'junit.xml', 'report.md', 'report.html'].map((file) => [file, statSync(join(run.dir, file)).size]),
  );
}

/** What no terminal output may hold: ESC, BEL, CR, BS and the 8-bit CSI and OSC. */
const RAW_CONTROLS = /[\u0007\u0008\r\u001b\u009b\u009d]/;

describe('answers beyond the limits (spec: protocol.limits)', () => {
  it.each([
    { dimensions: 17, what: 'one dimension over the limit' },
    { dimensions: 2_000_000, what: 'a 4 MB line' },
  ])(
    'a dense answer whose shape has $dimensions entries ($what) fails its tests at once, and every report keeps its usual size',
    async ({ dimensions }) => {
      const result = await run(command('huge-shape', dimensions));
      expect(result.ms).toBeLessThan(WALL_BOUND_MS);
      expect(result.code, result.err).toBe(1);
      const report = checkReports(result);
      const failed = report.results.filter((r) => r.status === 'fail');
      expect(failed.length).toBeGreaterThan(0);
      for (const failure of failed) {
        expect(failure.message).toContain(`/tensor/shape has ${dimensions} entries, more than the limit of 16 (spec: protocol.limits)`);
        expect(failure.message!.length).toBeLessThan(1000);
      }
      expect(report.events.some((e) => e.kind === 'violation' && e.detail.includes(`/tensor/shape has ${dimensions} entries`))).toBe(true);
      for (const [file, size] of Object.entries(reportSizes(result)))
        expect(size, file).toBeLessThan(file === 'report.html' ? 400_000 : MAX_REPORT_BYTES);
    },
    60_000,
  );

  it('base64 data with junk characters is a malformed tensor, not decoded leniently (spec: protocol.tensor)', async () => {
    const result = await run(command('junk-base64'));
    expect(result.code, result.err).toBe(1);
    const report = checkReports(result);
    const failed = report.results.filter((r) => r.status === 'fail');
    expect(failed.map((r) => r.id).sort()).toEqual([...SELECTION].sort());
    for (const failure of failed)
      expect(failure.message).toMatch(
        /malformed tensor: tensor data is not base64 \(RFC 4648, section 4\): character "!" at offset 0 is not in the base64 alphabet/,
      );
  }, 60_000);
});

describe('a hello beyond the limits is an adapter error: exit 2, naming the field, its size and the limit (spec: protocol.limits)', () => {
  it.each([
    {
      mode: 'huge-name',
      n: 200_000,
      said: /invalid hello: invalid message \(\/name has 200000 characters, more than the limit of 256 \(spec: protocol\.limits\)\)/,
    },
    { mode: 'huge-name', n: 2_000_000, said: /\/name has 2000000 characters, more than the limit of 256/ },
    { mode: 'huge-version', n: 200_000, said: /\/version has 200000 characters, more than the limit of 256/ },
    { mode: 'deep-convention', n: 10_000, said: /\/convention has more than 8 levels of nesting, the limit \(spec: protocol\.limits\)/ },
    { mode: 'wide-convention', n: 100_000, said: /\/convention has more than 1024 values, the limit/ },
  ])(
    '$mode (n = $n)',
    async ({ mode, n, said }) => {
      const result = await run(command(mode, n));
      expect(result.ms).toBeLessThan(WALL_BOUND_MS);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(said);
      // the hello's text is quoted, but only its beginning
      expect(result.err.length).toBeLessThan(2000);
      expect(result.report).toBeUndefined();
    },
    60_000,
  );
});

describe('an in-process adapter beyond the limits is an adapter error too', () => {
  afterEach(() => {
    delete process.env.HOSTILE_IDENTITY;
  });

  it.each([
    {
      identity: 'huge-name',
      said: /does not export an adapter: \/name has 200000 characters, more than the limit of 256 \(spec: protocol\.limits\)/,
    },
    { identity: 'deep-convention', said: /does not export an adapter: \/convention has more than 8 levels of nesting, the limit/ },
  ])(
    '$identity',
    async ({ identity, said }) => {
      process.env.HOSTILE_IDENTITY = identity;
      const result = await cnnspecRun(['--adapter', identityModule, '--num-runs', '3', '--only', SELECTION.join(',')]);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(said);
      expect(result.err.length).toBeLessThan(2000);
    },
    60_000,
  );
});

describe('the terminal shows adapter- and file-supplied text escaped', () => {
  afterEach(() => {
    delete process.env.HOSTILE_IDENTITY;
  });

  it('a name and version full of escape sequences, over the protocol, print as \\u escapes', async () => {
    const result = await run(command('terminal-name'));
    expect(result.code, result.err).toBe(0);
    expect(result.out).not.toMatch(RAW_CONTROLS);
    expect(result.err).not.toMatch(RAW_CONTROLS);
    expect(result.out).toContain(
      'cnnspec run: evil\\u001b[2J\\u001b[H\\u001b[32mconformant\\u001b[0m\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u000d\\u0008 1\\u001b[2J',
    );
    checkReports(result);
  }, 60_000);

  it('an in-process name and version, and an expectation reason and match, print as \\u escapes', async () => {
    process.env.HOSTILE_IDENTITY = 'terminal-name';
    const dir = join(root, 'test', 'adapters', 'hostile');
    // an entry for a passing test gives an unexpected pass, whose reason is printed; one for no test is printed as matching nothing
    const expectations = join(dir, 'terminalExpectations.json');
    const result = await cnnspecRun([
      '--adapter',
      identityModule,
      '--num-runs',
      '3',
      '--only',
      SELECTION.join(','),
      '--expectations',
      expectations,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).not.toMatch(RAW_CONTROLS);
    expect(result.out).toContain(
      `cnnspec run: evil${ESCAPES.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`,
    );
    expect(result.out).toMatch(
      /unexpected pass: dense\/output-shape\/matches-formula \(expected to fail: clears \\u001b\[2J the screen\\u000a conformant\)/,
    );
    expect(result.out).toMatch(/expectations that match nothing: no\/such\/test\\u001b\]52;c;cHduZWQ=\\u0007/);
    // the renderings hold no control characters either: report.md and junit.xml are read in terminals too
    for (const file of ['report.md', 'junit.xml']) expect(readFileSync(join(result.dir, file), 'utf8'), file).not.toMatch(RAW_CONTROLS);
  }, 60_000);
});

describe('bare URLs in adapter text do not become links in report.md', () => {
  it('the name, version and messages read the same, but no URL, www. address or e-mail address is left to autolink', async () => {
    const result = await run(command('url-name'));
    expect(result.code, result.err).toBe(1);
    checkReports(result);
    const md = readFileSync(join(result.dir, 'report.md'), 'utf8');
    expect(md.replaceAll('\u2060', '')).toContain('see https://evil.example/phish');
    expect(md.replaceAll('\u2060', '')).toContain('broken, see https://evil.example/phish or www.evil.example');
    // GitHub links http(s)://, ftp:// and www. after a space or delimiter, and name@domain
    expect(md).not.toMatch(/:\/\/|www\.|@[a-z0-9]/i);
  }, 60_000);
});
