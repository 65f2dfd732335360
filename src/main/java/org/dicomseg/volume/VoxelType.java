package org.dicomseg.volume;

/**
 * The voxel types a label or probability volume may have: integers for label maps (values checked
 * to be 0..65535), floats for FRACTIONAL segmentations (values checked to be in [0, 1]). NIfTI
 * {@code datatype} codes are those of {@code nifti1.h} (DT_UINT8 = 2 ... DT_UINT32 = 768); NRRD
 * {@code type} names those of the NRRD format's "type" field.
 */
public enum VoxelType {
    UINT8(1, false, 2, "uchar"),
    INT8(1, false, 256, "signed char"),
    UINT16(2, false, 512, "ushort"),
    INT16(2, false, 4, "short"),
    UINT32(4, false, 768, "uint"),
    INT32(4, false, 8, "int"),
    FLOAT32(4, true, 16, "float"),
    FLOAT64(8, true, 64, "double");

    private final int bytes;
    private final boolean floating;
    private final int niftiCode;
    private final String nrrdName;

    VoxelType(int bytes, boolean floating, int niftiCode, String nrrdName) {
        this.bytes = bytes;
        this.floating = floating;
        this.niftiCode = niftiCode;
        this.nrrdName = nrrdName;
    }

    /** Bytes per voxel. */
    public int bytes() { return bytes; }
    /** True for float32 / float64. */
    public boolean isFloat() { return floating; }
    /** The NIfTI {@code datatype} code. */
    public int niftiCode() { return niftiCode; }
    /** The NRRD {@code type} name this project writes. */
    public String nrrdName() { return nrrdName; }

    /** The type of a NIfTI {@code datatype} code, or null when it is none of ours. */
    static VoxelType ofNifti(int code) {
        for (VoxelType t : values()) if (t.niftiCode == code) return t;
        return null;
    }

    /** A name for a NIfTI datatype this project does not read, for messages. */
    static String niftiName(int code) {
        switch (code) {
            case 1: return "binary (1 bit)";
            case 32: return "complex64";
            case 128: return "RGB24";
            case 1024: return "int64";
            case 1280: return "uint64";
            case 1536: return "float128";
            case 1792: return "complex128";
            case 2048: return "complex256";
            case 2304: return "RGBA32";
            default: return "datatype " + code;
        }
    }

    /** The type of a NRRD {@code type} value (all spellings of the format), or null. */
    static VoxelType ofNrrd(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "uchar": case "unsigned char": case "uint8": case "uint8_t": return UINT8;
            case "signed char": case "int8": case "int8_t": return INT8;
            case "short": case "short int": case "signed short": case "signed short int": case "int16": case "int16_t": return INT16;
            case "ushort": case "unsigned short": case "unsigned short int": case "uint16": case "uint16_t": return UINT16;
            case "int": case "signed int": case "int32": case "int32_t": return INT32;
            case "uint": case "unsigned int": case "uint32": case "uint32_t": return UINT32;
            case "float": return FLOAT32;
            case "double": return FLOAT64;
            default: return null;
        }
    }
}
