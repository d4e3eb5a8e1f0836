package org.aerolux.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The AeroLux version this module was built as (from Maven), "dev" when unknown. */
public final class AeroLuxVersion {
    private static final String VERSION = load();

    private AeroLuxVersion() {}

    public static String get() { return VERSION; }

    private static String load() {
        try (InputStream in = AeroLuxVersion.class.getResourceAsStream("aerolux.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.contains("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
