/** The recordings module: {@link org.gridcare.recordings.RecordingsModule} wires rules, lifecycle, store and API. */
package org.gridcare.recordings;
