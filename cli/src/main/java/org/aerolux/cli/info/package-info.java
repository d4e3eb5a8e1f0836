/** What {@code aerolux info} prints about a raster, a model card or the system (GPUs, runtime), as text or JSON. */
package org.aerolux.cli.info;
