/**
 * A conformance profile as published in spec/profiles/<name>.json (schema
 * spec/schema/profile-2.schema.json, generated from this type): the adapter methods it covers,
 * the features it requires and the clauses its tests check.
 *
 * @see spec:conformance.profiles
 */
import type { AdapterOp } from '../ops/Adapter.js';
import type { Feature } from '../spec/features.js';

/** An adapter method: a tensor op of the registry, or a shape question. */
export type ProfileOp = AdapterOp;

export interface Profile {
  format: 'cnnspec-profile/2';
  /** The file's name without `.json`, as `--profile` takes it. */
  name: string;
  /** One or two sentences: who the profile is for. */
  description: string;
  /**
   * The adapter methods the profile covers: a test belongs to the profile when every method it
   * calls is one of these.
   *
   * @minItems 1
   */
  ops: ProfileOp[];
  /**
   * The features the profile requires: a test of the profile that needs only these must run and
   * pass, and one that needs any of them fails when the adapter does not declare it.
   */
  features: Feature[];
  /** Every clause the tests of the profile check, sorted: what meeting the profile vouches for. */
  clauses: string[];
}
