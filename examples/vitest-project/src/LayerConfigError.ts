/** A configuration a layer refuses, naming the parameter, the value given and the rule it breaks. */
export class LayerConfigError extends Error {
  constructor(
    readonly layer: string,
    readonly parameter: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${layer}: ${parameter} (${JSON.stringify(value)}) must ${rule}`);
    this.name = 'LayerConfigError';
  }
}
