/**
 * The kit's layers, bottom to top; a module imports from its own layer and lower ones only, and
 * no module takes part in an import cycle. Checked by test/layers/layers.test.ts and by
 * `npm run layers`. Paths are relative to the directory the cruise runs from (the repository
 * root, or a fixture tree laid out the same way).
 */
const layers = [
  { name: 'L0 spec', path: '^src/(files|tensor|spec)/' },
  { name: 'L1 ops', path: '^src/(ops|shape|judge)/' },
  { name: 'L1.5 model', path: '^src/(report/model|protocol|defects|profiles)/' },
  { name: 'L2 properties', path: '^(properties/|src/(fixtures|adapter|browser|evidence)/)' },
  { name: 'L3 runner', path: '^src/(runner|coverage)/' },
  { name: 'L4 report', path: '^src/report/(?!model/)' },
  { name: 'L5 cli', path: '^(src/(cli|vitest)/|src/index\\.ts$)' },
];

const anyLayer = layers.map((layer) => `(${layer.path})`).join('|');

const layerRules = layers.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.name.split(' ')[0]}`,
  comment: `${layer.name} imports only from its own layer and lower ones`,
  severity: 'error',
  from: { path: layer.path },
  to: {
    path: layers
      .slice(index + 1)
      .map((higher) => `(${higher.path})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import cycle ties its modules into one: none is allowed',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'layer-unassigned',
      comment: 'every module of src/ and properties/ belongs to a layer of this file',
      severity: 'error',
      from: { path: '^(src|properties)/', pathNot: anyLayer },
      to: {},
    },
    {
      name: 'layer-unassigned-target',
      comment: 'every module of src/ and properties/ belongs to a layer of this file',
      severity: 'error',
      from: {},
      to: { path: '^(src|properties)/', pathNot: anyLayer },
    },
    {
      name: 'kit-not-to-tooling',
      comment: 'the shipped kit (src/, properties/) does not depend on tests, benchmarks or scripts',
      severity: 'error',
      from: { path: '^(src|properties)/' },
      to: { path: '^(test|bench|scripts|examples)/' },
    },
    {
      name: 'tooling-not-to-test',
      comment: 'benchmarks, scripts and examples do not import from test/',
      severity: 'error',
      from: { path: '^(bench|scripts|examples)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // test/layers/fixtures-*: trees that break the rules on purpose, cruised on their own by the layer test.
    exclude: { path: '(^|/)(node_modules|dist|reports|coverage)/|^test/layers/fixtures-' },
    // Type-only imports count: a layer that names a higher layer's type depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
