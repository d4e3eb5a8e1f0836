package org.aerolux.plugins;

/** GUI steps that need the segmentation and enhancement commands (added with them). */
final class GuiSteps {
    private GuiSteps() {}

    static void run(String step, GuiDriver d) throws Exception {
        throw new IllegalArgumentException("unknown GUI step " + step);
    }
}
