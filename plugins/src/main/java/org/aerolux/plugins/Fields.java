package org.aerolux.plugins;

import ij.Macro;
import ij.gui.GenericDialog;
import java.awt.GraphicsEnvironment;

/**
 * Dialog fields that behave the same in the GUI and headless. Headless ImageJ (ij1-patcher's dialog, as in Fiji's
 * --headless) ignores file and folder fields, so there they are plain text fields with the same label, hence the
 * same macro key.
 */
final class Fields {
    private Fields() {}

    /**
     * A new dialog. Headless, a command run without options (e.g. {@code run("AeroLux Models")}) takes every
     * default: ImageJ's headless dialog only works from macro options, so an empty option string stands in.
     */
    static GenericDialog dialog(String title) {
        if (GraphicsEnvironment.isHeadless() && Macro.getOptions() == null) Macro.setOptions(" ");
        return new GenericDialog(title);
    }

    /** A file path (with Browse in the GUI). */
    static void file(GenericDialog gd, String label, String value) {
        if (GraphicsEnvironment.isHeadless()) gd.addStringField(label, value, 40);
        else gd.addFileField(label, value, 40);
    }

    /** A folder path (with Browse in the GUI). */
    static void directory(GenericDialog gd, String label, String value) {
        if (GraphicsEnvironment.isHeadless()) gd.addStringField(label, value, 40);
        else gd.addDirectoryField(label, value, 40);
    }

    /** Shows the dialog; a Cancel ends the command. */
    static void show(GenericDialog gd) {
        gd.showDialog();
        if (gd.wasCanceled()) throw new CommandRunner.DialogCancelled();
    }
}
