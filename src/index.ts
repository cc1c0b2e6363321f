/**
 * cnnspec: reference implementation, shape algebra and spec data for convolution, pooling and
 * dense layers.
 */
export { CnnSpecError, type CnnSpecErrorDetails, type ErrorCode } from './spec/CnnSpecError.js';
export { makeTensor, checkTensor, elementCount, rowMajorStrides, type Tensor, type DType } from './tensor/tensor.js';
export { DEFAULT_LIMITS, type Limits } from './spec/limits.js';
export {
  LAYOUTS,
  KERNEL_LAYOUTS,
  convertLayout,
  convertKernelLayout,
  transpose,
  type Layout,
  type KernelLayout,
} from './tensor/layout.js';
export {
  CONVENTIONS,
  CONVENTION_NAMES,
  resolveConvention,
  type Convention,
  type ConventionKnobs,
  type ConventionName,
  type ConventionSpec,
} from './spec/conventions.js';
export { FEATURES, type Feature, type FeatureUse } from './spec/features.js';
export { FORMULAS, FORMULA_SOURCES, SYMBOLS, evaluateFormula, formulaTex, formulaText, type FormulaId } from './spec/formulas.js';
export { FILL_MODES, type FillMode } from './ops/window/fillCoordinate.js';
export { AUTO_PADDINGS, type Padding, type ExplicitPadding, type AutoPadding, type WindowPlan } from './ops/window/planWindow.js';
export { planConv, type ConvParams, type ConvPlan } from './ops/conv/planConv.js';
export { planPool, POOL_KINDS, type PoolParams, type PoolPlan, type PoolKind } from './ops/pool/planPool.js';
export { planGlobalPool, type GlobalPoolParams, type GlobalPoolPlan } from './ops/global-pool/planGlobalPool.js';
export { planDense, DENSE_WEIGHT_LAYOUTS, type DenseParams, type DensePlan, type DenseWeightLayout } from './ops/dense/planDense.js';
export { planPad, type PadParams, type PadPlan } from './ops/pad/pad.js';
export {
  planConvTranspose,
  CONV_TRANSPOSE_KERNEL_LAYOUTS,
  type ConvTransposeParams,
  type ConvTransposePlan,
  type ConvTransposeKernelLayout,
} from './ops/conv-transpose/planConvTranspose.js';
export { convTranspose } from './ops/conv-transpose/convTranspose.js';
export type { ConvTransposeRequest } from './ops/conv-transpose/convTransposeOp.js';
export { conv } from './ops/conv/conv.js';
export { pool, NEGATIVE_FLOAT32_MAX } from './ops/pool/pool.js';
export { globalPool } from './ops/global-pool/globalPool.js';
export { dense } from './ops/dense/dense.js';
export { pad } from './ops/pad/pad.js';
export { samePads, type SamePads } from './shape/samePads.js';
export { outputShape, modelOutputShape } from './shape/outputShape.js';
export { paramCount, modelParamCount, type ParameterCount } from './shape/paramCount.js';
export { receptiveField, type ReceptiveField } from './shape/receptiveField.js';
export { summary, type Summary, type SummaryRow } from './shape/summary.js';
export { formatSummary } from './shape/formatSummary.js';
export { planLayer, type LayerPlan } from './shape/planLayer.js';
export { planModel } from './shape/planModel.js';
export { inputLayoutWarnings, type InputReading } from './shape/inputLayoutWarnings.js';
export type { LayerSpec, ModelSpec, LayerContext, LayerType, ConvTransposeLayer } from './shape/LayerSpec.js';
export { LAYERS, LAYER_TYPES } from './shape/layerRegistry.js';
export type { LayerDescriptor, LayerShapes, LayerPlanInput, SpatialEffect } from './shape/LayerDescriptor.js';
export { loadClauseRegistry, clauseById, type Clause, type ClauseRegistry } from './spec/clauseRegistry.js';
export type { Fixture, FixtureTensor, FixtureNumber, FixtureProvenance, FixtureExpectation, FixtureOp } from './fixtures/Fixture.js';
export { loadFixtures, MAX_FIXTURE_FILE_BYTES, type LoadedFixture } from './fixtures/loadFixtures.js';
export { FixtureLoadError } from './fixtures/FixtureLoadError.js';
export { runFixtureOnReference, type FixtureVerdict } from './fixtures/runFixture.js';
export { writeFixtureManifest, type ManifestWrite, type ManifestWriteOptions } from './fixtures/writeFixtureManifest.js';
export { checkFixtureFolder, type FixtureFolderCheck, type FixtureFileCheck, type ConventionVerdict } from './runner/checkFixtureFolder.js';
export { loadFixtureFolders, FixtureFolderError, type FixtureSet } from './fixtures/loadFixtureFolder.js';
export { FIXTURE_ELEMENT_LIMITS } from './fixtures/fixtureElementLimits.js';
export { compareExact, type ExactComparison } from './judge/compareExact.js';
export {
  ADAPTER_API_VERSION,
  UnsupportedCase,
  isUnsupportedCase,
  AdapterFault,
  isAdapterFault,
  InputModified,
  isInputModified,
  isRejection,
  type Adapter,
  type AdapterOp,
  type Call,
  type ConvRequest,
  type PoolRequest,
  type GlobalPoolRequest,
  type DenseRequest,
  type PadRequest,
  type LayerRequest,
  type TensorAnswer,
} from './ops/Adapter.js';
export { referenceAdapter } from './adapter/referenceAdapter.js';
export { compareWithTolerance, ulpDistance, type Tolerance, type ComparisonReport } from './judge/tolerance.js';

// The runner, for running the suite from code rather than from the command line.
export { runConformance, workItems, type RunOptions as ConformanceRunOptions, type WorkItem } from './runner/runConformance.js';
export { loadProfiles, loadProfile, resolveProfiles, PROFILE_NAMES, DEFAULT_PROFILE, type ProfileName } from './profiles/loadProfiles.js';
export type { Profile, ProfileOp } from './profiles/Profile.js';
export { ProfileError } from './profiles/ProfileError.js';
export { selectTests, type TestSelection } from './runner/selectTests.js';
export { SelectionError } from './runner/SelectionError.js';
export {
  DEFAULT_SEED,
  DEFAULT_NUM_RUNS,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_START_TIMEOUT_MS,
} from './runner/runDefaults.js';
export { loadAdapter, AdapterLoadError, BUILTIN_ADAPTERS } from './adapter/loadAdapter.js';
export { execAdapter, AdapterStartError, type ExecAdapter, type ExecOptions } from './adapter/execAdapter.js';
export { serveAdapter, type ServeOptions } from './protocol/serveAdapter.js';
export { loadExpectations, ExpectationsError } from './runner/loadExpectations.js';
export type { ExpectationsFile, ExpectationEntry } from './runner/Expectations.js';
export type {
  Report,
  ReportResult,
  ResultStatus,
  FailureEvidence,
  EvidenceTensor,
  AdapterEvent,
  ProfileVerdict,
} from './report/model/Report.js';
export { writeReports, type WriteReportsOptions, type WrittenReports } from './report/writeReports.js';
export { REPORT_FORMATS, REPORT_FILE_NAMES, parseReportFormats, type ReportFormat } from './report/reportFormats.js';
export { renderJunit } from './report/renderJunit.js';
export { renderMarkdown } from './report/renderMarkdown.js';
export { renderHtml, type RenderHtmlOptions } from './report/renderHtml.js';
export { loadReport, ReportFileError } from './runner/loadReport.js';
export { mergeReports, MergeError } from './runner/mergeReports.js';
export { summarizeResults } from './runner/summarizeResults.js';
