// The only file that imports onnxruntime-node: session creation with the execution provider
// from config. A CUDA request on a machine without the CUDA build (or without a GPU) falls
// back to CPU with a warning rather than failing start-up.
import * as ort from 'onnxruntime-node';

export type ExecutionProvider = 'cpu' | 'cuda';

export interface OnnxOptions {
  /** 'cpu' unless 'cuda' is asked for. */
  executionProvider?: ExecutionProvider;
  /** Threads one inference may use; onnxruntime's default is every core. */
  intraOpThreads?: number;
  /**
   * Whether idle worker threads busy-wait for the next parallel section: 'on' is onnxruntime's
   * own default, 'while-running' stops at the end of each run. 'off' unless asked for: on a
   * 2-core box spinning threads take the cores from whatever else runs, and under load the
   * model itself is slower with them (bench/results/onnx-spinning.md).
   */
  spin?: 'off' | 'while-running' | 'on';
  warn?: (message: string) => void;
}

export interface OnnxSession {
  /** The provider the session actually runs on. */
  provider: ExecutionProvider;
  /** Runs one float32 input of the given NCHW shape; returns the named output. */
  run(inputName: string, input: Float32Array, shape: number[], outputName: string): Promise<{ data: Float32Array; dims: readonly number[] }>;
}

export async function createSession(modelPath: string, opts: OnnxOptions = {}): Promise<OnnxSession> {
  const { executionProvider = 'cpu', intraOpThreads, spin = 'off', warn = console.warn } = opts;
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    ...(intraOpThreads ? { intraOpNumThreads: intraOpThreads, interOpNumThreads: 1 } : {}),
    extra: { session: { intra_op: { allow_spinning: spin === 'off' ? '0' : '1' }, ...(spin === 'while-running' ? { force_spinning_stop: '1' } : {}) } },
  };
  let session: ort.InferenceSession | undefined;
  let provider: ExecutionProvider = 'cpu';
  if (executionProvider === 'cuda') {
    try {
      session = await ort.InferenceSession.create(modelPath, { ...base, executionProviders: ['cuda'] });
      provider = 'cuda';
    } catch (err) {
      warn(`onnxruntime: the CUDA execution provider is unavailable (${(err as Error).message}); running ${modelPath} on CPU`);
    }
  }
  session ??= await ort.InferenceSession.create(modelPath, { ...base, executionProviders: ['cpu'] });
  const s = session;
  return {
    provider,
    async run(inputName, input, shape, outputName) {
      const out = await s.run({ [inputName]: new ort.Tensor('float32', input, shape) });
      const tensor = out[outputName];
      if (!tensor) throw new Error(`the model has no output named "${outputName}" (it has ${s.outputNames.join(', ')})`);
      return { data: tensor.data as Float32Array, dims: tensor.dims };
    },
  };
}
