/**
 * A test selection that cannot run: a `--feature` that names no feature, or a selection
 * (`--only`, `--clause`, `--feature`) that matches no test of the suite. Names the parameter, the
 * value and the rule it breaks; `cnnspec run` exits 2 with the message, as test runners do on an
 * empty selection.
 */
export class SelectionError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly rule: string;

  constructor(parameter: string, value: unknown, rule: string) {
    super(`${parameter} ${typeof value === 'string' ? value : JSON.stringify(value)} must ${rule}`);
    this.name = 'SelectionError';
    this.parameter = parameter;
    this.value = value;
    this.rule = rule;
  }
}
