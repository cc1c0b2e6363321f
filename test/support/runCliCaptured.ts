/** Runs the CLI in process with its output captured, as the tests of the commands need it. */
import { runCli } from '../../src/cli/runCli.js';

export async function runCliCaptured(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  });
  return { code, out, err };
}
