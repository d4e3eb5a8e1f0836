package org.aerolux.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository and the shared sample data (../shared/data beside the checkout) for tests. */
public final class SharedData {
    private SharedData() {}

    /** The repository root (set by surefire as aerolux.repo, else found by walking up to the parent pom). */
    public static Path repo() {
        String prop = System.getProperty("aerolux.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "core"))) return Path.of(prop).toAbsolutePath();
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("core"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the AeroLux repository root");
        return p;
    }

    /** ../shared/data beside the checkout; fails loudly when absent, since tests must not silently skip. */
    public static Path dir() {
        Path d = repo().resolveSibling("shared").resolve("data");
        if (!Files.isDirectory(d)) throw new IllegalStateException("shared test data not found at " + d);
        return d;
    }

    public static Path landsat() { return dir().resolve("geotiff/L7_ETMs.tif"); }

    public static Path natural(String name) { return dir().resolve("natural").resolve(name); }
}
