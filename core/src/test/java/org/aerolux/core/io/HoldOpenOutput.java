package org.aerolux.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper run in a child JVM: starts an output, reports its temporary file, then waits to be interrupted. */
public final class HoldOpenOutput {
    private HoldOpenOutput() {}

    public static void main(String[] args) throws Exception {
        AtomicOutput out = AtomicOutput.create(Path.of(args[0]));
        Files.write(out.temp(), new byte[4096]);
        System.out.println("READY " + out.temp());
        System.out.flush();
        Thread.sleep(60_000);
        out.commit(); // never reached in the test
    }
}
