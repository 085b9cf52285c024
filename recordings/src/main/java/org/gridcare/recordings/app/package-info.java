/**
 * Recording use cases over ports: the MixMonitor lifecycle driven by PBX events, search, playback and export with
 * audit, ticket links, legal hold and retention. Vert.x {@code Future}s; files only through {@link
 * org.gridcare.recordings.app.RecordingStore}.
 */
package org.gridcare.recordings.app;
