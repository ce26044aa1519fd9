// The vision models as the server uses them: chosen and loaded once at start-up, shared
// by every request, with a small semaphore so only a few photos are in the pipeline at
// once and a bounded queue behind it: under overload a request is refused at once (503,
// Retry-After) instead of waiting ever longer. Catalogue images and snapshots take the same path (decode -> segment -> crop ->
// embed, background removed) so both reach the embedder in the same "studio look".
import { existsSync } from 'node:fs';
import type { Config } from '../config/config';
import { badInput, overloaded, serviceUnavailable } from '../errors';
import { ImageError, type ImageLimits } from '../vision/decode';
import { catalogueImagePipeline, loadVision, matchPipeline, type MatchResult, type Vision } from '../vision/pipeline';
import type { ModelIdentity } from '../model-identity';
import { describeQueryView, SHIPPED_QUERY_VIEW, type QueryView } from '../vision/query-view';
import { QueueFullError, Semaphore } from './semaphore';
import { calibrationMismatch, type CalibratedFor, type VerdictThresholds } from './verdict';

export interface VisionModels {
  segmentation: ModelIdentity;
  /** With the length of its vectors. */
  embedding: ModelIdentity & { dim: number };
}

/** A guess of one pipeline run until runs have been timed. */
const FIRST_RUN_MS_GUESS = 1000;

export class VisionService {
  private readonly gate: Semaphore;
  /** Moving average of a pipeline run, for Retry-After. */
  private runMs = FIRST_RUN_MS_GUESS;

  private constructor(
    private readonly vision: Vision | null,
    /** Why matching is off (a model is missing or broken); null when it is on. */
    readonly problem: string | null,
    private readonly limits: ImageLimits,
    private readonly concurrency: number,
    queueMax: number,
    /** A snapshot's query views (QUERY_VIEW). */
    private readonly queryView: QueryView,
  ) {
    this.gate = new Semaphore(concurrency, queueMax);
  }

  /**
   * Picks the models from config: the segmentation manifest must exist, or matching is
   * off (catalogue work goes on, and the reason is logged and reported). The embedding
   * manifest is used when it exists; EMBEDDING_MANIFEST=histogram, or a missing file,
   * selects the built-in colour-texture histogram (a missing file is logged).
   */
  static async load(config: Config, log: (line: string) => void): Promise<VisionService> {
    const limits = { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels };
    const queryView = config.queryView === 'cutout' ? {} : SHIPPED_QUERY_VIEW;
    const off = (problem: string) => {
      log(`matching is OFF: ${problem}`);
      return new VisionService(null, problem, limits, config.visionConcurrency, config.visionQueueMax, queryView);
    };
    if (!existsSync(config.segmentationManifest)) {
      return off(`segmentation model missing: ${config.segmentationManifest} not found (set SEGMENTATION_MANIFEST or MODELS_DIR); catalogue work still runs, matchSnapshot answers SERVICE_UNAVAILABLE`);
    }
    let embeddingManifest: string | undefined;
    if (config.embeddingManifest === 'histogram') {
      embeddingManifest = undefined;
    } else if (existsSync(config.embeddingManifest)) {
      embeddingManifest = config.embeddingManifest;
    } else {
      log(`embedding model missing: ${config.embeddingManifest} not found; using the built-in colour-texture histogram embedder instead`);
    }
    try {
      const vision = await loadVision({
        segmentationManifest: config.segmentationManifest,
        embeddingManifest,
        executionProvider: config.onnxProvider,
        intraOpThreads: config.onnxThreads,
        warn: log,
      });
      const service = new VisionService(vision, null, limits, config.visionConcurrency, config.visionQueueMax, queryView);
      const { segmentation, embedding } = service.models!;
      log(`models: segmentation ${segmentation.name}@${segmentation.version}, embedding ${embedding.name}@${embedding.version} (dim ${embedding.dim}); query view: ${describeQueryView(queryView)}`);
      log(service.verdict.thresholds ? 'verdict: calibrated for these models' : `verdict: always UNSURE, ${service.verdict.problem}`);
      return service;
    } catch (error) {
      return off(`a model failed to load: ${(error as Error).message}`);
    }
  }

  /** The verdict's thresholds when the embedding manifest has some fitted for exactly these models and query view. */
  get verdict(): { thresholds: VerdictThresholds | null; problem: string | null } {
    if (!this.vision) return { thresholds: null, problem: this.problem };
    const { embedder } = this.vision;
    const calibration = embedder.calibration;
    if (!calibration) return { thresholds: null, problem: `the embedding model ${embedder.name}@${embedder.version} has no calibration (run npm run calibrate, or catalogue-search calibrate-from-feedback)` };
    const mismatch = calibrationMismatch(calibration.calibratedFor, this.pipeline!);
    if (mismatch) return { thresholds: null, problem: `the calibration was fitted for ${mismatch} (run npm run calibrate, or catalogue-search calibrate-from-feedback)` };
    return { thresholds: calibration.thresholds, problem: null };
  }

  /** The models and query view loaded, as a calibration names them; null when matching is off. */
  get pipeline(): CalibratedFor | null {
    if (!this.vision) return null;
    const { segmenter, embedder } = this.vision;
    return { embedding: `${embedder.name}@${embedder.version}`, segmentation: `${segmenter.name}@${segmenter.version}`, queryView: describeQueryView(this.queryView) };
  }

  get models(): VisionModels | null {
    if (!this.vision) return null;
    const { segmenter, embedder } = this.vision;
    return {
      segmentation: { name: segmenter.name, version: segmenter.version },
      embedding: { name: embedder.name, version: embedder.version, dim: embedder.dim },
    };
  }

  /**
   * A studio image's vector: the same crop as a snapshot, so the two compare. `background`
   * work (the reindex job) waits its turn however long the queue; a request may be refused.
   */
  async catalogueEmbedding(bytes: Buffer, opts: { background?: boolean } = {}): Promise<Float32Array> {
    const pipeline = (vision: Vision) => catalogueImagePipeline(bytes, vision, { limits: this.limits });
    return (await this.run(pipeline, opts.background ?? false)).embedding;
  }

  /** A snapshot through the whole pipeline; a file that is not an image is BAD_USER_INPUT. */
  async match(bytes: Buffer, opts: { removeBackground?: boolean } = {}): Promise<MatchResult> {
    const background = opts.removeBackground ?? true ? 'segment' : 'keep';
    return this.run((vision) => matchPipeline(bytes, vision, { limits: this.limits, background, view: this.queryView }), false);
  }

  private async run(pipeline: (vision: Vision) => Promise<MatchResult>, queueAlways: boolean): Promise<MatchResult> {
    const vision = this.vision;
    if (!vision) throw serviceUnavailable(`matching is unavailable: ${this.problem}`);
    try {
      return await this.gate.run(() => this.timed(() => pipeline(vision)), { queueAlways });
    } catch (error) {
      if (error instanceof ImageError) throw badInput(`the image could not be used: ${error.message}`);
      if (error instanceof QueueFullError) {
        const seconds = this.secondsToDrain(error.waiting);
        throw overloaded(`the vision models are busy (${error.waiting} photos waiting); try again in ${seconds} s`, seconds);
      }
      throw error;
    }
  }

  private async timed<T>(task: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      return await task();
    } finally {
      this.runMs = 0.8 * this.runMs + 0.2 * (Date.now() - start);
    }
  }

  /** Roughly how long the queue takes to empty: what a refused client should wait. */
  private secondsToDrain(waiting: number): number {
    return Math.min(60, Math.max(1, Math.ceil(((waiting + 1) * this.runMs) / this.concurrency / 1000)));
  }
}
