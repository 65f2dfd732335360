#!/usr/bin/env node
// What dcmjs makes of a SEG: the independent reader of testing.Dcmjs.
//
//   node dcmjs-read-seg.js SEG.dcm SOURCE...      (a multi-frame source as FILE?frames=N)
//
// Two levels, both with dcmjs's own default calls:
//  * "dataset": DicomMessage.readFile + naturalizeDataset (what every dcmjs-based viewer does
//    first): SOP class, transfer syntax, type, frame count and the Segment Sequence's labels and
//    numbers.
//  * "toolState": adapters.Cornerstone.Segmentation.generateToolState(imageIds, buffer,
//    metadataProvider) — the loader of OHIF's Cornerstone SEG support — over the given source
//    images, whose metadata come from dcmjs too. Its label maps are summarised as voxel counts per
//    source image and segment (overlapping segments land in several label maps: all are counted).
// One JSON object on stdout; a refusal by dcmjs is reported in "toolStateError", not as a crash.
"use strict";
const fs = require("fs");
const dcmjs = require("dcmjs");

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

function readDataset(path) {
  const bytes = fs.readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const file = DicomMessage.readFile(buffer);
  const ds = DicomMetaDictionary.naturalizeDataset(file.dict);
  ds._meta = DicomMetaDictionary.namifyDataset(file.meta);
  return { ds, buffer };
}

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => (Array.isArray(v) ? v[0] : v);

function main() {
  const [segPath, ...sourceArgs] = process.argv.slice(2);
  const out = {};
  const { ds, buffer } = readDataset(segPath);
  out.dataset = {
    sopClassUid: ds.SOPClassUID,
    transferSyntaxUid: ds._meta.TransferSyntaxUID.Value[0],
    segmentationType: ds.SegmentationType,
    numberOfFrames: Number(ds.NumberOfFrames),
    rows: ds.Rows,
    columns: ds.Columns,
    segments: asArray(ds.SegmentSequence).map((s) => ({ number: s.SegmentNumber, label: s.SegmentLabel })),
    // the Multi-Resolution Pyramid module and the tiled and temporal organisation, as dcmjs names them
    pyramidUid: ds.PyramidUID,
    pyramidLabel: ds.PyramidLabel,
    pyramidDescription: ds.PyramidDescription,
    dimensionOrganizationType: ds.DimensionOrganizationType,
    totalPixelMatrixColumns: ds.TotalPixelMatrixColumns,
    totalPixelMatrixRows: ds.TotalPixelMatrixRows,
    totalPixelMatrixFocalPlanes: ds.TotalPixelMatrixFocalPlanes,
    dimensionIndexPointers: asArray(ds.DimensionIndexSequence).map((d) => d.DimensionIndexPointer),
    temporalPositionIndices: asArray(ds.PerFrameFunctionalGroupsSequence).map((g) => {
      const fc = first(g.FrameContentSequence) || {};
      return fc.TemporalPositionIndex === undefined ? null : fc.TemporalPositionIndex;
    }),
  };

  // imageIds: one per source frame; single-frame files by path, multi-frame as path?frame=k (0-based,
  // the cornerstoneWADOImageLoader convention generateToolState expects).
  const meta = new Map();
  const imageIds = [];
  for (const arg of sourceArgs) {
    const m = /^(.*)\?frames=(\d+)$/.exec(arg);
    const path = m ? m[1] : arg;
    const src = readDataset(path).ds;
    const frames = m ? Number(m[2]) : 1;
    const shared = first(src.SharedFunctionalGroupsSequence) || {};
    for (let k = 0; k < frames; k++) {
      const id = m ? `${path}?frame=${k}` : path;
      const perFrame = m ? asArray(src.PerFrameFunctionalGroupsSequence)[k] || {} : {};
      // a slide's frames have no patient position (Plane Position (Slide) instead): none is given
      const pos = (m ? (first(perFrame.PlanePositionSequence || shared.PlanePositionSequence) || {}).ImagePositionPatient
        : src.ImagePositionPatient) || [];
      const iop = (m ? (first(perFrame.PlaneOrientationSequence || shared.PlaneOrientationSequence) || {}).ImageOrientationPatient
        : src.ImageOrientationPatient) || [];
      meta.set(id, {
        imagePlaneModule: { rowCosines: iop.slice(0, 3).map(Number), columnCosines: iop.slice(3, 6).map(Number),
          imagePositionPatient: pos.map(Number), rows: src.Rows, columns: src.Columns },
        generalSeriesModule: { seriesInstanceUID: src.SeriesInstanceUID },
        imagePixelModule: { rows: src.Rows, columns: src.Columns },
        sopCommonModule: { sopInstanceUID: src.SOPInstanceUID, sopClassUID: src.SOPClassUID },
        instance: { ImagePositionPatient: pos.map(Number), FrameOfReferenceUID: src.FrameOfReferenceUID,
          SeriesInstanceUID: src.SeriesInstanceUID, SOPInstanceUID: src.SOPInstanceUID },
      });
      imageIds.push(id);
    }
  }
  if (imageIds.length === 0) return out;
  const provider = { get: (type, id) => (meta.get(id) || {})[type] };

  // dcmjs logs through console.warn / its loglevel logger: keep stdout for the JSON alone.
  const warnings = [];
  console.warn = (...a) => warnings.push(a.join(" "));
  console.log = (...a) => warnings.push(a.join(" "));
  try {
    dcmjs.log.setLevel && dcmjs.log.setLevel("warn");
  } catch (e) { /* older builds */ }
  let state;
  try {
    state = dcmjs.adapters.Cornerstone.Segmentation.generateToolState(imageIds, buffer, provider);
  } catch (e) {
    out.toolStateError = String(e && e.message ? e.message : e);
  }
  out.warnings = warnings;
  if (state === undefined) {
    if (!out.toolStateError) out.toolStateError = "generateToolState returned nothing";
    return out;
  }
  const plane = ds.Rows * ds.Columns;
  // counts[image][segment] over every label map (overlapping segments are spread over several)
  const counts = imageIds.map(() => ({}));
  for (const lm of state.labelmapBufferArray) {
    const v = new Uint16Array(lm);
    for (let img = 0; img < imageIds.length; img++) {
      const c = counts[img];
      for (let i = img * plane, end = i + plane; i < end; i++) {
        if (v[i]) c[v[i]] = (c[v[i]] || 0) + 1;
      }
    }
  }
  out.toolState = {
    labelmaps: state.labelmapBufferArray.length,
    segmentLabels: state.segMetadata.data.slice(1).map((s) => s.SegmentLabel),
    counts,
  };
  return out;
}

process.stdout.write(JSON.stringify(main()) + "\n");
