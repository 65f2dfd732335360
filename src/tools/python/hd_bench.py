"""highdicom's side of scripts/bench (issue 19): the same operations as org.dicomseg.bench.W3Bench / Bench
on the same input files, with highdicom 0.28.1 + pydicom 3.0.2 (../shared/oracle/site, the test oracle).

  python3 hd_bench.py --workload w1|w3 --dir DIR --spec SPEC.json --op OP [--runs N]

OP: write-binary, write-labelmap-rle (from DIR/<w>-labels.raw, the label map's z,y,x bytes, over the
series DIR/<w>-source), read-binary-labelmap, read-labelmap-labelmap (segread + get_volume(combine_segments=True,
relabel=False)), read-binary-channels (W1 only: get_volume(combine_segments=False), every segment a channel),
read-binary-5, read-labelmap-5 (get_volume(segment_numbers=<the spec's five, W3 only>, combine_segments=False)), prep (W1 only: DIR/w1-labels.raw from DIR/w1-labels.tif, once).
The reads open DIR/<w>-binary.dcm and DIR/<w>-labelmap-rle.dcm, which the Java harness wrote.
--runs 1 (default): one run, for a whole-process figure (/usr/bin/time around this script: Python start,
imports and reading the inputs included). --runs N > 1: in process, one warm-up run, then N timed runs of
the step alone (inputs already loaded, as the Java in-process figures); prints median and min.
Every result is checked: frames written, or voxels per label against the label map.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def load_labels(args, spec):
    z, y, x = spec['shape']
    a = np.fromfile(os.path.join(args.dir, f'{args.workload}-labels.raw'), dtype=np.uint8)
    return a.reshape(z, y, x)


def load_sources(args):
    import pydicom
    d = os.path.join(args.dir, f'{args.workload}-source')
    ds = [pydicom.dcmread(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith('.dcm')]
    o = np.array(ds[0].ImageOrientationPatient, dtype=float)
    n = np.cross(o[:3], o[3:])
    ds.sort(key=lambda s: float(np.dot(n, np.array(s.ImagePositionPatient, dtype=float))))
    return ds


def descriptions(count):
    import highdicom as hd
    from pydicom.sr.codedict import codes
    algo = hd.AlgorithmIdentificationSequence(name='ellipsoids', version='1', family=codes.cid7162.ArtificialIntelligence)
    return [hd.seg.SegmentDescription(segment_number=k, segment_label=f'Structure {k}',
                                      segmented_property_category=codes.SCT.Tissue, segmented_property_type=codes.SCT.Tissue,
                                      algorithm_type=hd.seg.SegmentAlgorithmTypeValues.AUTOMATIC, algorithm_identification=algo)
            for k in range(1, count + 1)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--workload', choices=['w1', 'w3'], required=True)
    p.add_argument('--dir', required=True)
    p.add_argument('--spec', required=True)
    p.add_argument('--op', required=True)
    p.add_argument('--runs', type=int, default=1)
    args = p.parse_args()
    with open(args.spec) as f:
        spec = json.load(f)
    w = args.workload
    if args.op == 'prep':
        raw = os.path.join(args.dir, f'{w}-labels.raw')
        if not os.path.exists(raw):
            from PIL import Image
            im = Image.open(os.path.join(args.dir, f'{w}-labels.tif'))
            planes = []
            for i in range(spec['shape'][0]):
                im.seek(i)
                planes.append(np.array(im, dtype=np.uint8))
            np.stack(planes).tofile(raw)
        return
    import highdicom as hd
    from pydicom.uid import ExplicitVRLittleEndian, RLELossless
    n_labels = len(spec['ellipsoids'])
    chosen = spec.get('selected_segments_for_channel_read')
    labels = None
    if args.op.startswith('write'):
        labels = load_labels(args, spec)
        sources = load_sources(args)
        descs = descriptions(n_labels)
        binary = args.op == 'write-binary'
        out = os.path.join(args.dir, f'hd-{w}-{args.op}.dcm')

        def step():
            seg = hd.seg.Segmentation(
                source_images=sources, pixel_array=labels,
                segmentation_type=hd.seg.SegmentationTypeValues.BINARY if binary else hd.seg.SegmentationTypeValues.LABELMAP,
                segment_descriptions=descs, series_instance_uid=hd.UID(), series_number=2, sop_instance_uid=hd.UID(),
                instance_number=1, manufacturer='bench', manufacturer_model_name='bench', software_versions='1',
                device_serial_number='1', transfer_syntax_uid=ExplicitVRLittleEndian if binary else RLELossless)
            seg.save_as(out)
            return seg

        def check(seg):
            want = spec['expected_binary_frames'] if binary else spec['expected_labelmap_frames']
            if int(seg.NumberOfFrames) != want:
                sys.exit(f'{args.op}: {seg.NumberOfFrames} frames, the spec says {want}')
    else:
        path = os.path.join(args.dir, f'{w}-binary.dcm' if 'binary' in args.op else f'{w}-labelmap-rle.dcm')
        five = args.op.endswith('-5')
        channels = args.op.endswith('-channels')
        if five and not chosen:
            sys.exit(f'{args.op}: the {w} spec names no segments for a channel read')

        def step():
            seg = hd.seg.segread(path)
            if five:
                return seg.get_volume(segment_numbers=chosen, combine_segments=False).array
            if channels:
                return seg.get_volume(combine_segments=False).array
            return seg.get_volume(combine_segments=True, relabel=False).array

        def check(arr):
            truth = load_labels(args, spec)
            if arr.shape[0] > truth.shape[0]:  # W1: empty slices at the ends are not in the volume (293 of 300)
                sys.exit(f'{args.op}: {arr.shape[0]} planes, the label map has {truth.shape[0]}')
            for i, s in enumerate(chosen if five else range(1, n_labels + 1)):
                got = int(np.count_nonzero(arr[..., i])) if five or channels else int(np.count_nonzero(arr == s))
                want = int(np.count_nonzero(truth == s))
                if got != want:
                    sys.exit(f'{args.op}: label {s} has {got} voxels, the label map {want}')
    if args.runs <= 1:
        check(step())
        return
    check(step())  # warm-up (and the check)
    t = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        step()
        t.append(time.perf_counter() - t0)
    print(f'| {args.op} | {statistics.median(t):.3f} | {min(t):.3f} | {args.runs} |')


if __name__ == '__main__':
    main()
