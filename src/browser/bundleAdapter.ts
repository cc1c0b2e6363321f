/**
 * Bundles a browser adapter module, with the page's host, into one ES module for the page
 * (spec: browser.bundle). esbuild resolves the module's imports as Node would (its packages, the
 * kit's TypeScript sources or compiled files) and targets the browser: a module that imports a
 * Node built-in is refused at bundling, with esbuild's message naming the import, instead of
 * failing inside the page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** Why an adapter module could not be bundled for the page: an adapter error (exit 2). */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * The kit's formulas load mathjs's single-file build through `createRequire` (src/spec/formulas.ts),
 * which only Node has: in the page, that one require is answered by the same file, bundled.
 */
const MATHJS_BUILD = 'mathjs/lib/browser/math.js';
const nodeModuleShim: Plugin = {
  name: 'cnnspec-node-module-shim',
  setup(build) {
    build.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'cnnspec-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'cnnspec-shim' }, () => ({
      resolveDir: dirname(fileURLToPath(import.meta.url)),
      contents: `import * as mathjs from '${MATHJS_BUILD}';
export function createRequire() {
  return (id) => {
    if (id === '${MATHJS_BUILD}') return mathjs;
    throw new Error('require(' + JSON.stringify(id) + ') is not available in a browser page');
  };
}`,
    }));
  },
};

/** The page's host next to this file, as TypeScript from the sources or JavaScript from dist. */
function hostModule(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), 'page', `hostAdapter${here.endsWith('.ts') ? '.ts' : '.js'}`);
}

/** The bundled page module: its export `start()` makes the adapter and resolves to the hello line. */
export async function bundleAdapter(entry: string): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new BundleError(`--browser needs esbuild to bundle the adapter for the page: ${(error as Error).message}`);
  }
  const require = createRequire(import.meta.url);
  try {
    const result = await esbuild.build({
      stdin: {
        contents: `import * as adapterModule from ${JSON.stringify(entry)};
import { startHost } from ${JSON.stringify(hostModule())};
export const start = () => startHost(adapterModule.default);`,
        resolveDir: dirname(entry),
        sourcefile: 'cnnspec-page-entry.js',
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
      // the formulas' mathjs build resolves from the kit, whichever package the adapter is in
      nodePaths: [join(dirname(require.resolve('mathjs/package.json')), '..')],
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [nodeModuleShim],
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const detail =
      errors === undefined
        ? (error as Error).message
        : errors
            .slice(0, 5)
            .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
            .join('; ');
    throw new BundleError(`cannot bundle the browser adapter ${entry} for the page: ${detail}`);
  }
}
