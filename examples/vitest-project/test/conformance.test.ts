/**
 * cnnspec's conformance suite as part of this library's tests: one vitest test per property and
 * golden fixture, against the adapter. `CNNSPEC_NUM_RUNS=10 npm test` runs fewer cases per
 * property; a failure prints the command that replays it. `EXAMPLE_BUG=flip-kernel` swaps in a
 * deliberately broken convolution, to show what a failure looks like.
 */
import { registerConformanceSuite } from 'cnnspec/vitest';
import { cnnspecAdapter } from '../src/cnnspecAdapter.js';
import { withFlippedKernel } from './withFlippedKernel.js';

const adapter = process.env.EXAMPLE_BUG === 'flip-kernel' ? withFlippedKernel(cnnspecAdapter) : cnnspecAdapter;

registerConformanceSuite(adapter);
