/**
 * Links from a report to clauses of the published spec, given its base URL (`--spec-base-url`).
 * There is no default: a file: URL into the installed kit breaks wherever else the report is
 * opened (a CI artifact), and the HTML report embeds the text of every clause it cites instead.
 */
import type { Clause } from '../spec/clauseRegistry.js';

export function clauseHref(specBaseUrl: string, clause: Clause): string {
  return `${specBaseUrl.replace(/\/+$/, '')}/${clause.file}#${clause.id}`;
}
