/**
 * ImageJ adapters shared by the import, export and slide packages below it: segment display
 * colours, legal segment labels from ImageJ names, and the segment metadata (dcmqi JSON) carried as
 * an image property. The ImageJ floor ({@code ij} and its sub-packages) is the only place where
 * ImageJ classes meet the core; it may use every core package, never {@code plugins} or {@code cli}.
 */
package org.dicomseg.ij;
