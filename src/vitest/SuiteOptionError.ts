/**
 * A bad option or environment variable of `registerConformanceSuite`, naming the option, the
 * value given and the rule it breaks. Thrown while the test file is collected, so that vitest
 * reports it against the file before any test runs.
 */
export class SuiteOptionError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly rule: string;

  constructor(parameter: string, value: unknown, rule: string) {
    super(`registerConformanceSuite: ${parameter} (${showValue(value)}) must ${rule}`);
    this.name = 'SuiteOptionError';
    this.parameter = parameter;
    this.value = value;
    this.rule = rule;
  }
}

function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
