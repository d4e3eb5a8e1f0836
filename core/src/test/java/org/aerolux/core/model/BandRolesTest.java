package org.aerolux.core.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandRolesTest {
    static final List<String> RGB = List.of("red", "green", "blue");

    @Test
    void descriptionsNamingTheRolesGiveThoseBandsInModelOrder() {
        assertArrayEquals(new int[] {3, 2, 1}, BandRoles.match(RGB, List.of("Blue", "Green", "Red", "NIR")).orElseThrow());
        assertArrayEquals(new int[] {4, 3, 2},
                BandRoles.match(RGB, List.of("B1 coastal", "B2 blue", "B3 green", "B4 red", "B5 nir")).orElseThrow());
        assertArrayEquals(new int[] {1, 2, 3}, BandRoles.match(RGB, List.of("red (0.63-0.69 um)", "green", "blue")).orElseThrow());
    }

    @Test
    void missingAmbiguousOrPartialWordsGiveNoMatch() {
        assertTrue(BandRoles.match(RGB, List.of("", "", "", "", "", "")).isEmpty(), "no descriptions");
        assertTrue(BandRoles.match(RGB, List.of("red", "green")).isEmpty(), "blue missing");
        assertTrue(BandRoles.match(RGB, List.of("red", "red edge", "green", "blue")).isEmpty(), "two bands say red");
        assertTrue(BandRoles.match(RGB, List.of("infrared", "greenness", "blueish")).isEmpty(), "only inside other words");
        assertTrue(BandRoles.match(List.of(), List.of("red")).isEmpty(), "a card without roles");
    }
}
