package org.aerolux.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aerolux.core.model.ModelRegistry;
import org.aerolux.core.model.RegistryEntry;
import org.aerolux.core.model.RegistryLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aerolux models}: the model registry with each file's sha256 checked. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the model registry (models/registry.json): name, file, type, and whether the file's sha256"
                + " matches the registry.",
                "The registry is models/registry.json of the installation; -Daerolux.models=DIR (in JAVA_OPTS) or the"
                        + " environment variable AEROLUX_MODELS=DIR points elsewhere (a folder with registry.json, or the file)."})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path location = RegistryLocation.find(AeroLuxCli.class);
        ModelRegistry registry = ModelRegistry.loadIfExists(location);
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("registry", location.toString());
            o.addProperty("exists", registry.entries().size() > 0 || java.nio.file.Files.exists(location));
            JsonArray a = new JsonArray();
            for (RegistryEntry e : registry.entries()) {
                JsonObject m = new JsonObject();
                m.addProperty("name", e.name());
                m.addProperty("file", e.file().toString());
                m.addProperty("type", e.type());
                m.addProperty("sha256", e.sha256());
                ModelRegistry.Status s = registry.status(e);
                m.addProperty("status", s.name().toLowerCase(Locale.ROOT));
                m.addProperty("verified", s == ModelRegistry.Status.VERIFIED);
                m.addProperty("description", e.description());
                a.add(m);
            }
            o.add("models", a);
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
            out.flush();
            return 0;
        }
        out.println("Registry: " + location + (java.nio.file.Files.exists(location) ? "" : " (not found: no registered models)"));
        if (registry.entries().isEmpty()) {
            out.println("No models registered; give --model a path to an .onnx file.");
            out.flush();
            return 0;
        }
        int nameWidth = Math.max(4, registry.entries().stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int fileWidth = Math.max(4, registry.entries().stream().mapToInt(e -> display(location, e).length()).max().orElse(4));
        String fmt = "%-" + nameWidth + "s  %-" + fileWidth + "s  %-12s  %s%n";
        out.printf(Locale.ROOT, fmt, "NAME", "FILE", "TYPE", "SHA256");
        for (RegistryEntry e : registry.entries()) {
            out.printf(Locale.ROOT, fmt, e.name(), display(location, e), e.type().isEmpty() ? "?" : e.type(), status(registry.status(e), e));
        }
        out.flush();
        return 0;
    }

    private static String display(Path registry, RegistryEntry e) {
        Path dir = registry.toAbsolutePath().getParent();
        Path f = e.file().toAbsolutePath();
        return dir != null && f.startsWith(dir) ? dir.relativize(f).toString() : f.toString();
    }

    private static String status(ModelRegistry.Status s, RegistryEntry e) {
        String head = e.sha256().substring(0, 12);
        return switch (s) {
            case VERIFIED -> "verified (" + head + "...)";
            case MISSING -> "MISSING FILE";
            case SIZE_MISMATCH -> "MISMATCH (size differs from the registry)";
            case SHA256_MISMATCH -> "MISMATCH (sha256 differs from the registry)";
        };
    }
}
