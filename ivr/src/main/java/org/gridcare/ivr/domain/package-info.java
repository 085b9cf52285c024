/**
 * The IVR menu as data: node kinds, their validation, input rules, prompt templates and the plausibility policy for
 * meter readings. Pure: imports java.* and the platform domain only.
 */
package org.gridcare.ivr.domain;
