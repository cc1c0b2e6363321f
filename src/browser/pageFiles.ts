/**
 * What the page's origin serves (spec: browser.page): the page, the bundled adapter, and the
 * files of installed packages under /modules/<package>/<path>, for what an adapter loads at run
 * time (a wasm binary, a worker script). Everything is answered from this process through
 * playwright's routing: the browser makes no network request, and the origin is
 * http://localhost, a secure context, which WebGPU requires.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

export const PAGE_ORIGIN = 'http://localhost';
export const PAGE_URL = `${PAGE_ORIGIN}/index.html`;

export const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cnnspec adapter</title></head>
<body><script type="module">
globalThis.cnnspecStart = import('/adapter.js').then((module) => module.start());
// a rejection is read by the Node side; it is not also an unhandled one
globalThis.cnnspecStart.catch(() => undefined);
</script></body></html>
`;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.html': 'text/html',
};

export interface PageFile {
  status: number;
  contentType: string;
  body: string | Buffer;
}

/** The package's folder seen from `from`, as Node's resolution would find it. */
function packageFolder(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The answer to a request for `pathname`. `searchFrom` are the folders a package is looked for
 * from: the adapter's own, then the kit's.
 */
export function pageFile(pathname: string, bundle: string, searchFrom: readonly string[]): PageFile {
  const notFound = (why: string): PageFile => ({ status: 404, contentType: 'text/plain', body: why });
  if (pathname === '/' || pathname === '/index.html') return { status: 200, contentType: 'text/html', body: PAGE_HTML };
  if (pathname === '/adapter.js') return { status: 200, contentType: 'text/javascript', body: bundle };
  const match = /^\/modules\/((?:@[^/]+\/)?[^/@]+)\/(.+)$/.exec(decodeURIComponent(pathname));
  if (match === null) return notFound(`${pathname}: the page serves /index.html, /adapter.js and /modules/<package>/<path>`);
  const [, name, inside] = match as unknown as [string, string, string];
  const folder = searchFrom.map((from) => packageFolder(name, from)).find((found) => found !== undefined);
  if (folder === undefined) return notFound(`package ${name} is not installed`);
  const file = resolve(folder, inside);
  // a path that climbs out of the package (..) is not served
  if (relative(folder, file).startsWith('..') || !file.startsWith(folder + sep)) return notFound(`${inside} is outside package ${name}`);
  if (!existsSync(file) || !statSync(file).isFile()) return notFound(`package ${name} has no file ${inside}`);
  return { status: 200, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}
