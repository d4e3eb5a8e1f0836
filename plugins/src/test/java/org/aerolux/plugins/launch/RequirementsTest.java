package org.aerolux.plugins.launch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Java 8 launcher: its bytecode version, the Java check on old versions, and the Fiji libraries check. */
class RequirementsTest {
    /** Where Maven compiled the launcher package. */
    static Path launchClasses() throws Exception {
        URL u = Launcher.class.getProtectionDomain().getCodeSource().getLocation();
        return Path.of(u.toURI()).resolve("org/aerolux/plugins/launch");
    }

    static int majorVersion(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, d.readInt(), classFile + " is a class file");
            d.readUnsignedShort(); // minor
            return d.readUnsignedShort();
        }
    }

    @Test
    void everyLauncherClassIsJava8Bytecode() throws Exception {
        List<Path> classes;
        try (Stream<Path> s = Files.list(launchClasses())) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.stream().anyMatch(p -> p.endsWith("Launcher.class")), classes.toString());
        assertTrue(classes.stream().anyMatch(p -> p.endsWith("Requirements.class")), classes.toString());
        for (Path c : classes) assertEquals(52, majorVersion(c), c + ": class file major version (52 = Java 8)");
        // and the commands it launches are Java 17 bytecode (61): only the launcher may be loaded by an old Java
        Path segment = launchClasses().getParent().resolve("SegmentCommand.class");
        assertEquals(61, majorVersion(segment), segment.toString());
    }

    @Test
    void featureReleasesOfOldAndNewVersionStrings() {
        assertEquals(8, Requirements.featureRelease("1.8"));
        assertEquals(7, Requirements.featureRelease("1.7"));
        assertEquals(11, Requirements.featureRelease("11"));
        assertEquals(17, Requirements.featureRelease("17"));
        assertEquals(21, Requirements.featureRelease("21"));
        assertEquals(25, Requirements.featureRelease("25-ea"));
        assertEquals(0, Requirements.featureRelease(null));
        assertEquals(0, Requirements.featureRelease("x"));
    }

    @Test
    void aJava8FijiGetsOneClearLine() {
        String m = Requirements.javaProblem("1.8", "1.8.0_202 (Oracle Corporation)");
        assertNotNull(m);
        assertTrue(m.startsWith("AeroLux needs Java 17 or newer, but this Fiji runs on Java 1.8.0_202 (Oracle Corporation)."), m);
        assertTrue(m.contains("https://fiji.sc"), m);
        assertFalse(m.contains("\n"), "one line");
        assertNotNull(Requirements.javaProblem("11", "11.0.2 (Azul Systems, Inc.)"));
        assertNotNull(Requirements.javaProblem("16", "16"));
        assertNotNull(Requirements.javaProblem("garbled", "?"), "an unreadable version is not taken for a new one");
        assertNull(Requirements.javaProblem("17", "17.0.9"));
        assertNull(Requirements.javaProblem("21", "21.0.4 (Azul Systems, Inc.)"));
        assertNull(Requirements.problem(Launcher.class.getClassLoader()), "this JVM and class path have everything");
    }

    @Test
    void aFijiWithoutTheLibrariesAeroLuxTakesFromItIsTold() throws Exception {
        // a class path without the Fiji libraries (only the platform's classes)
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            String m = Requirements.missingLibraries(bare);
            assertNotNull(m);
            assertTrue(m.startsWith("AeroLux uses libraries that Fiji ships, but this Fiji lacks "), m);
            for (String[] lib : Requirements.FIJI_LIBRARIES) assertTrue(m.contains(lib[0] + " (" + lib[2] + ")"), lib[0] + ": " + m);
            assertTrue(m.contains("Help > Update..."), m);
            assertFalse(m.contains("\n"));
        }
    }
}
