package org.gridcare.pbx;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbx.domain.SpyMode;

/**
 * Call control and call events. Every command has a timeout and fails with a
 * {@link org.gridcare.platform.domain.DomainException} ({@code no-such-channel}, {@code pbx-unavailable},
 * {@code pbx-timeout}, {@code pbx-rejected}); futures complete on the caller's Vert.x context.
 */
public interface Pbx {

  /** Rings an endpoint; completes when it answered or definitely did not (async originate). */
  Future<OriginateResult> originate(OriginateRequest request);

  Future<Void> redirect(ChannelId channel, DialplanTarget target);

  /** Moves both legs of a call at once (e.g. both parties into a new place). */
  Future<Void> redirectBoth(ChannelId first, DialplanTarget firstTarget, ChannelId second, DialplanTarget secondTarget);

  Future<Void> hangUp(ChannelId channel, HangupCause cause);

  /** Connects two channels that are up (the waiting caller and the operator who answered). */
  Future<Void> bridge(ChannelId first, ChannelId second);

  /** Starts recording the whole conversation of the channel's call into {@code fileName} (MixMonitor). */
  Future<Void> startRecording(ChannelId channel, String fileName);

  Future<Void> stopRecording(ChannelId channel);

  /** Pause ({@code true}) or resume a running recording, e.g. while a card number is spoken. */
  Future<Void> muteRecording(ChannelId channel, boolean muted);

  /** Rings the supervisor's softphone and, when answered, joins {@code target}'s call in the given mode. */
  Future<OriginateResult> spy(Endpoint supervisor, ChannelId target, SpyMode mode);

  Future<Void> setVariable(ChannelId channel, String name, String value);

  Future<Optional<String>> getVariable(ChannelId channel, String name);

  /** Live channels as the PBX reports them now. */
  Future<List<Channel>> activeChannels();

  /**
   * Registers a listener for PBX events; it is called on the Vert.x context that subscribed, in PBX order for each
   * call. Returns a handle that unsubscribes.
   */
  AutoCloseable subscribe(Consumer<PbxEvent> listener);

  PbxStatus status();
}
