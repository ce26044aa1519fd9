// The verdict's rule, its fit and its calibration's plumbing, without a server: the rule on
// hand-made scores, the fit on hand-made samples, the manifest's calibration section, which
// calibration the loaded models accept, and bench/calibrate.ts's split and card section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { heldOutItems, replaceSection } from '../../bench/calibration-split';
import { loadConfig } from '../../src/config/config';
import { calibrationMismatch, decideVerdict, type VerdictThresholds } from '../../src/matching/verdict';
import { chooseConfidence, CONFIDENCE_Z, DEFAULT_MAX_UNSURE, fitVerdict, verdictFigures, wilsonLower, type VerdictSample } from '../../src/matching/verdict-fit';
import { VisionService } from '../../src/matching/vision-service';
import { parseManifest } from '../../src/vision/manifest';
import { FIXTURES, TEST_MODELS } from '../helpers/app';

const T: VerdictThresholds = { inCatalogue: { minScore: 0.9, minMargin: 0.05 }, newItem: { maxScore: 0.8 } };

test('IN_CATALOGUE needs a high score and a lead; NEW_ITEM a low score; the rest is UNSURE', () => {
  expect(decideVerdict([0.95, 0.85], T)).toBe('IN_CATALOGUE');
  expect(decideVerdict([0.95, 0.93], T)).toBe('UNSURE'); // two items alike: which one?
  expect(decideVerdict([0.95], T)).toBe('IN_CATALOGUE'); // the only item
  expect(decideVerdict([0.85, 0.5], T)).toBe('UNSURE');
  expect(decideVerdict([0.79, 0.7], T)).toBe('NEW_ITEM');
  expect(decideVerdict([], T)).toBe('NEW_ITEM'); // an empty catalogue holds nothing
  expect(decideVerdict([0.99, 0.5], null)).toBe('UNSURE'); // no calibration
  expect(decideVerdict([], null)).toBe('NEW_ITEM');
  expect(decideVerdict([0.99, 0.5], { inCatalogue: null, newItem: { maxScore: 0.8 } })).toBe('UNSURE');
});

test('the fit answers the most queries at the asked precision, and the figures say so', () => {
  // Known items scoring high with a clear lead, new ones low, and a muddle between.
  const samples: VerdictSample[] = [
    ...[0.97, 0.96, 0.95, 0.94].map((best) => ({ best, second: 0.8, known: true, correct: true })),
    { best: 0.93, second: 0.92, known: true, correct: false }, // close second: wrong item first
    { best: 0.9, second: 0.7, known: false, correct: false }, // a new item that looks known
    { best: 0.88, second: 0.8, known: true, correct: true },
    ...[0.7, 0.65, 0.6].map((best) => ({ best, second: 0.5, known: false, correct: false })),
  ];
  const t = fitVerdict(samples, 0.95);
  const f = verdictFigures(samples, t);
  expect(f.inCataloguePrecision).toBe(1);
  expect(f.newItemPrecision).toBe(1);
  expect(f.inCatalogue).toBe(4);
  expect(f.newItem).toBe(3);
  expect(f.unsure).toBe(3);
  expect(t.newItem!.maxScore).toBeLessThanOrEqual(t.inCatalogue!.minScore);
  // A lower target may take the muddle in: never fewer answers.
  const loose = verdictFigures(samples, fitVerdict(samples, 0.7));
  expect(loose.unsure).toBeLessThanOrEqual(f.unsure);
  expect(loose.inCataloguePrecision).toBeGreaterThanOrEqual(0.7);
  // Nothing precise enough (a known item with the wrong item first): nothing answered.
  const wrong = [{ best: 0.9, second: 0.1, known: true, correct: false }];
  expect(fitVerdict(wrong, 0.95)).toEqual({ inCatalogue: null, newItem: null });
});

test('a fit with confidence asks more of few answers than of many', () => {
  // Wilson's lower end: 19 of 20 right is not yet 0.9 with 90% confidence; 190 of 200 is.
  expect(wilsonLower(19, 20, 0)).toBeCloseTo(0.95, 10);
  expect(wilsonLower(19, 20, CONFIDENCE_Z['0.9'])).toBeLessThan(0.9);
  expect(wilsonLower(190, 200, CONFIDENCE_Z['0.9'])).toBeGreaterThan(0.92);
  expect(wilsonLower(0, 0, 1)).toBe(0);
  // 100 known items with a clear lead, the 5 lowest-scoring with the wrong item first: the point
  // fit answers all 100 (exactly 0.95), the confident fit must leave the muddle UNSURE.
  const samples: VerdictSample[] = Array.from({ length: 100 }, (_, i) => ({
    best: 0.8 + i * 0.001, second: 0.5, known: true, correct: i >= 5,
  }));
  samples.push(...Array.from({ length: 40 }, (_, i) => ({ best: 0.5 + i * 0.002, second: 0.4, known: false, correct: false })));
  const point = verdictFigures(samples, fitVerdict(samples, 0.95));
  const confident = verdictFigures(samples, fitVerdict(samples, 0.95, CONFIDENCE_Z['0.9']));
  expect(point.inCatalogue).toBe(100);
  // Leaving out the 3 lowest: 95 of 97 right, whose lower end (0.96) is the first to reach 0.95.
  expect(confident.inCatalogue).toBe(97);
  expect(confident.unsure).toBeGreaterThan(point.unsure);
  expect(wilsonLower(Math.round(confident.inCataloguePrecision * confident.inCatalogue), confident.inCatalogue, CONFIDENCE_Z['0.9'])).toBeGreaterThanOrEqual(0.95);
});

test('the confidence chosen automatically is the strictest whose UNSURE share is acceptable, else the point fit', () => {
  // 20 known items, all right, scoring high; 20 new ones scoring low. All-right 20 of 20 reaches
  // a Wilson lower end of 0.95 at 0.8 (20 / (20 + 0.84^2) = 0.97) but not at 0.9 (0.92).
  const samples: VerdictSample[] = [
    ...Array.from({ length: 20 }, (_, i) => ({ best: 0.9 + i * 0.001, second: 0.5, known: true, correct: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ best: 0.3 + i * 0.001, second: 0.2, known: false, correct: false })),
  ];
  expect(DEFAULT_MAX_UNSURE).toBe(0.25);
  const choice = chooseConfidence(samples, 0.95);
  expect(choice.tried.map((f) => [f.level, f.z, f.figures.unsureShare])).toEqual([
    ['0.95', CONFIDENCE_Z['0.95'], 1],
    ['0.9', CONFIDENCE_Z['0.9'], 1],
    ['0.8', CONFIDENCE_Z['0.8'], 0],
    ['0', 0, 0],
  ]);
  expect(choice.chosen).toBe(choice.tried[2]);
  expect(choice.withinMaxUnsure).toBe(true);
  expect(choice.chosen.thresholds).toEqual(fitVerdict(samples, 0.95, CONFIDENCE_Z['0.8']));
  expect(choice.chosen.figures).toEqual(verdictFigures(samples, choice.chosen.thresholds));
  // Any UNSURE share acceptable: the strictest level, even though it answers nothing.
  expect(chooseConfidence(samples, 0.95, 1).chosen.level).toBe('0.95');
  // No level acceptable (nothing precise: known items with the wrong item first): the last, the point fit.
  const wrong: VerdictSample[] = Array.from({ length: 10 }, (_, i) => ({ best: 0.9 + i * 0.001, second: 0.1, known: true, correct: false }));
  const none = chooseConfidence(wrong, 0.95);
  expect(none.tried.map((f) => f.level)).toEqual(['0.95', '0.9', '0.8', '0']);
  expect(none.chosen).toBe(none.tried[3]);
  expect(none.withinMaxUnsure).toBe(false);
  expect(none.chosen.figures.unsureShare).toBe(1);
});

const embeddingManifest = () => JSON.parse(fs.readFileSync(TEST_MODELS.EMBEDDING_MANIFEST, 'utf8'));
const CALIBRATED = path.join(FIXTURES, 'models', 'embedding-calibrated.json');

test('a manifest calibration section is checked at load, with the field named', () => {
  const calibration = JSON.parse(fs.readFileSync(CALIBRATED, 'utf8')).calibration;
  expect(parseManifest({ ...embeddingManifest(), calibration }, 'embedding', 'x.json').calibration?.thresholds).toEqual(calibration.thresholds);
  const bad = (c: unknown) => () => parseManifest({ ...embeddingManifest(), calibration: c }, 'embedding', 'x.json');
  expect(bad({ ...calibration, thresholds: { inCatalogue: { minScore: '0.9', minMargin: 0 }, newItem: null } })).toThrow(/"calibration.thresholds.inCatalogue.minScore" must be a number/);
  expect(bad({ ...calibration, calibratedFor: { embedding: 'e@1' } })).toThrow(/"calibration.calibratedFor.segmentation" must be a string/);
  expect(bad({ ...calibration, thresholds: { inCatalogue: { minScore: 0.8, minMargin: 0 }, newItem: { maxScore: 0.9 } } })).toThrow(/must not exceed/);
});

test('the server uses a calibration only for the models and query view it was fitted for', async () => {
  const loaded = { embedding: 'e@1', segmentation: 's@1', queryView: 'cutout' };
  expect(calibrationMismatch(loaded, loaded)).toBeNull();
  expect(calibrationMismatch({ ...loaded, segmentation: 's@0' }, loaded)).toBe('segmentation s@0 (loaded: s@1)');

  const load = async (manifest: string) => {
    const lines: string[] = [];
    const config = loadConfig({ ...TEST_MODELS, EMBEDDING_MANIFEST: manifest, ONNX_THREADS: '1' });
    const service = await VisionService.load(config, (line) => lines.push(line));
    return { verdict: service.verdict, lines };
  };
  const calibrated = await load(CALIBRATED);
  expect(calibrated.verdict.thresholds).not.toBeNull();
  expect(calibrated.lines).toContain('verdict: calibrated for these models');

  const plain = await load(TEST_MODELS.EMBEDDING_MANIFEST);
  expect(plain.verdict.thresholds).toBeNull();
  expect(plain.lines.join('\n')).toMatch(/verdict: always UNSURE, the embedding model test-tiny-embed-cnn@2026-11-27.test has no calibration \(run npm run calibrate, or catalogue-search calibrate-from-feedback\)/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-'));
  const other = JSON.parse(fs.readFileSync(CALIBRATED, 'utf8'));
  other.file = path.join(FIXTURES, 'models', other.file);
  other.calibration.calibratedFor.segmentation = 'another-segmenter@1';
  fs.writeFileSync(path.join(dir, 'embedding.json'), JSON.stringify(other));
  const mismatched = await load(path.join(dir, 'embedding.json'));
  expect(mismatched.verdict.thresholds).toBeNull();
  expect(mismatched.lines.join('\n')).toMatch(/verdict: always UNSURE, the calibration was fitted for segmentation another-segmenter@1 \(loaded: test-tiny-unet-grabcut@2026-11-27.test\)/);
});

test('calibrate: a seed holds out the same half every time; the card section is replaced, not repeated', () => {
  const items = Array.from({ length: 11 }, (_, i) => `item-${i}`);
  expect(heldOutItems(items, 1)).toEqual(heldOutItems([...items].reverse(), 1));
  expect(heldOutItems(items, 1).size).toBe(5);
  expect([...heldOutItems(items, 1)]).not.toEqual([...heldOutItems(items, 2)]);

  const card = '# model\n\n## Retrieval\nrows\n\n## Limits\n- small\n';
  const once = replaceSection(card, '## Verdict calibration\nold table\n');
  expect(once).toMatch(/## Retrieval\nrows\n\n<!-- verdict calibration: written by bench\/calibrate.ts -->\n## Verdict calibration\nold table\n<!-- end of verdict calibration -->\n\n## Limits/);
  const twice = replaceSection(once, '## Verdict calibration\nnew table\n');
  expect(twice).toBe(once.replace('old table', 'new table'));
  expect(replaceSection('# no limits', 'x')).toMatch(/^# no limits\n\n<!-- verdict.*-->\nx\n<!-- end of verdict calibration -->\n$/);
});
