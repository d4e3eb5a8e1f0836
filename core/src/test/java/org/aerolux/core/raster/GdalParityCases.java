package org.aerolux.core.raster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cases of {@link GdalParityMatrixTest}: a deterministic covering design over the ways GDAL writes a GeoTIFF.
 *
 * <p>Eleven axes ({@link #AXES}); their full product (552 960 combinations) is far too many files, so the design is
 * the union of
 * <ol>
 *   <li>an all-pairs design: every pair of values of any two axes that some valid file has appears in at least one
 *       case (greedy, AETG-style: each new case starts from the first pair still uncovered and takes, axis by axis,
 *       the value covering most uncovered pairs, ties to the value used least so far);</li>
 *   <li>exhaustive sweeps over the risky axes, compression x predictor x layout x interleave, for uint8 (the real
 *       Landsat file and synthetic data, alternately) and for float32; the other axes rotate from case to case.</li>
 * </ol>
 * Validity follows what GDAL can write: JPEG and WebP take bytes only, JPEG at most 4 bands per pixel and strips of
 * a multiple of 8 rows, YCbCr JPEG and WebP pixel-interleaved 3 (or 4 for WebP) bands, the horizontal predictor
 * LZW/Deflate/ZSTD/LZMA only, the floating-point predictor floating-point data only, NaN nodata floating-point data
 * only, nodata out of the type's range integer data only (GDAL stores such a value for float32 in a .aux.xml
 * sidecar, not the TIFF), the real Landsat file is uint8.
 */
final class GdalParityCases {
    private GdalParityCases() {}

    /** One axis: its name and values, in the order the design prefers them. */
    record Axis(String name, List<Object> values) {
        int size() { return values.size(); }
    }

    /** Compressions AeroLux reads; the others must be refused with exit code 3. */
    static final Set<String> READ = Set.of("none", "lzw", "deflate", "zstd", "packbits", "jpeg", "jpeg-ycbcr");

    static final int SOURCE = 0, TYPE = 1, BANDS = 2, COMPRESSION = 3, PREDICTOR = 4, LAYOUT = 5, INTERLEAVE = 6,
            BIGTIFF = 7, OVERVIEWS = 8, NODATA = 9, BYTE_ORDER = 10;

    static final List<Axis> AXES = List.of(
            new Axis("source", List.of("synthetic", "landsat")),
            new Axis("type", List.of("uint8", "int16", "uint16", "int32", "float32", "float64")),
            new Axis("bands", List.of(3, 1, 4, 6)),
            new Axis("compression", List.of("none", "lzw", "deflate", "zstd", "packbits", "jpeg", "jpeg-ycbcr", "lerc",
                    "webp", "lzma")),
            new Axis("predictor", List.of(1, 2, 3)),
            new Axis("layout", List.of("strips", "strip1", "stripall", "tile128", "tile256", "tile512")),
            new Axis("interleave", List.of("pixel", "band")),
            new Axis("bigtiff", List.of(false, true)),
            new Axis("overviews", List.of(false, true)),
            new Axis("nodata", List.of("none", "in-range", "out-of-range", "nan")),
            new Axis("byteorder", List.of("little", "big")));

    /** One file to write with GDAL and read back. */
    record Case(String id, String source, String type, int bands, String compression, int predictor, String layout,
                String interleave, boolean bigtiff, boolean overviews, String nodata, String byteOrder) {
        boolean readable() { return READ.contains(compression); }

        boolean lossy() { return compression.startsWith("jpeg"); }

        /** The TIFF block (tile, or image width x rows per strip) the layout asks GDAL for. */
        int[] block(int width, int height) {
            return switch (layout) {
                case "strip1" -> new int[] {width, 1};
                case "strips" -> new int[] {width, compression.equals("jpeg-ycbcr") ? 16 : 8};
                case "stripall" -> new int[] {width, height};
                default -> new int[] {Integer.parseInt(layout.substring(4)), Integer.parseInt(layout.substring(4))};
            };
        }

        /** The case as the generator script reads it. */
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("source", source);
            m.put("type", type);
            m.put("bands", bands);
            m.put("compression", compression);
            m.put("predictor", predictor);
            m.put("layout", layout);
            m.put("interleave", interleave);
            m.put("bigtiff", bigtiff);
            m.put("overviews", overviews);
            m.put("nodata", nodata);
            m.put("byteorder", byteOrder);
            return m;
        }
    }

    /** The whole design: pairs first, then the sweeps' new cases, numbered in that order. */
    static List<Case> all() {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (int[] c : pairwise()) seen.add(boxed(c));
        for (int[] c : sweeps()) seen.add(boxed(c));
        List<Case> out = new ArrayList<>();
        for (List<Integer> c : seen) out.add(toCase(out.size(), c));
        return out;
    }

    /** Number of cases of the all-pairs part alone. */
    static int pairwiseCount() { return pairwise().size(); }

    // ---------------------------------------------------------------------------------------------------- validity

    private static Object v(int[] c, int axis) { return c[axis] < 0 ? null : AXES.get(axis).values().get(c[axis]); }

    /** False when the assigned values (-1: not yet chosen) already make a file GDAL cannot write. */
    static boolean consistent(int[] c) {
        Object source = v(c, SOURCE), type = v(c, TYPE), bands = v(c, BANDS), comp = v(c, COMPRESSION),
                pred = v(c, PREDICTOR), layout = v(c, LAYOUT), il = v(c, INTERLEAVE), nd = v(c, NODATA);
        boolean floating = "float32".equals(type) || "float64".equals(type);
        if ("landsat".equals(source) && type != null && !"uint8".equals(type)) return false;
        if (comp != null) {
            String k = (String) comp;
            boolean bytesOnly = k.startsWith("jpeg") || k.equals("webp");
            if (bytesOnly && type != null && !"uint8".equals(type)) return false;
            if (k.startsWith("jpeg") && "strip1".equals(layout)) return false;
            if (k.equals("jpeg") && bands != null && il != null && "pixel".equals(il) && (int) bands > 4) return false;
            if (k.equals("jpeg-ycbcr") && ((bands != null && (int) bands != 3) || "band".equals(il))) return false;
            if (k.equals("webp") && ((bands != null && (int) bands < 3 || bands != null && (int) bands > 4) || "band".equals(il)))
                return false;
            boolean predicts = k.equals("lzw") || k.equals("deflate") || k.equals("zstd") || k.equals("lzma");
            if (pred != null && (int) pred != 1 && !predicts) return false;
        }
        if (pred != null && (int) pred == 3 && type != null && !floating) return false;
        if ("nan".equals(nd) && type != null && !floating) return false;
        if ("out-of-range".equals(nd) && floating) return false; // GDAL keeps 1e40 on float32 only in a .aux.xml
        return true;
    }

    /** True when the partial case can be completed into a valid one (depth-first search over the open axes). */
    static boolean completable(int[] c) {
        if (!consistent(c)) return false;
        for (int a = 0; a < c.length; a++) {
            if (c[a] >= 0) continue;
            for (int v = 0; v < AXES.get(a).size(); v++) {
                c[a] = v;
                boolean ok = completable(c);
                c[a] = -1;
                if (ok) return true;
            }
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- all pairs

    private static List<int[]> pairwise() {
        int n = AXES.size();
        Set<List<Integer>> uncovered = new LinkedHashSet<>(); // (axis i, value, axis j, value), i < j
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                for (int vi = 0; vi < AXES.get(i).size(); vi++)
                    for (int vj = 0; vj < AXES.get(j).size(); vj++) {
                        int[] c = blank();
                        c[i] = vi;
                        c[j] = vj;
                        if (completable(c)) uncovered.add(List.of(i, vi, j, vj));
                    }
        int[][] used = new int[n][];
        for (int a = 0; a < n; a++) used[a] = new int[AXES.get(a).size()];
        List<int[]> cases = new ArrayList<>();
        while (!uncovered.isEmpty()) {
            List<Integer> seed = uncovered.iterator().next();
            int[] c = blank();
            c[seed.get(0)] = seed.get(1);
            c[seed.get(2)] = seed.get(3);
            for (int a = 0; a < n; a++) {
                if (c[a] >= 0) continue;
                int best = -1, bestGain = -1;
                for (int v = 0; v < AXES.get(a).size(); v++) {
                    c[a] = v;
                    if (!completable(c)) continue;
                    int gain = 0;
                    for (int m = 0; m < n; m++)
                        if (m != a && c[m] >= 0 && uncovered.contains(m < a ? List.of(m, c[m], a, v) : List.of(a, v, m, c[m])))
                            gain++;
                    if (gain > bestGain || gain == bestGain && used[a][v] < used[a][best]) {
                        best = v;
                        bestGain = gain;
                    }
                }
                c[a] = best;
            }
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++) uncovered.remove(List.of(i, c[i], j, c[j]));
            for (int a = 0; a < n; a++) used[a][c[a]]++;
            cases.add(c);
        }
        return cases;
    }

    // ---------------------------------------------------------------------------------------------------- sweeps

    private static List<int[]> sweeps() {
        List<int[]> out = new ArrayList<>();
        int k = 0;
        for (String type : List.of("uint8", "float32"))
            for (int comp = 0; comp < AXES.get(COMPRESSION).size(); comp++)
                for (int pred = 0; pred < AXES.get(PREDICTOR).size(); pred++)
                    for (int layout = 0; layout < AXES.get(LAYOUT).size(); layout++)
                        for (int il = 0; il < AXES.get(INTERLEAVE).size(); il++) {
                            int[] c = blank();
                            c[TYPE] = AXES.get(TYPE).values().indexOf(type);
                            c[COMPRESSION] = comp;
                            c[PREDICTOR] = pred;
                            c[LAYOUT] = layout;
                            c[INTERLEAVE] = il;
                            if (!READ.contains((String) v(c, COMPRESSION)) || !completable(c)) continue;
                            // the other axes rotate, each at its own pace, taking the next value that fits
                            rotate(c, SOURCE, k);
                            rotate(c, BANDS, k / 2);
                            rotate(c, BIGTIFF, k / 3);
                            rotate(c, OVERVIEWS, k / 5);
                            rotate(c, NODATA, k);
                            rotate(c, BYTE_ORDER, k / 7);
                            out.add(c);
                            k++;
                        }
        return out;
    }

    private static void rotate(int[] c, int axis, int start) {
        int size = AXES.get(axis).size();
        for (int i = 0; i < size; i++) {
            c[axis] = (start + i) % size;
            if (completable(c)) return;
        }
        throw new IllegalStateException("no value of " + AXES.get(axis).name() + " completes " + Arrays.toString(c));
    }

    // ---------------------------------------------------------------------------------------------------- naming

    private static int[] blank() {
        int[] c = new int[AXES.size()];
        Arrays.fill(c, -1);
        return c;
    }

    private static List<Integer> boxed(int[] c) { return Arrays.stream(c).boxed().toList(); }

    private static Case toCase(int index, List<Integer> c) {
        Object[] x = new Object[AXES.size()];
        for (int a = 0; a < x.length; a++) x[a] = AXES.get(a).values().get(c.get(a));
        String id = String.format("%03d-%s-%sx%d-%s-p%d-%s-%s%s%s%s-nodata_%s", index, x[SOURCE], x[TYPE], x[BANDS],
                x[COMPRESSION], x[PREDICTOR], x[LAYOUT], x[INTERLEAVE], (boolean) x[BIGTIFF] ? "-bigtiff" : "",
                "big".equals(x[BYTE_ORDER]) ? "-bigendian" : "", (boolean) x[OVERVIEWS] ? "-ovr" : "", x[NODATA]);
        return new Case(id, (String) x[SOURCE], (String) x[TYPE], (int) x[BANDS], (String) x[COMPRESSION],
                (int) x[PREDICTOR], (String) x[LAYOUT], (String) x[INTERLEAVE], (boolean) x[BIGTIFF],
                (boolean) x[OVERVIEWS], (String) x[NODATA], (String) x[BYTE_ORDER]);
    }
}
