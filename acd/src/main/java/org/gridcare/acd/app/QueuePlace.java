package org.gridcare.acd.app;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a waiting caller stands, for the wait script's announcements: {@code position} 0 is next; the estimated
 * wait is empty when nobody staffs the line; {@code callbackOffered} once the caller waited callback-offer-after.
 */
public record QueuePlace(int position, Optional<Duration> estimatedWait, boolean callbackOffered) {}
