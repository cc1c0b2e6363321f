/**
 * Renders the generated parts of the spec and the README from the one source of each: formulas
 * and symbols from src/spec/formulas.ts, convention and feature tables from src/spec/conventions.ts and
 * src/spec/features.ts, command examples from the CLI itself. Text outside the markers is untouched.
 *
 * Markers: `<!-- formula: id -->`, `<!-- symbols -->`, `<!-- conventions-table -->`,
 * `<!-- convention-sources -->`, `<!-- parameter-rules -->`, `<!-- defect-signatures -->`,
 * `<!-- features-table -->`, `<!-- profiles -->` (from spec/profiles), `<!-- cli: cnnspec ... -->`,
 * each closed by `<!-- /name -->`.
 */
import { clauseById } from '../src/spec/clauseRegistry.js';
import { CONVENTION_SOURCES } from '../src/spec/conventionSources.js';
import { LIMIT_KINDS, PARAMETER_KIND_NAMES, PARAMETER_KINDS, PARAMETER_RULES, type ParameterRule } from '../src/spec/parameterRules.js';
import { DEFECT_SIGNATURES, UNSIGNED_DEFECTS } from '../src/defects/defectSignatures.js';
import { CONVENTION_NAMES, CONVENTIONS, DECLARED_CONVENTIONS, type ConventionKnobs, type Knob } from '../src/spec/conventions.js';
import { FEATURES } from '../src/spec/features.js';
import { FORMULAS, formulaTex, formulaText, SYMBOLS, type FormulaId } from '../src/spec/formulas.js';
import { runCli } from '../src/cli/runCli.js';
import { loadProfiles } from '../src/profiles/loadProfiles.js';

const BLOCK = /<!-- (formula|symbols|conventions-table|convention-sources|parameter-rules|defect-signatures|features-table|profiles|cli)(?::\s*([^>]*?))? -->\n[\s\S]*?<!-- \/\1 -->/g;

export function renderFormula(id: FormulaId): string {
  const formula = FORMULAS[id];
  const symbols = [formula.result, ...formula.variables];
  return [
    '```math',
    formulaTex(id),
    '```',
    '',
    `\`${formulaText(id)}\` — where ${symbols.map((name) => `\`${name}\` is the ${SYMBOLS[name].meaning}`).join('; ')}.`,
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
  undefinedFeatures: 'convention.features',
};

export function renderConventionsTable(): string {
  const knobs = (Object.keys(KNOB_CLAUSES) as (keyof ConventionKnobs)[]).filter((knob) => knob !== 'undefinedFeatures');
  return [
    `| knob | ${CONVENTION_NAMES.join(' | ')} |`,
    `| --- | ${CONVENTION_NAMES.map(() => '---').join(' | ')} |`,
    ...knobs.map((knob) => {
      const cells = CONVENTION_NAMES.map((name) => {
        if (CONVENTION_SOURCES[name][knob].kind === 'moot') return 'n/a';
        const value = declaredValue(name, knob);
        return value === String(DECLARED_CONVENTIONS.cnnspec[knob]) || name === 'cnnspec' ? value : `**${value}**`;
      });
      return `| [\`${knob}\`](#${KNOB_CLAUSES[knob]}) | ${cells.join(' | ')} |`;
    }),
  ].join('\n') +
    '\n\nValues in bold differ from cnnspec. `unspecified`: the convention\'s sources do not fix one value, and every value conforms' +
    ' ([convention.unspecified](#convention.unspecified)). n/a: the knob cannot take effect under the convention.' +
    ' Each value\'s source is in [convention.sources](#convention.sources).';
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
  const unsigned = UNSIGNED_DEFECTS.map((defect) => `- [\`${defect.defect}\`](conventions.md#${defect.defect}): no signature, ${defect.noSignature}`);
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
    lines.push(`- [\`${knob}\`](#${KNOB_CLAUSES[knob]})`);
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
  'spec/tensors.md',
  'spec/shapes.md',
  'spec/padding.md',
  'spec/conv.md',
  'spec/pool.md',
  'spec/dense.md',
  'spec/params.md',
  'spec/receptive-field.md',
  'spec/conventions.md',
  'spec/errors.md',
  'spec/conformance.md',
  'spec/protocol.md',
];
