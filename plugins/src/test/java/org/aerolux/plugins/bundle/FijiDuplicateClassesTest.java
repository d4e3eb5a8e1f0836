package org.aerolux.plugins.bundle;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate-class check on small jars: what it reports and what it lets through. */
class FijiDuplicateClassesTest {
    @TempDir
    Path tmp;

    static void jar(Path file, String... entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                z.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                z.closeEntry();
            }
        }
    }

    @Test
    void aClassAlsoInAFijiJarIsADuplicateCountedPerLibrary() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided");
        jar(bundle.resolve("jars/geo.jar"), "org/geo/A.class", "com/google/common/base/Strings.class",
                "com/google/common/collect/Lists.class", "org/slf4j/Logger.class", "META-INF/services/x", "org/geo/r.properties");
        jar(bundle.resolve("plugins/AeroLux_.jar"), "org/aerolux/P.class");
        jar(fiji.resolve("guava-33.4.8-jre.jar"), "com/google/common/base/Strings.class", "com/google/common/collect/Lists.class");
        jar(fiji.resolve("slf4j-api-2.0.17.jar"), "org/slf4j/Logger.class", "META-INF/services/x");
        FijiDuplicateClasses.Findings f = FijiDuplicateClasses.check(bundle, fiji, List.of());
        assertFalse(f.ok());
        assertEquals(3, f.total());
        assertEquals(List.of("com/google/common/base/Strings.class", "com/google/common/collect/Lists.class"),
                f.clashes().get("jars/geo.jar <> Fiji's guava-33.4.8-jre.jar"));
        assertEquals(List.of("org/slf4j/Logger.class"), f.clashes().get("jars/geo.jar <> Fiji's slf4j-api-2.0.17.jar"));
        assertTrue(f.report().contains("    2  jars/geo.jar <> Fiji's guava-33.4.8-jre.jar"), f.report());
        assertEquals(5, f.bundleClasses(), "4 in geo.jar, 1 in the plugin jar");
    }

    @Test
    void relocatedCopiesResourcesAndModuleInfoAreNoDuplicates() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided");
        jar(bundle.resolve("jars/geo.jar"), "org/aerolux/shaded/hsqldb/Database.class", "module-info.class", "org/hsqldb/x.properties");
        jar(fiji.resolve("hsqldb-1.8.0.10.jar"), "org/hsqldb/Database.class", "module-info.class", "org/hsqldb/x.properties");
        FijiDuplicateClasses.Findings f = FijiDuplicateClasses.check(bundle, fiji, List.of("hsqldb"));
        assertTrue(f.ok(), f.report());
        assertTrue(f.report().startsWith("no duplicate classes"), f.report());
    }

    @Test
    void multiReleaseEntriesCountUnderTheirBaseName() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided");
        jar(bundle.resolve("jars/units.jar"), "META-INF/versions/9/javax/measure/spi/ServiceProvider.class");
        jar(fiji.resolve("unit-api-2.1.jar"), "javax/measure/spi/ServiceProvider.class");
        assertEquals(1, FijiDuplicateClasses.check(bundle, fiji, List.of()).total());
    }

    @Test
    void twoJarsOfTheBundleWithOneClassClashToo() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided");
        jar(bundle.resolve("jars/a.jar"), "x/Y.class");
        jar(bundle.resolve("jars/b.jar"), "x/Y.class");
        Files.createDirectories(fiji);
        FijiDuplicateClasses.Findings f = FijiDuplicateClasses.check(bundle, fiji, List.of());
        assertEquals(List.of("x/Y.class"), f.clashes().get("jars/b.jar <> the bundle's jars/a.jar"));
    }

    @Test
    void aLibraryLeftToFijiMustBeAmongFijisJars() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided");
        jar(bundle.resolve("jars/a.jar"), "a/A.class");
        jar(fiji.resolve("gson-2.10.1.jar"), "com/google/gson/Gson.class");
        jar(fiji.resolve("jna-platform-5.14.0.jar"), "com/sun/jna/platform/X.class");
        FijiDuplicateClasses.Findings f = FijiDuplicateClasses.check(bundle, fiji, List.of("gson", "jna"));
        assertEquals(List.of("jna"), f.missing(), "jna-platform is not jna");
        assertTrue(f.report().contains("left out of the bundle for Fiji, but not among Fiji's jars: jna"), f.report());
    }

    @Test
    void theBuildFailsWithTheReportWritten() throws Exception {
        Path bundle = tmp.resolve("fiji"), fiji = tmp.resolve("provided"), report = tmp.resolve("out/report.txt");
        jar(bundle.resolve("jars/a.jar"), "org/slf4j/Logger.class");
        jar(fiji.resolve("slf4j-api-2.0.17.jar"), "org/slf4j/Logger.class");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FijiDuplicateClasses.main(new String[] {bundle.toString(), fiji.toString(), report.toString(), "slf4j-api"}));
        assertTrue(e.getMessage().contains(report.toString()), e.getMessage());
        assertTrue(Files.readString(report).contains("org/slf4j/Logger.class"));
    }
}
