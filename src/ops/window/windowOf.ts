/** A window plan as evidence and reports carry it: the geometry alone (spec: shape.window). */
import type { OpWindow } from '../OpDescriptor.js';
import type { WindowPlan } from './planWindow.js';

export function windowOf(plan: WindowPlan): OpWindow {
  return {
    kernel: [...plan.kernel],
    strides: [...plan.strides],
    dilations: [...plan.dilations],
    padBegin: [...plan.padBegin],
    padEnd: [...plan.padEnd],
    output: [...plan.output],
  };
}
