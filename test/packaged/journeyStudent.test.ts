/**
 * The student's journey, from the packed package installed into a scratch project: a Keras
 * shape given channels-last to `cnnspec shape` is answered as read with a warning that says how
 * it was read, `--input-shape` reads it as Keras does, and `cnnspec summary` of the study notes'
 * model file prints the table the README shows. The README's blocks are the expectations, so
 * that what a new user reads is what they see.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, repositoryRoot, type PackedInstall } from './installPacked.js';

const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

/** The output the README shows under `$ <command>` in a console block. */
function readmeOutput(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`the README shows no "$ ${command}"`);
  const body = readme.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('\n```'));
}

const SHAPE = ['--kernel', '5', '--padding', 'same', '--filters', '6'];
let kit: PackedInstall;

beforeAll(async () => {
  kit = await installPacked();
  copyFileSync(join(repositoryRoot, 'examples', 'models', 'notes-lenet.json'), join(kit.dir, 'notes-lenet.json'));
}, 600_000);

describe('a student checking shapes, with the packed package', () => {
  it('warns that --input 1,32,32,3 was read channels-first, as the README shows, and answers for that reading', async () => {
    const { code, stdout, stderr } = await kit.run(['shape', 'conv', '--input', '1,32,32,3', ...SHAPE]);
    expect(code).toBe(0);
    expect(stdout).toContain('output shape  [1, 6, 32, 3]');
    expect(stderr).toBe(`${readmeOutput('cnnspec shape conv --input 1,32,32,3 --kernel 5 --padding same --filters 6 > /dev/null')}\n`);
    expect(stderr).toMatch(/^cnnspec: warning: --input 1,32,32,3 looks channels-last/);
  });

  it('warns that --input 32,32,3 has no batch axis', async () => {
    const { code, stderr } = await kit.run(['shape', 'conv', '--input', '32,32,3', ...SHAPE]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^cnnspec: warning: --input 32,32,3 has no batch axis\? It was read as channels-first \[N=32, C=32, W=3\].*--input-shape 32,32,3/,
    );
  });

  it('reads a Keras input_shape with --input-shape, as the README shows', async () => {
    const { code, stdout, stderr } = await kit.run(['shape', 'conv', '--input-shape', '32,32,3', ...SHAPE]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${readmeOutput('cnnspec shape conv --input-shape 32,32,3 --kernel 5 --padding same --filters 6')}\n`);
    expect(stdout).toContain('output shape  [1, 32, 32, 6]');
  });

  it("summarises the study notes' model file as the README shows, the file being the one the README lists", async () => {
    const { code, stdout, stderr } = await kit.run(['summary', 'notes-lenet.json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`${readmeOutput('cnnspec summary examples/models/notes-lenet.json')}\n`);
    expect(stdout).toContain('Total params: 83,126 (weights 82,890, biases 236)');
    const listed = /A model file lists[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(JSON.parse(listed ?? 'null')).toEqual(JSON.parse(readFileSync(join(kit.dir, 'notes-lenet.json'), 'utf8')));
  });

  it('names a misspelt field of a model file with the field it most likely meant (exit 2)', async () => {
    const model = { input: [1, 32, 32, 3], layout: 'channels-last', layers: [{ type: 'conv', filters: 6, kernel_size: 5 }] };
    writeFileSync(join(kit.dir, 'typo.json'), JSON.stringify(model));
    const { code, stdout, stderr } = await kit.run(['summary', 'typo.json']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      'cnnspec: error: conv: layers[0].layer.kernel_size (5) must not be set: did you mean "kernel"? known fields are type, name, filters, kernel, strides, dilations, padding, groups, fill, bias [E_PARAM_FIELD, spec: shape.layers]\n',
    );
  });

  it('warns of a model input without its batch axis, read from standard input', async () => {
    const model = { input: [28, 28, 1], layout: 'channels-last', layers: [{ type: 'max-pool', kernel: 2, stride: 2 }] };
    const { code, stderr } = await kit.run(['summary', '-'], { input: JSON.stringify(model) });
    expect(code).toBe(0);
    expect(stderr).toBe(
      'cnnspec: warning: model.input [28, 28, 1] has no batch axis? It was read as channels-last [N=28, W=28, C=1], a batch of 28 one-dimensional inputs. For a 28x28 image with 1 channel give "input": [1, 28, 28, 1].\n',
    );
  });
});
