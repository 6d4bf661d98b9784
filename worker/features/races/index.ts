export { predictFinish, pastErrors, MAX_RACE_M } from './predict.calc';
export { vdotOf, timeForVdot } from './vdot.calc';
export { riegelTime, fitExponent, POPULATION_EXPONENT, EXPONENT_BAND } from './riegel.calc';
export { RECENT_DAYS, FRESH_DAYS, MIN_DISTANCE_M } from './recent-bests.calc';
export { planPacing, DEFAULT_NEGATIVE_SPLIT, MAX_NEGATIVE_SPLIT, UNIT_M } from './pacing.calc';
export type { PacingAnswer, PacingInput, PacingPlan, Split, SplitUnit } from './pacing.calc';
export { effortCost, COURSE_LENGTH_TOLERANCE } from './effort-grade.calc';
export type { CoursePoint, PacingError, PacingErrorReason } from './effort-grade.calc';
export { COLLAPSE_FRACTION_OF_CS } from './pacing-check.calc';
export type { PacingCheck } from './pacing-check.calc';
export type {
  CriticalSpeedInput,
  ExcludedBest,
  MethodName,
  MethodReceipts,
  MethodResult,
  PastError,
  PastRace,
  Prediction,
  PredictionInput,
  PredictionRange,
  RaceBest,
  RaceDayForm,
  VolumeInput,
  Widening,
  WideningKind,
} from './races.types';
export { createRacesService } from './races.service';
export type { RacesService } from './races.service';
export { createPredictionService, ENGINE_VERSION } from './prediction.service';
export type { PredictionService } from './prediction.service';
export { createRaceResultService } from './result/result.service';
export type { RaceResultService, RaceResultView } from './result/result.service';
export type { RaceResultAnswer as RaceResultComparison } from './result/result.calc';
export { MarkResultInput, RaceResultAnswer } from './result/result.schema';
export { CreateRaceInput, Race, RaceList, RacePrediction, UpdateRaceInput, MAX_RACE_DISTANCE_M, MIN_RACE_DISTANCE_M } from './races.schema';
export { createFuellingService } from './fuelling/fuelling.service';
export type { FuellingService } from './fuelling/fuelling.service';
export { planFuelling } from './fuelling/fuelling.calc';
export type { FuellingPlan } from './fuelling/fuelling.calc';
export { CreateGutSessionInput, CreateSweatTestInput, FuellingQuery, RaceFuelling } from './fuelling/fuelling.schema';
export { sweatRateOf } from './fuelling/fluids.calc';
export { createTriathlonService } from './triathlon/triathlon.service';
export type { TriathlonService } from './triathlon/triathlon.service';
export { TriathlonPlanResponse } from './triathlon/triathlon.schema';
export { TRI_FORMATS, FORMAT_SPECS, formatTotalM } from './triathlon/formats';
export type { TriFormat } from './triathlon/formats';
export { createCourseService } from './course/course.service';
export type { CourseService } from './course/course.service';
export { CourseSummary, PacingQuery, RaceCourseAnswer, RacePacing } from './course/course.schema';
export { COURSE_MAX_BYTES, COURSE_TYPES, chunksOf, courseError, parseCourseGpx } from './course/course-gpx';
export type { ParsedCourse } from './course/course-gpx';
// A saved course (maps/courses, ADR 101) is built, measured and charted as a race's course is.
export { buildCourse, profileSample, THIN_STEP_M } from './course/course.calc';
export type { Course, RawCoursePoint } from './course/course.calc';
export { createCardService } from './card/card.service';
export type { CardService } from './card/card.service';
export type { FuelCheckpoint, RaceCardModel } from './card/card.types';
