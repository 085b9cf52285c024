/**
 * Recording rules, the per-call recording state machine, recording metadata, search filters, access policy,
 * byte ranges and retention decisions. java.* and the platform domain only.
 */
package org.gridcare.recordings.domain;
