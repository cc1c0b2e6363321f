/**
 * The `cnnspec` command line. Every command writes through the given streams and returns an
 * exit code instead of exiting, so tests run it in-process.
 *
 * Exit codes: 0 success, 1 a failure found (run, report, fixtures check), 2 usage error or
 * invalid configuration.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { isPlainRecord } from '../spec/paramChecks.js';
import { CONVENTION_SOURCES } from '../spec/conventionSources.js';
import { CONVENTION_NAMES, CONVENTIONS, DECLARED_CONVENTIONS, resolveConvention, type ConventionName } from '../spec/conventions.js';
import { FILL_MODES } from '../ops/window/fillCoordinate.js';
import { LAYOUTS } from '../tensor/layout.js';
import { LAYER_TYPES, type LayerSpec, type ModelSpec } from '../shape/LayerSpec.js';
import { inputLayoutWarnings } from '../shape/inputLayoutWarnings.js';
import { planLayer } from '../shape/planLayer.js';
import { formatSummary } from '../shape/formatSummary.js';
import { summary } from '../shape/summary.js';
import { formatShapeReport, formulasApplied } from './formatShapeReport.js';
import { parseAxisValue, parseIntegerList, parsePadding } from './parseCliValues.js';
import { formulaText, FORMULAS } from '../spec/formulas.js';
import { registerFixturesCommand } from './fixturesCommand.js';
import { registerReportCommand } from './reportCommand.js';
import { registerRunCommand } from './runCommand.js';
import { terminalText } from '../report/terminalText.js';
import type { CliIo } from './CliIo.js';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

class CliFailure extends Error {}

interface ShapeOptions {
  input?: number[];
  inputShape?: number[];
  filters?: number;
  units?: number;
  kernel?: number | number[];
  stride?: number | number[];
  strides?: number | number[];
  dilation?: number | number[];
  dilations?: number | number[];
  padding?: ReturnType<typeof parsePadding>;
  padBegin?: number | number[];
  padEnd?: number | number[];
  groups?: number;
  depthMultiplier?: number;
  outputPadding?: number | number[];
  outputShape?: number[];
  fill?: string;
  bias: boolean;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  keepDims?: boolean;
  layout?: string;
  convention?: string;
  json?: boolean;
}

function layerFromOptions(type: string, options: ShapeOptions): LayerSpec {
  const layer: Record<string, unknown> = { type };
  const set = (field: string, value: unknown): void => {
    if (value !== undefined) layer[field] = value;
  };
  set('filters', options.filters);
  set('units', options.units);
  set('kernel', options.kernel);
  // The model file's spellings work as flags too (spec: shape.layers).
  for (const [flag, field] of [
    ['stride', 'strides'],
    ['dilation', 'dilations'],
  ] as const) {
    if (options[flag] !== undefined && options[field] !== undefined) throw new CliFailure(`use either --${flag} or --${field}, not both`);
    set(field, options[flag] ?? options[field]);
  }
  set('groups', options.groups);
  set('depthMultiplier', options.depthMultiplier);
  set('outputPadding', options.outputPadding);
  set('outputShape', options.outputShape);
  set('fill', options.fill);
  set('ceilMode', options.ceilMode);
  set('countIncludePad', options.countIncludePad);
  set('keepDims', options.keepDims);
  if (options.padBegin !== undefined || options.padEnd !== undefined) {
    if (options.padding !== undefined) throw new CliFailure('use either --padding or --pad-begin/--pad-end, not both');
    layer.padding = { begin: options.padBegin ?? 0, end: options.padEnd ?? 0 };
  } else {
    set('padding', options.padding);
  }
  if (!options.bias) layer.bias = false;
  return layer as unknown as LayerSpec;
}

function integer(text: string): number {
  const [value] = parseIntegerList(text);
  if (value === undefined || String(value) !== text.trim()) throw new CliFailure(`expected one integer, got ${JSON.stringify(text)}`);
  return value;
}

async function readJsonFile(path: string, io: CliIo, what: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await (io.readStdin ?? (() => Promise.reject(new Error('no standard input'))))() : await readFile(path, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Layout warnings for a model file's input, before the model is checked (a shape read in the
 * wrong layout often makes a layer invalid too). A file too broken to tell gets none: summary()
 * then reports what is wrong with it.
 */
function modelInputWarnings(model: unknown): string[] {
  if (!isPlainRecord(model) || !Array.isArray(model.input) || !model.input.every((size) => Number.isSafeInteger(size))) return [];
  const first: unknown = Array.isArray(model.layers) ? model.layers[0] : undefined;
  if (!isPlainRecord(first) || typeof first.type !== 'string') return [];
  let layout: unknown = model.layout;
  if (layout === undefined) {
    try {
      layout = resolveConvention(model.convention as ModelSpec['convention']).layout;
    } catch {
      return [];
    }
  }
  if (!(LAYOUTS as readonly unknown[]).includes(layout)) return [];
  return inputLayoutWarnings({
    shape: model.input as number[],
    layout: layout as (typeof LAYOUTS)[number],
    layoutGiven: model.layout !== undefined,
    layerType: first.type,
    source: 'model',
  });
}

const SHAPE_HELP = `
Layout: --input is read in --layout, by default the convention's (channels-first
for cnnspec: 1,3,32,32 is one 32x32 image with 3 channels). A Keras or
TensorFlow shape is channels-last: give --layout channels-last, or --input-shape
32,32,3 (Keras's input_shape: no batch axis, channels-last). A shape that looks
like an image in the other layout, or like an image without its batch axis, is
answered as read with a warning on standard error that says how it was read.
`;

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('cnnspec')
    .description('Reference spec kit and conformance suite for convolution, pooling and dense layers')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('shape')
    .description('output shape, pads, parameter count and formulas of one layer')
    .argument('<layer>', `layer type: ${LAYER_TYPES.join(', ')}`)
    .option('--input <shape>', 'input shape with the batch axis, in --layout, e.g. 1,3,224,224 or 1x3x224x224', parseIntegerList)
    .option(
      '--input-shape <shape>',
      "input shape without the batch axis, channels-last unless --layout says otherwise, as Keras's input_shape: 32,32,3",
      parseIntegerList,
    )
    .option('--filters <n>', 'output channels (conv, separable-conv)', integer)
    .option('--units <n>', 'output features (dense)', integer)
    .option('--kernel <k>', 'kernel or window size: one value or one per axis (3, 3,5 or 3x5)', parseAxisValue)
    .option('--stride <s>', 'stride: one value or one per axis', parseAxisValue)
    .option('--dilation <d>', 'dilation: one value or one per axis', parseAxisValue)
    .addOption(new Option('--strides <s>', 'the same as --stride').argParser(parseAxisValue).hideHelp())
    .addOption(new Option('--dilations <d>', 'the same as --dilation').argParser(parseAxisValue).hideHelp())
    .option('--padding <p>', 'valid, same (= same-upper), same-upper, same-lower, or symmetric pad sizes (1 or 1,2)', parsePadding)
    .option('--pad-begin <p>', 'explicit pads at the beginning of each axis (asymmetric padding)', parseAxisValue)
    .option('--pad-end <p>', 'explicit pads at the end of each axis (asymmetric padding)', parseAxisValue)
    .option('--groups <g>', 'groups (conv)', integer)
    .option('--depth-multiplier <m>', 'depth multiplier (depthwise-conv, separable-conv)', integer)
    .option('--output-padding <p>', 'output padding: one value or one per axis (conv-transpose)', parseAxisValue)
    .option('--output-shape <sizes>', 'spatial output sizes, one per axis (conv-transpose)', parseIntegerList)
    .addOption(new Option('--fill <mode>', 'padding fill (conv, depthwise-conv)').choices(FILL_MODES))
    .option('--no-bias', 'layer without bias')
    .option('--ceil-mode', 'round the output size up (pooling)')
    .option('--count-include-pad', 'count padding in the divisor (avg-pool)')
    .option('--keep-dims', 'keep the spatial axes as size 1 (global pooling)')
    .option('--no-keep-dims', 'drop the spatial axes (global pooling)')
    .addOption(new Option('--layout <layout>', "data layout (default: the convention's)").choices(LAYOUTS))
    .addOption(new Option('--convention <name>', 'convention (default: cnnspec)').choices(CONVENTION_NAMES))
    .option('--json', 'print JSON')
    .addHelpText('after', SHAPE_HELP)
    .action((type: string, options: ShapeOptions) => {
      if ((options.input === undefined) === (options.inputShape === undefined)) {
        throw new CliFailure(
          "give the input shape with its batch axis (--input 1,3,32,32) or, as Keras's input_shape, without it (--input-shape 32,32,3)",
        );
      }
      const layer = layerFromOptions(type, options);
      const keras = options.inputShape !== undefined;
      const context = {
        // Keras's input_shape is channels-last unless the model says data_format='channels_first'.
        layout: (options.layout ?? (keras ? 'channels-last' : undefined)) as (typeof LAYOUTS)[number] | undefined,
        convention: options.convention as ConventionName | undefined,
      };
      const input = keras ? [1, ...options.inputShape!] : options.input!;
      const convention = resolveConvention(context.convention);
      const layout = context.layout ?? convention.layout;
      // Before planning: a shape read in the wrong layout often makes the layer invalid too.
      if (!keras) {
        for (const warning of inputLayoutWarnings({
          shape: input,
          layout,
          layoutGiven: options.layout !== undefined,
          layerType: type,
          source: 'cli',
        })) {
          io.stderr(`cnnspec: warning: ${warning}\n`);
        }
      }
      const plan = planLayer(layer, input, context);
      if (options.json) {
        io.stdout(
          `${JSON.stringify(
            {
              layer,
              layout,
              convention: convention.name,
              inputShape: plan.inputShape,
              outputShape: plan.outputShape,
              params: plan.params,
              weightShapes: plan.weightShapes,
              window: plan.spatial.kind === 'window' ? plan.spatial.window : undefined,
              formulas: formulasApplied(plan).map((id) => ({ id, formula: formulaText(id), clause: FORMULAS[id].clause })),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        io.stdout(`${formatShapeReport(plan, layout, convention.name)}\n`);
      }
    });

  program
    .command('summary')
    .description('layer-by-layer table of a model: output shapes, parameters, receptive fields')
    .argument('<model.json>', 'model file ({ input, layout?, convention?, layers }), or - for standard input')
    .option('--json', 'print JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      const model = (await readJsonFile(path, io, 'model file')) as ModelSpec;
      for (const warning of modelInputWarnings(model)) io.stderr(`cnnspec: warning: ${warning}\n`);
      const result = summary(model);
      io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSummary(result)}\n`);
    });

  program
    .command('conventions')
    .description('list the named conventions, or show one')
    .argument('[name]', `one of ${CONVENTION_NAMES.join(', ')}`)
    .option('--json', 'print JSON')
    .action((name: string | undefined, options: { json?: boolean }) => {
      const selected = name === undefined ? CONVENTION_NAMES.map((n) => CONVENTIONS[n]) : [resolveConvention(name)];
      if (options.json) {
        io.stdout(`${JSON.stringify(name === undefined ? selected : selected[0], null, 2)}\n`);
        return;
      }
      for (const convention of selected) {
        io.stdout(`${convention.name}: ${convention.title} [spec: ${convention.clause}]\n`);
        if (name !== undefined) {
          // The values as the spec declares them (open knobs read 'unspecified'), each with its source.
          const declared = DECLARED_CONVENTIONS[convention.name as ConventionName];
          for (const [knob, value] of Object.entries(declared)) {
            if (['name', 'title', 'clause'].includes(knob)) continue;
            const source = CONVENTION_SOURCES[convention.name as ConventionName][knob as keyof (typeof CONVENTION_SOURCES)['cnnspec']];
            const shown =
              source.kind === 'moot'
                ? 'n/a'
                : knob === 'undefinedFeatures'
                  ? (value as string[]).join(', ') || '(none)'
                  : Array.isArray(value)
                    ? `unspecified (${value.join(' or ')})`
                    : String(value);
            io.stdout(`  ${knob.padEnd(20)} ${shown}\n      ${'source' in source ? source.source : source.why}\n`);
          }
        }
      }
    });

  registerRunCommand(program, io, setExit);
  registerReportCommand(program, io, setExit);
  registerFixturesCommand(program, io, setExit);
  return program;
}

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof CnnSpecError || error instanceof CliFailure) {
      io.stderr(`cnnspec: error: ${terminalText(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
