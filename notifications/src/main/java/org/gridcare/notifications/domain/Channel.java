package org.gridcare.notifications.domain;

/** How a recipient is reached: SMS to a mobile, an automated voice call to any other number. */
public enum Channel { SMS, VOICE }
