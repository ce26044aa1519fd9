// A decompression bomb in a few hundred bytes: a solid-colour PNG made by sharp whose
// header (IHDR) then declares 20000 x 20000 pixels, 1.2 GB once decoded. Encoding a real
// 20000 x 20000 PNG takes ~10 s here; the server must refuse from the header anyway.
import zlib from 'node:zlib';
import sharp from 'sharp';

export async function decompressionBomb(width = 20000, height = 20000): Promise<Buffer> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#777' } }).png().toBuffer();
  // Bytes 8..: IHDR chunk = length(4) 'IHDR'(4) width(4) height(4) ... crc(4) over type+data.
  const ihdr = 8;
  png.writeUInt32BE(width, ihdr + 8);
  png.writeUInt32BE(height, ihdr + 12);
  const length = png.readUInt32BE(ihdr);
  png.writeUInt32BE(zlib.crc32(png.subarray(ihdr + 4, ihdr + 8 + length)), ihdr + 8 + length);
  return png;
}
