/**
 * Resolves `--adapter`: a built-in name (`reference`, `reference:<convention>`, `tfjs-cpu`,
 * `tfjs-wasm`, `onnxruntime-node`) or the path of a module whose default export is an adapter,
 * or a function (sync or async) that returns one. TypeScript modules load through tsx.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ADAPTER_API_VERSION, type Adapter } from '../ops/Adapter.js';
import { onnxruntimeAdapter } from './onnxruntimeAdapter.js';
import { referenceAdapter } from './referenceAdapter.js';
import { tfjsAdapter } from './tfjsAdapter.js';
import { CONVENTION_NAMES, type ConventionName } from '../spec/conventions.js';
import { identityLimitProblems } from '../protocol/identityLimitProblems.js';
import { describeLimitProblem } from '../protocol/LimitProblem.js';

export const BUILTIN_ADAPTERS = ['reference', 'tfjs-cpu', 'tfjs-wasm', 'onnxruntime-node'] as const;

/**
 * Built-ins that `cnnspec run` always serves in a child process (serveIsolated). After a trap in
 * TF.js's wasm module the module's heap cannot be trusted: in the kit's process every later call
 * would be refused, and a call that hangs inside the module could not be ended. In a child
 * process the module is renewed after a trap and a hang is ended at the timeout (spec:
 * protocol.timeouts).
 */
export const OUT_OF_PROCESS_BUILTINS: readonly string[] = ['tfjs-wasm'];

/** A problem with the adapter itself (missing, not an adapter, failing to start): exit 2. */
export class AdapterLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterLoadError';
  }
}

function checkAdapter(value: unknown, source: string): Adapter {
  const adapter = value as Partial<Adapter> | null;
  const problems: string[] = [];
  if (adapter === null || typeof adapter !== 'object') problems.push('it is not an object');
  else {
    if (typeof adapter.name !== 'string') problems.push('"name" is not a string');
    if (typeof adapter.version !== 'string') problems.push('"version" is not a string');
    if (adapter.adapterApi !== ADAPTER_API_VERSION) problems.push(`"adapterApi" is not ${ADAPTER_API_VERSION}`);
    if (adapter.convention === undefined) problems.push('"convention" is missing');
    if (!Array.isArray(adapter.features)) problems.push('"features" is not an array');
    // spec: protocol.limits — the same bounds as a hello's, before anything prints or stores them
    problems.push(...identityLimitProblems(adapter).map(describeLimitProblem));
  }
  if (problems.length > 0) {
    throw new AdapterLoadError(`${source} does not export an adapter: ${problems.join('; ')} (see src/ops/Adapter.ts)`);
  }
  return adapter as Adapter;
}

export async function loadAdapter(spec: string): Promise<Adapter> {
  const [name, convention] = spec.split(':');
  try {
    if (name === 'reference') {
      if (convention !== undefined && !(CONVENTION_NAMES as readonly string[]).includes(convention)) {
        throw new AdapterLoadError(`unknown convention "${convention}" in --adapter ${spec} (one of ${CONVENTION_NAMES.join(', ')})`);
      }
      return referenceAdapter((convention ?? 'cnnspec') as ConventionName);
    }
    if (spec === 'tfjs-cpu') return await tfjsAdapter('cpu');
    if (spec === 'tfjs-wasm') return await tfjsAdapter('wasm');
    if (spec === 'onnxruntime-node') return await onnxruntimeAdapter();
  } catch (error) {
    if (error instanceof AdapterLoadError) throw error;
    throw new AdapterLoadError(`cannot start the built-in adapter ${spec}: ${(error as Error).message}`);
  }
  const path = resolve(spec);
  if (!existsSync(path)) {
    throw new AdapterLoadError(`no adapter "${spec}": not a built-in (${BUILTIN_ADAPTERS.join(', ')}) and no such file`);
  }
  if (path.endsWith('.ts') || path.endsWith('.mts')) {
    try {
      const { register } = (await import('tsx/esm/api')) as { register: () => unknown };
      register();
    } catch {
      throw new AdapterLoadError(
        `loading the TypeScript module ${spec} needs tsx: npm install --save-dev tsx, or compile it to JavaScript`,
      );
    }
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new AdapterLoadError(`cannot load the adapter module ${spec}: ${(error as Error).message}`);
  }
  let exported = module.default;
  if (typeof exported === 'function') {
    try {
      exported = await (exported as () => unknown)();
    } catch (error) {
      throw new AdapterLoadError(`the adapter factory of ${spec} threw: ${(error as Error).message}`);
    }
  }
  return checkAdapter(exported, spec);
}
