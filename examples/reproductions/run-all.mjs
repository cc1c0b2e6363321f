#!/usr/bin/env node
// Runs every reproduction script of this folder (defect.*.mjs with Node, defect.*.py with Python),
// each with a timeout, and prints a summary: reproduced (exit 0), not reproduced (exit 1), not
// runnable here (exit 2: the framework is not installed), timed out, or error (any other exit).
//
//   node examples/reproductions/run-all.mjs [--timeout SECONDS] [--verbose] [FILTER...]
//
// FILTER keeps the scripts whose name contains one of the given strings (e.g. `tfjs`, `pytorch`).
// --verbose prints every script's output. Python scripts run with $REPRO_PYTHON (default
// `python3`); with pyenv, run as `PYENV_VERSION=system node examples/reproductions/run-all.mjs`
// to reach a system-wide PyTorch. Exit: 0 when every script that could run reproduced its defect,
// 1 otherwise.

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let timeoutSeconds = 120;
let verbose = false;
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--timeout') timeoutSeconds = Number(args[++i]);
  else if (args[i] === '--verbose') verbose = true;
  else if (args[i] === '--help' || args[i] === '-h') {
    console.log('usage: node examples/reproductions/run-all.mjs [--timeout SECONDS] [--verbose] [FILTER...]');
    process.exit(0);
  } else filters.push(args[i]);
}
if (!(timeoutSeconds > 0)) {
  console.error('--timeout needs a positive number of seconds');
  process.exit(3);
}

// Defect clauses of spec/conventions.md without a script here, and why.
const withoutScript = {
  'defect.onnx-pool-doc-clamp': 'a documentation defect: nothing to run',
  'defect.onnx-reference-evaluator': "needs onnx.reference (onnx >= 1.13); Debian's python3-onnx here is 1.12.0, without it",
  'defect.tf-maxpool-nan': 'needs TensorFlow (Python), not installed here',
};

const scripts = readdirSync(here)
  .filter((name) => /^defect\..+\.(mjs|py)$/.test(name))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
const python = process.env.REPRO_PYTHON || 'python3';

function run(name) {
  const [command, argv] = name.endsWith('.py') ? [python, [join(here, name)]] : [process.execPath, [join(here, name)]];
  return new Promise((resolve) => {
    const started = Date.now();
    // A process group of its own, so that a timeout also ends what the script started.
    const child = spawn(command, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutSeconds * 1000);
    const finish = (code, spawnError) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      resolve({ name, code, timedOut, spawnError, output, seconds });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

function classify(r) {
  if (r.spawnError) return { status: 'not runnable here', note: `cannot start: ${r.spawnError.message}` };
  if (r.timedOut) return { status: 'timed out', note: `no exit within ${timeoutSeconds} s` };
  const result = r.output.match(/^RESULT: (?:reproduced|not reproduced) — (.*)$/m)?.[1];
  const notRunnable = r.output.match(/^not runnable here: (.*)$/m)?.[1];
  if (r.code === 0) return { status: 'reproduced', note: result ?? '' };
  if (r.code === 1) return { status: 'NOT reproduced', note: result ?? r.output.trim().split('\n').slice(-1)[0] };
  if (r.code === 2) return { status: 'not runnable here', note: notRunnable ?? 'framework missing' };
  return { status: `error (exit ${r.code})`, note: r.output.trim().split('\n').slice(-1)[0] ?? '' };
}

console.log(
  `reproductions: ${scripts.length} scripts, timeout ${timeoutSeconds} s each, ${new Date().toISOString()}, node ${process.version}, python: ${python}`,
);
const rows = [];
for (const name of scripts) {
  process.stdout.write(`running ${name} ... `);
  const r = await run(name);
  const c = classify(r);
  console.log(`${c.status} (${r.seconds.toFixed(1)} s)`);
  if (verbose) console.log(`${r.output.trimEnd().replace(/^/gm, '    ')}\n`);
  const framework = r.output.match(/^framework: (.*)$/m)?.[1] ?? '';
  rows.push({ defect: name.replace(/\.(mjs|py)$/, ''), script: name, ...c, framework, seconds: r.seconds });
}

console.log('\n| defect | result | framework | observed |');
console.log('| --- | --- | --- | --- |');
const cell = (text) => text.replace(/\|/g, '\\|');
for (const row of rows) console.log(`| \`${row.defect}\` | ${row.status} | ${cell(row.framework)} | ${cell(row.note)} |`);
for (const [defect, why] of Object.entries(withoutScript)) {
  if (filters.length === 0 || filters.some((f) => defect.includes(f))) console.log(`| \`${defect}\` | no script | — | ${why} |`);
}

const counts = {};
for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
console.log(
  `\n${Object.entries(counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ')}`,
);
const failed = rows.filter((row) => row.status !== 'reproduced' && row.status !== 'not runnable here');
process.exit(failed.length === 0 ? 0 : 1);
