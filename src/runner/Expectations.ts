/**
 * Expectations files: an implementation's known deviations, kept in its own repository and passed
 * with `--expectations`. Each entry turns the failures it matches into `expected-fail`, with a
 * reason and an optional link. Schema: spec/schema/expectations-1.schema.json.
 */
export interface ExpectationsFile {
  format: 'cnnspec-expectations/1';
  /** The adapter the file is for (informative). */
  adapter?: string;
  entries: ExpectationEntry[];
}

export interface ExpectationEntry {
  /**
   * A test id (a property id, or `fixture/<fixture id>`), or a prefix ending in a whole `*`
   * segment, such as `pool/ceil-mode/*` or `fixture/pool.gen-*`.
   */
  match?: string;
  /** A feature: matches every test that needs it. */
  feature?: string;
  /**
   * Why the implementation deviates.
   * @minLength 1
   */
  reason: string;
  /** An issue or document about the deviation. */
  link?: string;
}
