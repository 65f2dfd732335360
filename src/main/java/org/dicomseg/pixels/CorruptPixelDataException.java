package org.dicomseg.pixels;

/**
 * Thrown when encoded pixel data cannot be decoded (truncated fragment, bad RLE header, broken
 * JPEG 2000 code stream). The reader wraps it in its "not a SEG we can read" exception with the
 * file and frame number.
 */
public class CorruptPixelDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptPixelDataException(String message) {
        super(message);
    }

    public CorruptPixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
