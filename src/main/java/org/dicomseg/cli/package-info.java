/**
 * The {@code dicomseg} command line ({@link org.dicomseg.cli.Main}, launched by the script at the
 * repository root): the sub-commands info, import, export and demo over the same core and
 * {@code ij.*} adapters as the Fiji commands, headless, with a stable exit status and output.
 * Top floor beside {@code plugins}: may use everything below, never {@code plugins}; nothing uses it.
 */
package org.dicomseg.cli;
