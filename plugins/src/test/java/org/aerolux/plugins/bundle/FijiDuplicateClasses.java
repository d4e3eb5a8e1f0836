package org.aerolux.plugins.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The build check of the Fiji bundle: no class of the bundle (its {@code jars/} and {@code plugins/} jars) may also
 * be in a jar Fiji ships (target/fiji-provided: the libraries of plugins/fiji-shipped/pom.xml at pom-scijava's
 * versions), nor in two of the bundle's own jars; and every library the bundle leaves to Fiji must be there. Which
 * copy of a duplicated class wins depends on the order of Fiji's class path, so any duplicate can break AeroLux or
 * another plugin. Run by the plugins build (exec-maven-plugin, phase pre-integration-test); a failure names every
 * clash, counted per library, and the report goes to a file as well.
 *
 * <p>Classes are compared by name; a multi-release entry ({@code META-INF/versions/N/a/B.class}) counts as
 * {@code a/B.class}; {@code module-info.class} is not a class of any package and is ignored.
 */
public final class FijiDuplicateClasses {
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.+)");
    private static final int EXAMPLES = 5;

    /** What a check found: duplicates per (bundle jar, other jar), and libraries left to Fiji but missing. */
    public record Findings(Map<String, List<String>> clashes, List<String> missing, int bundleClasses, int fijiClasses) {
        public boolean ok() { return clashes.isEmpty() && missing.isEmpty(); }

        /** Number of duplicated classes in all. */
        public int total() { return clashes.values().stream().mapToInt(List::size).sum(); }

        public String report() {
            StringBuilder b = new StringBuilder();
            b.append(ok() ? "no duplicate classes" : "duplicate classes: " + total()).append(" (bundle ").append(bundleClasses)
                    .append(" classes, Fiji's jars ").append(fijiClasses).append(" classes)\n");
            clashes.forEach((pair, names) -> {
                b.append(String.format("  %5d  %s%n", names.size(), pair));
                names.stream().limit(EXAMPLES).forEach(n -> b.append("           ").append(n).append('\n'));
                if (names.size() > EXAMPLES) b.append("           ...\n");
            });
            for (String m : missing) b.append("  left out of the bundle for Fiji, but not among Fiji's jars: ").append(m).append('\n');
            return b.toString();
        }
    }

    private FijiDuplicateClasses() {}

    /**
     * {@code BUNDLE_DIR FIJI_JARS_DIR REPORT_FILE [LEFT_OUT]}: LEFT_OUT is a comma-separated list of artifact ids the
     * bundle leaves to Fiji. Throws (failing the build) when anything clashes or is missing.
     */
    public static void main(String[] args) {
        if (args.length < 3) throw new IllegalArgumentException("usage: BUNDLE_DIR FIJI_JARS_DIR REPORT_FILE [LEFT_OUT,...]");
        List<String> leftOut = args.length > 3 && !args[3].isBlank() ? List.of(args[3].trim().split("\\s*,\\s*")) : List.of();
        Findings f = check(Path.of(args[0]), Path.of(args[1]), leftOut);
        String report = "Fiji bundle " + args[0] + " against " + args[1] + ":\n" + f.report();
        try {
            Files.createDirectories(Path.of(args[2]).toAbsolutePath().getParent());
            Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(report);
        if (!f.ok()) throw new IllegalStateException("the Fiji bundle duplicates classes of Fiji (or of itself), see " + args[2]);
    }

    /** Compares every jar under {@code bundle} (recursively) with the jars in {@code fiji}. */
    public static Findings check(Path bundle, Path fiji, List<String> leftOut) {
        Map<String, String> fijiOwner = new LinkedHashMap<>();
        int fijiClasses = 0;
        for (Path jar : jars(fiji, false)) {
            for (String c : classes(jar)) {
                fijiOwner.putIfAbsent(c, jar.getFileName().toString());
                fijiClasses++;
            }
        }
        Map<String, List<String>> clashes = new TreeMap<>();
        Map<String, String> bundleOwner = new LinkedHashMap<>();
        int bundleClasses = 0;
        for (Path jar : jars(bundle, true)) {
            String name = bundle.relativize(jar).toString().replace('\\', '/');
            for (String c : new TreeSet<>(classes(jar))) {
                bundleClasses++;
                String inFiji = fijiOwner.get(c);
                if (inFiji != null) clashes.computeIfAbsent(name + " <> Fiji's " + inFiji, k -> new ArrayList<>()).add(c);
                String inBundle = bundleOwner.putIfAbsent(c, name);
                if (inBundle != null) clashes.computeIfAbsent(name + " <> the bundle's " + inBundle, k -> new ArrayList<>()).add(c);
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> fijiJars = jars(fiji, false).stream().map(p -> p.getFileName().toString()).toList();
        for (String artifact : leftOut) {
            Pattern p = Pattern.compile(Pattern.quote(artifact) + "-\\d[^/]*\\.jar");
            if (fijiJars.stream().noneMatch(j -> p.matcher(j).matches())) missing.add(artifact);
        }
        return new Findings(clashes, missing, bundleClasses, fijiClasses);
    }

    /** The class entries of a jar, multi-release ones under their base name. */
    static List<String> classes(Path jar) {
        List<String> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> e = z.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                String n = entry.getName();
                if (entry.isDirectory() || !n.endsWith(".class")) continue;
                Matcher m = VERSIONED.matcher(n);
                if (m.matches()) n = m.group(1);
                if (n.equals("module-info.class") || n.startsWith("META-INF/")) continue;
                out.add(n);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + jar, ex);
        }
        return out;
    }

    private static List<Path> jars(Path dir, boolean recursive) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no directory " + dir);
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
