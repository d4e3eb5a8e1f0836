package org.aerolux.calibration;

/**
 * What the calibration metrics evaluate. Build with {@link #builder()}; {@link #defaults()} is 15 bins, all
 * labelled pixels, background class 0, ignore label 255, the authors' CECE classes.
 *
 * @param bins            number of equal-width confidence bins (the NACL papers use 15)
 * @param foregroundOnly  evaluate only pixels whose ground truth is not {@code backgroundClass} (the NACL protocol)
 * @param backgroundClass the background class (0 in NACL)
 * @param ignoreLabel     a ground-truth value that marks unlabelled pixels, skipped everywhere (255 = nodata)
 * @param ceceClasses     which classes CECE averages over
 */
public record CalibrationOptions(int bins, boolean foregroundOnly, int backgroundClass, int ignoreLabel,
                                 CeceClasses ceceClasses) {

    public CalibrationOptions {
        if (bins < 1) throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        if (backgroundClass < 0) throw new IllegalArgumentException("negative background class " + backgroundClass);
        if (ceceClasses == null) throw new IllegalArgumentException("ceceClasses is null");
    }

    public static CalibrationOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a pixel with this (in-range, non-ignored) label is evaluated. */
    boolean evaluates(int label) {
        return !(foregroundOnly && label == backgroundClass);
    }

    /** Builder of {@link CalibrationOptions}. */
    public static final class Builder {
        private int bins = 15;
        private boolean foregroundOnly = false;
        private int backgroundClass = 0;
        private int ignoreLabel = 255;
        private CeceClasses ceceClasses = CeceClasses.UP_TO_MAX_LABEL;

        public Builder bins(int v) { bins = v; return this; }
        public Builder foregroundOnly(boolean v) { foregroundOnly = v; return this; }
        public Builder backgroundClass(int v) { backgroundClass = v; return this; }
        public Builder ignoreLabel(int v) { ignoreLabel = v; return this; }
        public Builder ceceClasses(CeceClasses v) { ceceClasses = v; return this; }

        public CalibrationOptions build() {
            return new CalibrationOptions(bins, foregroundOnly, backgroundClass, ignoreLabel, ceceClasses);
        }
    }
}
