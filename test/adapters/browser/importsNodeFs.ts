/** A browser adapter that imports a Node built-in, which no page has. */
import { readFileSync } from 'node:fs';

export default { name: 'imports-node-fs', version: String(readFileSync.length), adapterApi: 1, convention: 'cnnspec', features: [] };
