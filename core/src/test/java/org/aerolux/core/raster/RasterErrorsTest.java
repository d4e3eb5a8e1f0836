package org.aerolux.core.raster;

import static org.aerolux.core.raster.GeoTiffSourceTest.assertBad;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.imglib2.FinalInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.view.Views;
import org.aerolux.core.BadInputException;
import org.aerolux.core.ExitCode;
import org.aerolux.core.UsageException;
import org.aerolux.core.io.TempFiles;
import org.aerolux.core.testing.SharedData;
import org.aerolux.core.testing.TestImages;
import org.aerolux.core.testing.TiffBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken inputs fail fast with one line naming file and problem; failed or abandoned outputs leave no file. */
class RasterErrorsTest {
    @TempDir
    Path tmp;

    private Path valid(String name) {
        Path p = tmp.resolve(name);
        try (GeoTiffSink sink = GeoTiffSink.builder(p, 100, 80, 2, DataType.UINT8)
                .georeference(Georeference.of(Rasters.crs(32633), new Affine(0, 1, 0, 0, 0, -1))).tileSize(32).build()) {
            TestImages.stream(sink, 100, 80, 2, 80, (x, y, b) -> x + y);
            sink.commit();
        }
        return p;
    }

    @Test
    void zeroSizeImage() throws IOException {
        Path p = valid("zero.tif");
        TiffBytes.setInlineValue(p, 256, 0);
        assertBad(p, "zero-size image (0 x 80 pixels)");
    }

    @Test
    void truncatedOwnFileLosesItsDirectory() throws IOException {
        Path p = valid("cut.tif");
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, all.length * 2 / 3));
        assertBad(p, "truncated");
    }

    @Test
    void tileBeyondTheEndOfTheFileIsTruncation() throws IOException {
        Path p = valid("tile.tif");
        long size = Files.size(p);
        TiffBytes.setInlineValue(p, 257, 80); // unchanged height, keeps the entry layout
        // point the first tile past the end
        var buf = java.nio.ByteBuffer.wrap(Files.readAllBytes(p)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long firstTileOffsetAt = offsetOfArray(p, 324);
        buf.putInt((int) firstTileOffsetAt, (int) size + 100);
        Files.write(p, buf.array());
        assertBad(p, "truncated: tile 0 ends at byte");
    }

    @Test
    void unknownEpsgCodeInGeoKeys() throws IOException {
        Path p = valid("badcode.tif");
        int[] keys = TiffBytes.shortArray(p, 34735);
        int at = indexOfKeyValue(keys, 3072);
        assertEquals(32633, keys[at]);
        TiffBytes.setShortInArray(p, 34735, at, 9999); // not a code of the EPSG database
        assertBad(p, "unreadable GeoKeys: unknown CRS code EPSG:9999");
    }

    @Test
    void geoKeyDirectoryLongerThanItsTag() throws IOException {
        Path p = valid("badkeys.tif");
        TiffBytes.setShortInArray(p, 34735, 3, 400); // claims 400 keys
        assertBad(p, "unreadable GeoKeys: the key directory claims 400 keys but holds 3");
    }

    @Test
    void corruptCompressedTileFailsWhenRead() throws IOException {
        Path p = valid("garbage.tif");
        long tile0 = TiffBytes.firstValue(p, 324);
        byte[] all = Files.readAllBytes(p);
        for (int i = 0; i < 40; i++) all[(int) tile0 + i] = (byte) (0x5A ^ i * 37);
        Files.write(p, all);
        try (GeoTiffSource src = GeoTiffSource.open(p)) {
            BadInputException e = assertThrows(BadInputException.class, () -> src.read(new FinalInterval(10, 10)));
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("cannot decode pixels at x 0, y 0"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            // other tiles still read
            assertEquals(2, src.read(new FinalInterval(new long[] {40, 40}, new long[] {41, 41})).dimension(0));
        }
    }

    @Test
    void abandonedSinkLeavesNothing() throws IOException {
        Path out = tmp.resolve("abandoned.tif");
        try (GeoTiffSink sink = GeoTiffSink.builder(out, 50, 50, 1, DataType.UINT8).tileSize(16).build()) {
            TestImages.stream(sink, 50, 20, 1, 20, (x, y, b) -> 1);
            assertEquals(1, TempFiles.pending().stream().filter(q -> q.getParent().equals(tmp)).count());
            IllegalStateException e = assertThrows(IllegalStateException.class, sink::commit);
            assertTrue(e.getMessage().contains("only 20 of 50 rows written"), e.getMessage());
        }
        assertDirEmpty();
        assertTrue(TempFiles.pending().stream().noneMatch(q -> q.getParent().equals(tmp)), "temporary file released");
    }

    @Test
    void rowsOutOfOrderAreRefusedAndNothingRemains() throws IOException {
        Path out = tmp.resolve("order.tif");
        try (GeoTiffSink sink = GeoTiffSink.builder(out, 10, 10, 1, DataType.UINT8).tileSize(16).build()) {
            var rows = Views.translate(ArrayImgs.floats(10, 2, 1), 0, 4, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.write(rows));
            assertTrue(e.getMessage().contains("rows must start at y 0"), e.getMessage());
        }
        assertDirEmpty();
    }

    @Test
    void outputIntoAMissingFolderIsAUsageError() {
        Path out = tmp.resolve("no/such/folder/x.tif");
        UsageException e = assertThrows(UsageException.class,
                () -> GeoTiffSink.builder(out, 10, 10, 1, DataType.UINT8).build());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains("output folder does not exist"), e.getMessage());
    }

    @Test
    void anOpenInputIsNeverOverwritten() throws IOException {
        Path in = tmp.resolve("in.tif");
        Files.copy(SharedData.landsat(), in);
        byte[] before = Files.readAllBytes(in);
        try (GeoTiffSource src = GeoTiffSource.open(in)) {
            UsageException e = assertThrows(UsageException.class,
                    () -> GeoTiffSink.builder(tmp.resolve("./in.tif"), src.info()).build());
            assertTrue(e.getMessage().contains("refusing to overwrite an input file"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(in));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(in), s.toList());
        }
    }

    @Test
    void inconsistentOptionsAreRefusedBeforeAnyFileExists() {
        Path out = tmp.resolve("x.tif");
        assertThrows(IllegalArgumentException.class, () -> GeoTiffSink.builder(out, 10, 10, 2, DataType.UINT8).palette(new int[] {0}).build());
        assertThrows(IllegalArgumentException.class, () -> GeoTiffSink.builder(out, 10, 10, 1, DataType.UINT8).tileSize(100).build());
        assertThrows(IllegalArgumentException.class, () -> GeoTiffSink.builder(out, 10, 10, 2, DataType.UINT8)
                .bandDescriptions(List.of("one")).build());
        assertFalse(Files.exists(out));
    }

    @Test
    void aCrsGeoToolsCannotEncodeIsAOneLineErrorAndNoFile() throws IOException {
        CrsInfo unknown = new CrsInfo(java.util.OptionalInt.empty(), "PROJCS[\"nonsense\", GEOGCS[broken", "nonsense", false);
        Path out = tmp.resolve("crs.tif");
        UsageException e = assertThrows(UsageException.class, () -> GeoTiffSink.builder(out, 10, 10, 1, DataType.UINT8)
                .georeference(Georeference.of(unknown, new Affine(0, 1, 0, 0, 0, -1))).build());
        assertTrue(e.getMessage().startsWith(out.toString()) && e.getMessage().contains("nonsense"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertDirEmpty();
    }

    private void assertDirEmpty() throws IOException {
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "no file, temporary or final");
        }
    }

    private static int indexOfKeyValue(int[] dir, int key) {
        for (int i = 4; i + 3 < dir.length; i += 4) if (dir[i] == key) return i + 3;
        throw new AssertionError("key " + key + " not found");
    }

    private static long offsetOfArray(Path p, int tag) throws IOException {
        var buf = java.nio.ByteBuffer.wrap(Files.readAllBytes(p)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int ifd = buf.getInt(4);
        int n = buf.getShort(ifd);
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if ((buf.getShort(e) & 0xFFFF) == tag) return buf.getInt(e + 8);
        }
        throw new AssertionError("tag " + tag + " not found");
    }
}
