/**
 * Links from a report to clauses of the spec. By default they point into the `spec` folder of
 * the installed kit as a file: URL, which holds wherever the report is opened on the machine
 * that made it; callers publishing reports pass the spec's web address instead.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clause } from '../spec/clauseRegistry.js';
import { packageRoot } from '../files/packageRoot.js';

export function defaultSpecBaseUrl(): string {
  return pathToFileURL(join(packageRoot(), 'spec')).href;
}

export function clauseHref(specBaseUrl: string, clause: Clause): string {
  return `${specBaseUrl.replace(/\/+$/, '')}/${clause.file}#${clause.id}`;
}
