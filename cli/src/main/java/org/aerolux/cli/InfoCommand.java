package org.aerolux.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aerolux.cli.info.InfoPrinter;
import org.aerolux.cli.info.ModelCardPrinter;
import org.aerolux.cli.info.RasterInfoPrinter;
import org.aerolux.cli.info.SystemPrinter;
import org.aerolux.core.inference.RuntimeCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aerolux info FILE [--json]}: describes a raster (and, with a model-card printer, an .onnx model);
 * {@code aerolux info --system [--json]}: what AeroLux runs on (ONNX Runtime, CUDA provider, GPUs).
 */
@Command(name = "info", description = "Describe a raster (size, bands, data type, CRS, grid-to-CRS affine, nodata) or an .onnx model (its card);"
        + " with --system, what inference runs on: ONNX Runtime, whether the CUDA provider loads and why not, GPU name, driver and memory.",
        mixinStandardHelpOptions = true)
final class InfoCommand implements Callable<Integer> {
    /**
     * Printers asked in order; the first that accepts the file prints it. A model-card printer for .onnx files
     * goes before the raster printer, which accepts everything else.
     */
    static final List<InfoPrinter> PRINTERS = List.of(new ModelCardPrinter(), new RasterInfoPrinter());

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "a GeoTIFF or TIFF file, or an .onnx model")
    Path file;

    @Option(names = "--system", description = "describe this machine's inference runtime and GPUs instead of a file")
    boolean system;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        if (system == (file != null))
            throw new ParameterException(spec.commandLine(), system ? "give either FILE or --system, not both" : "missing FILE (or --system)");
        if (system) {
            SystemPrinter.print(RuntimeCheck.run(), json, spec.commandLine().getOut());
            return 0;
        }
        InfoPrinter printer = PRINTERS.stream().filter(p -> p.accepts(file)).findFirst().orElseThrow();
        printer.print(file, json, spec.commandLine().getOut());
        return 0;
    }
}
