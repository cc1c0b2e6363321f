/**
 * Where a conformance run's CPU time goes, by what the code is for: module loading, test
 * generation, the reference and its planning, comparison, fixtures, the adapter, the runner,
 * reporting, garbage collection, and idle time (waiting for an adapter process or for I/O).
 *
 * Each sample of a V8 CPU profile is put in one category: module loading if any frame of its
 * stack is loading a module (import, tsx's compilation); otherwise by the innermost frame that
 * belongs to this project or to a known dependency (native and Node-internal frames are charged to
 * their caller: a pipe write made by the exec adapter is the adapter's).
 */
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfileData {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const CATEGORIES = [
  'module loading',
  'generation (fast-check, arbitraries)',
  'reference and planning (incl. mathjs formulas)',
  'comparison (tolerance)',
  'property checks (other)',
  'fixtures (load, validate, judge)',
  'adapter and protocol',
  'runner and CLI',
  'reporting',
  'garbage collection',
  'idle (waiting for the adapter, I/O)',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

const DEPENDENCIES: [RegExp, Category][] = [
  [/node_modules\/fast-check\//, 'generation (fast-check, arbitraries)'],
  [/node_modules\/(mathjs|typed-function|decimal\.js|fraction\.js|complex\.js)\//, 'reference and planning (incl. mathjs formulas)'],
  [/node_modules\/(@tensorflow|onnxruntime-node|onnxruntime-common|onnx-proto|protobufjs|long)\//, 'adapter and protocol'],
  [/node_modules\/(commander|picocolors)\//, 'runner and CLI'],
];

const PROJECT: [RegExp, Category][] = [
  [/^properties\/arbitraries\//, 'generation (fast-check, arbitraries)'],
  [/^(src\/judge\/tolerance\.ts|src\/judge\/compareExact\.ts|properties\/support\/expectTensor\.ts)$/, 'comparison (tolerance)'],
  [/^properties\//, 'property checks (other)'],
  [/^src\/fixtures\/|^src\/runner\/judgeFixture\.ts$/, 'fixtures (load, validate, judge)'],
  [/^src\/(adapter|protocol)\/|^examples\//, 'adapter and protocol'],
  [/^src\/report\/|^src\/runner\/(writeReports|renderJunit|writeFileAtomic)\.ts$/, 'reporting'],
  [/^src\/(runner|cli)\//, 'runner and CLI'],
  [/^src\/(spec|tensor|ops|shape|judge)\/|^src\/[^/]+\.ts$/, 'reference and planning (incl. mathjs formulas)'],
];

function projectPath(url: string): string | undefined {
  if (!url.startsWith('file://')) return undefined;
  const path = relative(process.cwd(), fileURLToPath(url));
  return path.startsWith('..') ? undefined : path;
}

function isModuleLoading(url: string): boolean {
  return url.startsWith('node:internal/modules/') || url.includes('/node_modules/tsx/') || url.includes('/node_modules/esbuild/');
}

/** The category of one frame, or undefined for frames charged to their caller. */
function frameCategory(url: string): Category | undefined {
  for (const [pattern, category] of DEPENDENCIES) if (pattern.test(url)) return category;
  const path = projectPath(url);
  if (path === undefined || path.startsWith('node_modules/')) return undefined;
  for (const [pattern, category] of PROJECT) if (pattern.test(path)) return category;
  return undefined;
}

/**
 * Milliseconds per category. With `within`, only the samples from the first to the last one whose
 * stack holds a function of that name count: `runConformance` keeps the run and leaves out
 * start-up and the writing of the reports.
 */
export function profileCategories(profile: CpuProfileData, within?: string): Map<Category, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let first = 0;
  let last = profile.samples.length - 1;
  if (within !== undefined) {
    const holds = (leaf: number): boolean => {
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id))
        if (nodes.get(id)!.callFrame.functionName === within) return true;
      return false;
    };
    first = profile.samples.findIndex(holds);
    last = profile.samples.findLastIndex(holds);
    if (first < 0) throw new Error(`profileCategories: no sample of the profile holds ${within} (within) in its stack`);
  }
  const categoryOf = new Map<number, Category>();
  const classify = (leaf: number): Category => {
    const name = nodes.get(leaf)!.callFrame.functionName;
    if (name === '(garbage collector)') return 'garbage collection';
    if (name === '(idle)') return 'idle (waiting for the adapter, I/O)';
    let innermost: Category | undefined;
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const { url } = nodes.get(id)!.callFrame;
      if (isModuleLoading(url)) return 'module loading';
      innermost ??= frameCategory(url);
    }
    return innermost ?? 'other';
  };
  const totals = new Map<Category, number>(CATEGORIES.map((category) => [category, 0]));
  profile.samples.forEach((id, k) => {
    if (k < first || k > last) return;
    let category = categoryOf.get(id);
    if (category === undefined) {
      category = classify(id);
      categoryOf.set(id, category);
    }
    totals.set(category, totals.get(category)! + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  return totals;
}
