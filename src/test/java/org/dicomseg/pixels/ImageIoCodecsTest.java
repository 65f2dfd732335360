package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.github.jaiimageio.impl.common.ImageUtil;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import org.junit.jupiter.api.Test;

/**
 * The codecs are chosen by class whatever ImageIO's registry holds and whichever class loader loaded
 * the plugin (issue 14): a decoy "jpeg2000"/"jpeg" provider registered first is not used; the plugin
 * loaded by a class loader of its own, with jai-imageio beside it (as ImageJ's plugin class loader
 * loads {@code plugins/jars/}), round-trips JPEG 2000 with its own copy; without the jars the message
 * names them and where they go. The end-to-end check in a real ImageJ is {@code plugins.InstalledImageJIT}.
 */
class ImageIoCodecsTest {

    /** A provider that claims "jpeg2000" and "jpeg" but cannot read anything: what another plugin might register. */
    static final class DecoyReaderSpi extends ImageReaderSpi {
        DecoyReaderSpi() {
            super("decoy", "1", new String[] {"jpeg2000", "JPEG2000", "jpeg", "JPEG"}, new String[] {"j2k"}, new String[] {"image/jp2"},
                    "decoy.Reader", new Class<?>[] {ImageInputStream.class}, null, false, null, null, null, null, false, null, null, null, null);
        }

        @Override public boolean canDecodeInput(Object source) { return true; }
        @Override public ImageReader createReaderInstance(Object extension) { throw new UnsupportedOperationException("decoy reader"); }
        @Override public String getDescription(Locale locale) { return "decoy"; }
    }

    /** The writer side of the decoy. */
    static final class DecoyWriterSpi extends ImageWriterSpi {
        DecoyWriterSpi() {
            super("decoy", "1", new String[] {"jpeg2000", "JPEG2000"}, new String[] {"j2k"}, new String[] {"image/jp2"},
                    "decoy.Writer", new Class<?>[] {javax.imageio.stream.ImageOutputStream.class}, null, false, null, null, null, null,
                    false, null, null, null, null);
        }

        @Override public boolean canEncodeImage(javax.imageio.ImageTypeSpecifier type) { return true; }
        @Override public ImageWriter createWriterInstance(Object extension) { throw new UnsupportedOperationException("decoy writer"); }
        @Override public String getDescription(Locale locale) { return "decoy"; }
    }

    static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aProviderRegisteredFirstUnderTheSameNameIsNotUsed() throws Exception {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        DecoyReaderSpi reader = new DecoyReaderSpi();
        DecoyWriterSpi writer = new DecoyWriterSpi();
        registry.registerServiceProvider(reader);
        registry.registerServiceProvider(writer);
        try {
            for (ImageReaderSpi other : iterable(registry.getServiceProviders(ImageReaderSpi.class, true))) {
                if (other != reader) registry.setOrdering(ImageReaderSpi.class, reader, other);
            }
            for (ImageWriterSpi other : iterable(registry.getServiceProviders(ImageWriterSpi.class, true))) {
                if (other != writer) registry.setOrdering(ImageWriterSpi.class, writer, other);
            }
            // the trap is set: a look-up by format name now meets the decoy first
            assertThrows(() -> ImageIO.getImageReadersByFormatName("jpeg2000").next());
            assertThrows(() -> ImageIO.getImageWritersByFormatName("jpeg2000").next());
            assertThrows(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

            byte[] frame = noise(61 * 47, 11);
            assertArrayEquals(frame, Jpeg2000Codec.decode(Jpeg2000Codec.encode(frame, 47, 61, 8), 47, 61, 8));

            BufferedImage img = new BufferedImage(40, 24, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 24; y++) for (int x = 0; x < 40; x++) img.getRaster().setSample(x, y, 0, x < 20 ? 30 : 220);
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(img, "jpeg", jpeg));
            ImageReader jdk = ImageIoCodecs.jpegReader();
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg.toByteArray()))) {
                jdk.setInput(in);
                BufferedImage back = jdk.read(0);
                assertEquals(40, back.getWidth());
                assertTrue(Math.abs(back.getRaster().getSample(5, 5, 0) - 30) < 8 && Math.abs(back.getRaster().getSample(35, 5, 0) - 220) < 8);
            } finally {
                jdk.dispose();
            }
        } finally {
            registry.deregisterServiceProvider(reader);
            registry.deregisterServiceProvider(writer);
        }
    }

    @Test
    void thePluginInAClassLoaderOfItsOwnUsesTheJaiImageioBesideIt() throws Exception {
        URL classes = ImageIoCodecs.class.getProtectionDomain().getCodeSource().getLocation();
        URL j2k = J2KImageReaderSpi.class.getProtectionDomain().getCodeSource().getLocation();
        URL core = ImageUtil.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {classes, j2k, core}, ClassLoader.getPlatformClassLoader())) {
            Class<?> codec = plugin.loadClass(Jpeg2000Codec.class.getName());
            assertNotSame(Jpeg2000Codec.class, codec);
            // ImageIO's registry holds the class path's copy of jai-imageio; a cast to the plugin's copy of its classes fails
            assertNotSame(J2KImageReaderSpi.class, plugin.loadClass(J2KImageReaderSpi.class.getName()));
            byte[] frame = noise(2 * 33 * 29, 12);
            for (int i = 1; i < frame.length; i += 2) frame[i] &= 0x7F;
            Method encode = codec.getMethod("encode", byte[].class, int.class, int.class, int.class);
            Method decode = codec.getMethod("decode", byte[].class, int.class, int.class, int.class);
            byte[] cs = (byte[]) encode.invoke(null, frame, 29, 33, 16);
            assertArrayEquals(frame, (byte[]) decode.invoke(null, cs, 29, 33, 16));
            Class<?> codecs = plugin.loadClass(ImageIoCodecs.class.getName());
            ImageReader r = (ImageReader) codecs.getMethod("jpeg2000Reader").invoke(null);
            assertSame(plugin, r.getClass().getClassLoader(), "the reader is the plugin's own copy");
            r.dispose();
        }
    }

    @Test
    void withoutTheJarsTheMessageNamesThemAndWhereTheyGo() throws Exception {
        URL classes = ImageIoCodecs.class.getProtectionDomain().getCodeSource().getLocation();
        byte[] cs = Jpeg2000Codec.encode(noise(20 * 10, 13), 10, 20, 8);
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> codec = plugin.loadClass(Jpeg2000Codec.class.getName());
            Class<?> codecs = plugin.loadClass(ImageIoCodecs.class.getName());
            assertEquals(false, codecs.getMethod("jpeg2000Available").invoke(null));
            for (Object[] call : new Object[][] {
                    {codec.getMethod("encode", byte[].class, int.class, int.class, int.class), new Object[] {new byte[200], 10, 20, 8}},
                    {codec.getMethod("decode", byte[].class, int.class, int.class, int.class), new Object[] {cs, 10, 20, 8}}}) {
                InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                        () -> ((Method) call[0]).invoke(null, (Object[]) call[1]));
                assertEquals(IllegalStateException.class, e.getCause().getClass(), String.valueOf(e.getCause()));
                String m = e.getCause().getMessage();
                assertTrue(m.startsWith(ImageIoCodecs.JPEG_2000_MISSING), m);
                assertTrue(m.contains("jai-imageio-jpeg2000-1.4.0.jar") && m.contains("plugins/jars/"), m);
            }
        }
        assertEquals(true, ImageIoCodecs.jpeg2000Available());
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, e);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        java.util.List<T> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
