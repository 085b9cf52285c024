/** Text to speech by an external program (e.g. espeak-ng) for languages the built-in engine lacks. */
package org.gridcare.ivr.command;
