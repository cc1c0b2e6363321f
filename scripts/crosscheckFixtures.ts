/**
 * `npm run fixtures:crosscheck`: runs every golden fixture through real implementations (TF.js
 * CPU, ONNX Runtime, and PyTorch over the adapter protocol), each under the convention it follows, and writes the agreement matrix
 * fixtures/AGREEMENT.md: per fixture and framework, agrees, differs (with the largest error),
 * not expressible, or not claimed under that framework's convention. Every disagreement must be
 * explained in fixtures/crosscheck-explanations.json (a documented divergence, a framework bug,
 * or a fixture bug to fix); the script exits 1 when one is not, or when an explanation matches
 * nothing. PyTorch runs examples/python-torch/adapter.py with the system Python (Debian's
 * python3-torch); `--skip python-torch` leaves its column out where it is not installed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../src/ops/Adapter.js';
import { execAdapter } from '../src/adapter/execAdapter.js';
import { onnxruntimeAdapter } from '../src/adapter/onnxruntimeAdapter.js';
import { tfjsAdapter } from '../src/adapter/tfjsAdapter.js';
import type { ConventionName } from '../src/spec/conventions.js';
import type { Fixture } from '../src/fixtures/Fixture.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { packageRoot } from '../src/files/packageRoot.js';
import { judgeFixture, type Verdict } from '../src/fixtures/judgeFixture.js';

interface Framework {
  key: string;
  convention: ConventionName;
  create: () => Promise<Adapter>;
}

export const FRAMEWORKS: Framework[] = [
  { key: 'tfjs-cpu', convention: 'tfjs', create: () => tfjsAdapter('cpu') },
  { key: 'onnxruntime-node', convention: 'onnx', create: () => onnxruntimeAdapter() },
  {
    key: 'python-torch',
    convention: 'pytorch',
    create: () =>
      execAdapter({
        command: 'PYENV_VERSION=system python3 examples/python-torch/adapter.py',
        cwd: packageRoot(),
        startTimeoutMs: 120_000,
      }),
  },
];

export interface Explanation {
  framework: string;
  /** A fixture id, or a prefix ending in `*`. */
  fixture: string;
  kind: 'divergence' | 'framework-bug' | 'fixture-bug';
  clause?: string;
  link?: string;
  note: string;
}

/** A fixture judged under a framework's convention. */
export const judge = (adapter: Adapter, framework: Framework, fixture: Fixture): Promise<Verdict> =>
  judgeFixture(adapter, framework.convention, fixture);

const matches = (explanation: Explanation, framework: string, id: string): boolean =>
  explanation.framework === framework &&
  (explanation.fixture.endsWith('*') ? id.startsWith(explanation.fixture.slice(0, -1)) : id === explanation.fixture);

async function main(): Promise<void> {
  const root = packageRoot();
  const fixtures = loadFixtures().map(({ fixture }) => fixture);
  const explanations = JSON.parse(readFileSync(join(root, 'fixtures', 'crosscheck-explanations.json'), 'utf8')) as Explanation[];
  const verdicts = new Map<string, Map<string, Verdict>>();
  const versions: string[] = [];
  const skipped = process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--skip' ? arg.split(',') : []));
  const frameworks = FRAMEWORKS.filter((framework) => !skipped.includes(framework.key));
  for (const framework of frameworks) {
    const adapter = await framework.create();
    versions.push(`${framework.key} ${adapter.version} (convention ${framework.convention})`);
    const column = new Map<string, Verdict>();
    for (const fixture of fixtures) column.set(fixture.id, await judgeFixture(adapter, framework.convention, fixture));
    await adapter.dispose?.();
    verdicts.set(framework.key, column);
  }
  const unexplained: string[] = [];
  const used = new Set<Explanation>();
  const lines: string[] = [];
  const rows: string[] = [];
  for (const fixture of fixtures) {
    const cells = frameworks.map((framework) => {
      const verdict = verdicts.get(framework.key)!.get(fixture.id)!;
      if (verdict.status === 'agrees') return 'agrees';
      if (verdict.status === 'other-convention') return '—';
      if (verdict.status === 'not-expressible') return `not expressible (${verdict.detail})`;
      const explanation = explanations.find((e) => matches(e, framework.key, fixture.id));
      if (explanation === undefined) unexplained.push(`${framework.key} ${fixture.id}: ${verdict.detail}`);
      else used.add(explanation);
      const tag = explanation === undefined ? 'UNEXPLAINED' : explanation.kind;
      lines.push(
        `| \`${fixture.id}\` | ${framework.key} | ${verdict.detail.replace(/\|/g, '\\|')} | ${tag}${explanation?.clause ? ` ([${explanation.clause}](../spec/${clauseFile(explanation.clause)}#${explanation.clause}))` : ''}${explanation?.link ? ` [link](${explanation.link})` : ''} | ${explanation?.note ?? ''} |`,
      );
      return `**differs** (${tag})`;
    });
    rows.push(`| \`${fixture.id}\` | ${cells.join(' | ')} |`);
  }
  const stale = explanations.filter((e) => !used.has(e)).map((e) => `${e.framework} ${e.fixture}`);
  const summary = frameworks.map((framework) => {
    const counts = { agrees: 0, differs: 0, 'not-expressible': 0, 'other-convention': 0 };
    for (const verdict of verdicts.get(framework.key)!.values()) counts[verdict.status] += 1;
    return `| ${framework.key} | ${counts.agrees} | ${counts.differs} | ${counts['not-expressible']} | ${counts['other-convention']} |`;
  });
  const document = [
    '# Fixture agreement matrix',
    '',
    'Every golden fixture run through real implementations, each under the convention it follows',
    '(`npm run fixtures:crosscheck`, which rewrites this file). Cells: **agrees** (exact, the sign of a',
    'zero result of a sum aside); **differs** with the reason it is accepted; **not expressible** when',
    "the framework cannot state the case; **—** when the fixture does not claim the framework's",
    'convention (it holds under others). Every disagreement is explained in',
    '[`crosscheck-explanations.json`](crosscheck-explanations.json).',
    '',
    `Run with: ${versions.join('; ')}; ${fixtures.length} fixtures.`,
    '',
    '| framework | agrees | differs | not expressible | other convention |',
    '| --- | --- | --- | --- | --- |',
    ...summary,
    '',
    '## Disagreements',
    '',
    '| fixture | framework | what the framework does | explanation | note |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
    '',
    '## Every fixture',
    '',
    `| fixture | ${frameworks.map((f) => f.key).join(' | ')} |`,
    `| --- | ${frameworks.map(() => '---').join(' | ')} |`,
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(root, 'fixtures', 'AGREEMENT.md'), document);
  console.log(summary.join('\n'));
  if (unexplained.length > 0) console.error(`unexplained disagreements:\n  ${unexplained.join('\n  ')}`);
  if (stale.length > 0) console.error(`explanations that match no disagreement:\n  ${stale.join('\n  ')}`);
  if (unexplained.length > 0 || stale.length > 0) process.exitCode = 1;
}

let clauseFiles: Map<string, string> | undefined;
function clauseFile(id: string): string {
  clauseFiles ??= new Map(
    (
      JSON.parse(readFileSync(join(packageRoot(), 'spec', 'clauses.json'), 'utf8')) as { clauses: { id: string; file: string }[] }
    ).clauses.map((c) => [c.id, c.file]),
  );
  return clauseFiles.get(id) ?? 'README.md';
}

if (process.argv[1]?.endsWith('crosscheckFixtures.ts')) await main();
