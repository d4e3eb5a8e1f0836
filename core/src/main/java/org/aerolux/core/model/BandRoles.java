package org.aerolux.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the input bands a model card asks for ({@code aerolux.input_bands}, e.g. red, green, blue) among a raster's
 * band descriptions, so that the default band choice comes from the card rather than from the band order. A role
 * matches a band whose description is the role or contains it as a word ("Red", "B4 red", "red (0.63-0.69 um)");
 * every role must match exactly one band, else there is no match and the caller falls back or asks for --bands.
 */
public final class BandRoles {
    private BandRoles() {}

    /** The 1-based bands in role order, when every role names exactly one band description. */
    public static Optional<int[]> match(List<String> roles, List<String> descriptions) {
        if (roles.isEmpty()) return Optional.empty();
        int[] bands = new int[roles.size()];
        for (int r = 0; r < roles.size(); r++) {
            List<Integer> hits = new ArrayList<>();
            Pattern word = Pattern.compile("(^|[^a-z])" + Pattern.quote(roles.get(r).toLowerCase(Locale.ROOT).trim()) + "($|[^a-z])");
            for (int b = 0; b < descriptions.size(); b++)
                if (word.matcher(descriptions.get(b).toLowerCase(Locale.ROOT)).find()) hits.add(b + 1);
            if (hits.size() != 1) return Optional.empty();
            bands[r] = hits.get(0);
        }
        return Optional.of(bands);
    }
}
