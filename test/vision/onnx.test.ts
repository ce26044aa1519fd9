import { readManifest } from '../../src/vision/manifest';
import { createSession } from '../../src/vision/onnx';
import { EMBEDDING_MANIFEST } from './helpers';

describe('createSession', () => {
  it('runs on CPU by default', async () => {
    const { modelPath } = await readManifest(EMBEDDING_MANIFEST, 'embedding');
    const session = await createSession(modelPath, { intraOpThreads: 1 });
    expect(session.provider).toBe('cpu');
    const out = await session.run('image', new Float32Array(2 * 3 * 64 * 64), [2, 3, 64, 64], 'embedding');
    expect(out.dims).toEqual([2, 32]);
  });

  it('falls back to CPU with a warning when CUDA is asked for but missing (this machine has the CPU build)', async () => {
    const { modelPath } = await readManifest(EMBEDDING_MANIFEST, 'embedding');
    const warnings: string[] = [];
    const session = await createSession(modelPath, { executionProvider: 'cuda', warn: (m) => warnings.push(m) });
    expect(session.provider).toBe('cpu');
    expect(warnings.join()).toMatch(/CUDA execution provider is unavailable/);
  });

  it('names the outputs when asked for one the model lacks', async () => {
    const { modelPath } = await readManifest(EMBEDDING_MANIFEST, 'embedding');
    const session = await createSession(modelPath);
    await expect(session.run('image', new Float32Array(3 * 64 * 64), [1, 3, 64, 64], 'logits')).rejects.toThrow(/has embedding/);
  });
});
