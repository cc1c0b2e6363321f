/**
 * The command that replays one test of a registered suite from the user's project: the
 * `CNNSPEC_*` variables that the suite reads select the test, its seed and the counterexample's
 * fast-check path, and vitest runs only the test file that registered the suite.
 */
import { isAbsolute, relative } from 'node:path';
import { shellQuote } from '../adapter/shellQuote.js';

const shellWord = (text: string): string => (/^[\w./@%+=:,-]+$/.test(text) ? text : shellQuote(text));

/** @param testFile the test file, absolute or relative to `cwd` */
export function replayCommand(testFile: string, cwd: string = process.cwd()): (id: string, seed: number, path: string) => string {
  const fromCwd = isAbsolute(testFile) ? relative(cwd, testFile) : testFile;
  const file = fromCwd.startsWith('..') || isAbsolute(fromCwd) ? testFile : fromCwd;
  return (id, seed, path) => {
    // A fixture has no cases to generate: its id alone replays it.
    const selection = id.startsWith('fixture/') ? '' : ` CNNSPEC_SEED=${seed}${path === '' ? '' : ` CNNSPEC_PATH=${shellQuote(path)}`}`;
    return `CNNSPEC_ONLY=${shellQuote(id)}${selection} npx vitest run ${shellWord(file.split('\\').join('/'))}`;
  };
}
