package org.gridcare.pbxsim.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Knobs of the simulated PBX. {@code promptDuration} is how long any sound file "plays" (the simulator has no sound
 * files); {@code recordingsDir} receives MixMonitor and RECORD FILE output for relative names; {@code seed} makes
 * ids such as AGI CommandIds reproducible.
 */
public record EngineSettings(Path recordingsDir, Duration promptDuration, long seed) {}
