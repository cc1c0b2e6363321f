/**
 * An in-process adapter whose convolution never returns: it blocks in an endless loop, which no
 * timeout or signal handler in the same thread can interrupt. With FAULTY_MARKER set, it first
 * writes its process id to that file, so that a test can tell when it is looping, and where.
 */
import { writeFileSync } from 'node:fs';
import { withFaultyConv } from './withFaultyConv.js';

export default () =>
  withFaultyConv('conv-loops-forever', () => {
    if (process.env.FAULTY_MARKER !== undefined) writeFileSync(process.env.FAULTY_MARKER, String(process.pid));
    for (;;) {
      // spins
    }
  });
