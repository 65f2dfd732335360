/**
 * The options of the DICOM SEG commands, independent of who asks for them: the keys
 * ({@link org.dicomseg.options.MacroKeys}, a contract recorded in users' macros), the allowed
 * choices and defaults, and the conversion of a filled key → value map into what the core needs
 * ({@link org.dicomseg.options.ExportOptions} → {@link org.dicomseg.write.SegWriteOptions},
 * {@link org.dicomseg.options.ImportOptions}).
 *
 * <p>The ImageJ dialogs ({@code org.dicomseg.ij.ui.CommandForm}: a GenericDialog, or the macro
 * options when headless) and the command line ({@code org.dicomseg.cli}) both fill a map and call
 * this package, so both apply the same rules and the same messages. A message names the key as
 * the caller shows it ({@link org.dicomseg.options.OptionValues#of(java.util.Map,
 * java.util.function.UnaryOperator)}: {@code compression} in a macro, {@code --compression} on the
 * command line).</p>
 *
 * <p>Plain Java: no ImageJ and no AWT, so the command line and tests use it without a display;
 * what only ImageJ knows (its version, for the default Software Versions) is passed in.</p>
 */
package org.dicomseg.options;
