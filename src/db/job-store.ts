// Job rows: created, advanced and finished by src/jobs; read by the job(id) query.
import type { Job, JobStatus } from '../jobs/types';
import type { Prisma } from './database';
import { db } from './errors';

const fields = { id: true, kind: true, status: true, total: true, done: true, error: true, createdAt: true, startedAt: true, finishedAt: true } as const;

export class JobStore {
  constructor(private readonly prisma: Prisma) {}

  async create(kind: string): Promise<Job> {
    return db(() => this.prisma.job.create({ data: { kind, status: 'running', startedAt: new Date() }, select: fields }));
  }

  async get(id: string): Promise<Job | null> {
    return db(() => this.prisma.job.findUnique({ where: { id }, select: fields }));
  }

  /** Jobs of `kind` left in `status` (e.g. running when the process stopped), oldest first. */
  async withStatus(kind: string, status: JobStatus): Promise<Job[]> {
    return db(() => this.prisma.job.findMany({ where: { kind, status }, orderBy: { createdAt: 'asc' }, select: fields }));
  }

  async progress(id: string, done: number, total: number): Promise<void> {
    await db(() => this.prisma.job.update({ where: { id }, data: { done, total } }));
  }

  async finish(id: string, status: 'succeeded' | 'failed', error: string | null = null): Promise<Job> {
    return db(() => this.prisma.job.update({ where: { id }, data: { status, error, finishedAt: new Date() }, select: fields }));
  }
}
