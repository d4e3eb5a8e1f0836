package org.aerolux.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** The jars a module packaged in this very build, for the end-to-end tests of the launchers in bin/. */
public final class PackagedJars {
    private PackagedJars() {}

    /** Marks {@code MODULE/target/aerolux-MODULE-*.jar} current, so that the launcher's staleness check does not rebuild. */
    public static void markCurrent(String module) throws IOException {
        try (var s = Files.list(SharedData.repo().resolve(module).resolve("target"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("aerolux-" + module + "-") && n.endsWith(".jar") && !n.endsWith("-tests.jar"))
                    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
    }
}
