package org.aerolux.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aerolux.cli.info.InfoPrinter;
import org.aerolux.cli.info.ModelCardPrinter;
import org.aerolux.cli.info.RasterInfoPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aerolux info FILE [--json]}: describes a raster (and, with a model-card printer, an .onnx model). */
@Command(name = "info", description = "Describe a raster (size, bands, data type, CRS, grid-to-CRS affine, nodata) or an .onnx model (its card).",
        mixinStandardHelpOptions = true)
final class InfoCommand implements Callable<Integer> {
    /**
     * Printers asked in order; the first that accepts the file prints it. A model-card printer for .onnx files
     * goes before the raster printer, which accepts everything else.
     */
    static final List<InfoPrinter> PRINTERS = List.of(new ModelCardPrinter(), new RasterInfoPrinter());

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a GeoTIFF or TIFF file, or an .onnx model")
    Path file;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        InfoPrinter printer = PRINTERS.stream().filter(p -> p.accepts(file)).findFirst().orElseThrow();
        printer.print(file, json, spec.commandLine().getOut());
        return 0;
    }
}
