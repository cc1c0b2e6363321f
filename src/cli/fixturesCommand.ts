/**
 * `cnnspec fixtures manifest DIR` and `cnnspec fixtures check DIR`: a team keeps its own golden
 * cases in the fixture format, hashed like the kit's (fixtures/README.md), and runs them with
 * `cnnspec run --fixtures DIR`.
 *
 * Exit codes as for `run`: `check` exits 0 when every file is fit, 1 when a file or the manifest
 * has a problem (each named), 2 on a usage error; `manifest` exits 0 when it wrote the manifest,
 * 2 when it wrote nothing (a file unfit to list, or a listed fixture changed in place).
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { FixtureLoadError } from '../fixtures/FixtureLoadError.js';
import { checkFixtureFolder, fileOk, type FixtureFileCheck } from '../runner/checkFixtureFolder.js';
import { writeFixtureManifest } from '../fixtures/writeFixtureManifest.js';
import type { CliIo } from './CliIo.js';
import { terminalLine, terminalText } from '../report/terminalText.js';

const FORMAT_HELP = `
A folder of fixtures holds <op>/<id>.json files (op: conv, pool, global-pool,
dense, pad, model), each valid by spec/schema/fixture-1.schema.json, and
MANIFEST.json, which lists every file with its sha256 (fixtures/README.md).

Examples:
  cnnspec fixtures manifest my-cases
  cnnspec fixtures check my-cases
  cnnspec run --adapter reference --fixtures my-cases --no-builtin-fixtures
`;

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export function registerFixturesCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const fixtures = program
    .command('fixtures')
    .description('keep a folder of your own golden fixtures: write its manifest, check every file')
    .addHelpText('after', FORMAT_HELP);
  fixtures
    .command('manifest')
    .description("list every fixture of DIR with its file's sha256 in DIR/MANIFEST.json")
    .argument('<dir>', 'a folder of fixtures (<op>/<id>.json)')
    .option(
      '--unpublished',
      'accept new hashes for fixtures already listed (only for fixtures never published: a change of meaning gets a new id)',
    )
    .action((dir: string, options: { unpublished?: boolean }) => {
      setExit(manifest(dir, options.unpublished === true, io));
    });
  fixtures
    .command('check')
    .description(
      "check every fixture of DIR: schema, unique id, the manifest's hash, and the reference's verdict under each of its conventions",
    )
    .argument('<dir>', 'a folder of fixtures (<op>/<id>.json) with its MANIFEST.json')
    .action(async (dir: string) => {
      setExit(await check(dir, io));
    });
}

function manifest(dir: string, acceptChanges: boolean, io: CliIo): number {
  if (!isFolder(dir)) {
    io.stderr(`cnnspec: error: ${terminalLine(dir)} is not a folder (give the folder that holds the <op>/ folders of your fixtures)\n`);
    return 2;
  }
  try {
    const written = writeFixtureManifest(dir, { acceptChanges });
    const removed =
      written.removed.length === 0
        ? ''
        : `, ${written.removed.length} no longer listed (${written.removed.map((id) => terminalLine(id)).join(', ')})`;
    io.stdout(
      `${terminalLine(written.file)}: ${written.count} fixtures (${written.added.length} new, ${written.changed.length} changed${removed})\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof FixtureLoadError)) throw error;
    const hint = error.rule.startsWith('refusing') ? '\n(--unpublished accepts the change, for fixtures never published)' : '';
    io.stderr(`cnnspec: error: no manifest written: ${terminalText(error.message)}${hint}\n`);
    return 2;
  }
}

function verdictLines(check: FixtureFileCheck): string[] {
  const lines = check.problems.map((problem) => `    ${problem.replace(/\n/g, '\n    ')}`);
  for (const verdict of check.conventions) {
    if (verdict.agreement === 'exact') continue;
    lines.push(`    ${verdict.convention}: ${verdict.agreement === 'fail' ? 'the reference disagrees: ' : ''}${verdict.detail ?? ''}`);
  }
  return lines;
}

async function check(dir: string, io: CliIo): Promise<number> {
  if (!isFolder(dir)) {
    io.stderr(`cnnspec: error: ${terminalLine(dir)} is not a folder (give the folder that holds the <op>/ folders of your fixtures)\n`);
    return 2;
  }
  const result = await checkFixtureFolder(dir);
  for (const file of result.files) {
    const ok = fileOk(file);
    const agreed = file.conventions.map(
      (verdict) => `${verdict.convention}${verdict.agreement === 'tolerance' ? ' (within tolerance)' : ''}`,
    );
    const summary = ok
      ? `reference agrees under ${agreed.join(', ')}`
      : file.problems.length > 0
        ? `${file.problems.length} problem(s)`
        : 'the reference disagrees';
    io.stdout(`${ok ? 'ok  ' : 'FAIL'} ${terminalLine(file.file)}: ${summary}\n`);
    for (const line of verdictLines(file)) io.stdout(`${terminalText(line)}\n`);
  }
  for (const problem of result.problems) io.stdout(`FAIL ${terminalText(problem)}\n`);
  const failed = result.files.filter((file) => !fileOk(file)).length;
  const fit = failed === 0 && result.problems.length === 0;
  io.stdout(
    `\n${result.files.length} fixture file(s): ${result.files.length - failed} ok, ${failed} with problems${result.problems.length > 0 ? `; ${result.problems.length} problem(s) of the folder` : ''}\n`,
  );
  io.stdout(
    fit ? 'every fixture is fit to run\n' : 'not fit to run: fix the files named above, then write the manifest again if a file changed\n',
  );
  return fit ? 0 : 1;
}
