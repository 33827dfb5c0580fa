/** An image file (PNG, JPEG, WebP…), or pixels already loaded → RGBA pixels, through sharp. */
import sharp from 'sharp';

export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Optional clean-ups a retry pass may ask for; all done by sharp on the original file. */
export interface ImageTransform {
  /** Resize by this factor (2 = twice as wide and high). */
  readonly scale?: number;
  /** Unsharp mask with this sigma. */
  readonly sharpen?: number;
  /** Turn clockwise by this many degrees; the corners are filled with black (mid-grey corners next to a dim label upset zxing's binarizer). */
  readonly rotate?: number;
  /** Average this many pixel rows (a vertical box filter): along vertical bars, it quiets noise and keeps edges. */
  readonly columnAverage?: number;
  /** Stretch the grey levels to the full range (after the other steps). */
  readonly normalise?: boolean;
}

export type ImageInput = string | Buffer | RgbaImage;

function open(input: ImageInput): sharp.Sharp {
  if (typeof input === 'string' || Buffer.isBuffer(input)) return sharp(input, { failOn: 'error' });
  const { data, width, height } = input;
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
}

export async function loadRgba(input: ImageInput, transform: ImageTransform = {}): Promise<RgbaImage> {
  let pipeline = open(input);
  if (transform.scale !== undefined && transform.scale !== 1) {
    const { width, height } = await pipeline.metadata();
    if (!width || !height) throw new Error('the image has no size');
    pipeline = pipeline.resize(Math.round(width * transform.scale), Math.round(height * transform.scale), { fit: 'fill' });
  }
  if (transform.sharpen !== undefined) pipeline = pipeline.sharpen({ sigma: transform.sharpen, m1: 2, m2: 4 });
  if (transform.rotate !== undefined && transform.rotate !== 0) {
    // sharp applies one rotation per pipeline: finish this one so later steps see the turned image.
    pipeline = open(await rawRgba(pipeline.rotate(transform.rotate, { background: { r: 0, g: 0, b: 0, alpha: 1 } })));
  }
  if (transform.columnAverage !== undefined && transform.columnAverage > 1) {
    // sharp wants a kernel at least 3 wide: the side columns weigh nothing.
    const n = transform.columnAverage;
    const kernel = Array.from({ length: 3 * n }, (_, i) => (i % 3 === 1 ? 1 : 0));
    pipeline = pipeline.convolve({ width: 3, height: n, kernel });
  }
  if (transform.normalise) pipeline = pipeline.normalise();
  return rawRgba(pipeline);
}

async function rawRgba(pipeline: sharp.Sharp): Promise<RgbaImage> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
