package org.dicomseg.pixels;

import java.util.Iterator;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * The ImageIO codecs behind the compressed transfer syntaxes, chosen by class, never by format name:
 * JPEG 2000 (PS3.5 A.4.4, 1.2.840.10008.1.2.4.90/.91) from jai-imageio-jpeg2000, instantiated from
 * its service providers directly, and JPEG Baseline/Extended (A.4.1, .50/.51) from the JDK.
 *
 * <p>Why not {@code ImageIO.getImageReadersByFormatName("jpeg2000")}: ImageIO's registry is filled
 * once per application context from the class path, so it never sees jars that ImageJ's plugin class
 * loader reads from {@code plugins/jars/}; and in Fiji other "jpeg2000" or "jpeg" providers
 * (other jai-imageio copies, OpenJPEG bindings, TwelveMonkeys) may come first, so taking the first one
 * and casting its parameters is a gamble. Here the jai-imageio classes are linked by the class loader
 * that loaded this class, which is the one holding the plugin's dependencies wherever they were
 * installed.</p>
 */
public final class ImageIoCodecs {
    /** Provider classes of jai-imageio-jpeg2000, by name so that a missing jar is reported, not thrown at link time. */
    static final String J2K_READER_SPI = "com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi";
    static final String J2K_WRITER_SPI = "com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi";
    /** The JDK's JPEG reader provider (module java.desktop). */
    static final String JDK_JPEG_READER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";

    /** What a user reads when jai-imageio is missing: which jars, and where they go. */
    public static final String JPEG_2000_MISSING = "JPEG 2000 needs jai-imageio-jpeg2000-1.4.0.jar and jai-imageio-core-1.4.0.jar"
            + " beside the plugin (ImageJ: plugins/jars/, Fiji: jars/; scripts/install puts them there, see docs/install.md)";

    /** The providers, made once (a failure is not kept: the next call reports it again). */
    private static volatile ImageReaderSpi j2kReaderSpi;
    private static volatile ImageWriterSpi j2kWriterSpi;

    private ImageIoCodecs() { }

    /** A new JPEG 2000 reader of jai-imageio-jpeg2000 (dispose it after use). */
    public static ImageReader jpeg2000Reader() {
        try {
            ImageReaderSpi spi = j2kReaderSpi;
            if (spi == null) j2kReaderSpi = spi = (ImageReaderSpi) provider(J2K_READER_SPI);
            return spi.createReaderInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("JPEG 2000 reader cannot be created: " + e.getMessage(), e);
        }
    }

    /** A new JPEG 2000 writer of jai-imageio-jpeg2000 (dispose it after use). */
    public static ImageWriter jpeg2000Writer() {
        try {
            ImageWriterSpi spi = j2kWriterSpi;
            if (spi == null) j2kWriterSpi = spi = (ImageWriterSpi) provider(J2K_WRITER_SPI);
            return spi.createWriterInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("JPEG 2000 writer cannot be created: " + e.getMessage(), e);
        }
    }

    /** True when jai-imageio-jpeg2000 (and the core it needs) can be loaded by the plugin's class loader. */
    public static boolean jpeg2000Available() {
        try {
            if (j2kReaderSpi == null) j2kReaderSpi = (ImageReaderSpi) provider(J2K_READER_SPI);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * A new JPEG Baseline reader: the JDK's own (always registered, being part of the platform), picked
     * among the registered "jpeg" readers by its provider class; the JDK's classes are not exported,
     * hence the look-up instead of {@code new}.
     */
    public static ImageReader jpegReader() {
        Iterator<ImageReaderSpi> it = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                spi -> JDK_JPEG_READER_SPI.equals(spi.getClass().getName()), false);
        if (!it.hasNext()) throw new IllegalStateException("The JDK's JPEG reader (" + JDK_JPEG_READER_SPI + ") is not registered with ImageIO");
        try {
            return it.next().createReaderInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("JPEG reader cannot be created: " + e.getMessage(), e);
        }
    }

    private static Object provider(String className) {
        try {
            Class<?> c = Class.forName(className, true, ImageIoCodecs.class.getClassLoader());
            return c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(JPEG_2000_MISSING, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JPEG 2000 codec " + className + " cannot be created: " + e, e);
        }
    }
}
