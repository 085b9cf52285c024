/**
 * The supervisor wallboard: live ACD events shared between server instances through Redis pub/sub, the line scope of
 * a supervisor, per-line alert thresholds (Redis), listen/whisper/barge on an operator's call, and the scoped controls.
 */
package org.gridcare.server.wallboard;
