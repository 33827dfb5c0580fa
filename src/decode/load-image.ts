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
  /** Shrink (never enlarge) to fit within this many pixels on the longer side. */
  readonly fit?: number;
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

/**
 * The largest image decoded: 40 MP holds any phone or document-camera photo, and bounds memory
 * (about 160 MB of RGBA, a few times that while passes run) and time.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** An image over MAX_IMAGE_PIXELS, refused before its pixels are read. */
export class ImageTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(
      `the image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} MP); images up to ${MAX_IMAGE_PIXELS / 1e6} MP are read — crop it to the label or scale it down`,
    );
    this.name = 'ImageTooLargeError';
  }
}

/** The size of an image file from its header, refusing one over MAX_IMAGE_PIXELS without decoding it. */
export async function checkImageSize(input: string | Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
  if (!width || !height) throw new Error('the image has no size');
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageTooLargeError(width, height);
  return { width, height };
}

function open(input: ImageInput): sharp.Sharp {
  // limitInputPixels: sharp's own guard as well, should a file reach here unchecked.
  if (typeof input === 'string' || Buffer.isBuffer(input))
    return sharp(input, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS });
  const { data, width, height } = input;
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
}

export async function loadRgba(input: ImageInput, transform: ImageTransform = {}): Promise<RgbaImage> {
  let pipeline = open(input);
  if (transform.scale !== undefined && transform.scale !== 1) {
    const { width, height } = await pipeline.metadata();
    if (!width || !height) throw new Error('the image has no size');
    pipeline = pipeline.resize(Math.round(width * transform.scale), Math.round(height * transform.scale), {
      fit: 'fill',
    });
  }
  if (transform.fit !== undefined)
    pipeline = pipeline.resize(transform.fit, transform.fit, { fit: 'inside', withoutEnlargement: true });
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
  return {
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}
