/**
 * A browser session in the test's own process (spec: browser.channel, browser.start): the hello
 * of the adapter made in the page, requests carried both ways, an invalid line answered as an
 * invalid request, and the session ended by a shutdown; a browser that cannot be found ends it
 * with 2 and a line saying what was tried.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveBrowserSession, type SessionIo } from '../../src/browser/serveBrowserSession.js';
import { decodeWireTensor, encodeWireTensor } from '../../src/protocol/wireTensor.js';
import { skipWithoutChromium } from './chromiumSkip.js';

const skip = skipWithoutChromium;

function sessionIo(): SessionIo & { lines: string[]; logged: string[]; input: PassThrough; next: () => Promise<string> } {
  const lines: string[] = [];
  const logged: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  return {
    input: new PassThrough(),
    lines,
    logged,
    writeLine: (line) => {
      const waiter = waiting.shift();
      if (waiter === undefined) lines.push(line);
      else waiter(line);
    },
    log: (text) => logged.push(text),
    exit: (code) => logged.push(`exit ${code}`),
    next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  };
}

describe.skipIf(skip)('a browser session', () => {
  it('greets, answers requests in the page, answers an invalid line as such, and ends at a shutdown', async () => {
    const io = sessionIo();
    const ended = serveBrowserSession({ adapter: 'reference' }, io);
    const hello = JSON.parse(await io.next());
    expect(hello).toMatchObject({ type: 'hello', name: 'reference', convention: 'cnnspec' });
    const input = encodeWireTensor({ shape: [1, 2], data: new Float32Array([1, -2]) });
    const weight = encodeWireTensor({ shape: [2, 1], data: new Float32Array([3, 4]) });
    io.input.write(`${JSON.stringify({ type: 'request', id: 1, op: 'dense', tensors: { input, weight }, params: {} })}\n`);
    io.input.write('not json\n\n');
    io.input.write(`${JSON.stringify({ type: 'request', id: 2, op: 'dense' })}\n`);
    const answers = [JSON.parse(await io.next()), JSON.parse(await io.next())].sort((a, b) => a.id - b.id);
    expect(answers[0]).toMatchObject({ type: 'result', id: 1 });
    expect([...decodeWireTensor(answers[0].tensor).data]).toEqual([-5]);
    expect(answers[1]).toMatchObject({ type: 'error', id: 2 });
    expect(answers[1].message).toMatch(/^invalid request: /);
    io.input.write(`${JSON.stringify({ type: 'shutdown' })}\n`);
    expect(await ended).toBe(0);
    expect(io.logged).toEqual([]);
  }, 60_000);
});

describe('a browser session that cannot start', () => {
  it('ends with 2 and a line naming the browser it looked for', async () => {
    const io = sessionIo();
    expect(await serveBrowserSession({ adapter: 'reference', executablePath: '/nonexistent/chrome' }, io)).toBe(2);
    expect(io.logged).toEqual(['cannot start the browser adapter reference: no browser at /nonexistent/chrome (given with --browser)']);
    expect(io.lines).toEqual([]);
  }, 30_000);
});
