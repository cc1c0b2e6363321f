/**
 * A profile that cannot be used: an unknown name given to `--profile`, or a file of
 * spec/profiles that breaks its schema. Names the parameter, the value and the rule it breaks.
 */
export class ProfileError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly rule: string;

  constructor(parameter: string, value: unknown, rule: string) {
    super(`${parameter} ${JSON.stringify(value)} must ${rule}`);
    this.name = 'ProfileError';
    this.parameter = parameter;
    this.value = value;
    this.rule = rule;
  }
}
