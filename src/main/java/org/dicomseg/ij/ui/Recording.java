package org.dicomseg.ij.ui;

import ij.plugin.frame.Recorder;

/**
 * What ImageJ's Recorder keeps of a command. ImageJ writes the recorded line when the command
 * returns, whatever happened; a command that was cancelled or failed must leave nothing, so that a
 * recorded macro replays only what the user did ({@code Recorder.disableCommandRecording()}, ImageJ
 * 1.52 and later).
 */
public final class Recording {
    private Recording() { }

    /** The running command is not recorded (cancelled or failed). Harmless when nothing records. */
    public static void forget() {
        if (Recorder.getInstance() != null) Recorder.disableCommandRecording();
    }

    /** True while the Recorder is open and recording commands. */
    public static boolean recording() {
        return Recorder.record && Recorder.getInstance() != null;
    }
}
