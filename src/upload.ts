// A file received in a GraphQL multipart request, fully buffered (files are capped at
// MAX_UPLOAD_BYTES). The Upload scalar accepts only instances of this class, so a client
// cannot pass a JSON object in its place.
export class UploadedFile {
  constructor(
    readonly filename: string,
    /** As declared by the client; never trusted, the bytes are probed instead. */
    readonly mimeType: string,
    readonly bytes: Buffer,
  ) {}
}
