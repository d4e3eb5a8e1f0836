package org.aerolux.core.raster;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.transform.integer.MixedTransform;
import net.imglib2.view.IntervalView;
import net.imglib2.view.MixedTransformView;

/**
 * Finds the primitive array behind a block of pixels when the block is an {@code ArrayImg}, or a translated view
 * showing a whole {@code ArrayImg} (what {@code Views.translate(ArrayImgs.x(...), ...)} makes), so writers can
 * copy from it in bulk instead of one cursor step per sample. Returns null for anything else.
 */
final class ArrayBlocks {
    private ArrayBlocks() {}

    /** The array (byte[], short[], float[], ...) laid out x fastest, then y, then band; or null. */
    static Object array(RandomAccessibleInterval<?> block) {
        int n = block.numDimensions();
        long[] translation = new long[n];
        RandomAccessible<?> source = block;
        if (block instanceof IntervalView<?> view) source = view.getSource();
        if (source instanceof MixedTransformView<?> mixed) {
            MixedTransform t = mixed.getTransformToSource();
            if (t.numSourceDimensions() != n || t.numTargetDimensions() != n) return null;
            for (int d = 0; d < n; d++)
                if (t.getComponentZero(d) || t.getComponentMapping(d) != d || t.getComponentInversion(d)) return null;
            t.getTranslation(translation);
            source = mixed.getSource();
        }
        if (!(source instanceof ArrayImg<?, ?> img) || img.numDimensions() != n) return null;
        for (int d = 0; d < n; d++)
            if (block.min(d) + translation[d] != 0 || block.dimension(d) != img.dimension(d)) return null;
        Object access = img.update(null);
        return access instanceof ArrayDataAccess<?> a ? a.getCurrentStorageArray() : null;
    }
}
