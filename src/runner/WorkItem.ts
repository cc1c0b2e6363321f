import type { PropertyDefinition } from '../../properties/PropertyDefinition.js';
import type { Fixture } from '../fixtures/Fixture.js';

/** A test of the run: a property or a fixture, with what it needs. */
export interface WorkItem {
  id: string;
  kind: 'property' | 'fixture';
  spec: string[];
  features: string[];
  description: string;
  property?: PropertyDefinition<unknown>;
  fixture?: Fixture;
}
