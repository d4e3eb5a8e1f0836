package org.aerolux.plugins;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** GUI steps with the segmentation command: a recorded dialog run and its replay, and Esc during a run. */
final class GuiSteps {
    private GuiSteps() {}

    static void run(String step, GuiDriver d) throws Exception {
        switch (step) {
            case "record-segment" -> recordSegment(d);
            case "cancel" -> cancel(d);
            case "dialogs" -> dialogs(d);
            default -> throw new IllegalArgumentException("unknown GUI step " + step);
        }
    }

    private static ImagePlus importLandsat() throws Exception {
        IJ.runMacro("run(\"AeroLux Import GeoTIFF\", \"path=[" + System.getProperty("aerolux.gui.landsat") + "]\");");
        GuiDriver.waitFor("the imported scene", () -> WindowManager.getCurrentImage() != null);
        return WindowManager.getCurrentImage();
    }

    /** Segment through its dialog with the Recorder on, then the recorded line replayed: the labels must be equal. */
    private static void recordSegment(GuiDriver d) throws Exception {
        ImagePlus scene = importLandsat();
        d.startRecorder();
        // the everyday dialog: model, bands, device (choices 0 and 1, text field 0), the result checkboxes; tile,
        // overlap and batch in the advanced dialog (text fields 0, 1, 2)
        String values = d.runDialog("AeroLux Segment (FarSeg)", scene, gd -> {
            GuiDriver.setChoice(gd, 0, "dominant-test");
            GuiDriver.setText(gd, 0, "3,2,1");
            GuiDriver.setChoice(gd, 1, "cpu");
            GuiDriver.setCheckbox(gd, 0, true);
            GuiDriver.setCheckbox(gd, 1, false);
            GuiDriver.setCheckbox(gd, 2, false);
        }, adv -> {
            GuiDriver.setText(adv, 0, "64");
            GuiDriver.setText(adv, 1, "16");
            GuiDriver.setText(adv, 2, "2");
        });
        GuiDriver.waitFor("the labels", () -> WindowManager.getImage("L7_ETMs_labels") != null);
        byte[] first = ((byte[]) WindowManager.getImage("L7_ETMs_labels").getProcessor().getPixels()).clone();
        String line = d.recordedLine("AeroLux Segment (FarSeg)");
        d.note("dialog " + values);
        WindowManager.getImage("L7_ETMs_labels").changes = false;
        WindowManager.getImage("L7_ETMs_labels").close();
        WindowManager.setTempCurrentImage(scene);
        IJ.selectWindow(scene.getID());
        IJ.runMacro(line);
        GuiDriver.waitFor("the replayed labels", () -> WindowManager.getImage("L7_ETMs_labels") != null);
        byte[] again = (byte[]) WindowManager.getImage("L7_ETMs_labels").getProcessor().getPixels();
        d.write("record-segment.txt", line + "\n" + Arrays.equals(first, again) + "\n" + count(first) + "\n");
        d.closeAll();
    }

    /** Esc during a multi-tile run with a save folder: no result image and no file may remain. */
    private static void cancel(GuiDriver d) throws Exception {
        ImagePlus scene = importLandsat();
        Path save = d.out().resolve("cancel-save");
        Files.createDirectories(save);
        IJ.selectWindow(scene.getID());
        // 8 px tiles at a stride of 1: about 123,000 tiles, tens of seconds even on an idle machine (3,000 tiles/s seen),
        // so the Esc below lands mid-run
        Thread run = GuiDriver.runAsMenuCommand("AeroLux Segment (FarSeg)", "model=dominant-test bands=3,2,1 tile=8 overlap=7 device=cpu"
                + " batch=1 labels probabilities confidence save=[" + save + "]");
        // the outputs' temporary files exist once the tiles run
        try {
            GuiDriver.waitFor("the run to start writing", () -> list(save).length > 0 || !run.isAlive());
        } catch (IllegalStateException e) {
            StringBuilder w = new StringBuilder();
            for (java.awt.Window win : java.awt.Window.getWindows())
                if (win.isShowing()) w.append(win.getClass().getSimpleName()).append(':').append(win instanceof java.awt.Dialog dl ? dl.getTitle() : win.getName()).append(' ');
            d.note("windows: " + w);
            d.screenshot("cancel-timeout.png");
            throw e;
        }
        d.focusImageJ();
        d.key(KeyEvent.VK_ESCAPE);
        run.join(120_000);
        String[] left = list(save);
        d.write("cancel.txt", "alive " + run.isAlive() + "\nimages " + WindowManager.getImageCount() + "\nfiles " + String.join(",", left) + "\n"
                + "status " + IJ.getInstance().getStatusBar().toString() + "\n");
        d.closeAll();
    }

    /**
     * On screen: an RGB GeoTIFF imported as a colour composite; the Segment and Enhance dialogs (everyday fields,
     * the Advanced... button) and their advanced dialogs, as component lists and screenshots; a Segment run with
     * rois and areas fills the ROI Manager and opens the "AeroLux Areas" table window.
     */
    private static void dialogs(GuiDriver d) throws Exception {
        IJ.runMacro("run(\"AeroLux Import GeoTIFF\", \"path=[" + System.getProperty("aerolux.gui.rgb") + "]\");");
        GuiDriver.waitFor("the RGB image", () -> WindowManager.getCurrentImage() != null);
        ImagePlus rgb = WindowManager.getCurrentImage();
        StringBuilder c = new StringBuilder(rgb.isComposite() + " " + ((ij.CompositeImage) rgb).getModeAsString());
        for (int ch = 1; ch <= rgb.getNChannels(); ch++) {
            java.awt.image.IndexColorModel lut = ((ij.CompositeImage) rgb).getChannelLut(ch);
            c.append(' ').append(rgb.getStack().getSliceLabel(ch)).append(':').append(lut.getRed(255)).append(',').append(lut.getGreen(255))
                    .append(',').append(lut.getBlue(255));
        }
        d.write("composite.txt", c + "\n");
        Thread.sleep(500);
        d.screenshot("composite.png");
        for (String command : new String[] {"AeroLux Segment (FarSeg)", "AeroLux Enhance (CUE)"}) {
            String name = command.startsWith("AeroLux Segment") ? "segment" : "enhance";
            ij.gui.GenericDialog gd = d.openDialog(command, rgb);
            Thread.sleep(500);
            d.write(name + "-dialog.txt", GuiDriver.components(gd));
            d.screenshot(name + "-dialog.png");
            ij.gui.GenericDialog adv = d.openAdvanced(gd, command);
            Thread.sleep(500);
            d.write(name + "-advanced.txt", GuiDriver.components(adv));
            d.screenshot(name + "-advanced.png");
            GuiDriver.press(adv, 0);
            GuiDriver.press(gd, 1);
            GuiDriver.waitFor("the dialog of " + command + " to close", () -> !gd.isShowing());
        }
        // Enhance through its dialog with the Recorder on, Advanced... left closed: the line still holds every key
        d.startRecorder();
        d.runDialog("AeroLux Enhance (CUE)", rgb, gd -> GuiDriver.setChoice(gd, 1, "cpu"));
        try {
            GuiDriver.waitFor("the enhanced image", () -> WindowManager.getImage("rgb-sample_enhanced") != null);
        } catch (IllegalStateException e) {
            d.note("images: " + String.join(",", WindowManager.getImageTitles()) + "\nlog: " + IJ.getLog());
            d.screenshot("enhance-timeout.png");
            throw e;
        }
        d.write("record-enhance.txt", d.recordedLine("AeroLux Enhance (CUE)") + "\n");
        WindowManager.getImage("rgb-sample_enhanced").changes = false;
        java.awt.EventQueue.invokeAndWait(() -> WindowManager.getImage("rgb-sample_enhanced").close());
        IJ.selectWindow(rgb.getID());
        IJ.runMacro("run(\"AeroLux Segment (FarSeg)\", \"model=dominant-test bands=1,2,3 tile=64 overlap=16 device=cpu rois areas\");");
        GuiDriver.waitFor("the ROI Manager", () -> ij.plugin.frame.RoiManager.getInstance() != null
                && ij.plugin.frame.RoiManager.getInstance().getCount() > 0);
        GuiDriver.waitFor("the areas table", () -> WindowManager.getFrame("AeroLux Areas") != null);
        ij.plugin.frame.RoiManager rm = ij.plugin.frame.RoiManager.getInstance();
        ij.measure.ResultsTable areas = ((ij.text.TextWindow) WindowManager.getFrame("AeroLux Areas")).getResultsTable();
        d.write("rois.txt", String.join("|", Integer.toString(rm.getCount()), rm.getRoi(0).getName(), Integer.toString(areas.size()),
                areas.getStringValue("class", 1), Integer.toString((int) areas.getValue("pixels", 1)),
                Integer.toString(ij.measure.ResultsTable.getResultsTable().size())) + "\n");
        java.awt.EventQueue.invokeAndWait(() -> rm.runCommand(rgb, "Show All"));
        Thread.sleep(800);
        d.screenshot("rois.png");
        d.closeAll();
        // the cap with a display: a checkerboard of 20,000 one-pixel objects gives 5,000 ROIs, in bounded time
        java.awt.EventQueue.invokeAndWait(rm::reset);
        IJ.runMacro(String.join("\n", "newImage(\"checker\", \"RGB black\", 200, 200, 1);",
                "for (y = 0; y < 200; y++) for (x = 0; x < 200; x++) { if ((x + y) % 2 == 0) setPixel(x, y, 0xff0000); else setPixel(x, y, 0x00ff00); }"));
        long t0 = System.nanoTime();
        IJ.runMacro("run(\"AeroLux Segment (FarSeg)\", \"model=dominant-test bands=1,2,3 tile=64 overlap=16 device=cpu rois\");");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        d.write("cap.txt", rm.getCount() + " " + ms + "\n");
        d.note("20000 objects: " + rm.getCount() + " ROIs in " + ms + " ms");
        d.closeAll();
    }

    private static String[] list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (java.io.IOException e) {
            return new String[] {"cannot list: " + e};
        }
    }

    private static int count(byte[] labels) {
        int[] n = new int[256];
        for (byte b : labels) n[b & 0xFF]++;
        return n[0] + n[1] + n[2];
    }
}
