/** An image file (PNG, JPEG, WebP…) → RGBA pixels, through sharp. */
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
}

export async function loadRgba(input: string | Buffer, transform: ImageTransform = {}): Promise<RgbaImage> {
  let pipeline = sharp(input, { failOn: 'error' });
  if (transform.scale !== undefined && transform.scale !== 1) {
    const { width, height } = await pipeline.metadata();
    if (!width || !height) throw new Error('the image has no size');
    pipeline = pipeline.resize(Math.round(width * transform.scale), Math.round(height * transform.scale), { fit: 'fill' });
  }
  if (transform.sharpen !== undefined) pipeline = pipeline.sharpen({ sigma: transform.sharpen, m1: 2, m2: 4 });
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
