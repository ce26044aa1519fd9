// Which model made a vector or a mask. Stored with every Embedding row and index file, so
// vectors of different models are never mixed, and shown in answers. A vector's length
// (dim) is the vector's own, or the loaded model's, never part of its identity.
export interface ModelIdentity {
  name: string;
  version: string;
}
