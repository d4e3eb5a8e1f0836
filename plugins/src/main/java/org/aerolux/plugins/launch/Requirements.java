package org.aerolux.plugins.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * What AeroLux needs from the Fiji it runs in, as one-line messages (null when all is there). Java 8 code: it runs
 * before anything of AeroLux that needs Java 17 is loaded.
 */
public final class Requirements {
    /** The Java feature release AeroLux's classes are compiled for. */
    public static final int JAVA = 17;

    /**
     * Libraries AeroLux leaves to Fiji (its bundle does not carry them: Fiji ships them in Fiji.app/jars), each as
     * {name, a class of it, the jar Fiji ships it in}.
     */
    static final String[][] FIJI_LIBRARIES = {
        {"ImgLib2", "net.imglib2.img.array.ArrayImgs", "imglib2-*.jar"},
        {"Guava", "com.google.common.collect.ImmutableList", "guava-*.jar"},
        {"Gson", "com.google.gson.Gson", "gson-*.jar"},
        {"SLF4J", "org.slf4j.LoggerFactory", "slf4j-api-*.jar"},
        {"Java Advanced Imaging", "javax.media.jai.JAI", "jai-core-*.jar"},
        {"Java Advanced Imaging codecs", "com.sun.media.jai.codec.ImageCodec", "jai-codec-*.jar"},
        {"Apache Commons Compress", "org.apache.commons.compress.archivers.ArchiveStreamFactory", "commons-compress-*.jar"},
        {"Apache Commons IO", "org.apache.commons.io.IOUtils", "commons-io-*.jar"},
        {"JNA", "com.sun.jna.Native", "jna-*.jar"},
    };

    private Requirements() {}

    /**
     * The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17; 0 when unreadable.
     */
    public static int featureRelease(String specificationVersion) {
        if (specificationVersion == null) return 0;
        String v = specificationVersion.trim();
        if (v.startsWith("1.")) v = v.substring(2);
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        try {
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The message for a Java older than {@link #JAVA}, or null.
     *
     * @param specificationVersion {@code java.specification.version}, e.g. "1.8"
     * @param runtime              the Java in words for the message, e.g. "1.8.0_202 (Oracle Corporation)"
     */
    public static String javaProblem(String specificationVersion, String runtime) {
        int release = featureRelease(specificationVersion);
        if (release >= JAVA) return null;
        return "AeroLux needs Java " + JAVA + " or newer, but this Fiji runs on Java " + runtime + ". Download a current"
                + " Fiji from https://fiji.sc (it comes with Java 21), or start this one with a Java " + JAVA
                + "+ runtime; see the AeroLux README, \"Use in Fiji\".";
    }

    /** The message naming the Fiji libraries {@code loader} cannot find, or null. */
    public static String missingLibraries(ClassLoader loader) {
        List<String> missing = new ArrayList<String>();
        for (String[] lib : FIJI_LIBRARIES) {
            try {
                Class.forName(lib[1], false, loader);
            } catch (ClassNotFoundException e) {
                missing.add(lib[0] + " (" + lib[2] + ")");
            } catch (LinkageError e) {
                missing.add(lib[0] + " (" + lib[2] + ": " + e + ")");
            }
        }
        if (missing.isEmpty()) return null;
        StringBuilder names = new StringBuilder();
        for (String m : missing) names.append(names.length() == 0 ? "" : ", ").append(m);
        return "AeroLux uses libraries that Fiji ships, but this Fiji lacks " + names + " in its jars folder. Update Fiji"
                + " (Help > Update...) or download a current Fiji from https://fiji.sc.";
    }

    /** The Java this JVM runs, in words: version and vendor. */
    static String runtime() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The first problem of this JVM (Java version, then libraries), or null. */
    static String problem(ClassLoader loader) {
        String java = javaProblem(System.getProperty("java.specification.version"), runtime());
        return java != null ? java : missingLibraries(loader);
    }
}
