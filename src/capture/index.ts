export {
  extractImeiCandidates,
  compareCandidates,
  CaptureSource,
  type ImeiCandidate,
  type ImeiCandidates,
  type ValidCandidate,
  type InvalidCandidate,
} from './candidates.js';
export { keyedFields, fieldKey } from './fields.js';
export { readOrderScan, OrderPayloadSchema, type OrderPayload, type OrderScan } from './order-payload.js';
export { parseGs1, looksLikeGs1, GS, type Gs1Element } from './gs1.js';
export {
  createWedgeClassifier,
  classifyKeyStream,
  wedgeChar,
  WedgeOptions,
  WEDGE_PREFIX_KEYS,
  WedgePrefixSetting,
  type WedgeOptionsInput,
  type WedgeKey,
  type WedgeOutput,
  type WedgeStep,
  type WedgeClassifier,
  type WedgeStreamItem,
} from './wedge.js';
export { crossCheckImei, type CrossCheckResult } from './cross-check.js';
export {
  createReadConfirmer,
  type ReadConfirmer,
  type ReadConfirmerOptions,
  type ConfirmationStep,
} from './read-confirmation.js';
export { rgbaToLuminance } from './luminance.js';
export { applyCode128StartPatternFix, type Code128ReaderStatics } from './zxing-js-code128-fix.js';
export * from './live-scan-settings.js';
export {
  code128Bars,
  code128Widths,
  isCode128BText,
  CODE128_QUIET_MODULES,
  type Code128Bar,
} from './code128-encode.js';
