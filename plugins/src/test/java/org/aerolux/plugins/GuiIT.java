package org.aerolux.plugins;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.aerolux.core.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ImageJ with a display, under an Xvfb this test starts itself: the commands are in Plugins &gt; AeroLux (a
 * screenshot of the open menu is kept in target/gui-artifacts), dialog runs with the Recorder on give the
 * documented macro lines, and those lines replay to the same result.
 */
class GuiIT {
    static final List<String> COMMANDS = List.of("AeroLux Segment (FarSeg)", "AeroLux Enhance (CUE)", "AeroLux Calibration",
            "AeroLux Import GeoTIFF", "AeroLux Export GeoTIFF", "AeroLux Batch", "AeroLux Models", "AeroLux System Check");
    static Path artifacts;

    @BeforeAll
    static void folder() throws Exception {
        artifacts = Files.createDirectories(Path.of("target", "gui-artifacts").toAbsolutePath());
    }

    /** Runs the driver in ImageJ on a fresh Xvfb and returns its output folder. */
    static Path drive(String name, String... steps) throws Exception {
        Path out = Files.createDirectories(artifacts.resolve(name));
        try (Stream<Path> old = Files.walk(out)) { // a failed earlier run may have left files in sub-folders
            for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) if (!p.equals(out)) Files.delete(p);
        }
        Path fiji = HeadlessFiji.bundle();
        Path models = artifacts.resolve("models");
        if (!Files.exists(models.resolve("cue-demo.onnx"))) {
            // the test segmentation model and the bundle's demo enhancer
            org.aerolux.core.model.ModelInstaller.install(TestSegModel.in(artifacts.resolve("model-src")), models, java.util.Optional.empty());
            org.aerolux.core.model.ModelInstaller.install(fiji.resolve("models/aerolux/cue-demo.onnx"), models, java.util.Optional.empty());
        }
        List<String> cp = new ArrayList<>();
        cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (Path dir : List.of(fiji.resolve("jars"), Path.of("target", "fiji-provided").toAbsolutePath()))
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
            }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dai.djl.offline=true", "-Dplugins.dir=" + fiji, "-Daerolux.gui.landsat=" + SharedData.landsat(),
                "-Daerolux.repo=" + SharedData.repo(), "-Daerolux.gui.rgb=" + rgbSample(), "-Daerolux.models=" + models, "-cp", String.join(File.pathSeparator, cp), GuiDriver.class.getName(), out.toString()));
        cmd.addAll(List.of(steps));
        try (Xvfb x = Xvfb.start()) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("driver.log").toFile());
            pb.environment().put("DISPLAY", x.display());
            Process p = pb.start();
            boolean ended = p.waitFor(8, TimeUnit.MINUTES);
            if (!ended) p.destroyForcibly();
            String log = Files.readString(out.resolve("driver.log"));
            assertTrue(ended, "the GUI driver hung:\n" + log);
            assertEquals(0, p.exitValue(), "the GUI driver failed:\n" + log);
        }
        return out;
    }

    @Test
    void pluginsAeroLuxHoldsEveryCommandAndTheMenuOpens() throws Exception {
        Path out = drive("menu", "menu");
        List<String> lines = Files.readAllLines(out.resolve("commands.txt"));
        for (String c : COMMANDS)
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(c + "\torg.aerolux.plugins.")), c + " missing from " + lines);
        String menu = lines.stream().filter(l -> l.startsWith("menu\t")).findFirst().orElseThrow();
        for (String c : COMMANDS) assertTrue(menu.contains(c), c + " not in Plugins>AeroLux: " + menu);
        // the screenshot shows the open submenu: the region right of the ImageJ window is no longer the empty screen
        BufferedImage shot = ImageIO.read(out.resolve("menu.png").toFile());
        assertNotNull(shot);
        assertTrue(nonBlackPixels(shot) > 20_000, "the screenshot shows no open menu");
        Files.copy(out.resolve("menu.png"), artifacts.resolve("fiji-menu.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aDialogRunRecordsTheDocumentedLineWhichReplaysTheSame() throws Exception {
        Path out = drive("record-import", "record-import");
        List<String> lines = Files.readAllLines(out.resolve("record-import.txt"));
        // ImageJ's Recorder brackets a value only when it holds a space
        assertEquals("run(\"AeroLux Import GeoTIFF\", \"path=" + SharedData.landsat() + "\");", lines.get(0));
        assertEquals("L7_ETMs.tif 349x352x6 31985", lines.get(1));
        assertEquals(lines.get(1), lines.get(2), "the replay differs");
    }

    @Test
    void aSegmentDialogRunRecordsItsKeysAndTheLineReplaysTheSameLabels() throws Exception {
        Path out = drive("record-segment", "record-segment");
        List<String> lines = Files.readAllLines(out.resolve("record-segment.txt"));
        // the advanced keys are recorded after the everyday ones, whether the Advanced... dialog was opened or not
        assertEquals("run(\"AeroLux Segment (FarSeg)\", \"model=dominant-test bands=3,2,1 device=cpu tile=64 overlap=16 blend=cosine"
                + " batch=2 temperature=auto resample=auto gpu_mem_limit=0 cudnn_search=exhaustive labels save=[]\");", lines.get(0));
        assertEquals("true", lines.get(1), "the replayed labels differ from the dialog run's");
        assertEquals(Integer.toString(349 * 352), lines.get(2), "every pixel has a class");
    }

    @Test
    void escDuringAMultiTileRunLeavesNoImageAndNoFile() throws Exception {
        Path out = drive("cancel", "cancel");
        List<String> lines = Files.readAllLines(out.resolve("cancel.txt"));
        assertEquals("alive false", lines.get(0));
        assertEquals("images 1", lines.get(1), "only the input image may remain");
        assertEquals("files ", lines.get(2), "the save folder must be empty");
        String log = Files.readString(out.resolve("driver.log"));
        assertFalse(log.contains("Exception"), log);
    }

    @Test
    void rgbOpensAsACompositeAndTheDialogsKeepExpertAndCudaFieldsInAdvanced() throws Exception {
        Path out = drive("dialogs", "dialogs");
        assertEquals("true composite red:255,0,0 green:0,255,0 blue:0,0,255", Files.readAllLines(out.resolve("composite.txt")).get(0));
        for (String name : List.of("segment", "enhance")) {
            String main = Files.readString(out.resolve(name + "-dialog.txt")), adv = Files.readString(out.resolve(name + "-advanced.txt"));
            for (String everyday : List.of("label\tModel", "label\tBands", "label\tDevice", "button\tAdvanced..."))
                assertTrue(main.contains(everyday), name + " dialog lacks " + everyday + ":\n" + main);
            // ImageJ shows the underscores of gpu_mem_limit and cudnn_search as spaces (the keys keep them)
            for (String expert : List.of("label\tTile (px", "label\tgpu mem limit", "label\tcudnn search")) {
                assertFalse(main.contains(expert), name + " dialog shows " + expert + ":\n" + main);
                assertTrue(adv.contains(expert), name + " advanced dialog lacks " + expert + ":\n" + adv);
            }
            for (String shot : List.of(name + "-dialog.png", name + "-advanced.png")) {
                BufferedImage img = ImageIO.read(out.resolve(shot).toFile());
                assertTrue(nonBlackPixels(img) > 20_000, shot + " shows no dialog");
                Files.copy(out.resolve(shot), artifacts.resolve(shot), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertTrue(Files.readString(out.resolve("segment-dialog.txt")).contains("checkbox\tROIs"));
        assertTrue(Files.readString(out.resolve("segment-advanced.txt")).contains("label\tOverlap"));
        // rois and areas with a display: the ROI Manager and a table window of its own; "Results" untouched (empty)
        String[] r = Files.readAllLines(out.resolve("rois.txt")).get(0).split("\\|");
        assertTrue(Integer.parseInt(r[0]) > 0, String.join("|", r));
        assertTrue(r[1].matches("(green|blue) 1"), r[1]);
        assertEquals("3", r[2]);
        assertEquals("green", r[3]);
        assertEquals("0", r[5], "the Results table was written to");
        assertEquals("run(\"AeroLux Enhance (CUE)\", \"model=cue-demo bands=default device=cpu tile=auto gpu_mem_limit=0"
                + " cudnn_search=exhaustive save=[]\");", Files.readAllLines(out.resolve("record-enhance.txt")).get(0),
                "Advanced... was not opened, yet its keys must be recorded");
        String[] cap = Files.readAllLines(out.resolve("cap.txt")).get(0).split(" ");
        assertEquals("5000", cap[0], "ROIs of 20,000 objects");
        assertTrue(Long.parseLong(cap[1]) < 120_000, "the capped run took " + cap[1] + " ms");
        Files.copy(out.resolve("composite.png"), artifacts.resolve("composite.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(out.resolve("rois.png"), artifacts.resolve("rois.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A 200x160 RGB GeoTIFF (red, green, blue band descriptions) cut from the project's own sample scene. */
    static Path rgbSample() {
        Path p = artifacts.resolve("rgb-sample.tif");
        if (!Files.exists(p)) org.aerolux.core.testing.Gdal.translate(SharedData.repo().resolve("samples/scene.tif"), p, "-srcwin", "0", "576", "200", "160");
        return p;
    }

    static long nonBlackPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0) n++;
        return n;
    }
}
