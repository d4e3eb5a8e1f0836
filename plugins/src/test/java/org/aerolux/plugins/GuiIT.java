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
        try (Stream<Path> old = Files.list(out)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        Path fiji = HeadlessFiji.bundle();
        Path models = artifacts.resolve("models");
        if (!Files.exists(models.resolve("registry.json")))
            org.aerolux.core.model.ModelInstaller.install(TestSegModel.in(artifacts.resolve("model-src")), models, java.util.Optional.empty());
        List<String> cp = new ArrayList<>();
        cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (Path dir : List.of(fiji.resolve("jars"), Path.of("target", "fiji-provided").toAbsolutePath()))
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
            }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dai.djl.offline=true", "-Dplugins.dir=" + fiji, "-Daerolux.gui.landsat=" + SharedData.landsat(),
                "-Daerolux.repo=" + SharedData.repo(), "-Daerolux.models=" + models, "-cp", String.join(File.pathSeparator, cp), GuiDriver.class.getName(), out.toString()));
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
        assertEquals("run(\"AeroLux Segment (FarSeg)\", \"model=dominant-test bands=3,2,1 tile=64 overlap=16 blend=cosine device=cpu"
                + " batch=2 temperature=auto gpu_mem_limit=0 cudnn_search=exhaustive labels save=[]\");", lines.get(0));
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

    static long nonBlackPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0) n++;
        return n;
    }
}
