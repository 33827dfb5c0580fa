/** Messages between the camera view and its decode worker, checked with zod on arrival. */
import { z } from 'zod';
import { CAMERA_ENGINES } from '../../../src/capture/live-scan-settings';

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), engine: z.enum(CAMERA_ENGINES) }),
  z.object({
    type: z.literal('frame'),
    id: z.number().int().nonnegative(),
    // An ImageBitmap, transferred; zod only checks that something is there.
    bitmap: z.custom<ImageBitmap>((v) => typeof v === 'object' && v !== null && 'width' in v && 'close' in v),
  }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const DecodedSymbol = z.object({ text: z.string(), format: z.string() });
export type DecodedSymbol = z.infer<typeof DecodedSymbol>;

/** One decoder engine as the worker sees it: an RGBA frame in, the symbols read out (none is a normal answer). */
export type FrameDecoder = (image: ImageData, frameIndex: number) => Promise<DecodedSymbol[]>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), engine: z.enum(CAMERA_ENGINES) }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    symbols: z.array(DecodedSymbol),
    /** Worker time for this frame: drawing, reading pixels and decoding. */
    ms: z.number().nonnegative(),
    width: z.number().int(),
    height: z.number().int(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
