// The vector index and the models: what is indexed, whether it is stale, the models in use
// (with their cards); start a re-index and follow it to the end.
import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { PageProps } from '../pages';
import type { Session } from '../session';
import { ErrorNotice, Note, Progress } from '../ui/notices';
import { useApi } from '../ui/use-api';
import { USER_ERRORS, UserErrors, type UserError } from '../ui/user-errors';

interface Job {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  total: number;
  done: number;
  error: string | null;
}
const JOB_FIELDS = 'id status total done error';
const STATUS = `query IndexStatus { indexStatus {
  itemsIndexed imagesIndexed imagesEmbedded stale lastRebuildAt problem changeLag
  embeddingModel { name version dim } segmentationModel { name version }
  currentJob { ${JOB_FIELDS} }
} }`;
const REINDEX = `mutation Reindex($input: CatalogueReindexInput) { catalogueReindex(input: $input) { job { ${JOB_FIELDS} } ${USER_ERRORS} } }`;
const JOB = `query Job($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;
const POLL_MS = 1000;

interface Status {
  itemsIndexed: number;
  imagesIndexed: number;
  imagesEmbedded: number;
  stale: boolean;
  lastRebuildAt: string | null;
  problem: string | null;
  changeLag: number | null;
  embeddingModel: { name: string; version: string; dim: number } | null;
  segmentationModel: { name: string; version: string } | null;
  currentJob: Job | null;
}

export default function IndexPage({ session }: PageProps) {
  const status = useApi(() => graphql<{ indexStatus: Status }>(STATUS, {}, { key: session.key }).then((d) => d.indexStatus), []);
  const [job, setJob] = useState<Job | null>(null);
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [error, setError] = useState<unknown>(null);
  const followed = job ?? status.data?.currentJob ?? null;

  const start = async () => {
    setError(null);
    try {
      const { catalogueReindex: answer } = await graphql<{ catalogueReindex: { job: Job | null; userErrors: UserError[] } }>(REINDEX, { input: { onlyMissing } }, { key: session.key });
      setProblems(answer.userErrors);
      if (answer.job) setJob(answer.job);
    } catch (failure) {
      setError(failure);
    }
  };

  const s = status.data;
  return (
    <div>
      <h1>Index and models</h1>
      {status.error !== null && <ErrorNotice error={status.error} onRetry={status.reload} />}
      {s && (
        <>
          {s.problem && <Note>Matching is off: {s.problem}</Note>}
          <table>
            <tbody>
              <Row name="Items indexed" value={s.itemsIndexed} />
              <Row name="Images in the index" value={s.imagesIndexed} />
              <Row name="Images embedded with the current model" value={s.imagesEmbedded} />
              <Row name="Stale (needs a re-index)" value={s.stale ? 'yes' : 'no'} />
              <Row name="Last rebuilt" value={s.lastRebuildAt ? new Date(s.lastRebuildAt).toLocaleString() : 'never'} />
              <Row name="Changes not yet applied" value={s.changeLag ?? '–'} />
            </tbody>
          </table>
          <h2>Models in use</h2>
          <ul>
            <li>
              Segmentation: {s.segmentationModel ? `${s.segmentationModel.name} ${s.segmentationModel.version}` : 'none'} (<a href="models/segmentation.md">segmentation model card</a>)
            </li>
            <li>
              Embedding: {s.embeddingModel ? `${s.embeddingModel.name} ${s.embeddingModel.version}, ${s.embeddingModel.dim} dimensions` : 'none'} (
              <a href="models/embedding.md">embedding model card</a>)
            </li>
          </ul>
        </>
      )}
      <h2>Re-index</h2>
      <p>Re-embeds every catalogue image with the current model; matching keeps answering from the old index meanwhile.</p>
      <label class="check">
        <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />
        Only images without a vector of the current model
      </label>
      <UserErrors errors={problems} />
      {error !== null && <ErrorNotice error={error} />}
      {followed ? (
        <FollowJob key={followed.id} session={session} job={followed} onFinished={() => (status.reload(), setJob(null))} />
      ) : (
        <button type="button" class="primary" onClick={start}>
          Start re-index
        </button>
      )}
    </div>
  );
}

function Row({ name, value }: { name: string; value: string | number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{value}</td>
    </tr>
  );
}

/** Polls the job until it succeeds or fails, with a progress bar. */
function FollowJob({ session, job: first, onFinished }: { session: Session; job: Job; onFinished: () => void }) {
  const [job, setJob] = useState(first);
  const [error, setError] = useState<unknown>(null);
  const [finished, setFinished] = useState<Job | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      try {
        const { job: now } = await graphql<{ job: Job | null }>(JOB, { id: first.id }, { key: session.key });
        if (stopped || !now) return;
        setJob(now);
        if (now.status !== 'RUNNING') return setFinished(now);
        setError(null);
      } catch (failure) {
        setError(failure); // keep polling: the server may come back
      }
      setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [first.id]);
  if (finished) {
    return (
      <div class={`notice${finished.status === 'FAILED' ? ' error' : ''}`} role="status">
        <p>{finished.status === 'SUCCEEDED' ? `Re-index finished: ${finished.done} of ${finished.total} images embedded.` : `Re-index failed: ${finished.error}`}</p>
        <button type="button" onClick={onFinished}>
          Done
        </button>
      </div>
    );
  }
  return (
    <>
      <Progress label={`Re-indexing: ${job.done} of ${job.total} images`} value={job.total ? job.done / job.total : null} />
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}
