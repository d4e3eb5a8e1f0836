package org.aerolux.core.provenance;

import org.aerolux.core.model.DeviceReport;

/** The device section: what was asked for, what ran, the ONNX Runtime provider and the reason in words. */
public record DeviceInfo(String requested, String used, String provider, String reason, int intraOpThreads) {
    public static DeviceInfo of(DeviceReport d) {
        return new DeviceInfo(d.requested().toString(), d.device(), d.provider(), d.reason(), d.intraOpThreads());
    }
}
