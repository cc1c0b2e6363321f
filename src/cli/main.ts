#!/usr/bin/env node
/** The `cnnspec` executable. */
import { text } from 'node:stream/consumers';
import { runCli } from './runCli.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  isTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
