/**
 * Command-line options of the bench scripts: every script takes `--repeat N` (runs per
 * measurement, default 3) and `--help`, plus its own options. A malformed value ends the script
 * with exit code 2 and a message naming the option, the value and the rule.
 */
import { parseArgs } from 'node:util';

export interface BenchOption {
  type: 'string' | 'boolean';
  default?: string | boolean;
  /** One line for --help. */
  help: string;
}

export type BenchValues = Record<string, string | boolean | undefined>;

export interface BenchArgs<Settings> {
  repeat: number;
  values: BenchValues;
  /** What `settle` made of the values. */
  settings: Settings;
}

export class BenchArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchArgsError';
  }
}

export function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 1) {
    throw new BenchArgsError(`--${option} (${JSON.stringify(text)}) must be an integer >= 1`);
  }
  return value;
}

/** Comma-separated positive integers, e.g. `--num-runs 10,40,160`. */
export function positiveIntegerList(option: string, text: string): number[] {
  return text.split(',').map((part) => positiveInteger(option, part.trim()));
}

export function usage(script: string, options: Readonly<Record<string, BenchOption>>): string {
  const lines = Object.entries({
    repeat: { type: 'string', default: '3', help: 'runs per measurement; medians are printed' } as BenchOption,
    ...options,
  }).map(
    ([name, option]) =>
      `  --${name}${option.type === 'string' ? ' <value>' : ''}`.padEnd(28) +
      option.help +
      (option.default === undefined || option.default === false ? '' : ` (default: ${String(option.default)})`),
  );
  return [`usage: npx tsx bench/${script} [options]`, ...lines].join('\n');
}

/**
 * Parses argv (without node and the script) and turns the values into the script's settings with
 * `settle`, which throws BenchArgsError for a bad value; prints usage and exits on --help, exits 2
 * on bad input.
 */
export function parseBenchArgs<Settings = undefined>(
  script: string,
  argv: readonly string[],
  options: Readonly<Record<string, BenchOption>> = {},
  settle: (values: BenchValues) => Settings = () => undefined as Settings,
): BenchArgs<Settings> {
  const spec = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      option.default === undefined ? { type: option.type } : { type: option.type, default: option.default },
    ]),
  ) as Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...spec, repeat: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      process.stdout.write(`${usage(script, options)}\n`);
      process.exit(0);
    }
    const repeat = positiveInteger('repeat', String(values.repeat));
    return { repeat, values: values as BenchValues, settings: settle(values as BenchValues) };
  } catch (error) {
    if (!(error instanceof BenchArgsError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`${(error as Error).message}\n${usage(script, options)}\n`);
    process.exit(2);
  }
}
