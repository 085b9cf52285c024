package org.gridcare.pbx.domain;

import java.util.Optional;

/** How a recording from the caller ended (voicemail): by a key, by silence/timeout, or by hang-up. */
public record RecordResult(String file, Optional<Character> digit, boolean hungUp) {}
