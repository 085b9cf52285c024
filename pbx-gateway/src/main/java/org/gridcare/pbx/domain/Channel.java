package org.gridcare.pbx.domain;

import java.time.Instant;

/**
 * A snapshot of one channel. {@code endpoint} is the device or trunk it belongs to ({@code PJSIP/op1001}),
 * {@code callerNumber} is as the PBX saw it (not normalised: the domain normalises).
 */
public record Channel(
    ChannelId id,
    CallId callId,
    String endpoint,
    ChannelState state,
    String callerNumber,
    String callerName,
    String connectedNumber,
    DialplanTarget location,
    Instant createdAt) {}
