package org.aerolux.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the repository and the test data for tests.
 *
 * <p>Two kinds of data: files that Debian also ships ({@link #landsat()} from {@code r-cran-stars}, {@link #natural}
 * from {@code python3-skimage}; bin/aerolux-setup installs both) are read from {@code ../shared/data} beside the
 * checkout when it is there, else from their installed paths, so ordinary tests pass in a clone with nothing beside
 * it. Data that exists only in {@code ../shared/data} (aerial imagery, Kodak photographs, CUE reference weights) is
 * reached through {@link #dir()}, only from tests tagged {@code @Tag("real-data")}: the real-data suite, which runs
 * where {@code ../shared/data} exists (Maven profile {@code real-data}) and fails loudly when forced without it.
 */
public final class SharedData {
    private SharedData() {}

    /** The tag of the real-data suite. */
    public static final String REAL_DATA = "real-data";

    /** Where r-cran-stars installs the Landsat 7 subscene. */
    static final Path DEBIAN_LANDSAT = Path.of("/usr/lib/R/site-library/stars/tif/L7_ETMs.tif");

    /** Where python3-skimage installs its sample photographs. */
    static final Path DEBIAN_NATURAL = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    /** The repository root (set by surefire as aerolux.repo, else found by walking up to the parent pom). */
    public static Path repo() {
        String prop = System.getProperty("aerolux.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "core"))) return Path.of(prop).toAbsolutePath();
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("core"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the AeroLux repository root");
        return p;
    }

    /** {@code ../shared/data} beside the checkout, whether or not it exists. */
    public static Path location() { return repo().resolveSibling("shared").resolve("data"); }

    /** Whether {@code ../shared/data} exists beside the checkout. */
    public static boolean present() { return Files.isDirectory(location()); }

    /** {@code ../shared/data}, for real-data tests only; fails loudly when absent, since tests must not silently skip. */
    public static Path dir() {
        Path d = location();
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("the real-data suite needs ../shared/data, not found at " + d);
        }
        return d;
    }

    /** L7_ETMs.tif (Landsat 7, EPSG:31985): ../shared/data/geotiff, else Debian's r-cran-stars. */
    public static Path landsat() { return find(location(), "geotiff/L7_ETMs.tif", DEBIAN_LANDSAT, "r-cran-stars"); }

    /** A photograph of ../shared/data/natural (astronaut.png, rocket.jpg, ...), else of Debian's python3-skimage. */
    public static Path natural(String name) {
        if (name.contains("/") || name.startsWith(".")) throw new IllegalArgumentException("a file name: " + name);
        return find(location(), "natural/" + name, DEBIAN_NATURAL.resolve(name), "python3-skimage");
    }

    /** The one lookup: the file under sharedData when it is there, else the installed Debian package's copy. */
    static Path find(Path sharedData, String relative, Path debian, String debianPackage) {
        Path shared = sharedData.resolve(relative);
        if (Files.isRegularFile(shared)) return shared;
        if (Files.isRegularFile(debian)) return debian;
        throw new IllegalStateException("test data " + relative + " not found: neither " + shared + " nor " + debian
                + " (Debian package " + debianPackage + "; bin/aerolux-setup installs it)");
    }
}
