/**
 * Reads ivr.yaml (Jackson YAML, the configuration's mapper) into the menu model: one node class per kind, built by
 * one factory that checks each node first; every problem names the file, the node id and the field.
 */
package org.gridcare.ivr.yaml;
