/**
 * Renders the generated parts of the spec and the README from the one source of each: formulas
 * and symbols from src/spec/formulas.ts, convention and feature tables from src/spec/conventions.ts and
 * src/spec/features.ts, parameter tables from src/ops/<op>/<op>Parameters.ts, command examples from the CLI itself. Text outside the markers is untouched.
 *
 * Markers: `<!-- formula: id -->`, `<!-- symbols -->`, `<!-- conventions-table -->`,
 * `<!-- convention-sources -->`, `<!-- parameter-rules -->`, `<!-- defect-signatures -->`,
 * `<!-- features-table -->`, `<!-- parameter-table: op -->`, `<!-- protocol-parameters -->`, `<!-- profiles -->` (from spec/profiles),
 * `<!-- sample-exchange -->` (a protocol session recorded by scripts/sampleExchange.ts),
 * `<!-- cli: cnnspec ... -->`, each closed by `<!-- /name -->`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/files/packageRoot.js';
import { clauseById } from '../src/spec/clauseRegistry.js';
import { CONVENTION_SOURCES } from '../src/spec/conventionSources.js';
import { LIMIT_KINDS, PARAMETER_KIND_NAMES, PARAMETER_KINDS, PARAMETER_RULES, type ParameterRule } from '../src/spec/parameterRules.js';
import { DEFECT_SIGNATURES, UNSIGNED_DEFECTS } from '../src/defects/defectSignatures.js';
import { CONVENTION_NAMES, CONVENTIONS, DECLARED_CONVENTIONS, type ConventionKnobs, type Knob } from '../src/spec/conventions.js';
import { FEATURES } from '../src/spec/features.js';
import { FORMULAS, formulaTex, formulaText, SYMBOLS, type FormulaId } from '../src/spec/formulas.js';
import { runCli } from '../src/cli/runCli.js';
import { loadProfiles } from '../src/profiles/loadProfiles.js';
import type { ParameterDefault, ParameterRow } from '../src/ops/ParameterRow.js';
import { OP_NAMES, OPS } from '../src/ops/registry.js';
import { recordSampleExchange, renderSampleExchange } from './sampleExchange.js';

const BLOCK =
  /<!-- (formula|symbols|conventions-table|convention-sources|parameter-rules|defect-signatures|features-table|parameter-table|protocol-parameters|sample-exchange|profiles|cli)(?::\s*([^>]*?))? -->\n[\s\S]*?<!-- \/\1 -->/g;

export function renderFormula(id: FormulaId): string {
  const formula = FORMULAS[id];
  const symbols = [formula.result, ...formula.variables];
  return [
    '```math',
    formulaTex(id),
    '```',
    '',
    `\`${formulaText(id)}\` — where ${symbols.map((name) => `\`${name}\` is ${SYMBOLS[name].meaning}`).join('; ')}.`,
  ].join('\n');
}

export function renderSymbols(): string {
  return [
    '| symbol | typeset | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(SYMBOLS).map(([name, symbol]) => `| \`${name}\` | $${symbol.tex}$ | ${symbol.meaning} |`),
  ].join('\n');
}

const KNOB_CLAUSES: Record<keyof ConventionKnobs, string> = {
  layout: 'divergence.default-layout',
  denseWeightLayout: 'divergence.dense-weight-layout',
  rounding: 'divergence.rounding',
  zeroSizedOutput: 'divergence.zero-sized-output',
  sameWithStride: 'divergence.same-with-stride',
  dilationWithStride: 'divergence.dilation-with-stride',
  poolDefaultStride: 'divergence.pool-default-stride',
  poolCeilMode: 'divergence.ceil-mode-default',
  lastWindowRule: 'divergence.last-window',
  countIncludePad: 'divergence.count-include-pad',
  poolPadLimit: 'divergence.pool-pad-limit',
  maxPoolNan: 'divergence.max-pool-nan',
  maxPoolEmpty: 'divergence.empty-window',
  avgPoolEmpty: 'divergence.empty-window',
  globalKeepDims: 'divergence.global-keepdims',
  outputPaddingLimit: 'conv-transpose.output-padding',
  outputShapeRule: 'conv-transpose.output-shape',
  undefinedFeatures: 'convention.features',
};

/** A knob linked to the clause that describes it, on this page (spec/conventions.md) or another. */
function knobLink(knob: keyof ConventionKnobs): string {
  const id = KNOB_CLAUSES[knob];
  const file = clauseById(id)?.file;
  return `[\`${knob}\`](${file === undefined || file === 'conventions.md' ? '' : file}#${id})`;
}

export function renderConventionsTable(): string {
  const knobs = (Object.keys(KNOB_CLAUSES) as (keyof ConventionKnobs)[]).filter((knob) => knob !== 'undefinedFeatures');
  return (
    [
      `| knob | ${CONVENTION_NAMES.join(' | ')} |`,
      `| --- | ${CONVENTION_NAMES.map(() => '---').join(' | ')} |`,
      ...knobs.map((knob) => {
        const cells = CONVENTION_NAMES.map((name) => {
          if (CONVENTION_SOURCES[name][knob].kind === 'moot') return 'n/a';
          const value = declaredValue(name, knob);
          return value === String(DECLARED_CONVENTIONS.cnnspec[knob]) || name === 'cnnspec' ? value : `**${value}**`;
        });
        return `| ${knobLink(knob)} | ${cells.join(' | ')} |`;
      }),
    ].join('\n') +
    "\n\nValues in bold differ from cnnspec. `unspecified`: the convention's sources do not fix one value, and every value conforms" +
    ' ([convention.unspecified](#convention.unspecified)). n/a: the knob cannot take effect under the convention.' +
    " Each value's source is in [convention.sources](#convention.sources)."
  );
}

/** Every published profile: its ops, required features and how many clauses its tests check (spec/profiles). */
export function renderProfiles(): string {
  return [
    '| profile | ops | required features | clauses | for |',
    '| --- | --- | --- | --- | --- |',
    ...loadProfiles().map((profile) => {
      const features = profile.features.length === 0 ? '(none)' : profile.features.map((feature) => `\`${feature}\``).join(', ');
      return `| [\`${profile.name}\`](profiles/${profile.name}.json) | ${profile.ops.map((op) => `\`${op}\``).join(', ')} | ${features} | ${profile.clauses.length} | ${profile.description.replace(/\|/g, '\\|')} |`;
    }),
  ].join('\n');
}

/** Every documented defect's signature, part by part (src/defects/defectSignatures.ts). */
export function renderDefectSignatures(): string {
  const signed = DEFECT_SIGNATURES.map(
    (signature) =>
      `- [\`${signature.defect}\`](conventions.md#${signature.defect}): ${signature.parts.map((part) => `\`${part.part}\` — ${part.summary}`).join('; ')}`,
  );
  const unsigned = UNSIGNED_DEFECTS.map(
    (defect) => `- [\`${defect.defect}\`](conventions.md#${defect.defect}): no signature, ${defect.noSignature}`,
  );
  return [...signed, ...unsigned].join('\n');
}

/** A knob's value as a convention declares it: a value, `unspecified`, or the values left open. */
export function declaredValue(name: (typeof CONVENTION_NAMES)[number], knob: Knob): string {
  const value: unknown = DECLARED_CONVENTIONS[name][knob];
  return Array.isArray(value) ? `unspecified (${value.join(' or ')})` : String(value);
}

/** Every knob's value under every named convention, with its source (src/spec/conventionSources.ts). */
export function renderConventionSources(): string {
  const knobs = Object.keys(KNOB_CLAUSES) as (Knob | 'undefinedFeatures')[];
  const lines: string[] = [];
  for (const knob of knobs) {
    lines.push(`- ${knobLink(knob)}`);
    for (const name of CONVENTION_NAMES) {
      const source = CONVENTION_SOURCES[name][knob];
      const value = knob === 'undefinedFeatures' ? '' : `${declaredValue(name, knob)}: `;
      const text =
        source.kind === 'chosen'
          ? `${value}chosen: ${source.why}`
          : source.kind === 'moot'
            ? `n/a: ${source.why}`
            : source.kind === 'unspecified'
              ? `${value}${source.source}`
              : `${value}${source.source}`;
      lines.push(`  - ${name} — ${text.replace(/\|/g, '\\|')}`);
    }
  }
  return lines.join('\n');
}

/** A link to a clause from spec/errors.md. */
function clauseLink(id: string): string {
  const clause = clauseById(id);
  if (clause === undefined) throw new Error(`unknown clause ${id}`);
  return `[${id}](${clause.file === 'errors.md' ? '' : clause.file}#${id})`;
}

function ruleText(rule: ParameterRule): string {
  switch (rule.rule) {
    case 'reject':
      return `reject: ${rule.source}`;
    case 'unspecified':
      return `unspecified: ${rule.why}`;
    case 'defined':
      return `defined (not sent): ${rule.why} — ${rule.source}`;
    case 'limit':
      return `limit: ${rule.why}`;
  }
}

/** Every convention's rule for every kind of invalid parameter, with its source (src/spec/parameterRules.ts). */
export function renderParameterRules(): string {
  const lines: string[] = [];
  for (const kind of PARAMETER_KIND_NAMES) {
    const info = PARAMETER_KINDS[kind];
    lines.push(`- \`${kind}\` — ${info.title} (${clauseLink(info.clause)}; sent by ${info.sentBy})`);
    if ((LIMIT_KINDS as readonly string[]).includes(kind)) {
      lines.push(`  - every convention — ${ruleText(PARAMETER_RULES.cnnspec[kind]).replace(/\|/g, '\\|')}`);
      continue;
    }
    for (const name of CONVENTION_NAMES) lines.push(`  - ${name} — ${ruleText(PARAMETER_RULES[name][kind]).replace(/\|/g, '\\|')}`);
  }
  return lines.join('\n');
}

export function renderFeaturesTable(): string {
  return [
    '| feature | not defined by |',
    '| --- | --- |',
    ...FEATURES.map((feature) => {
      const lacking = CONVENTION_NAMES.filter((name) => CONVENTIONS[name].undefinedFeatures.includes(feature));
      return `| \`${feature}\` | ${lacking.join(', ') || '—'} |`;
    }),
  ].join('\n');
}

/** Each op's parameter table, by the name its adapter method and protocol requests use. */
export const PARAMETER_TABLES: { readonly [method: string]: readonly ParameterRow[] } = Object.fromEntries(
  OP_NAMES.map((name) => [OPS[name].method, OPS[name].parameters]),
);

/** A value as TypeScript and JSON write it in a table: strings quoted. */
function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? `\`'${value}'\`` : `\`${value}\``;
}

/** A link to a clause from any spec page. */
function pageLink(id: string): string {
  const clause = clauseById(id);
  if (clause === undefined) throw new Error(`unknown clause ${id}`);
  return `[${id}](${clause.file}#${id})`;
}

/** `perAxis`: the parameter is sent as one entry per spatial axis, so one number means every axis. */
function defaultText(value: ParameterDefault, perAxis: boolean): string {
  switch (value.kind) {
    case 'value':
      return perAxis && typeof value.value === 'number' ? `${literal(value.value)} on every axis` : literal(value.value);
    case 'same-as':
      return `the value of \`${value.parameter}\``;
    case 'by-parameter':
      return Object.entries(value.values)
        .map(([when, then]) => `${literal(then)} when \`${value.parameter}\` is ${literal(when)}`)
        .join(', ');
    case 'open':
      return `unspecified (${value.values.map(literal).join(' or ')}, ${pageLink('convention.unspecified')})`;
    case 'required':
      return 'required';
    case 'absent':
      return `none: ${value.meaning}`;
  }
}

/**
 * A parameter's default under every named convention: one text when they agree, else each text
 * with the conventions that give it.
 */
export function renderDefaults(row: ParameterRow, asSent = false): string {
  const byText = new Map<string, string[]>();
  for (const name of CONVENTION_NAMES) {
    const text = defaultText(row.default[name], asSent && row.adapterType === 'number[]');
    byText.set(text, [...(byText.get(text) ?? []), name]);
  }
  if (byText.size === 1) return [...byText.keys()][0]!;
  return [...byText].map(([text, names]) => `${text} (${names.join(', ')})`).join('; ');
}

/** A table cell: a pipe inside it would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** An op's parameter table for its spec page: every field, its type, its defaults and its clause. */
export function renderParameterTable(op: string): string {
  if (!Object.hasOwn(PARAMETER_TABLES, op)) throw new Error(`unknown parameter table ${op}`);
  const rows = PARAMETER_TABLES[op]!;
  return [
    '| parameter | type | default per convention | clause | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.name}\` | \`${cell(row.type)}\` | ${cell(renderDefaults(row))} | ${pageLink(row.clause)} | ${cell(row.description)} |`,
    ),
  ].join('\n');
}

/** The parameter record of every tensor op as a request carries it: every field but `convention`, per-axis values as arrays. */
export function renderProtocolParameters(): string {
  const lines: string[] = [];
  for (const [op, rows] of Object.entries(PARAMETER_TABLES)) {
    if (lines.length > 0) lines.push('');
    lines.push(`\`${op}\`:`, '', '| field | type | default | clause |', '| --- | --- | --- | --- |');
    for (const row of rows.filter((candidate) => candidate.sentToAdapter)) {
      lines.push(
        `| \`${row.name}\` | \`${cell(row.adapterType ?? row.type)}\` | ${cell(renderDefaults(row, true))} | ${pageLink(row.clause)} |`,
      );
    }
  }
  return lines.join('\n');
}

export async function renderCliExample(commandLine: string): Promise<string> {
  const words = commandLine.trim().split(/\s+/);
  if (words[0] !== 'cnnspec') throw new Error(`cli block must start with cnnspec: ${commandLine}`);
  let out = '';
  let err = '';
  const code = await runCli(words.slice(1), { stdout: (text) => (out += text), stderr: (text) => (err += text) });
  if (code !== 0) throw new Error(`${commandLine} exited ${code}: ${err}`);
  return ['```console', `$ ${commandLine}`, out.trimEnd(), '```'].join('\n');
}

/** Renders every generated block of a Markdown text. */
export async function renderSpecText(text: string): Promise<string> {
  const jobs: Promise<string>[] = [];
  text.replace(BLOCK, (_match, kind: string, argument: string | undefined) => {
    jobs.push(
      (async () => {
        switch (kind) {
          case 'formula': {
            const id = (argument ?? '').trim();
            if (!(id in FORMULAS)) throw new Error(`unknown formula ${id}`);
            return renderFormula(id as FormulaId);
          }
          case 'symbols':
            return renderSymbols();
          case 'conventions-table':
            return renderConventionsTable();
          case 'convention-sources':
            return renderConventionSources();
          case 'parameter-rules':
            return renderParameterRules();
          case 'defect-signatures':
            return renderDefectSignatures();
          case 'features-table':
            return renderFeaturesTable();
          case 'parameter-table':
            return renderParameterTable((argument ?? '').trim());
          case 'protocol-parameters':
            return renderProtocolParameters();
          case 'sample-exchange':
            return renderSampleExchange(await recordSampleExchange());
          case 'profiles':
            return renderProfiles();
          default:
            return renderCliExample(argument ?? '');
        }
      })(),
    );
    return '';
  });
  const bodies = await Promise.all(jobs);
  let index = 0;
  return text.replace(BLOCK, (_match, kind: string, argument: string | undefined) => {
    const open = argument === undefined ? `<!-- ${kind} -->` : `<!-- ${kind}: ${argument.trim()} -->`;
    return `${open}\n${bodies[index++]}\n<!-- /${kind} -->`;
  });
}

/** The files with generated blocks, relative to the repository root. */
export const RENDERED_FILES = [
  'README.md',
  ...readdirSync(join(packageRoot(), 'spec'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `spec/${name}`),
];
