// What the web app offers is read from schema.graphql when it is built: feedback on a match
// (issue 10) appears only once the API has it, with its input filled from the schema's shape.
import fs from 'node:fs';
import path from 'node:path';
import { featuresOf } from '../../web/schema-features';
import { feedbackInput } from '../../web/src/warehouse/feedback-input';

const SCHEMA = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');

test('today\'s schema has no verdict and no feedback: the app offers none', () => {
  expect(featuresOf(SCHEMA)).toEqual({ verdict: false, matchId: false, confirmMatch: null, markNewItem: null });
});

test('a schema with a verdict, a match id and feedback mutations turns them on, with their inputs', () => {
  const withFeedback = `${SCHEMA}
    enum Verdict { IN_CATALOGUE NEW_ITEM UNSURE }
    extend type MatchResult { id: ID! verdict: Verdict! }
    input ConfirmMatchInput { matchId: ID! itemId: ID! addAsReference: Boolean = false }
    input MarkNewItemInput { matchId: ID! note: String }
    type FeedbackPayload { userErrors: [UserError!]! }
    extend type Mutation { confirmMatch(input: ConfirmMatchInput!): FeedbackPayload! markNewItem(input: MarkNewItemInput!): FeedbackPayload! }`;
  const features = featuresOf(withFeedback);
  expect(features).toMatchObject({ verdict: true, matchId: true, confirmMatch: { inputType: 'ConfirmMatchInput' }, markNewItem: { inputType: 'MarkNewItemInput' } });
  expect(feedbackInput(features.confirmMatch, { matchId: 'm1', itemId: 'i1' })).toEqual({ matchId: 'm1', itemId: 'i1' });
  expect(feedbackInput(features.markNewItem, { matchId: 'm1' })).toEqual({ matchId: 'm1' });
});

test('an input this app cannot fill (a required non-ID field) offers no button', () => {
  const shape = { inputType: 'X', input: [{ name: 'matchId', type: 'ID', required: true }, { name: 'reason', type: 'String', required: true }] };
  expect(feedbackInput(shape, { matchId: 'm1' })).toBeNull();
  expect(feedbackInput(null, { matchId: 'm1' })).toBeNull();
});
