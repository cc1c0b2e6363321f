/**
 * Expectations files: an implementation's known deviations, kept in its own repository and passed
 * with `--expectations`. Each entry turns the failures it matches into `expected-fail`, with a
 * reason and an optional link. An entry that names a defect matches a failure only when the
 * defect's signature recognises the failure's counterexample (spec: conformance.expectations);
 * an entry by test id or feature matches whatever fails there, and is reported as seed-fragile.
 * Schema: spec/schema/expectations-1.schema.json.
 */
export interface ExpectationsFile {
  format: 'cnnspec-expectations/1';
  /** The adapter the file is for (informative). */
  adapter?: string;
  entries: ExpectationEntry[];
}

export interface ExpectationEntry {
  /**
   * A documented defect (`defect.<name>`, spec/conventions.md): matches the failures its
   * signature recognises, in every test (or in the tests `match` selects).
   * @pattern ^defect\.[a-z0-9-]+$
   */
  defect?: string;
  /**
   * A test id (a property id, or `fixture/<fixture id>`), or a prefix ending in a whole `*`
   * segment, such as `pool/ceil-mode/*` or `fixture/pool.gen-*`. With `defect`, restricts it to
   * those tests.
   */
  match?: string;
  /** A feature: matches every test that needs it. */
  feature?: string;
  /**
   * Why the implementation deviates (defaults, for a defect, to the defect's own description).
   * @minLength 1
   */
  reason?: string;
  /** An issue or document about the deviation. */
  link?: string;
}
