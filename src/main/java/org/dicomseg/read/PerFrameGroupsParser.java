package org.dicomseg.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.DataSetView;
import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.read.StrictElementReader.Unsupported;
import org.dicomseg.read.StrictElementReader.Visitor;

/**
 * Reads the Per-frame Functional Groups Sequence (5200,9230) of a little-endian data set straight
 * from the file, keeping of each item only what the frame index uses ({@link FunctionalGroups}),
 * instead of letting PixelMed build an attribute list (a TreeMap of attribute objects) per frame:
 * for a slide SEG of 6,454 tiles that was nearly all of {@link SegmentationReader#open}'s time.
 *
 * <p>It descends only into the functional group macros of PS3.3 C.7.6.16 that the frame index
 * reads and maps their few values into {@link FunctionalGroups}; {@link StrictElementReader} walks
 * the element headers and decodes the values, within a strict, well-formed subset. Whatever
 * PixelMed might read differently (see there; also a character set in which ASCII bytes may not
 * mean ASCII) makes {@link #parse} return null, and the caller lets PixelMed parse the sequence as
 * before. So the fast path never changes a value, a message or a check; it only skips work.</p>
 *
 * <p>Hostile input: besides the element reader's bounds (file size, enclosing lengths, value
 * sizes, 64 levels of nesting; deeper is left to PixelMed, whose StackOverflowError the reader
 * reports as before), at most {@code limit} items (Number of Frames) are kept: further items are
 * only counted, so a file with more items than frames is refused by the usual count check without
 * holding them.</p>
 */
final class PerFrameGroupsParser {
    // Functional group macro sequences of a per-frame item (PS3.3 C.7.6.16.2, C.8.20.3.1, C.8.12.6.1).
    private static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
    private static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    private static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    private static final int PLANE_POSITION_SLIDE_SEQUENCE = 0x0048021A;
    private static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
    private static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
    private static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
    // Values read from the macros' items.
    private static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;      // US
    private static final int IMAGE_POSITION_PATIENT = 0x00200032;         // DS
    private static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;      // DS
    private static final int COLUMN_POSITION_IN_TOTAL_MATRIX = 0x0048021E; // SL
    private static final int ROW_POSITION_IN_TOTAL_MATRIX = 0x0048021F;    // SL
    private static final int X_OFFSET_IN_SLIDE = 0x0040072A;              // DS
    private static final int Y_OFFSET_IN_SLIDE = 0x0040073A;              // DS
    private static final int Z_OFFSET_IN_SLIDE = 0x0040074A;              // DS
    private static final int DIMENSION_INDEX_VALUES = 0x00209157;         // UL
    private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;       // UI
    private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;    // UI
    private static final int REFERENCED_FRAME_NUMBER = 0x00081160;        // IS

    private static final int[] NO_INTS = new int[0];

    /**
     * Character sets in which bytes 0x20-0x7E are ASCII (PS3.3 C.12.1.1.2, PS3.5 6.1.2): the
     * parser reads only ASCII values. ISO 2022 sets with code extensions and JIS X 0201 (where
     * 0x5C is the yen sign, not the value delimiter) are left to PixelMed.
     */
    private static final Set<String> ASCII_COMPATIBLE = Set.of("", "ISO_IR 6", "ISO_IR 100", "ISO_IR 101",
            "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148",
            "ISO_IR 203", "ISO_IR 166", "ISO_IR 192", "GB18030", "GBK");

    /** The parsed sequence: its item count and (up to the limit) its items' groups. */
    static final class Result implements FunctionalGroups.PerFrame {
        private final int size;
        private final List<FunctionalGroups> items;

        Result(int size, List<FunctionalGroups> items) {
            this.size = size;
            this.items = items;
        }

        @Override public int size() { return size; }

        /** The kept items (all of them when the count is within the limit). */
        List<FunctionalGroups> items() { return Collections.unmodifiableList(items); }

        @Override public Iterator<FunctionalGroups> iterator() { return items().iterator(); }
    }

    private final StrictElementReader r;

    private PerFrameGroupsParser(ChannelReader in, boolean explicitVr) {
        this.r = new StrictElementReader(in, explicitVr);
    }

    /**
     * True when the data set's Specific Character Set (0008,0005) keeps ASCII bytes ASCII, so the
     * parser's ASCII reading of DS, IS and UI values is PixelMed's.
     */
    static boolean asciiCompatible(DataSetView list) {
        if (!list.has(HeaderTags.SPECIFIC_CHARACTER_SET)) return true;
        String[] values = list.strings(HeaderTags.SPECIFIC_CHARACTER_SET);
        if (values == null) return true;
        for (String v : values) {
            if (v == null || !ASCII_COMPATIBLE.contains(v.trim())) return false;
        }
        return true;
    }

    /**
     * Parses the top-level Per-frame Functional Groups Sequence that {@code loc} located (Little
     * Endian, explicit or implicit VR).
     *
     * @param limit items kept at most (Number of Frames); further items are counted only
     * @return the groups, or null when the sequence must be left to PixelMed (the reason is not an
     *         error of the file as such: PixelMed then reports what it finds, as before)
     */
    static Result parse(ChannelReader in, DataSetWalker.Location loc, boolean explicitVr, int limit) {
        try {
            return parseOrExplain(in, loc, explicitVr, limit);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** {@link #parse}, saying why it declines (for tests). */
    static Result parseOrExplain(ChannelReader in, DataSetWalker.Location loc, boolean explicitVr, int limit)
            throws Unsupported {
        if (loc.perFrameGroupsValueOffset < 0) throw new Unsupported("no Per-frame Functional Groups Sequence");
        if (explicitVr && !"SQ".equals(loc.perFrameGroupsVr)) {
            throw new Unsupported("Per-frame Functional Groups Sequence has VR " + loc.perFrameGroupsVr);
        }
        PerFrameGroupsParser p = new PerFrameGroupsParser(in, explicitVr);
        try {
            return p.perFrameSequence(loc.perFrameGroupsValueOffset, loc.perFrameGroupsLength, Math.max(0, limit));
        } catch (IOException e) {
            // Truncated or damaged inside the sequence: PixelMed reads it again and reports it as it always did.
            throw new Unsupported(e.getMessage());
        }
    }

    /** The sequence value itself: items, each parsed into groups up to the limit, then only counted. */
    private Result perFrameSequence(long start, long len, int limit) throws IOException, Unsupported {
        List<FunctionalGroups> items = new ArrayList<>(Math.min(limit, 4096));
        int[] count = {0};
        r.items(start, len, r.size(), Integer.MAX_VALUE, i -> {
            count[0] = i + 1;
            if (i >= limit) return null;
            FunctionalGroups g = new FunctionalGroups();
            items.add(g);
            return perFrameItem(g);
        }, 1);
        items.replaceAll(g -> g.present == 0 ? FunctionalGroups.EMPTY : g);
        return new Result(count[0], items);
    }

    /** A per-frame item: the functional group macros the frame index reads. */
    private Visitor perFrameItem(FunctionalGroups g) {
        return new Visitor() {
            @Override public int bit(int t) {
                switch (t) {
                    case SEGMENT_IDENTIFICATION_SEQUENCE: return 1;
                    case PLANE_POSITION_SEQUENCE: return 2;
                    case PLANE_ORIENTATION_SEQUENCE: return 3;
                    case PLANE_POSITION_SLIDE_SEQUENCE: return 4;
                    case FRAME_CONTENT_SEQUENCE: return 5;
                    case DERIVATION_IMAGE_SEQUENCE: return 6;
                    default: return 0;
                }
            }

            @Override public long element(StrictElementReader p, long end) throws IOException, Unsupported {
                switch (p.tag) {
                    case DERIVATION_IMAGE_SEQUENCE:
                        g.present |= FunctionalGroups.DERIVATION_IMAGE;
                        g.sources = new ArrayList<>(1);
                        return p.sequence(end, true, i -> derivationItem(g.sources));
                    case SEGMENT_IDENTIFICATION_SEQUENCE:
                        return p.sequence(end, false, i -> macroItem(g, FunctionalGroups.SEGMENT_IDENTIFICATION));
                    case PLANE_POSITION_SEQUENCE:
                        return p.sequence(end, false, i -> macroItem(g, FunctionalGroups.PLANE_POSITION));
                    case PLANE_ORIENTATION_SEQUENCE:
                        return p.sequence(end, false, i -> macroItem(g, FunctionalGroups.PLANE_ORIENTATION));
                    case PLANE_POSITION_SLIDE_SEQUENCE:
                        return p.sequence(end, false, i -> macroItem(g, FunctionalGroups.PLANE_POSITION_SLIDE));
                    default:
                        return p.sequence(end, false, i -> macroItem(g, FunctionalGroups.FRAME_CONTENT));
                }
            }
        };
    }

    /** The first item of a macro's sequence: marks the macro present and reads its values. */
    private Visitor macroItem(FunctionalGroups g, int macro) {
        g.present |= macro;
        if (macro == FunctionalGroups.FRAME_CONTENT) g.dimensionIndexValues = NO_INTS; // AttributeValues.ints of an absent value
        return new Visitor() {
            @Override public int bit(int t) {
                switch (macro) {
                    case FunctionalGroups.SEGMENT_IDENTIFICATION: return t == REFERENCED_SEGMENT_NUMBER ? 1 : 0;
                    case FunctionalGroups.PLANE_POSITION: return t == IMAGE_POSITION_PATIENT ? 1 : 0;
                    case FunctionalGroups.PLANE_ORIENTATION: return t == IMAGE_ORIENTATION_PATIENT ? 1 : 0;
                    case FunctionalGroups.FRAME_CONTENT: return t == DIMENSION_INDEX_VALUES ? 1 : 0;
                    default:
                        switch (t) {
                            case ROW_POSITION_IN_TOTAL_MATRIX: return 1;
                            case COLUMN_POSITION_IN_TOTAL_MATRIX: return 2;
                            case X_OFFSET_IN_SLIDE: return 3;
                            case Y_OFFSET_IN_SLIDE: return 4;
                            case Z_OFFSET_IN_SLIDE: return 5;
                            default: return 0;
                        }
                }
            }

            @Override public long element(StrictElementReader p, long end) throws IOException, Unsupported {
                switch (p.tag) {
                    case REFERENCED_SEGMENT_NUMBER: g.referencedSegmentNumber = p.firstUnsignedShort(-1); break;
                    case IMAGE_POSITION_PATIENT: g.imagePositionPatient = p.decimals(3); break;
                    case IMAGE_ORIENTATION_PATIENT: g.imageOrientationPatient = p.decimals(6); break;
                    case DIMENSION_INDEX_VALUES: g.dimensionIndexValues = p.unsignedLongs(); break;
                    case ROW_POSITION_IN_TOTAL_MATRIX: g.rowPosition = p.firstSignedLong(0); break;
                    case COLUMN_POSITION_IN_TOTAL_MATRIX: g.columnPosition = p.firstSignedLong(0); break;
                    case X_OFFSET_IN_SLIDE: g.xOffset = p.decimal(); break;
                    case Y_OFFSET_IN_SLIDE: g.yOffset = p.decimal(); break;
                    default: g.zOffset = p.decimal(); break;
                }
                return -1;
            }
        };
    }

    /** An item of the Derivation Image Sequence: the references of its Source Image Sequence. */
    private Visitor derivationItem(List<SourceImageReference> out) {
        return new Visitor() {
            @Override public int bit(int t) { return t == SOURCE_IMAGE_SEQUENCE ? 1 : 0; }

            @Override public long element(StrictElementReader p, long end) throws IOException, Unsupported {
                return p.sequence(end, true, i -> sourceItem(out));
            }
        };
    }

    /** An item of the Source Image Sequence: one reference (Image SOP Instance Reference Macro, PS3.3 Table 10-3). */
    private Visitor sourceItem(List<SourceImageReference> out) {
        String[] uids = new String[2];
        int[][] frames = {new int[0]};
        return new Visitor() {
            boolean added;

            @Override public int bit(int t) {
                switch (t) {
                    case REFERENCED_SOP_CLASS_UID: return 1;
                    case REFERENCED_SOP_INSTANCE_UID: return 2;
                    case REFERENCED_FRAME_NUMBER: return 3;
                    default: return 0;
                }
            }

            @Override public long element(StrictElementReader p, long end) throws IOException, Unsupported {
                switch (p.tag) {
                    case REFERENCED_SOP_CLASS_UID: uids[0] = p.uid(); break;
                    case REFERENCED_SOP_INSTANCE_UID: uids[1] = p.uid(); break;
                    default: frames[0] = p.integers(); break;
                }
                // AttributeValues.references: an item without a Referenced SOP Instance UID is left out.
                if (uids[1] != null) {
                    if (added) out.set(out.size() - 1, new SourceImageReference(uids[0], uids[1], frames[0]));
                    else out.add(new SourceImageReference(uids[0], uids[1], frames[0]));
                    added = true;
                }
                return -1;
            }
        };
    }
}
