/** Reads the desktop's configuration files: call scripts (YAML in config/scripts) and knowledge-base Markdown (config/kb). */
package org.gridcare.desktop.files;
