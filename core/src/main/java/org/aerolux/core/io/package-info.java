/**
 * Files written safely: under a temporary name renamed when complete ({@link org.aerolux.core.io.AtomicOutput}),
 * temporaries removed on failure, cancel and exit ({@link org.aerolux.core.io.TempFiles}), the output folder of a
 * run prepared the same way for every front end ({@link org.aerolux.core.io.OutputFolders}), and I/O failures in
 * words ({@link org.aerolux.core.io.IoReasons}).
 */
package org.aerolux.core.io;
