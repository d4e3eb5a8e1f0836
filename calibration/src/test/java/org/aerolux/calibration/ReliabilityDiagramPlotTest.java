package org.aerolux.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityDiagramPlotTest {
    private static final int BAR_BLUE = 0x3B6FB6;

    @Test
    void writesAReadablePng(@TempDir Path dir) throws Exception {
        ImageCalibration m = Blocks.evaluate(TemperatureTest.synthetic(4, 20_000, 2.0, 3, ScoreKind.LOGITS), Blocks.all());
        Path png = dir.resolve("reliability.png");
        ReliabilityDiagramPlot.writePng(m.diagram(), "Reliability (test)", png);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList());
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(960, img.getHeight());
        // accuracy bars are drawn for the non-empty bins; an empty diagram draws none
        assertTrue(countColour(img, BAR_BLUE) > 20_000, "accuracy bars");
        BufferedImage empty = ReliabilityDiagramPlot.render(ReliabilityDiagram.empty(15), "empty");
        assertTrue(countColour(empty, BAR_BLUE) < 1_000, "only the legend swatch");
        // more bins than pixels of width still renders
        BufferedImage many = ReliabilityDiagramPlot.render(ReliabilityDiagram.empty(1000), null, 400, 400);
        assertEquals(400, many.getWidth());
    }

    private static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
        return n;
    }
}
