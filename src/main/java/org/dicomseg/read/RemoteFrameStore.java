package org.dicomseg.read;

import java.io.IOException;

import org.dicomseg.dicom.SegTransferSyntax;

/**
 * A {@link FrameStore} whose frames are fetched on demand from a server ({@link RemoteFrames},
 * e.g. WADO-RS frame retrieval, PS3.18 10.4.1.1.3) instead of read from a file: each frame arrives
 * as its own stored bytes and is decoded like a frame of a file in the same transfer syntax. Copies
 * (one per decoding thread) share the fetched frames.
 */
final class RemoteFrameStore extends FrameStore {
    private final RemoteFrames frames;

    RemoteFrameStore(SegTransferSyntax syntax, int rows, int columns, int bitsAllocated, RemoteFrames frames) {
        super(syntax, rows, columns, bitsAllocated);
        this.frames = frames;
    }

    @Override Raw raw(int index) throws IOException {
        byte[] b = frames.get(index + 1);
        return decodeStored(b, b.length);
    }

    @Override Raw rawOrRle8(int index) throws IOException {
        if (syntax.encoding() != SegTransferSyntax.Encoding.RLE || bitsAllocated != 8) return raw(index);
        byte[] b = frames.get(index + 1);
        raw.data = b;
        raw.length = b.length;
        raw.bitOffset = 0;
        raw.kind = Kind.RLE8;
        return raw;
    }

    @Override FrameStore copy() {
        return new RemoteFrameStore(syntax, rows, columns, bitsAllocated, frames);
    }
}
