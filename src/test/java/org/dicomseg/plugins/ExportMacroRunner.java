package org.dicomseg.plugins;

import java.util.concurrent.Callable;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

/**
 * Test helper: runs export code as ImageJ runs a plugin from {@code run("...", options)} without a
 * display: the macro options are attached to the current thread (which ImageJ only honours for
 * threads named "Run$_...") and {@code imp} is the current image.
 */
final class ExportMacroRunner {
    private ExportMacroRunner() { }

    static <T> T run(ImagePlus imp, String options, Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        String name = t.getName();
        t.setName("Run$_test");
        Macro.setOptions(t, options);
        WindowManager.setTempCurrentImage(imp);
        try {
            return body.call();
        } finally {
            WindowManager.setTempCurrentImage(null);
            Macro.setOptions(t, null);
            t.setName(name);
        }
    }
}
