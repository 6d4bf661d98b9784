// Public surface of the upload parsers: everything else in this folder is internal.
export { type ParseUploadInput, type UploadKind, type UploadParse, parseUpload } from './import-file.ts';
export { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
export { FileParseError, SKIP_REASONS, type SkipReason, type SkippedFile, ZipFormatError, ZipLimitError } from './types.ts';
export {
  WELLNESS_KINDS,
  type WellnessKind,
  type WellnessRecord,
  type WellnessSink,
  type WellnessSkip,
  type WellnessTally,
} from './garmin-wellness.ts';
