// Job rows: created, advanced and finished by src/jobs; read by the job(id) query.
import type { Job, JobKind, JobStatus } from '../jobs/types';
import type { Prisma } from './database';
import { db } from './errors';

const fields = { id: true, kind: true, status: true, total: true, done: true, error: true, createdAt: true, startedAt: true, finishedAt: true } as const;

export class JobStore {
  constructor(private readonly prisma: Prisma) {}

  async create(kind: JobKind): Promise<Job> {
    return db(() => this.prisma.job.create({ data: { kind, status: 'running', startedAt: new Date() }, select: fields })).then(asJob);
  }

  async get(id: string): Promise<Job | null> {
    const row = await db(() => this.prisma.job.findUnique({ where: { id }, select: fields }));
    return row && asJob(row);
  }

  /** Jobs by id, in no particular order; unknown ids are left out. */
  async findByIds(ids: string[]): Promise<Job[]> {
    if (ids.length === 0) return [];
    return (await db(() => this.prisma.job.findMany({ where: { id: { in: ids } }, select: fields }))).map(asJob);
  }

  /** Jobs of `kind` left in `status` (e.g. running when the process stopped), oldest first. */
  async withStatus(kind: JobKind, status: JobStatus): Promise<Job[]> {
    return (await db(() => this.prisma.job.findMany({ where: { kind, status }, orderBy: { createdAt: 'asc' }, select: fields }))).map(asJob);
  }

  async progress(id: string, done: number, total: number): Promise<void> {
    await db(() => this.prisma.job.update({ where: { id }, data: { done, total } }));
  }

  async finish(id: string, status: 'succeeded' | 'failed', error: string | null = null): Promise<Job> {
    return db(() => this.prisma.job.update({ where: { id }, data: { status, error, finishedAt: new Date() }, select: fields })).then(asJob);
  }
}

/** `kind` is a free string in the table; the code knows only its own kinds. */
function asJob<T extends { kind: string }>(row: T): T & { kind: JobKind } {
  return row as T & { kind: JobKind };
}
