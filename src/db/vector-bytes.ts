// Embedding.vector's storage format: float32, little-endian, whatever the host's order.
// Only src/db reads and writes it.
export function vectorToBytes(vector: Float32Array): Buffer {
  const out = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) out.writeFloatLE(vector[i], i * 4);
  return out;
}

export function vectorFromBytes(bytes: Uint8Array, dim: number): Float32Array {
  if (bytes.length !== dim * 4) throw new Error(`an embedding of dim ${dim} needs ${dim * 4} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
