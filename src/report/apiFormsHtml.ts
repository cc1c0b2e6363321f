/**
 * The API forms of a failure's calls as an HTML fragment (spec: conformance.api-forms): the form
 * of the call its evidence shows, and those of the case's other calls. Shown for every failure,
 * also past those whose pictures are drawn; empty when the adapter named no form.
 */
import type { FailureEvidence } from './model/Report.js';
import { escapeHtml } from './escapeHtml.js';

export function apiFormsHtml(evidence: FailureEvidence | undefined): string {
  if (evidence === undefined || (evidence.form === undefined && evidence.otherForms === undefined)) return '';
  const rows: [string, string][] = [];
  if (evidence.form !== undefined) rows.push(['API form', escapeHtml(evidence.form)]);
  if (evidence.otherForms !== undefined) rows.push(['other calls', evidence.otherForms.map((form) => escapeHtml(form)).join('<br>')]);
  return `<dl class="call forms">${rows.map(([term, text]) => `<dt>${term}</dt><dd>${text}</dd>`).join('')}</dl>`;
}
