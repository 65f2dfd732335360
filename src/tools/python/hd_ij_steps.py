#!/usr/bin/env python3
"""highdicom's steps beside the ImageJ-layer benchmark (scripts/bench --ij, issue 19).

Usage (Debian's interpreter with the oracle's libraries, see ../shared/oracle/README.md):
    PYTHONPATH=../shared/oracle/site /usr/bin/python3 hd_ij_steps.py SEG.dcm SOURCE_DIR LABELS.tif OUT.dcm RUNS

Times, in one warm Python process (imports done, the first run not counted), what the three ImageJ
commands do, as a highdicom 0.28.1 user writes it:
  read -> channels   segread(SEG) + get_pixels_by_source_instance(<the source series' SOP Instance
                     UIDs in slice order>, combine_segments=False)   (File > Import > DICOM SEG, hyperstack)
  read -> label map  the same with combine_segments=True             (..., label image)
  write BINARY       Segmentation(<the 300 source data sets, read before the timing>, <the label map>,
                     BINARY, one segment per label) + save_as          (Export Label Image as SEG)
Prints one line per step: "<step> first <s> median <s> min <s> runs <n>".
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image
import highdicom as hd
from pydicom.sr.codedict import codes


def timed(fn, runs):
    ts = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return ts[0], ts[1:]


def main(seg_path, source_dir, labels_tif, out, runs):
    sources = [pydicom.dcmread(p) for p in sorted(Path(source_dir).iterdir()) if p.is_file()]
    sources.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    uids = [d.SOPInstanceUID for d in sources]

    def read(combine):
        seg = hd.seg.segread(seg_path)
        a = seg.get_pixels_by_source_instance(source_sop_instance_uids=uids, combine_segments=combine,
                                              skip_overlap_checks=False)
        assert a.shape[0] == len(uids)
        return a

    im = Image.open(labels_tif)
    planes = []
    for i in range(im.n_frames):
        im.seek(i)
        planes.append(np.array(im))
    labels = np.stack(planes).astype(np.uint8)
    assert labels.shape[0] == len(sources), (labels.shape, len(sources))
    algo = hd.AlgorithmIdentificationSequence(name='bench', version='1', family=codes.cid7162.ArtificialIntelligence)
    descs = [hd.seg.SegmentDescription(segment_number=k, segment_label=f'Segment {k}',
                                       segmented_property_category=codes.cid7150.Tissue,
                                       segmented_property_type=codes.cid7166.ConnectiveTissue,
                                       algorithm_type=hd.seg.SegmentAlgorithmTypeValues.AUTOMATIC,
                                       algorithm_identification=algo)
             for k in range(1, int(labels.max()) + 1)]

    def write():
        seg = hd.seg.Segmentation(source_images=sources, pixel_array=labels,
                                  segmentation_type=hd.seg.SegmentationTypeValues.BINARY,
                                  segment_descriptions=descs, series_instance_uid=hd.UID(), series_number=100,
                                  sop_instance_uid=hd.UID(), instance_number=1, manufacturer='bench',
                                  manufacturer_model_name='bench', software_versions='1', device_serial_number='1')
        seg.save_as(out)

    for name, fn in (("read -> channels", lambda: read(False)), ("read -> label map", lambda: read(True)),
                     ("write BINARY", write)):
        first, ts = timed(fn, runs)
        print(f"{name} first {first:.3f} median {statistics.median(ts):.3f} min {min(ts):.3f} runs {len(ts)}", flush=True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
