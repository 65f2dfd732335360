/**
 * The contract of a long task, shared by every layer (the floor of the package graph: plain Java,
 * imports nothing of the project, and every package may use it).
 *
 * <ul>
 *   <li>{@link org.dicomseg.task.Progress}: how far a task is, and whether the caller asked it to
 *       stop. The writer reports frames, the reconstruction frames placed, the export mask planes
 *       read, the import planes built; the ImageJ commands pass one bridge to the progress bar and
 *       the Esc key, the command line and tests {@link org.dicomseg.task.Progress#NONE}.</li>
 *   <li>{@link org.dicomseg.task.CanceledException}: the task stopped because it was asked to.
 *       Not a failure: callers show it as a status.</li>
 *   <li>{@link org.dicomseg.task.InputException}: the task's input cannot be read (a file that is
 *       not DICOM or not a Segmentation, malformed metadata, sources that do not match the mask).</li>
 *   <li>{@link org.dicomseg.task.OutputException}: the task's output cannot be written (it exists
 *       and may not be replaced, it is one of the inputs, the disk failed).</li>
 *   <li>{@link org.dicomseg.task.Messages}: a failure's message as the one printable line the user
 *       sees (control characters escaped, huge numbers shortened, no Java class names).</li>
 *   <li>{@link org.dicomseg.task.SessionLru}: the storage of every session cache (least recently
 *       used dropped first, bounded by entries and/or weight, hits and misses counted), so that
 *       the caches above hold only their keys and their validation.</li>
 * </ul>
 *
 * <p>The two failure roots are checked {@link java.io.IOException}s because they are about files the
 * user chose: callers (the commands, the command line) catch the roots and show the message, which
 * names the file and the problem, as it is. Programming errors (bad arguments) stay
 * {@link java.lang.IllegalArgumentException}s.</p>
 */
package org.dicomseg.task;
