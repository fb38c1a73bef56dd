package io.telemetry.correlation.runtime;

import java.util.Map;

/**
 * A partition task's committed state as read back from its changelog partition.
 *
 * @param meta   the task metadata (empty for a task never run)
 * @param states key -> state JSON of every key that holds something
 */
record TaskSnapshot(TaskMeta meta, Map<String, byte[]> states) {}
