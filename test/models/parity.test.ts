// The exported ONNX models, run in onnxruntime-node (the server's runtime), against the
// PyTorch outputs that training/common/onnx_export.py saved for the same inputs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readManifest } from '../../src/vision/manifest';
import { createSession } from '../../src/vision/onnx';

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'parity');

function floats(file: string): Float32Array {
  const buf = readFileSync(file);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

const shipped = [
  { name: 'segmentation', kind: 'segmentation' as const },
  { name: 'embedding', kind: 'embedding' as const },
].filter((m) => existsSync(path.join(root, 'models', `${m.name}.json`)));

for (const { name, kind } of shipped) {
  it(`${name}: onnxruntime-node gives PyTorch's outputs on the parity fixtures`, async () => {
    const { manifest, modelPath } = await readManifest(path.join(root, 'models', `${name}.json`), kind);
    const shapes = JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));
    const input = floats(path.join(fixtures, `${name}.input.bin`));
    const expected = floats(path.join(fixtures, `${name}.output.bin`));
    const session = await createSession(modelPath);

    const out = await session.run(manifest.input.name, input, shapes.inputShape, manifest.output.name);

    expect([...out.dims]).toEqual(shapes.outputShape);
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out.data[i] - expected[i]));
    expect(maxDiff).toBeLessThan(1e-3);
  });
}

it('has a parity fixture for every shipped model', () => {
  for (const name of ['segmentation', 'embedding']) {
    if (existsSync(path.join(root, 'models', `${name}.onnx`))) {
      expect(existsSync(path.join(fixtures, `${name}.json`))).toBe(true);
    }
  }
});
