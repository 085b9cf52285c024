/** The ACD's live state in Redis ({@code acd:} keys), changed atomically by Lua scripts. Lettuce only. */
package org.gridcare.acd.redis;
