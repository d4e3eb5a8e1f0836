package org.aerolux.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ai.djl.offline is AeroLux's default, never an override of what the user or another plugin chose. */
class DjlOfflineTest {
    private String saved;

    @BeforeEach
    void save() { saved = System.getProperty(Djl.OFFLINE); }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(Djl.OFFLINE);
        else System.setProperty(Djl.OFFLINE, saved);
    }

    @Test
    void unsetBecomesTrue() {
        System.clearProperty(Djl.OFFLINE);
        Djl.ensureOffline();
        assertEquals("true", System.getProperty(Djl.OFFLINE));
    }

    @Test
    void aValueSetElsewhereIsKept() {
        for (String choice : new String[] {"false", "FALSE", "true", ""}) {
            System.setProperty(Djl.OFFLINE, choice);
            Djl.ensureOffline();
            assertEquals(choice, System.getProperty(Djl.OFFLINE), "set to '" + choice + "' before");
        }
    }
}
