/**
 * The one formatter of replay commands: the command line that runs one failing test again, with
 * its seed and the fast-check path of its counterexample (spec: runner.seed). A failure replays
 * the way the run was started: through the command line (`npx cnnspec run`) or through vitest
 * (the `CNNSPEC_*` variables that a registered suite reads).
 */
import { isAbsolute, relative } from 'node:path';
import { shellQuote } from '../adapter/shellQuote.js';

/** Builds the command that replays test `id` with `seed` along fast-check `path` ('' for the whole property). */
export type ReplayCommand = (id: string, seed: number, path: string) => string;

const shellWord = (text: string): string => (/^[\w./@%+=:,-]+$/.test(text) ? text : shellQuote(text));

/** A fixture has no cases to generate: its id alone replays it. */
const isFixture = (id: string): boolean => id.startsWith('fixture/');

/**
 * Replays one test of a registered suite from the user's project: vitest runs only the test file
 * that registered the suite. `variables` are set before the selection (e.g. the convention a
 * parameterised suite runs under).
 * @param testFile the test file, absolute or relative to `cwd`
 */
export function replayCommand(
  testFile: string,
  cwd: string = process.cwd(),
  variables: Readonly<Record<string, string>> = {},
): ReplayCommand {
  const fromCwd = isAbsolute(testFile) ? relative(cwd, testFile) : testFile;
  const file = fromCwd.startsWith('..') || isAbsolute(fromCwd) ? testFile : fromCwd;
  const prefix = Object.entries(variables)
    .map(([name, value]) => `${name}=${shellWord(value)} `)
    .join('');
  return (id, seed, path) => {
    const selection = isFixture(id) ? '' : ` CNNSPEC_SEED=${seed}${path === '' ? '' : ` CNNSPEC_PATH=${shellQuote(path)}`}`;
    return `${prefix}CNNSPEC_ONLY=${shellQuote(id)}${selection} npx vitest run ${shellWord(file.split('\\').join('/'))}`;
  };
}

/**
 * Replays one test through the command line, against the same adapter and with the same
 * expectations (the cases a listed defect explains stay set aside).
 * @param adapterArgument the adapter option as the run was given it, already quoted for a shell
 * @param argumentsFor further options one test needs (the folder of a user's fixture), quoted
 */
export function cliReplayCommand(
  adapterArgument: string,
  expectations?: string,
  argumentsFor: (id: string) => string = () => '',
): ReplayCommand {
  const withExpectations = expectations === undefined ? '' : ` --expectations ${shellQuote(expectations)}`;
  return (id, seed, path) =>
    `npx cnnspec run ${adapterArgument}${argumentsFor(id)} --only ${shellQuote(id)} --seed ${seed}${path ? ` --path ${shellQuote(path)}` : ''}${withExpectations}`;
}
