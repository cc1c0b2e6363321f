/**
 * The reference adapter inside the page (`--browser --adapter reference`): the same code as in
 * Node, so that its verdicts in a browser are the Node run's, which tests the browser channel
 * itself (spec: browser.channel) on a browser without WebGL or WebGPU.
 */
import { referenceAdapter } from '../../adapter/referenceAdapter.js';

export default () => referenceAdapter('cnnspec');
