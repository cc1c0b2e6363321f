/**
 * The pictures of a failure, drawn from its evidence: the input inside its padding, the kernel
 * or weight matrix, the expected and actual outputs on one shared colour scale, and their
 * difference, with the differing elements marked and the window of the first of them traced
 * back onto the input. Large tensors show a few maps (those with differing elements first) and
 * crop each around its point of interest; every omission is said in a note.
 */
import type { EvidenceTensor, FailureEvidence } from './model/Report.js';
import { denseWeightLayout } from './denseWeightLayout.js';
import { differenceTensor } from './differenceTensor.js';
import { divergingScale, type DivergingScale } from './divergingScale.js';
import { escapeHtml } from './escapeHtml.js';
import { evidenceValue, isTruncated, shapeSize } from './evidenceValue.js';
import { featureMapSvg, type Pads, type TensorRole } from './featureMapSvg.js';
import { mapKeyHtml, type MarksUsed } from './mapKeyHtml.js';
import { scaleLegendSvg } from './scaleLegendSvg.js';
import { chooseSlices, extent, groupCoords, locate, mapCount, sliceTensor, type FeatureMapSlice } from './sliceFeatureMaps.js';
import { activationView, kernelView, matrixView, type TensorView } from './tensorViews.js';
import { traceFailingOutput, type Footprint } from './traceFailingOutput.js';
import { shapeText } from '../shape/shapeText.js';
import { figureOf } from './figureOf.js';

/** Maps shown per tensor. */
export const MAX_MAPS_PER_TENSOR = 4;
/** Padding cells drawn per side; wider padding is drawn this wide, with a note. */
export const MAX_PAD_DRAWN = 8;
const PARAMS_SHOWN = 600;

/** What one tensor's pictures need beyond its data. */
interface TensorPictures {
  role: TensorRole;
  caption: string;
  tensor: EvidenceTensor;
  view: TensorView;
  scale: DivergingScale;
  ordinals: number[];
  centre?: (ordinal: number) => { row: number; col: number } | undefined;
  pads?: (slice: FeatureMapSlice) => Pads;
  differing?: ReadonlySet<number>;
  /** Map positions the traced output reads, for the map at these group coordinates. */
  footprint?: (coords: number[], rows: number, cols: number) => Footprint | undefined;
  inner?: { rowBegin: number; rowEnd: number; colBegin: number; colEnd: number };
  focus?: number;
  notes: string[];
}

function valuesOf(tensor: EvidenceTensor | undefined): number[] {
  if (tensor === undefined) return [];
  return tensor.data.map((_, i) => evidenceValue(tensor, i)).filter((value): value is number => value !== undefined);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, i) => extent === b[i]);
}

/** Explicit pads of a pad op's parameters, per spatial axis (spec: padding.explicit). */
function explicitPads(params: FailureEvidence['params'], rank: number): { begin: number[]; end: number[] } | undefined {
  const padding = params['padding'];
  if (typeof padding !== 'object' || padding === null) return undefined;
  const perAxis = (value: unknown): number[] | undefined => {
    if (typeof value === 'number') return new Array<number>(rank).fill(value);
    if (Array.isArray(value) && value.length === rank && value.every((v) => typeof v === 'number')) return value as number[];
    return undefined;
  };
  const begin = perAxis((padding as { begin?: unknown }).begin);
  const end = perAxis((padding as { end?: unknown }).end);
  return begin === undefined || end === undefined ? undefined : { begin, end };
}

function outputView(evidence: FailureEvidence, shape: readonly number[]): TensorView {
  return figureOf(evidence) === 'matrix'
    ? matrixView(shape, 'rows × out features')
    : activationView(shape, evidence.layout, figureOf(evidence) === 'global');
}

function inputView(evidence: FailureEvidence): TensorView {
  return figureOf(evidence) === 'matrix'
    ? matrixView(evidence.input.shape, 'rows × in features')
    : activationView(evidence.input.shape, evidence.layout);
}

function weightViewOf(evidence: FailureEvidence, weight: EvidenceTensor): TensorView {
  if (figureOf(evidence) !== 'matrix') return kernelView(weight.shape, evidence.kernelLayout);
  const layout = denseWeightLayout(evidence);
  return matrixView(
    weight.shape,
    layout === 'in-out' ? 'in features × out features' : layout === 'out-in' ? 'out features × in features' : 'rows × columns',
  );
}

/** Pads of each spatial axis of the input, resolved under the adapter's convention. */
function inputPads(evidence: FailureEvidence, spatialRank: number): { begin: number[]; end: number[] } | undefined {
  if (evidence.window !== undefined) return { begin: evidence.window.padBegin, end: evidence.window.padEnd };
  if (figureOf(evidence) === 'padded') return explicitPads(evidence.params, spatialRank);
  return undefined;
}

function padsOfSlice(view: TensorView, pads: { begin: number[]; end: number[] }, slice: FeatureMapSlice): Pads {
  const cap = (pad: number | undefined): number => Math.min(Math.max(pad ?? 0, 0), MAX_PAD_DRAWN);
  const croppedRows = slice.cells.length;
  const croppedCols = slice.cells[0]?.length ?? 0;
  return {
    top: view.rowSpatial !== undefined && slice.rowStart === 0 ? cap(pads.begin[view.rowSpatial]) : 0,
    bottom: view.rowSpatial !== undefined && slice.rowStart + croppedRows === slice.rows ? cap(pads.end[view.rowSpatial]) : 0,
    left: view.colSpatial !== undefined && slice.colStart === 0 ? cap(pads.begin[view.colSpatial]) : 0,
    right: view.colSpatial !== undefined && slice.colStart + croppedCols === slice.cols ? cap(pads.end[view.colSpatial]) : 0,
  };
}

/** Ordinals of the maps satisfying a test, scanning at most a bounded number of maps. */
function ordinalsWhere(shape: readonly number[], view: TensorView, test: (coords: number[]) => boolean): number[] {
  const found: number[] = [];
  const total = Math.min(mapCount(shape, view), 100_000);
  for (let ordinal = 0; ordinal < total && found.length < MAX_MAPS_PER_TENSOR; ordinal++) {
    if (test(groupCoords(shape, view, ordinal))) found.push(ordinal);
  }
  return found;
}

function drawTensor(pictures: TensorPictures, idPrefix: string): string {
  const { tensor, view, role } = pictures;
  const notes = [...pictures.notes];
  // A tensor past the evidence limit keeps only its shape: there is nothing to draw.
  const dataless = tensor.data.length === 0 && shapeSize(tensor.shape) > 0;
  const slices = dataless ? [] : sliceTensor(tensor, view, pictures.ordinals, pictures.centre);
  const total = mapCount(tensor.shape, view);
  if (dataless) notes.push(`Not in the report: its ${shapeSize(tensor.shape)} elements are beyond the evidence limit.`);
  else if (isTruncated(tensor)) notes.push(`Truncated in the report: ${tensor.data.length} of ${shapeSize(tensor.shape)} elements.`);
  if (!dataless && slices.length < total)
    notes.push(`${slices.length} of ${total} maps shown${pictures.differing?.size ? ', those with differing elements first' : ''}.`);
  const maps = slices.map((slice, k) => {
    const croppedRows = slice.cells.length;
    const croppedCols = slice.cells[0]?.length ?? 0;
    const crop =
      croppedRows < slice.rows || croppedCols < slice.cols
        ? ` (rows ${slice.rowStart}–${slice.rowStart + croppedRows - 1}, columns ${slice.colStart}–${slice.colStart + croppedCols - 1} of ${slice.rows}×${slice.cols})`
        : '';
    const label = `${slice.label === '' ? '' : `${slice.label}, `}${view.axesLabel} ${slice.rows}×${slice.cols}${crop}`;
    const footprint = pictures.footprint?.(slice.coords, slice.rows, slice.cols);
    const svg = featureMapSvg({
      tensor: role,
      title: `${role}: ${label}`,
      slice,
      scale: pictures.scale,
      ...(pictures.pads === undefined ? {} : { pads: pictures.pads(slice) }),
      ...(pictures.differing === undefined ? {} : { differing: pictures.differing }),
      ...(footprint === undefined ? {} : { footprint }),
      ...(pictures.inner === undefined ? {} : { inner: pictures.inner }),
      ...(pictures.focus === undefined ? {} : { focus: pictures.focus }),
      idPrefix: `${idPrefix}-${role}-${k}`,
    });
    return `<figure class="map">${svg}<figcaption>${escapeHtml(label)}</figcaption></figure>`;
  });
  if (maps.length === 0 && !dataless) notes.push('No elements to draw.');
  return (
    `<figure class="tensor" data-role="${role}"><figcaption><strong>${role}</strong> ${escapeHtml(pictures.caption)}</figcaption>` +
    `<div class="maps">${maps.join('')}</div>` +
    `${scaleLegendSvg(pictures.scale, role)}` +
    `${notes.length > 0 ? `<ul class="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : ''}</figure>`
  );
}

function callDescription(evidence: FailureEvidence): string {
  const params = JSON.stringify(evidence.params) ?? '{}';
  const shown =
    params.length > PARAMS_SHOWN ? `${params.slice(0, PARAMS_SHOWN)}… (${params.length - PARAMS_SHOWN} more characters)` : params;
  const rows: [string, string][] = [
    [
      'op',
      figureOf(evidence) === 'matrix'
        ? evidence.op
        : `${evidence.op}, ${evidence.layout}${evidence.kernelLayout === undefined ? '' : `, kernel ${evidence.kernelLayout}`}`,
    ],
    ['parameters', shown],
  ];
  if (evidence.window !== undefined) {
    const w = evidence.window;
    rows.push([
      'window',
      `kernel ${w.kernel.join('×')} · strides ${w.strides.join('×')} · dilations ${w.dilations.join('×')} · pads begin ${w.padBegin.join(', ')} · end ${w.padEnd.join(', ')}`,
    ]);
  }
  rows.push([
    'shapes',
    `input ${shapeText(evidence.input.shape)}${evidence.weight ? ` · weight ${shapeText(evidence.weight.shape)}` : ''}${evidence.expected ? ` · expected ${shapeText(evidence.expected.shape)}` : ''}${evidence.actual ? ` · actual ${shapeText(evidence.actual.shape)}` : ''}`,
  ]);
  return `<dl class="call">${rows.map(([term, text]) => `<dt>${term}</dt><dd>${escapeHtml(text)}</dd>`).join('')}</dl>`;
}

/** The pictures of one failure's evidence, as an HTML fragment. `idPrefix` must be unique in the page. */
export function evidenceFiguresHtml(evidence: FailureEvidence, idPrefix: string): string {
  const { expected, actual } = evidence;
  const shapesMatch = expected !== undefined && actual !== undefined && sameShape(expected.shape, actual.shape);
  const differingList = shapesMatch ? (evidence.differing ?? []).filter((index) => index >= 0 && index < shapeSize(expected.shape)) : [];
  const differing = new Set(differingList);
  const notes: string[] = [];
  if (actual === undefined) notes.push('No actual output: the adapter threw (its error is the message above).');
  if (expected === undefined)
    notes.push('No expected output: the spec requires an error here, and the adapter returned the output shown instead.');
  if (expected !== undefined && actual !== undefined && !shapesMatch) {
    notes.push(
      `The shapes differ: expected ${shapeText(expected.shape)}, actual ${shapeText(actual.shape)}. Both are drawn; elements are not compared.`,
    );
  }
  if (shapesMatch && differingList.length === 0) notes.push('The report names no differing element.');

  const inView = inputView(evidence);
  const weightView = evidence.weight === undefined ? undefined : weightViewOf(evidence, evidence.weight);
  const focusIndex = differingList[0];
  const trace = focusIndex === undefined ? undefined : traceFailingOutput(evidence, focusIndex, inView, weightView);
  const traced = trace !== undefined;

  const sections: string[] = [];
  const spatialRank = figureOf(evidence) === 'matrix' ? 0 : Math.max(0, evidence.input.shape.length - 2);
  const pads = inputPads(evidence, spatialRank);
  const inputNotes: string[] = [];
  if (pads !== undefined && pads.begin.concat(pads.end).some((pad) => pad > MAX_PAD_DRAWN))
    inputNotes.push(`Padding wider than ${MAX_PAD_DRAWN} is drawn ${MAX_PAD_DRAWN} wide.`);
  const depthAxis = inView.groups.find((group) => group.role === 'depth' && group.spatial !== undefined);
  if (pads !== undefined && depthAxis !== undefined) {
    inputNotes.push(
      `Depth padding: ${pads.begin[depthAxis.spatial!] ?? 0} before, ${pads.end[depthAxis.spatial!] ?? 0} after (not drawn).`,
    );
  }
  const inputFootprint = trace?.inputFootprint;
  const inputCentre = (ordinal: number): { row: number; col: number } | undefined => {
    const footprint = inputFootprint?.(
      groupCoords(evidence.input.shape, inView, ordinal),
      extent(evidence.input.shape, inView.rowAxis),
      extent(evidence.input.shape, inView.colAxis),
    );
    return footprint === undefined ? undefined : { row: footprint.rows[0] ?? 0, col: footprint.cols[0] ?? 0 };
  };
  const padsDrawn = pads !== undefined && inView.colSpatial !== undefined && pads.begin.concat(pads.end).some((pad) => pad > 0);
  const padsText = pads === undefined ? '' : `begin ${pads.begin.join(', ')}; end ${pads.end.join(', ')}`;
  const inputCaption = `${shapeText(evidence.input.shape)}${padsDrawn ? `, inside the padding the spec requires (${padsText})` : pads !== undefined ? ', no padding' : ''}${figureOf(evidence) === 'global' ? '; every output reads a whole channel' : ''}`;
  sections.push(
    drawTensor(
      {
        role: 'input',
        caption: inputCaption,
        tensor: evidence.input,
        view: inView,
        scale: divergingScale(valuesOf(evidence.input)),
        ordinals: chooseSlices(
          mapCount(evidence.input.shape, inView),
          MAX_MAPS_PER_TENSOR,
          trace === undefined ? [] : ordinalsWhere(evidence.input.shape, inView, trace.readsInputMap),
        ).ordinals,
        centre: inputCentre,
        ...(pads === undefined ? {} : { pads: (slice: FeatureMapSlice) => padsOfSlice(inView, pads, slice) }),
        ...(inputFootprint === undefined ? {} : { footprint: inputFootprint }),
        notes: inputNotes,
      },
      idPrefix,
    ),
  );

  if (evidence.weight !== undefined && weightView !== undefined) {
    const weight = evidence.weight;
    const layout =
      figureOf(evidence) === 'matrix'
        ? (denseWeightLayout(evidence) ?? 'layout unknown: drawn as stored')
        : (evidence.kernelLayout ?? 'out-in-spatial');
    sections.push(
      drawTensor(
        {
          role: 'kernel',
          caption: `${shapeText(weight.shape)}, ${layout}`,
          tensor: weight,
          view: weightView,
          scale: divergingScale(valuesOf(weight)),
          ordinals: chooseSlices(
            mapCount(weight.shape, weightView),
            MAX_MAPS_PER_TENSOR,
            trace === undefined ? [] : ordinalsWhere(weight.shape, weightView, trace.readsWeightMap),
          ).ordinals,
          ...(trace === undefined ? {} : { footprint: trace.weightFootprint }),
          notes: [],
        },
        idPrefix,
      ),
    );
  }

  const outputs: string[] = [];
  const shared = divergingScale([...valuesOf(expected), ...valuesOf(actual)]);
  const inner = innerRegion(evidence);
  const drawOutput = (
    role: 'expected' | 'actual' | 'difference',
    tensor: EvidenceTensor,
    scale: DivergingScale,
    marks: boolean,
    caption: string,
  ): string => {
    const view = outputView(evidence, tensor.shape);
    const preferred = marks ? differingList.slice(0, 10_000).map((index) => locate(tensor.shape, view, index).ordinal) : [];
    const ordinals = chooseSlices(mapCount(tensor.shape, view), MAX_MAPS_PER_TENSOR, preferred).ordinals;
    const centre = (ordinal: number): { row: number; col: number } | undefined => {
      if (!shapesMatch) return undefined;
      for (const index of differingList) {
        const place = locate(tensor.shape, view, index);
        if (place.ordinal === ordinal) return { row: place.row, col: place.col };
      }
      return undefined;
    };
    return drawTensor(
      {
        role,
        caption,
        tensor,
        view,
        scale,
        ordinals,
        centre,
        ...(marks ? { differing } : {}),
        ...(inner === undefined ? {} : { inner }),
        ...(traced && shapesMatch ? { focus: focusIndex! } : {}),
        notes: [],
      },
      idPrefix,
    );
  };
  if (expected !== undefined)
    outputs.push(
      drawOutput(
        'expected',
        expected,
        shared,
        false,
        `${shapeText(expected.shape)}${actual !== undefined ? ', same colour scale as actual' : ''}`,
      ),
    );
  if (actual !== undefined)
    outputs.push(
      drawOutput(
        'actual',
        actual,
        shared,
        shapesMatch,
        `${shapeText(actual.shape)}${expected !== undefined ? ', same colour scale as expected' : ''}${differing.size > 0 ? `, ${differing.size} differing element${differing.size === 1 ? '' : 's'} outlined` : ''}`,
      ),
    );
  if (actual === undefined) outputs.push(missingFigure('actual', 'none: the adapter threw instead of returning an output'));
  if (expected === undefined) outputs.push(missingFigure('expected', 'an error: the spec rejects this call'));
  if (shapesMatch) {
    const difference = differenceTensor(expected, actual);
    outputs.push(drawOutput('difference', difference, divergingScale(valuesOf(difference)), true, 'actual − expected'));
  }
  const tensors = [evidence.input, evidence.weight, expected, actual].filter((t): t is EvidenceTensor => t !== undefined);
  const used: MarksUsed = {
    padding: padsDrawn,
    inner: inner !== undefined,
    footprint: traced,
    differs: differing.size > 0,
    special: tensors.some((t) => valuesOf(t).some((v) => !Number.isFinite(v) || Object.is(v, -0))),
    truncated: tensors.some(isTruncated),
  };

  return (
    `<div class="evidence"><p class="comparison">${escapeHtml(evidence.comparison)}</p>${callDescription(evidence)}` +
    `${notes.length > 0 ? `<ul class="notes evidence-notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : ''}` +
    `${mapKeyHtml(idPrefix, used)}<div class="tensors operands">${sections.join('')}</div><div class="tensors outputs">${outputs.join('')}</div></div>`
  );
}

function missingFigure(role: 'expected' | 'actual', what: string): string {
  return `<figure class="tensor missing" data-role="${role}"><figcaption><strong>${role}</strong></figcaption><p>${escapeHtml(what)}</p></figure>`;
}

/** For an op that pads its input (the pad op), where the input lies inside the padded output (spec: padding.op). */
function innerRegion(evidence: FailureEvidence): { rowBegin: number; rowEnd: number; colBegin: number; colEnd: number } | undefined {
  if (figureOf(evidence) !== 'padded') return undefined;
  const spatialRank = Math.max(0, evidence.input.shape.length - 2);
  const pads = explicitPads(evidence.params, spatialRank);
  if (pads === undefined || spatialRank === 0) return undefined;
  const view = activationView(evidence.input.shape, evidence.layout);
  if (view.colSpatial === undefined) return undefined;
  const shape = evidence.input.shape;
  const inputSpatial = evidence.layout === 'channels-first' ? shape.slice(2) : shape.slice(1, -1);
  const rowSpatial = view.rowSpatial;
  return {
    rowBegin: rowSpatial === undefined ? 0 : pads.begin[rowSpatial]!,
    rowEnd: rowSpatial === undefined ? 1 : pads.begin[rowSpatial]! + inputSpatial[rowSpatial]!,
    colBegin: pads.begin[view.colSpatial]!,
    colEnd: pads.begin[view.colSpatial]! + inputSpatial[view.colSpatial]!,
  };
}
