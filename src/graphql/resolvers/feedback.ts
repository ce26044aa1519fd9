// Feedback on kept matches (warehouse), its evaluation and export (admin): check the role,
// call the service, shape the answer.
import { exportPage } from '../../feedback/export';
import type { KeptMatch } from '../../feedback/feedback-service';
import { DEFAULT_MAX_UNSURE } from '../../matching/verdict-fit';
import type { ModelIdentity } from '../../model-identity';
import { payload } from '../payload';
import type { Resolvers } from '../schema-types';

const DAY_MS = 24 * 60 * 60 * 1000;
const named = (m: ModelIdentity) => `${m.name}@${m.version}`;
const jpegDataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;
const noKeptMatch = { keptMatch: null };
const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export const feedbackResolvers: Resolvers = {
  Query: {
    async feedbackEvaluation(_, __, ctx) {
      await ctx.require('admin');
      return ctx.services.feedback.evaluate();
    },
    async feedbackCalibration(_, args, ctx) {
      await ctx.require('admin');
      // confidence null or omitted: chosen automatically.
      return ctx.services.feedback.calibrate(args.precision ?? 0.95, args.confidence ?? null, args.maxUnsure ?? DEFAULT_MAX_UNSURE);
    },
    async keptMatchExport(_, args, ctx) {
      await ctx.require('admin');
      return exportPage(ctx.services.feedback, args.first ?? 20, args.after ?? null, args.includeWithoutFeedback ?? false);
    },
  },
  Mutation: {
    async matchConfirm(_, { input }, ctx) {
      await ctx.require('warehouse');
      const { matchId, itemId, addAsReference } = input;
      return payload(async () => ({ keptMatch: await ctx.services.feedback.confirm(matchId, itemId, addAsReference ?? false) }), noKeptMatch);
    },
    async matchMarkNewItem(_, { input }, ctx) {
      await ctx.require('warehouse');
      return payload(async () => ({ keptMatch: await ctx.services.feedback.markNewItem(input.matchId) }), noKeptMatch);
    },
  },
  KeptMatch: {
    expiresAt: (kept: KeptMatch, _, ctx) => new Date(kept.createdAt.getTime() + ctx.services.feedback.retentionDays * DAY_MS),
    models: (kept: KeptMatch) => ({ segmentation: named(kept.segmentationModel), embedding: named(kept.embeddingModel) }),
    item: async (kept: KeptMatch, _, ctx) => (kept.itemId ? ctx.services.catalogue.get({ id: kept.itemId }) : null),
    referenceImage: async (kept: KeptMatch, _, ctx) =>
      kept.referenceImageId ? ((await ctx.services.catalogue.findImages([kept.referenceImageId]))[0] ?? null) : null,
  },
  KeptMatchRecord: {
    keptMatch: (record) => record,
    photo: (record) => jpegDataUrl(record.photo),
    cutout: (record) => jpegDataUrl(record.cutout),
    embedding: (record) => Array.from(record.embedding),
  },
  FeedbackEvaluation: {
    embeddingModel: (evaluation) => evaluation.model,
  },
  FeedbackCalibration: {
    embeddingModel: (calibration) => calibration.model,
  },
  // NaN (no such answers) is no GraphQL Float.
  VerdictFigures: {
    inCataloguePrecision: (f) => finiteOrNull(f.inCataloguePrecision),
    newItemPrecision: (f) => finiteOrNull(f.newItemPrecision),
    unsureShare: (f) => finiteOrNull(f.unsureShare),
  },
};
