/**
 * Runs export.py with the system Python (Debian's python3-onnx) and parses its JSON: the ONNX
 * backend node tests of the ops cnnspec covers, from the installed package or from the generator
 * files of an ONNX source tree.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OnnxNodeTestExport } from './toFixtures.js';

const EXPORT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'export.py');

/** Python, python3-onnx or a usage of export.py is missing: the caller exits 2. */
export class NodeTestsUnavailable extends Error {}

export interface ExportOptions {
  /** ONNX op types; all that export.py knows when omitted. */
  ops?: readonly string[];
  /** An ONNX source tree whose generator files to run, and how to name it in the version. */
  source?: { root: string; label: string };
}

export function exportNodeTests(options: ExportOptions = {}): OnnxNodeTestExport {
  const args = [
    EXPORT_SCRIPT,
    ...(options.ops === undefined ? [] : ['--ops', options.ops.join(',')]),
    ...(options.source === undefined ? [] : ['--source', options.source.root, '--source-label', options.source.label]),
  ];
  const command = `PYENV_VERSION=system python3 ${[relative(process.cwd(), EXPORT_SCRIPT), ...args.slice(1)].join(' ')}`;
  const result = spawnSync('python3', args, {
    env: { ...process.env, PYENV_VERSION: 'system' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error !== undefined)
    throw new NodeTestsUnavailable(`cannot run ${command}: ${result.error.message} (python3 with python3-onnx is needed)`);
  if (result.status === 2) throw new NodeTestsUnavailable(`${command} exited 2: ${result.stderr.trim()}`);
  if (result.status !== 0) throw new Error(`${command} exited ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as OnnxNodeTestExport;
}
