package org.dicomseg.ij.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.Prefs;

/** Where a Browse button's chooser starts: the field's folder, else the folder last chosen for that key. */
class PathChooserTest {
    @AfterEach void forget() {
        Prefs.set(PathChooser.FOLDER_PREF + "seg", null);
    }

    @Test void startsWhereTheFieldPointsElseWhereTheUserWasLast(@TempDir Path dir) throws Exception {
        Path series = Files.createDirectories(dir.resolve("ct"));
        Path seg = Files.writeString(dir.resolve("a-seg.dcm"), "x");
        assertEquals(series.toString(), PathChooser.startFolder(series.toString(), null), "a folder: itself");
        assertEquals(dir.toString(), PathChooser.startFolder(seg.toString(), null), "a file: its folder");
        assertEquals(dir.toString(), PathChooser.startFolder(dir.resolve("not-yet.dcm").toString(), null), "a new file: its folder");
        assertEquals(series.toString(), PathChooser.startFolder("", series.toString()), "blank field: the remembered folder");
        assertEquals(series.toString(), PathChooser.startFolder("/no/such/place/x.dcm", series.toString()));
        assertNull(PathChooser.startFolder("", dir.resolve("gone").toString()), "else ImageJ's default");

        PathChooser.remember("seg", seg.toString());
        assertEquals(dir.toString(), PathChooser.rememberedFolder("seg"), "a chosen file's folder is remembered");
        assertEquals(dir.toString(), PathChooser.startFolder("", PathChooser.rememberedFolder("seg")));
    }
}
