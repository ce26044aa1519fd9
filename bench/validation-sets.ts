// The validation photos the training evaluator scores (training/segmentation/evaluate.py):
// cds_val minus the photos rejected in labels/review.txt, and ccp_val.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TRAINING = path.resolve('training');

export interface Dataset {
  split: string;
  label: string;
  photos: string[];
}

export async function validationSets(datasets: string): Promise<Dataset[]> {
  const lines = async (file: string) => (await readFile(path.join(TRAINING, file), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  const rejected = new Set(
    (await lines('labels/review.txt'))
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.split(/\s+/))
      .filter((p) => p[1] === 'reject')
      .map((p) => p[0]),
  );
  const cds = (await lines('splits/cds_val.txt')).filter((p) => !rejected.has(p));
  const ccp = await lines('splits/ccp_val.txt');
  return [
    { split: 'cds_val', label: 'phone photos (cds_val)', photos: cds.map((p) => path.join(datasets, 'cds', p)) },
    { split: 'ccp_val', label: 'street photos (ccp_val)', photos: ccp.map((p) => path.join(datasets, 'ccp', 'photos', p)) },
  ];
}
