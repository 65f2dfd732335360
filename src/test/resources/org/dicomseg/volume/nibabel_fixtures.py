"""Writes NIfTI fixtures with nibabel (an independent implementation of NIfTI-1/2) for the Java tests.

usage: nibabel_fixtures.py write SPEC.json OUT_DIR   -> one file per variant, named by it
       nibabel_fixtures.py read FILE.nii[.gz]        -> JSON: shape, dtype, affine, sform/qform codes, sha of the voxels
                                                        with the axes reversed ([component][plane][row][column])

SPEC: {"raw": path of the labels as uint8/float32 in SEG order [plane][row][column],
       "dtype": "uint8"|"float32", "shape": [planes, rows, columns],
       "origin": LPS of plane 0 pixel (0,0), "row": LPS row direction (along a row), "col": LPS column direction,
       "normal": LPS slice direction, "spacing": [column spacing, row spacing, slice spacing]}
The variants store the same voxels in other axis orders and directions, each with the affine that
keeps every voxel at its place in the patient (nibabel's RAS+ convention: LPS x and y negated).
"""
import hashlib
import json
import sys

import numpy as np
import nibabel as nib


def lps_affine(spec):
    a = np.eye(4)
    cs, rs, ss = spec["spacing"]
    a[:3, 0] = np.array(spec["row"]) * cs     # i = column index
    a[:3, 1] = np.array(spec["col"]) * rs     # j = row index
    a[:3, 2] = np.array(spec["normal"]) * ss  # k = plane index
    a[:3, 3] = spec["origin"]
    return a


def to_ras(a):
    return np.diag([-1.0, -1.0, 1.0, 1.0]) @ a


def flip(data, aff, axis):
    n = data.shape[axis]
    t = np.eye(4)
    t[axis, axis] = -1
    t[axis, 3] = n - 1
    return np.flip(data, axis), aff @ t


def permute(data, aff, order):
    t = np.eye(4)
    t[:3, :3] = np.eye(3)[:, order]
    return np.transpose(data, order), aff @ t


def write(spec_path, out):
    spec = json.load(open(spec_path))
    p, r, c = spec["shape"]
    raw = np.fromfile(spec["raw"], dtype=spec["dtype"]).reshape(p, r, c)
    data = np.transpose(raw, (2, 1, 0)).copy()   # [i=column][j=row][k=plane]
    ras = to_ras(lps_affine(spec))

    def save(name, d, aff, klass=nib.Nifti1Image, dtype=None, sform=True, qform=True, endian="<", slope=None):
        d = np.ascontiguousarray(d if dtype is None else d.astype(dtype))
        hdr = (nib.Nifti2Header if klass is nib.Nifti2Image else nib.Nifti1Header)(endianness=endian)
        hdr.set_data_dtype(d.dtype)
        img = klass(d, None, hdr)
        img.set_sform(aff, code=1 if sform else 0)
        img.set_qform(aff, code=1 if qform else 0)
        if slope is not None:
            img.header.set_slope_inter(slope, 0)
        nib.save(img, out + "/" + name)

    save("ras.nii.gz", data, ras)                                   # as TotalSegmentator/nnU-Net keep it
    d, a = flip(data, ras, 1)                                       # dcm2niix-like: rows stored bottom-up
    save("rows_flipped.nii.gz", d, a)
    d, a = flip(data, ras, 0)
    d, a = flip(d, a, 2)                                            # flipped in x and stored in reverse slice order
    save("x_and_slices_flipped.nii.gz", d, a)
    d, a = permute(data, ras, [1, 0, 2])                            # rows and columns swapped
    save("transposed.nii", d, a, sform=False)                       # qform only, uncompressed
    d, a = permute(data, ras, [2, 0, 1])                            # slice axis first (stored as sagittal-like planes)
    save("slices_first.nii.gz", d, a, qform=False)                  # sform only
    save("bigendian_int16.nii", data, ras, dtype=">i2", endian=">")  # big endian int16
    save("nifti2_uint16.nii.gz", data, ras, klass=nib.Nifti2Image, dtype=np.uint16)
    if spec["dtype"] == "uint8":
        # a qform whose sform disagrees: the sform wins (sform_code > 0)
        img = nib.Nifti1Image(np.ascontiguousarray(data), None)
        img.set_sform(ras, code=2)
        shifted = ras.copy()
        shifted[:3, 3] += 10
        img.set_qform(shifted, code=1)
        nib.save(img, out + "/sform_wins.nii.gz")
        # a grid one slice off the sources
        off = ras.copy()
        off[:3, 3] += ras[:3, 2]
        save("one_slice_off.nii.gz", data, off)


def read(path):
    img = nib.load(path)
    d = np.asanyarray(img.dataobj)
    arr = np.ascontiguousarray(d.astype("<f4") if d.dtype.kind == "f" else d.astype("<u2"))
    print(json.dumps({"shape": list(arr.shape), "dtype": str(img.get_data_dtype()),
                      "affine": img.affine.tolist(),
                      "sform_code": int(img.header["sform_code"]), "qform_code": int(img.header["qform_code"]),
                      "sum": float(d.sum()),
                      "sha256": hashlib.sha256(np.transpose(arr, tuple(reversed(range(arr.ndim)))).tobytes()).hexdigest()}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        read(sys.argv[2])
