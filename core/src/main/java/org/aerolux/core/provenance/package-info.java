/**
 * The one provenance schema of AeroLux ({@code STEM_aerolux.json} of segment and enhance, {@code calibration.json}
 * of calibrate): a {@link org.aerolux.core.provenance.ProvenanceRecord} with {@code format} and
 * {@code format_version}, the common sections every method fills the same way ({@link
 * org.aerolux.core.provenance.InputInfo input}, {@link org.aerolux.core.provenance.ModelInfo model}, parameters,
 * {@link org.aerolux.core.provenance.DeviceInfo device}, {@link org.aerolux.core.provenance.Versions versions},
 * timings, started) and the method's own sections after them, written by the one JSON configuration of
 * {@link org.aerolux.core.provenance.ProvenanceJson}. The README's "Provenance" section lists the fields.
 */
package org.aerolux.core.provenance;
