#!/usr/bin/env node
/** The `cnnspec` executable. */
import { text } from 'node:stream/consumers';
import { runCli } from './runCli.js';

// A reader that stops early (`cnnspec conventions onnx | head`) closes the pipe, and a terminal
// that hung up (SIGHUP, whose partial report is still being written) fails every write with EIO:
// stop writing, not crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  isTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
