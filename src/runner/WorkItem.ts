import type { PropertyDefinition } from '../../properties/PropertyDefinition.js';
import type { Fixture } from '../fixtures/Fixture.js';
import type { AdapterOp } from '../ops/Adapter.js';

/** A test of the run: a property or a fixture, with what it needs. */
export interface WorkItem {
  id: string;
  kind: 'property' | 'fixture';
  spec: string[];
  features: string[];
  /** The adapter methods the test calls. */
  ops: AdapterOp[];
  description: string;
  property?: PropertyDefinition<unknown>;
  fixture?: Fixture;
}
