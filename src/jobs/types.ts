// Background jobs as the rest of the code sees them (the Job table, without Prisma types).
/** A job is created running: there is no queue. */
export type JobStatus = 'running' | 'succeeded' | 'failed';

export type JobKind = 'reindex';

export interface Job {
  id: string;
  kind: JobKind;
  status: JobStatus;
  total: number;
  done: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
}
