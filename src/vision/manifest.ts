// Reads the JSON manifest that sits beside every ONNX model (docs/model-contract.md). All
// pre-processing comes from here; a malformed manifest fails at load with the field named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CalibratedFor, VerdictThresholds } from '../matching/verdict';
import type { RefineOptions } from './refine';

export interface InputSpec {
  name: string;
  layout: 'NCHW';
  channels: 'RGB' | 'BGR';
  dtype: 'float32';
  height: number;
  width: number;
  /** Sizes the graph accepts must be multiples of this (dynamic H/W models). */
  multipleOf?: number;
  resize: 'stretch';
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

interface ManifestBase {
  name: string;
  version: string;
  file: string;
  opset?: number;
  input: InputSpec;
}

export interface SegmentationManifest extends ManifestBase {
  kind: 'segmentation';
  output: { name: string; layout: 'NCHW'; classes: string[]; activation: 'none' | 'softmax' };
  /** Refinement settings for this model's masks, over REFINE_DEFAULTS (src/vision/refine.ts). */
  refine?: RefineOptions;
}

export interface EmbeddingManifest extends ManifestBase {
  kind: 'embedding';
  output: { name: string; dim: number; normalized: boolean };
  /** The verdict's thresholds, written by bench/calibrate.ts or calibrate-from-feedback; absent: the verdict is always UNSURE. */
  calibration?: VerdictCalibration;
}

/** The manifest's `calibration` section: what the server reads, plus the method, data and figures for people. */
export interface VerdictCalibration {
  method: string;
  calibratedFor: CalibratedFor;
  thresholds: VerdictThresholds;
  [more: string]: unknown;
}

export type ModelManifest = SegmentationManifest | EmbeddingManifest;
type ManifestOf<K extends ModelManifest['kind']> = Extract<ModelManifest, { kind: K }>;

export class ManifestError extends Error {
  constructor(source: string, problem: string) {
    super(`model manifest ${source}: ${problem}`);
    this.name = 'ManifestError';
  }
}

/** Reads and validates a manifest; `modelPath` is its `file`, resolved beside it. */
export async function readManifest<K extends ModelManifest['kind']>(
  manifestPath: string,
  kind: K,
): Promise<{ manifest: ManifestOf<K>; modelPath: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (err) {
    throw new ManifestError(manifestPath, `cannot be read as JSON (${(err as Error).message})`);
  }
  const manifest = parseManifest(json, kind, manifestPath);
  return { manifest, modelPath: path.resolve(path.dirname(manifestPath), manifest.file) };
}

export function parseManifest<K extends ModelManifest['kind']>(json: unknown, kind: K, source: string): ManifestOf<K> {
  const fail = (problem: string): never => {
    throw new ManifestError(source, problem);
  };
  const m = asObject(json, 'the manifest', fail);
  if (m.kind !== kind) fail(`"kind" is ${JSON.stringify(m.kind)}; expected "${kind}"`);
  for (const key of ['name', 'version', 'file'] as const) {
    if (typeof m[key] !== 'string' || m[key] === '') fail(`"${key}" must be a non-empty string`);
  }
  const input = parseInput(asObject(m.input, '"input"', fail), fail);
  const out = asObject(m.output, '"output"', fail);
  if (typeof out.name !== 'string') fail('"output.name" must be a string');
  if (kind === 'segmentation') {
    const classes = out.classes;
    if (!Array.isArray(classes) || !classes.includes('garment')) fail('"output.classes" must list "garment"');
    if ((out.layout ?? 'NCHW') !== 'NCHW') fail('"output.layout" must be "NCHW"');
    const activation = out.activation ?? 'none';
    if (activation !== 'none' && activation !== 'softmax') fail('"output.activation" must be "none" or "softmax"');
    if (m.refine !== undefined) parseRefine(asObject(m.refine, '"refine"', fail), fail);
    return { ...m, input, output: { ...out, layout: 'NCHW', activation } } as unknown as ManifestOf<K>;
  }
  if (!isPositiveInt(out.dim)) fail('"output.dim" must be a positive integer');
  if (m.calibration !== undefined) parseCalibration(asObject(m.calibration, '"calibration"', fail), fail);
  return { ...m, input, output: { ...out, normalized: out.normalized === true } } as unknown as ManifestOf<K>;
}

const REFINE_KEYS = ['workSide', 'band', 'iterations', 'components', 'gamma', 'prior'] as const;

function parseRefine(r: Record<string, unknown>, fail: (p: string) => never): void {
  for (const [key, value] of Object.entries(r)) {
    if (!(REFINE_KEYS as readonly string[]).includes(key)) fail(`"refine.${key}" is not a refinement setting (${REFINE_KEYS.join(', ')})`);
    const integer = key === 'workSide' || key === 'iterations' || key === 'components';
    const ok = typeof value === 'number' && Number.isFinite(value) && (integer ? isPositiveInt(value) : value >= 0);
    if (!ok) fail(`"refine.${key}" must be ${integer ? 'a positive integer' : 'a number >= 0'}`);
  }
}

function parseInput(i: Record<string, unknown>, fail: (p: string) => never): InputSpec {
  if (typeof i.name !== 'string') fail('"input.name" must be a string');
  if ((i.layout ?? 'NCHW') !== 'NCHW') fail(`"input.layout" ${JSON.stringify(i.layout)} is not supported; use "NCHW"`);
  if ((i.dtype ?? 'float32') !== 'float32') fail(`"input.dtype" ${JSON.stringify(i.dtype)} is not supported; use "float32"`);
  const channels = i.channels ?? 'RGB';
  if (channels !== 'RGB' && channels !== 'BGR') fail('"input.channels" must be "RGB" or "BGR"');
  if ((i.resize ?? 'stretch') !== 'stretch') fail(`"input.resize" ${JSON.stringify(i.resize)} is not supported; use "stretch"`);
  if (!isPositiveInt(i.width) || !isPositiveInt(i.height)) fail('"input.width" and "input.height" must be positive integers');
  if (i.multipleOf !== undefined) {
    const k = i.multipleOf;
    if (!isPositiveInt(k)) fail('"input.multipleOf" must be a positive integer');
    if ((i.width as number) % (k as number) || (i.height as number) % (k as number)) {
      fail(`"input.width" and "input.height" must be multiples of "input.multipleOf" (${k})`);
    }
  }
  if (typeof i.scale !== 'number' || !(i.scale > 0)) fail('"input.scale" must be a positive number');
  const triple = (key: 'mean' | 'std') => {
    const v = i[key];
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      fail(`"input.${key}" must be three numbers`);
    }
    return v as [number, number, number];
  };
  const std = triple('std');
  if (std.some((s) => s === 0)) fail('"input.std" must not contain 0');
  return { ...(i as object), layout: 'NCHW', dtype: 'float32', resize: 'stretch', channels, mean: triple('mean'), std } as InputSpec;
}

function parseCalibration(c: Record<string, unknown>, fail: (p: string) => never): void {
  if (typeof c.method !== 'string') fail('"calibration.method" must be a string');
  const forWhat = asObject(c.calibratedFor, '"calibration.calibratedFor"', fail);
  for (const key of ['embedding', 'segmentation', 'queryView']) {
    if (typeof forWhat[key] !== 'string') fail(`"calibration.calibratedFor.${key}" must be a string`);
  }
  const t = asObject(c.thresholds, '"calibration.thresholds"', fail);
  const score = (v: unknown, what: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`"calibration.thresholds.${what}" must be a number`);
  };
  if (t.inCatalogue !== null) {
    const inCatalogue = asObject(t.inCatalogue, '"calibration.thresholds.inCatalogue" (or null)', fail);
    score(inCatalogue.minScore, 'inCatalogue.minScore');
    score(inCatalogue.minMargin, 'inCatalogue.minMargin');
  }
  if (t.newItem !== null) score(asObject(t.newItem, '"calibration.thresholds.newItem" (or null)', fail).maxScore, 'newItem.maxScore');
  const newMax = (t.newItem as { maxScore?: number } | null)?.maxScore;
  const inMin = (t.inCatalogue as { minScore?: number } | null)?.minScore;
  if (newMax !== undefined && inMin !== undefined && newMax > inMin) fail('"calibration.thresholds.newItem.maxScore" must not exceed "inCatalogue.minScore"');
}

function asObject(v: unknown, what: string, fail: (p: string) => never): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function isPositiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}
