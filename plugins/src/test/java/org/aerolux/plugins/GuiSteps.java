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
        String values = d.runDialog("AeroLux Segment (FarSeg)", scene, gd -> {
            GuiDriver.setChoice(gd, 0, "dominant-test");
            GuiDriver.setText(gd, 0, "3,2,1");
            GuiDriver.setText(gd, 1, "64");
            GuiDriver.setText(gd, 2, "16");
            GuiDriver.setChoice(gd, 2, "cpu");
            GuiDriver.setText(gd, 3, "2"); // batch
            GuiDriver.setCheckbox(gd, 0, true);
            GuiDriver.setCheckbox(gd, 1, false);
            GuiDriver.setCheckbox(gd, 2, false);
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
        Thread run = GuiDriver.runAsMenuCommand("AeroLux Segment (FarSeg)", "model=dominant-test bands=3,2,1 tile=16 overlap=8 device=cpu"
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
