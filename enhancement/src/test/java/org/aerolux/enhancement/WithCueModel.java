package org.aerolux.enhancement;

import org.aerolux.core.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that run the committed cue-demo model: loaded once per test class, closed after it. */
abstract class WithCueModel {
    static Model model;

    @BeforeAll
    static void load() { model = CueFixtures.load(); }

    @AfterAll
    static void close() { model.close(); }
}
