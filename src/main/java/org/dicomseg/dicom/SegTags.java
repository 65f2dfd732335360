package org.dicomseg.dicom;

import com.pixelmed.dicom.AttributeTag;

/**
 * The data element tags the SEG writer uses (PS3.6), defined here because the PixelMed build in use
 * (20220618) does not know all of them (e.g. Segments Overlap, Segment Algorithm Name, Long Code
 * Value).
 */
public final class SegTags {
    private SegTags() { }

    private static AttributeTag t(int g, int e) { return new AttributeTag(g, e); }

    public static final AttributeTag SPECIFIC_CHARACTER_SET = t(0x0008, 0x0005);
    public static final AttributeTag IMAGE_TYPE = t(0x0008, 0x0008);
    public static final AttributeTag SOP_CLASS_UID = t(0x0008, 0x0016);
    public static final AttributeTag SOP_INSTANCE_UID = t(0x0008, 0x0018);
    public static final AttributeTag STUDY_DATE = t(0x0008, 0x0020);
    public static final AttributeTag SERIES_DATE = t(0x0008, 0x0021);
    public static final AttributeTag CONTENT_DATE = t(0x0008, 0x0023);
    public static final AttributeTag STUDY_TIME = t(0x0008, 0x0030);
    public static final AttributeTag SERIES_TIME = t(0x0008, 0x0031);
    public static final AttributeTag CONTENT_TIME = t(0x0008, 0x0033);
    public static final AttributeTag ACCESSION_NUMBER = t(0x0008, 0x0050);
    public static final AttributeTag MODALITY = t(0x0008, 0x0060);
    public static final AttributeTag MANUFACTURER = t(0x0008, 0x0070);
    public static final AttributeTag REFERRING_PHYSICIAN_NAME = t(0x0008, 0x0090);
    static final AttributeTag CODE_VALUE = t(0x0008, 0x0100);
    static final AttributeTag CODING_SCHEME_DESIGNATOR = t(0x0008, 0x0102);
    static final AttributeTag CODING_SCHEME_VERSION = t(0x0008, 0x0103);
    static final AttributeTag CODE_MEANING = t(0x0008, 0x0104);
    static final AttributeTag LONG_CODE_VALUE = t(0x0008, 0x0119);
    static final AttributeTag URN_CODE_VALUE = t(0x0008, 0x0120);
    public static final AttributeTag STUDY_DESCRIPTION = t(0x0008, 0x1030);
    public static final AttributeTag SERIES_DESCRIPTION = t(0x0008, 0x103E);
    public static final AttributeTag MANUFACTURER_MODEL_NAME = t(0x0008, 0x1090);
    public static final AttributeTag REFERENCED_SERIES_SEQUENCE = t(0x0008, 0x1115);
    public static final AttributeTag REFERENCED_INSTANCE_SEQUENCE = t(0x0008, 0x114A);
    public static final AttributeTag STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES_SEQUENCE = t(0x0008, 0x1200);
    public static final AttributeTag REFERENCED_SOP_CLASS_UID = t(0x0008, 0x1150);
    public static final AttributeTag REFERENCED_SOP_INSTANCE_UID = t(0x0008, 0x1155);
    public static final AttributeTag REFERENCED_FRAME_NUMBER = t(0x0008, 0x1160);
    public static final AttributeTag SOURCE_IMAGE_SEQUENCE = t(0x0008, 0x2112);
    public static final AttributeTag ANATOMIC_REGION_SEQUENCE = t(0x0008, 0x2218);
    public static final AttributeTag ANATOMIC_REGION_MODIFIER_SEQUENCE = t(0x0008, 0x2220);
    public static final AttributeTag PRIMARY_ANATOMIC_STRUCTURE_SEQUENCE = t(0x0008, 0x2228);
    public static final AttributeTag DERIVATION_IMAGE_SEQUENCE = t(0x0008, 0x9124);
    public static final AttributeTag DERIVATION_CODE_SEQUENCE = t(0x0008, 0x9215);

    public static final AttributeTag PATIENT_NAME = t(0x0010, 0x0010);
    public static final AttributeTag PATIENT_ID = t(0x0010, 0x0020);
    public static final AttributeTag ISSUER_OF_PATIENT_ID = t(0x0010, 0x0021);
    public static final AttributeTag PATIENT_BIRTH_DATE = t(0x0010, 0x0030);
    public static final AttributeTag PATIENT_SEX = t(0x0010, 0x0040);
    public static final AttributeTag PATIENT_AGE = t(0x0010, 0x1010);
    public static final AttributeTag PATIENT_SIZE = t(0x0010, 0x1020);
    public static final AttributeTag PATIENT_WEIGHT = t(0x0010, 0x1030);
    public static final AttributeTag PATIENT_IDENTITY_REMOVED = t(0x0012, 0x0062);
    public static final AttributeTag DEIDENTIFICATION_METHOD = t(0x0012, 0x0063);

    public static final AttributeTag SLICE_THICKNESS = t(0x0018, 0x0050);
    public static final AttributeTag SPACING_BETWEEN_SLICES = t(0x0018, 0x0088);
    public static final AttributeTag DEVICE_SERIAL_NUMBER = t(0x0018, 0x1000);
    public static final AttributeTag SOFTWARE_VERSIONS = t(0x0018, 0x1020);

    public static final AttributeTag STUDY_INSTANCE_UID = t(0x0020, 0x000D);
    public static final AttributeTag SERIES_INSTANCE_UID = t(0x0020, 0x000E);
    public static final AttributeTag STUDY_ID = t(0x0020, 0x0010);
    public static final AttributeTag SERIES_NUMBER = t(0x0020, 0x0011);
    public static final AttributeTag INSTANCE_NUMBER = t(0x0020, 0x0013);
    public static final AttributeTag PATIENT_ORIENTATION = t(0x0020, 0x0020);
    public static final AttributeTag IMAGE_POSITION_PATIENT = t(0x0020, 0x0032);
    public static final AttributeTag IMAGE_ORIENTATION_PATIENT = t(0x0020, 0x0037);
    public static final AttributeTag FRAME_OF_REFERENCE_UID = t(0x0020, 0x0052);
    public static final AttributeTag POSITION_REFERENCE_INDICATOR = t(0x0020, 0x1040);
    public static final AttributeTag STACK_ID = t(0x0020, 0x9056);
    public static final AttributeTag IN_STACK_POSITION_NUMBER = t(0x0020, 0x9057);
    public static final AttributeTag FRAME_CONTENT_SEQUENCE = t(0x0020, 0x9111);
    public static final AttributeTag PLANE_POSITION_SEQUENCE = t(0x0020, 0x9113);
    public static final AttributeTag PLANE_ORIENTATION_SEQUENCE = t(0x0020, 0x9116);
    public static final AttributeTag DIMENSION_INDEX_VALUES = t(0x0020, 0x9157);
    public static final AttributeTag DIMENSION_ORGANIZATION_UID = t(0x0020, 0x9164);
    public static final AttributeTag DIMENSION_INDEX_POINTER = t(0x0020, 0x9165);
    public static final AttributeTag FUNCTIONAL_GROUP_POINTER = t(0x0020, 0x9167);
    public static final AttributeTag DIMENSION_ORGANIZATION_SEQUENCE = t(0x0020, 0x9221);
    public static final AttributeTag DIMENSION_INDEX_SEQUENCE = t(0x0020, 0x9222);
    public static final AttributeTag DIMENSION_ORGANIZATION_TYPE = t(0x0020, 0x9311);
    public static final AttributeTag DIMENSION_DESCRIPTION_LABEL = t(0x0020, 0x9421);

    public static final AttributeTag ALGORITHM_SOURCE = t(0x0024, 0x0202);

    public static final AttributeTag SAMPLES_PER_PIXEL = t(0x0028, 0x0002);
    public static final AttributeTag PHOTOMETRIC_INTERPRETATION = t(0x0028, 0x0004);
    public static final AttributeTag NUMBER_OF_FRAMES = t(0x0028, 0x0008);
    public static final AttributeTag ROWS = t(0x0028, 0x0010);
    public static final AttributeTag COLUMNS = t(0x0028, 0x0011);
    public static final AttributeTag PIXEL_SPACING = t(0x0028, 0x0030);
    public static final AttributeTag BITS_ALLOCATED = t(0x0028, 0x0100);
    public static final AttributeTag BITS_STORED = t(0x0028, 0x0101);
    public static final AttributeTag HIGH_BIT = t(0x0028, 0x0102);
    public static final AttributeTag PIXEL_REPRESENTATION = t(0x0028, 0x0103);
    public static final AttributeTag PIXEL_PADDING_VALUE = t(0x0028, 0x0120);
    /** Palette Color Lookup Table Module (PS3.3 C.7.9) and Image Pixel (C.7.6.3): descriptors, data. */
    public static final AttributeTag RED_PALETTE_DESCRIPTOR = t(0x0028, 0x1101);
    public static final AttributeTag GREEN_PALETTE_DESCRIPTOR = t(0x0028, 0x1102);
    public static final AttributeTag BLUE_PALETTE_DESCRIPTOR = t(0x0028, 0x1103);
    public static final AttributeTag RED_PALETTE_DATA = t(0x0028, 0x1201);
    public static final AttributeTag GREEN_PALETTE_DATA = t(0x0028, 0x1202);
    public static final AttributeTag BLUE_PALETTE_DATA = t(0x0028, 0x1203);
    public static final AttributeTag SPATIAL_LOCATIONS_PRESERVED = t(0x0028, 0x135A);
    public static final AttributeTag LOSSY_IMAGE_COMPRESSION = t(0x0028, 0x2110);
    public static final AttributeTag PIXEL_MEASURES_SEQUENCE = t(0x0028, 0x9110);

    public static final AttributeTag PURPOSE_OF_REFERENCE_CODE_SEQUENCE = t(0x0040, 0xA170);

    public static final AttributeTag SEGMENTATION_TYPE = t(0x0062, 0x0001);
    public static final AttributeTag SEGMENT_SEQUENCE = t(0x0062, 0x0002);
    public static final AttributeTag SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE = t(0x0062, 0x0003);
    public static final AttributeTag SEGMENT_NUMBER = t(0x0062, 0x0004);
    public static final AttributeTag SEGMENT_LABEL = t(0x0062, 0x0005);
    public static final AttributeTag SEGMENT_DESCRIPTION = t(0x0062, 0x0006);
    public static final AttributeTag SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE = t(0x0062, 0x0007);
    public static final AttributeTag SEGMENT_ALGORITHM_TYPE = t(0x0062, 0x0008);
    public static final AttributeTag SEGMENT_ALGORITHM_NAME = t(0x0062, 0x0009);
    public static final AttributeTag SEGMENT_IDENTIFICATION_SEQUENCE = t(0x0062, 0x000A);
    public static final AttributeTag REFERENCED_SEGMENT_NUMBER = t(0x0062, 0x000B);
    public static final AttributeTag RECOMMENDED_DISPLAY_CIELAB_VALUE = t(0x0062, 0x000D);
    public static final AttributeTag MAXIMUM_FRACTIONAL_VALUE = t(0x0062, 0x000E);
    public static final AttributeTag SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE = t(0x0062, 0x000F);
    public static final AttributeTag SEGMENTATION_FRACTIONAL_TYPE = t(0x0062, 0x0010);
    public static final AttributeTag SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE = t(0x0062, 0x0011);
    public static final AttributeTag SEGMENTS_OVERLAP = t(0x0062, 0x0013);
    public static final AttributeTag TRACKING_ID = t(0x0062, 0x0020);
    public static final AttributeTag TRACKING_UID = t(0x0062, 0x0021);

    public static final AttributeTag ALGORITHM_FAMILY_CODE_SEQUENCE = t(0x0066, 0x002F);
    public static final AttributeTag ALGORITHM_VERSION = t(0x0066, 0x0031);
    public static final AttributeTag ALGORITHM_PARAMETERS = t(0x0066, 0x0032);
    public static final AttributeTag ALGORITHM_NAME = t(0x0066, 0x0036);

    public static final AttributeTag CONTENT_LABEL = t(0x0070, 0x0080);
    public static final AttributeTag CONTENT_DESCRIPTION = t(0x0070, 0x0081);
    public static final AttributeTag CONTENT_CREATOR_NAME = t(0x0070, 0x0084);

    public static final AttributeTag SHARED_FUNCTIONAL_GROUPS_SEQUENCE = t(0x5200, 0x9229);
    public static final AttributeTag PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = t(0x5200, 0x9230);
    public static final AttributeTag PIXEL_DATA = t(0x7FE0, 0x0010);
}
