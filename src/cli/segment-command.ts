// `catalogue-search segment --out <dir> <photos...>`: batch background removal on this
// machine, no server: a mask PNG and a white-background cutout per photo.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutionProvider } from '../vision/onnx';
import { OnnxSegmenter } from '../vision/segment';
import { cutoutJpeg, maskPng, segmentPhoto } from './background-removal';
import { parseCommandLine, type Command } from './command';
import { CliError, UsageError } from './errors';
import { packageRoot } from './package-root';
import { mean, percentile } from './stats';

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  models: { type: 'string' },
  provider: { type: 'string' },
} as const;

export const segmentCommand: Command = {
  summary: 'remove the background of photos on this machine (no server)',
  help: `Usage: catalogue-search segment --out <dir> <photos...> [options]

For each photo writes, into <dir>:
  <name>.png         the garment mask at the photo's own upright size (255 garment, 0 background)
  <name>.cutout.jpg  the garment on white, cropped square as the server embeds it
using the same segmentation as the server.

Options:
  --out DIR          where to write (created if missing)
  --models DIR       folder with segmentation.json and its ONNX file (default: the package's models/)
  --provider P       cpu (default) or cuda (falls back to cpu with a warning)`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    const v = values as { out?: string; models?: string; provider?: string };
    if (!v.out) throw new UsageError('--out <dir> is required');
    if (positionals.length === 0) throw new UsageError('give one or more photos');
    const provider = (v.provider ?? 'cpu') as ExecutionProvider;
    if (provider !== 'cpu' && provider !== 'cuda') throw new UsageError(`--provider must be cpu or cuda, not "${v.provider}"`);
    const stems = positionals.map((p) => path.parse(p).name);
    const twice = stems.find((s, i) => stems.indexOf(s) !== i);
    if (twice) throw new UsageError(`two photos are named "${twice}": their masks would overwrite each other`);

    const manifest = path.resolve(v.models ?? path.join(packageRoot(), 'models'), 'segmentation.json');
    let segmenter: OnnxSegmenter;
    try {
      segmenter = await OnnxSegmenter.load(manifest, { executionProvider: provider, warn: (line) => io.stderr.write(`${line}\n`) });
    } catch (error) {
      throw new CliError(`cannot load the segmentation model: ${(error as Error).message}`);
    }
    await mkdir(v.out, { recursive: true });

    const segmentMs: number[] = [];
    const totalMs: number[] = [];
    let failed = 0;
    for (const [i, photo] of positionals.entries()) {
      try {
        const bytes = await readFile(photo);
        const seg = await segmentPhoto(bytes, segmenter);
        await writeFile(path.join(v.out, `${stems[i]}.png`), await maskPng(seg.mask));
        await writeFile(path.join(v.out, `${stems[i]}.cutout.jpg`), await cutoutJpeg(bytes, seg));
        segmentMs.push(seg.timings.segmentMs);
        totalMs.push(seg.timings.totalMs);
        io.stdout.write(`${photo}  ${seg.mask.width}x${seg.mask.height}  segment ${seg.timings.segmentMs.toFixed(0)} ms, decode to mask ${seg.timings.totalMs.toFixed(0)} ms\n`);
      } catch (error) {
        failed++;
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
        io.stderr.write(`${photo}: ${reason}\n`);
      }
    }
    io.stdout.write(
      `${segmentMs.length} photos segmented with ${segmenter.name} ${segmenter.version}` +
        (segmentMs.length ? `: segmentation mean ${mean(segmentMs).toFixed(1)} ms, p50 ${percentile(segmentMs, 50).toFixed(1)} ms; decode to mask mean ${mean(totalMs).toFixed(1)} ms, p50 ${percentile(totalMs, 50).toFixed(1)} ms` : '') +
        (failed ? `; ${failed} failed` : '') +
        '\n',
    );
    return failed ? 1 : 0;
  },
};
